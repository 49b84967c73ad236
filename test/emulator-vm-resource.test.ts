/**
 * The VM resource the real SDK gets back is the package's (`toVirtualMachine`): what the create
 * body set (location, size, tags, Spot's max price) and what Azure adds (vmId, timeCreated, the
 * OS disk); updates change the tags; Spot input Azure refuses gets Azure's code and message.
 */
import type { ComputeManagementClient } from '@azure/arm-compute';
import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { isGuid, SPOT_ERRORS } from 'azure-vm-lifecycle';
import { clientsFor, FAST, linuxVm, SUBSCRIPTION } from './emulator/clients.js';

let emulator: Emulator;
let compute: ComputeManagementClient;

beforeAll(async () => {
  emulator = await createEmulator({ port: 0, clock: 'instant' });
  const clients = clientsFor(emulator);
  compute = clients.compute;
  await clients.resources.resourceGroups.createOrUpdate('rg', { location: 'westeurope' });
});
afterAll(() => emulator?.close());

describe('the VM resource over the SDK', () => {
  it('carries the create body\'s location, size and tags, and Azure\'s vmId, timeCreated and OS disk', async () => {
    const created = await compute.virtualMachines.createOrUpdate('rg', 'sized', linuxVm({ hardwareProfile: { vmSize: 'Standard_E4s_v5' }, tags: { team: 'web' } }), FAST);
    const vm = await compute.virtualMachines.get('rg', 'sized');
    expect(vm).toMatchObject({ location: 'westeurope', tags: { team: 'web' }, hardwareProfile: { vmSize: 'Standard_E4s_v5' }, provisioningState: 'Succeeded' });
    expect(isGuid(vm.vmId ?? '')).toBe(true);
    expect(vm.vmId).toBe(created.vmId);
    expect(vm.timeCreated).toBeInstanceOf(Date);
    expect(vm.storageProfile?.osDisk).toMatchObject({ osType: 'Linux', createOption: 'FromImage' });
    const other = await compute.virtualMachines.createOrUpdate('rg', 'other', linuxVm(), FAST);
    expect(other.vmId).not.toBe(vm.vmId);
    expect(other.tags).toBeUndefined();
  });

  it('replaces the tags on update (PATCH) and keeps them across reads', async () => {
    await compute.virtualMachines.createOrUpdate('rg', 'tagged', linuxVm({ tags: { env: 'test' } }), FAST);
    const updated = await compute.virtualMachines.update('rg', 'tagged', { tags: { env: 'prod', owner: 'ops' } }, FAST);
    expect(updated.tags).toEqual({ env: 'prod', owner: 'ops' });
    expect((await compute.virtualMachines.get('rg', 'tagged')).tags).toEqual({ env: 'prod', owner: 'ops' });
    const list = [];
    for await (const vm of compute.virtualMachines.list('rg')) list.push(vm);
    expect(list.find((vm) => vm.name === 'tagged')?.tags).toEqual({ env: 'prod', owner: 'ops' });
  });

  // Resize a VM (learn.microsoft.com/azure/virtual-machines/sizes/resize-vm): an update with a new
  // hardwareProfile.vmSize; the VM resource then names the new size.
  it('resizes a VM: a PATCH or a PUT with another vmSize changes hardwareProfile.vmSize for later reads', async () => {
    await compute.virtualMachines.createOrUpdate('rg', 'grower', linuxVm({ hardwareProfile: { vmSize: 'Standard_D2s_v5' } }), FAST);
    const patched = await compute.virtualMachines.update('rg', 'grower', { hardwareProfile: { vmSize: 'Standard_D4s_v5' } }, FAST);
    expect(patched.hardwareProfile?.vmSize).toBe('Standard_D4s_v5');
    expect((await compute.virtualMachines.get('rg', 'grower')).hardwareProfile?.vmSize).toBe('Standard_D4s_v5');
    const put = await compute.virtualMachines.createOrUpdate('rg', 'grower', linuxVm({ hardwareProfile: { vmSize: 'Standard_E8s_v5' } }), FAST);
    expect(put.hardwareProfile?.vmSize).toBe('Standard_E8s_v5');
    const list = [];
    for await (const vm of compute.virtualMachines.list('rg')) list.push(vm);
    expect(list.find((vm) => vm.name === 'grower')?.hardwareProfile?.vmSize).toBe('Standard_E8s_v5');
  });

  it('keeps the size when a resize is refused or names a size Azure would not name', async () => {
    await compute.virtualMachines.createOrUpdate('rg', 'napper', linuxVm({ hardwareProfile: { vmSize: 'Standard_D2s_v5' }, additionalCapabilities: { hibernationEnabled: true } }), FAST);
    const odd = await compute.virtualMachines.update('rg', 'napper', { hardwareProfile: { vmSize: 'huge' } }, FAST).catch((e: unknown) => e);
    expect(odd).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    await compute.virtualMachines.deallocate('rg', 'napper', { hibernate: true, ...FAST });
    const refused = await compute.virtualMachines.update('rg', 'napper', { hardwareProfile: { vmSize: 'Standard_D8s_v5' } }, FAST).catch((e: unknown) => e);
    expect(refused).toMatchObject({ statusCode: 409 });
    expect((await compute.virtualMachines.get('rg', 'napper')).hardwareProfile?.vmSize).toBe('Standard_D2s_v5');
  });

  // Hibernation overview, General limitations: no resize, no disk or NIC change while hibernated.
  it('refuses to resize a hibernated VM (PATCH with hardwareProfile) with a 409, and takes a tags-only PATCH', async () => {
    await compute.virtualMachines.createOrUpdate('rg', 'sleeper', linuxVm({ additionalCapabilities: { hibernationEnabled: true } }), FAST);
    await compute.virtualMachines.deallocate('rg', 'sleeper', { hibernate: true, ...FAST });
    const resize = await compute.virtualMachines.update('rg', 'sleeper', { hardwareProfile: { vmSize: 'Standard_D4s_v5' } }, FAST).catch((e: unknown) => e);
    expect(resize).toBeInstanceOf(RestError);
    expect(resize).toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
    expect((resize as RestError).message).toContain("Operation 'update' is not allowed on VM 'sleeper' since the VM is hibernated.");
    const tagged = await compute.virtualMachines.update('rg', 'sleeper', { tags: { parked: 'yes' } }, FAST);
    expect(tagged.tags).toEqual({ parked: 'yes' });
  });

  it('shows a Spot VM\'s priority, eviction policy and max price', async () => {
    await compute.virtualMachines.createOrUpdate('rg', 'spot', linuxVm({ priority: 'Spot', evictionPolicy: 'Delete', billingProfile: { maxPrice: 0.05 } }), FAST);
    expect(await compute.virtualMachines.get('rg', 'spot')).toMatchObject({ priority: 'Spot', evictionPolicy: 'Delete', billingProfile: { maxPrice: 0.05 } });
  });

  it('refuses Spot settings on a Regular VM and an invalid max price with Azure\'s codes and messages', async () => {
    const policy = await compute.virtualMachines.createOrUpdate('rg', 'regular', linuxVm({ evictionPolicy: 'Deallocate' }), FAST).catch((e: unknown) => e);
    expect(policy).toBeInstanceOf(RestError);
    expect(policy).toMatchObject({ statusCode: 400, ...SPOT_ERRORS.EvictionPolicyCanBeSetOnlyOnAzureSpotVirtualMachines });
    const price = await compute.virtualMachines.createOrUpdate('rg', 'cheap', linuxVm({ priority: 'Spot', billingProfile: { maxPrice: 0 } }), FAST).catch((e: unknown) => e);
    expect(price).toMatchObject({ statusCode: 400, ...SPOT_ERRORS.MaxPriceValueInvalid });
    expect(emulator.vms().map((vm) => vm.name)).not.toContain('cheap');
  });

  it('refuses a VM size Azure would not name, pointing at hardwareProfile.vmSize', async () => {
    const error = await compute.virtualMachines.createOrUpdate('rg', 'odd', linuxVm({ hardwareProfile: { vmSize: 'huge' } }), FAST).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect((error as RestError).message).toContain("'vmSize'");
    const raw = await fetch(`${emulator.url}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/odd?api-version=2026-03-01`, {
      method: 'PUT',
      body: JSON.stringify({ location: 'westeurope', properties: { hardwareProfile: { vmSize: 'huge' } } }),
    });
    expect(await raw.json()).toMatchObject({ error: { code: 'InvalidParameter', target: 'properties.hardwareProfile.vmSize' } });
  });
});
