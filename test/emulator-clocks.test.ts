/**
 * The three clock modes: real timers at a time scale, a step per poll, and instant operations.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { clientsFor, linuxVm, SUBSCRIPTION } from './emulator/clients.js';

const API = 'api-version=2024-07-01';
let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

async function createRawVm(server: Emulator, name = 'vm1'): Promise<string> {
  const group = `${server.url}/subscriptions/${SUBSCRIPTION}/resourcegroups/rg?${API}`;
  await fetch(group, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ location: 'westeurope' }) });
  const body = { location: 'westeurope', properties: { osProfile: { computerName: name, adminUsername: 'a' } } };
  const response = await fetch(`${server.url}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}?${API}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  expect(((await response.json()) as { properties: { provisioningState: string } }).properties.provisioningState).toBe('Creating');
  return response.headers.get('azure-asyncoperation')!;
}

async function statusOf(url: string): Promise<string> {
  return ((await (await fetch(url)).json()) as { status: string }).status;
}

describe('the step clock', () => {
  it('answers each poll with the operation as it is, then moves the VM a step: allocating, starting, OS provisioning, extensions, done', async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    const operation = await createRawVm(emulator);
    const seen: string[] = [];
    for (let poll = 0; poll < 10; poll++) {
      const vm = emulator.vms()[0];
      const status = await statusOf(operation);
      seen.push(`${vm?.power}/${vm?.osProvisioning ?? vm?.provisioning}:${status}`);
      if (status !== 'InProgress') break;
    }
    expect(seen).toEqual([
      'creating/creating:InProgress',
      'starting/creating:InProgress',
      'running/osProvisioningInProgress:InProgress',
      'running/osProvisioningComplete:InProgress',
      'running/succeeded:Succeeded',
    ]);
  });

  it('answers each read of the VM with its state, then moves it a step, so code that waits on the power state sees every step and never hangs', async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    const operation = await createRawVm(emulator);
    while ((await statusOf(operation)) === 'InProgress');
    const vm = `${emulator.url}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`;
    expect((await fetch(`${vm}/deallocate?${API}`, { method: 'POST' })).status).toBe(202);
    const power = async () => ((await (await fetch(`${vm}/instanceView?${API}`)).json()) as { statuses: { code: string }[] }).statuses.map((s) => s.code).join(' ');
    expect(await power()).toBe('ProvisioningState/updating PowerState/deallocating');
    expect(await power()).toBe('ProvisioningState/succeeded PowerState/deallocated');
    expect(await power()).toBe('ProvisioningState/succeeded PowerState/deallocated');

    expect((await fetch(`${vm}/start?${API}`, { method: 'POST' })).status).toBe(202);
    const provisioning = async () => ((await (await fetch(`${vm}?${API}`)).json()) as { properties: { provisioningState: string } }).properties.provisioningState;
    expect(await provisioning()).toBe('Updating');
    expect(await provisioning()).toBe('Succeeded');
  });

  it('moves each VM a list shows with an operation in progress, after answering', async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    await createRawVm(emulator, 'vm1');
    await createRawVm(emulator, 'vm2');
    const list = async () => ((await (await fetch(`${emulator!.url}/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Compute/virtualMachines?statusOnly=true&${API}`)).json()) as { value: { properties: { instanceView: { statuses: { code: string }[] } } }[] }).value.map((vm) => vm.properties.instanceView.statuses.map((s) => s.code).join(' '));
    expect(await list()).toEqual(['ProvisioningState/creating', 'ProvisioningState/creating']);
    expect(await list()).toEqual(['ProvisioningState/creating PowerState/starting', 'ProvisioningState/creating PowerState/starting']);
  });

  it('never moves a VM while nobody reads it', async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    await createRawVm(emulator);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emulator.vms()[0]).toMatchObject({ power: 'creating', provisioning: 'creating' });
  });
});

describe('the instant clock', () => {
  it('answers the create with Creating and finishes it before the first poll', async () => {
    emulator = await createEmulator({ port: 0, clock: 'instant' });
    const operation = await createRawVm(emulator);
    expect(await statusOf(operation)).toBe('Succeeded');
    expect(emulator.vms()[0]).toMatchObject({ power: 'running', provisioning: 'succeeded' });
  });
});

describe('the real clock', () => {
  it('runs Azure\'s durations times the time scale, polled by the SDK', async () => {
    emulator = await createEmulator({ port: 0, clock: 'real', timeScale: 0.001 });
    const { compute, resources } = clientsFor(emulator);
    await resources.resourceGroups.createOrUpdate('rg', { location: 'westeurope' });
    const started = performance.now();
    const vm = await compute.virtualMachines.createOrUpdate('rg', 'vm1', linuxVm(), { updateIntervalInMs: 10 });
    const took = performance.now() - started;
    expect(vm.provisioningState).toBe('Succeeded');
    // allocating 20 s + starting 30 s + OS provisioning 60 s + extensions 5 s, at 1/1000.
    expect(took).toBeGreaterThanOrEqual(115);
  });

  it('can be moved forward by the control API: a step due in 15 minutes happens now', async () => {
    emulator = await createEmulator({ port: 0, clock: 'real', timeScale: 1 });
    await createRawVm(emulator);
    expect(emulator.vms()[0]?.power).toBe('creating');
    const after = emulator.advance(20 * 60_000);
    expect(after[0]).toMatchObject({ power: 'running', provisioning: 'succeeded' });
  });
});
