/**
 * The VM resource as Azure returns it, against the Compute REST examples of
 * Azure/azure-rest-api-specs (2024-11-01): `VirtualMachine_Get.json` (a plain GET: key order,
 * `vmId`, `hardwareProfile`, `storageProfile.osDisk`, `timeCreated`, `tags`) and
 * `VirtualMachine_Create_WithHibernationEnabled.json` (`additionalCapabilities` only when set).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatAzureTime } from 'azure-vm-lifecycle';
import { toInstanceView, toVirtualMachine } from 'azure-vm-lifecycle/json';
import { fromInstanceView } from 'azure-vm-lifecycle/parse';
import { runningVm } from './utils.js';

type Resource = Record<string, unknown> & { properties: Record<string, unknown> };
const example = (file: string, status = '200'): Resource =>
  (JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/azure/rest/${file}`, import.meta.url)), 'utf8')) as { responses: Record<string, { body: Resource }> })
    .responses[status]!.body;

describe('toVirtualMachine', () => {
  it('returns what a GET returns for what the model knows, with the inputs and defaults', () => {
    const vm = runningVm({
      name: 'web-1',
      resourceGroup: 'rg-1',
      startTime: '2025-03-01T08:00:00.000Z',
      vmId: '0f47b100-583c-48e3-a4c0-aefc2c9bbcc1',
      location: 'westeurope',
      vmSize: 'Standard_D4s_v5',
      tags: { env: 'test' },
    });
    expect(toVirtualMachine(vm.snapshot(), { instanceView: false })).toEqual({
      name: 'web-1',
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-1/providers/Microsoft.Compute/virtualMachines/web-1',
      type: 'Microsoft.Compute/virtualMachines',
      location: 'westeurope',
      tags: { env: 'test' },
      properties: {
        vmId: '0f47b100-583c-48e3-a4c0-aefc2c9bbcc1',
        hardwareProfile: { vmSize: 'Standard_D4s_v5' },
        storageProfile: { osDisk: { osType: 'Linux', name: 'web-1_OsDisk_1_0f47b100583c48e3a4c0aefc2c9bbcc1', createOption: 'FromImage' } },
        provisioningState: 'Succeeded',
        timeCreated: '2025-03-01T08:00:00.0000000+00:00',
      },
    });
  });

  it('orders keys as the REST example of a GET does', () => {
    const get = example('VirtualMachine_Get.json');
    const vm = toVirtualMachine(runningVm({ tags: { a: 'b' } }).snapshot(), { instanceView: false });
    expect(Object.keys(vm)).toEqual(Object.keys(get).filter((key) => key in vm));
    expect(Object.keys(vm.properties)).toEqual(Object.keys(get.properties).filter((key) => key in vm.properties));
    const osDisk = (get.properties['storageProfile'] as { osDisk: object }).osDisk;
    expect(Object.keys(vm.properties.storageProfile.osDisk)).toEqual(Object.keys(osDisk).filter((key) => key in vm.properties.storageProfile.osDisk));
  });

  it('writes timeCreated as the example does, with 7 fractional digits and +00:00', () => {
    expect(example('VirtualMachine_Get.json').properties['timeCreated']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
    expect(toVirtualMachine(runningVm().snapshot()).properties.timeCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
  });

  it('leaves out tags, priority, evictionPolicy, billingProfile and additionalCapabilities when they are not set, as the GET example does', () => {
    const { properties, ...resource } = toVirtualMachine(runningVm().snapshot());
    expect(resource).not.toHaveProperty('tags');
    for (const key of ['priority', 'evictionPolicy', 'billingProfile', 'additionalCapabilities']) expect(properties).not.toHaveProperty(key);
  });

  it('shows additionalCapabilities.hibernationEnabled when hibernation is enabled, as the create example does', () => {
    const created = example('VirtualMachine_Create_WithHibernationEnabled.json', '201');
    expect(toVirtualMachine(runningVm({ hibernationEnabled: true }).snapshot()).properties.additionalCapabilities).toEqual(
      created.properties['additionalCapabilities'],
    );
  });

  it('shows priority, evictionPolicy and billingProfile.maxPrice for a Spot VM', () => {
    const { properties } = toVirtualMachine(runningVm({ priority: 'Spot', evictionPolicy: 'Delete', maxPrice: 0.05 }).snapshot());
    expect(properties).toMatchObject({ priority: 'Spot', evictionPolicy: 'Delete', billingProfile: { maxPrice: 0.05 } });
  });

  it('carries the instance view with $expand=instanceView, by default', () => {
    const vm = runningVm();
    expect(toVirtualMachine(vm.snapshot()).properties.instanceView).toEqual(toInstanceView(vm.snapshot()));
  });

  it('still takes the subscription id as its second argument', () => {
    const id = '11111111-2222-3333-4444-555555555555';
    expect(toVirtualMachine(runningVm().snapshot(), id).id).toMatch(new RegExp(`^/subscriptions/${id}/`));
  });

  it('is read back by the parser, with and without its instance view', () => {
    const vm = runningVm();
    expect(fromInstanceView(toVirtualMachine(vm.snapshot()))).toMatchObject({ power: 'running', provisioning: 'succeeded' });
    expect(fromInstanceView(toVirtualMachine(vm.snapshot(), { instanceView: false }))).toEqual({ power: 'unknown', provisioning: 'succeeded', hibernated: false });
  });
});

describe('formatAzureTime', () => {
  it.each([
    [Date.UTC(2025, 2, 1, 8, 1, 55, 120), 7, '2025-03-01T08:01:55.1200000+00:00'],
    [Date.UTC(2019, 9, 14, 23, 11, 22, 999), 0, '2019-10-14T23:11:22+00:00'],
  ] as const)('writes %d with %d fractional digits as %s', (ms, precision, text) => {
    expect(formatAzureTime(ms, precision)).toBe(text);
  });
});
