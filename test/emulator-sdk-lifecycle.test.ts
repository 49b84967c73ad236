/**
 * The real `@azure/arm-compute` and `@azure/arm-resources` clients drive a whole VM lifecycle
 * against the emulator, over HTTP and over HTTPS, with Azure's answers at every step.
 */
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { ResourceManagementClient } from '@azure/arm-resources';
import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { clientsFor, FAST, linuxVm, SUBSCRIPTION } from './emulator/clients.js';

const RG = 'lifecycle-rg';
const VM = 'web-1';
const vmId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/${VM}`;

async function codes(compute: ComputeManagementClient, name = VM): Promise<string[]> {
  const view = await compute.virtualMachines.instanceView(RG, name);
  return (view.statuses ?? []).map((status) => status.code ?? '');
}

describe.each([
  { transport: 'HTTP', https: false },
  { transport: 'HTTPS', https: true },
])('the real SDK over $transport', ({ https }) => {
  let emulator: Emulator;
  let compute: ComputeManagementClient;
  let resources: ResourceManagementClient;

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0, clock: 'step', https, pageSize: 2 });
    ({ compute, resources } = clientsFor(emulator));
  });
  afterAll(() => emulator?.close());

  it('listens on the scheme asked for, and with HTTPS hands out the CA that signed it', () => {
    expect(emulator.url).toMatch(https ? /^https:\/\/127\.0\.0\.1:\d+$/ : /^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.ca === undefined).toBe(!https);
    if (https) expect(emulator.ca).toContain('BEGIN CERTIFICATE');
  });

  it('answers 404 ResourceGroupNotFound for a VM in a group that does not exist', async () => {
    const error = await compute.virtualMachines.createOrUpdate('no-such-rg', VM, linuxVm(), FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound', message: "Resource group 'no-such-rg' could not be found." });
  });

  it('creates a resource group, then a VM from a generalized image that ends running and succeeded', async () => {
    const group = await resources.resourceGroups.createOrUpdate(RG, { location: 'westeurope' });
    expect(group).toMatchObject({ name: RG, location: 'westeurope', properties: { provisioningState: 'Succeeded' } });
    expect((await resources.resourceGroups.checkExistence(RG)).body).toBe(true);
    const vm = await compute.virtualMachines.createOrUpdate(RG, VM, linuxVm({ additionalCapabilities: { hibernationEnabled: true } }), FAST);
    expect(vm).toMatchObject({ id: vmId, name: VM, type: 'Microsoft.Compute/virtualMachines', location: 'westeurope', provisioningState: 'Succeeded' });
    expect(vm.additionalCapabilities?.hibernationEnabled).toBe(true);
  });

  it('gets the VM with its instance view only when expanded, as Azure does', async () => {
    const plain = await compute.virtualMachines.get(RG, VM);
    expect(plain.instanceView).toBeUndefined();
    const expanded = await compute.virtualMachines.get(RG, VM, { expand: 'instanceView' });
    expect(expanded.instanceView?.statuses?.map((s) => [s.code, s.level, s.displayStatus])).toEqual([
      ['ProvisioningState/succeeded', 'Info', 'Provisioning succeeded'],
      ['PowerState/running', 'Info', 'VM running'],
    ]);
    expect(expanded.instanceView?.statuses?.[0]?.time).toBeInstanceOf(Date);
  });

  it('powers off and starts again', async () => {
    await compute.virtualMachines.powerOff(RG, VM, FAST);
    expect(await codes(compute)).toEqual(['ProvisioningState/succeeded', 'PowerState/stopped']);
    await compute.virtualMachines.start(RG, VM, FAST);
    expect(await codes(compute)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
  });

  it('hibernates, and refuses a restart of the hibernated VM with a 409 RestError carrying Azure\'s code and message', async () => {
    await compute.virtualMachines.deallocate(RG, VM, { ...FAST, hibernate: true });
    expect(await codes(compute)).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated', 'HibernationState/Hibernated']);
    const error = await compute.virtualMachines.restart(RG, VM, FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ statusCode: 409, code: 'OperationNotAllowed', message: 'The operation requires the VM to be running (or set to run).' });
  });

  it('resumes from hibernation, restarts and redeploys', async () => {
    await compute.virtualMachines.start(RG, VM, FAST);
    expect(await codes(compute)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    await compute.virtualMachines.restart(RG, VM, FAST);
    await compute.virtualMachines.redeploy(RG, VM, FAST);
    expect(await codes(compute)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
  });

  it('fails the long-running operation of a start with an armed AllocationFailed, and shows it in the instance view', async () => {
    await compute.virtualMachines.deallocate(RG, VM, FAST);
    emulator.armFault(vmId, 'AllocationFailed');
    const error = (await compute.virtualMachines.start(RG, VM, FAST).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('AllocationFailed');
    const view = await compute.virtualMachines.instanceView(RG, VM);
    expect(view.statuses?.[0]).toMatchObject({ code: 'ProvisioningState/failed/AllocationFailed', level: 'Error', displayStatus: 'Provisioning failed' });
    expect((await compute.virtualMachines.get(RG, VM)).provisioningState).toBe('Failed');
    await compute.virtualMachines.start(RG, VM, FAST);
    expect(await codes(compute)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
  });

  it('lists the group\'s VMs across pages (nextLink) and every VM with listAll statusOnly', async () => {
    for (const name of ['web-2', 'web-3']) await compute.virtualMachines.createOrUpdate(RG, name, linuxVm(), FAST);
    let pages = 0;
    const names: string[] = [];
    for await (const pageOfVms of compute.virtualMachines.list(RG).byPage()) {
      pages += 1;
      names.push(...pageOfVms.map((vm) => vm.name ?? ''));
    }
    expect(names).toEqual(['web-1', 'web-2', 'web-3']);
    expect(pages).toBe(2);
    const all = [];
    for await (const vm of compute.virtualMachines.listAll({ statusOnly: 'true' })) all.push(vm);
    expect(all.map((vm) => vm.name)).toEqual(['web-1', 'web-2', 'web-3']);
    expect(all[0]?.instanceView?.statuses?.map((s) => s.code)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
  });

  it('deletes the VM, then answers 404 ResourceNotFound for it and 204 for deleting it again', async () => {
    await compute.virtualMachines.delete(RG, VM, FAST);
    const error = await compute.virtualMachines.get(RG, VM).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
      message: `The Resource 'Microsoft.Compute/virtualMachines/${VM}' under resource group '${RG}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    });
    await expect(compute.virtualMachines.delete(RG, VM, FAST).pollUntilDone()).resolves.toBeUndefined();
  });

  it('deletes the resource group with the VMs still in it', async () => {
    await resources.resourceGroups.beginDeleteAndWait(RG, FAST);
    expect((await resources.resourceGroups.checkExistence(RG)).body).toBe(false);
    expect(emulator.vms()).toEqual([]);
  });
});
