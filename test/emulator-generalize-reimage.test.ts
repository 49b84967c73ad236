/**
 * generalize and reimage through the real SDK: `virtualMachines.generalize` (POST …/generalize,
 * 200 at once) and `beginReimageAndWait` (POST …/reimage, long-running), with Azure's 409 for a
 * generalized VM that is started.
 */
import type { ComputeManagementClient } from '@azure/arm-compute';
import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { clientsFor, FAST, linuxVm } from './emulator/clients.js';

let emulator: Emulator;
let compute: ComputeManagementClient;

beforeAll(async () => {
  emulator = await createEmulator({ port: 0, clock: 'step' });
  const clients = clientsFor(emulator);
  compute = clients.compute;
  await clients.resources.resourceGroups.createOrUpdate('rg', { location: 'westeurope' });
});
afterAll(() => emulator?.close());

const codes = async (name: string) => ((await compute.virtualMachines.instanceView('rg', name)).statuses ?? []).map((s) => s.code ?? '');

describe('generalize and reimage over the SDK', () => {
  it('generalizes a deallocated VM at once, then refuses to start it with Azure\'s 409', async () => {
    await compute.virtualMachines.beginCreateOrUpdateAndWait('rg', 'img', linuxVm(), FAST);
    await compute.virtualMachines.beginDeallocateAndWait('rg', 'img', FAST);
    await compute.virtualMachines.generalize('rg', 'img');
    expect(await codes('img')).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated', 'OSState/generalized']);
    const start = await compute.virtualMachines.beginStartAndWait('rg', 'img', FAST).catch((e: unknown) => e);
    expect(start).toBeInstanceOf(RestError);
    expect(start).toMatchObject({ statusCode: 409, code: 'OperationNotAllowed', message: "Operation 'start' is not allowed on VM 'img' since the VM is generalized." });
  });

  it('refuses to generalize a running VM with 409', async () => {
    await compute.virtualMachines.beginCreateOrUpdateAndWait('rg', 'live', linuxVm(), FAST);
    const refused = await compute.virtualMachines.generalize('rg', 'live').catch((e: unknown) => e);
    expect(refused).toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
    expect((refused as RestError).message).toContain('since the VM is running');
  });

  it('reimages a running VM as a long-running operation that ends running and succeeded', async () => {
    await compute.virtualMachines.beginCreateOrUpdateAndWait('rg', 'fresh', linuxVm(), FAST);
    const seen: string[][] = [];
    const poller = await compute.virtualMachines.beginReimage('rg', 'fresh', FAST);
    while (!poller.isDone()) {
      seen.push(await codes('fresh'));
      await poller.poll();
    }
    expect(seen[0]).toEqual(['ProvisioningState/updating', 'PowerState/stopping']);
    expect(await codes('fresh')).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
  });
});
