/**
 * Bad requests get ARM's envelope with the code and the property at fault, never a crash:
 * malformed JSON, wrong types, invalid VM input, oversized bodies, unknown routes, a missing
 * api-version. And the control API's HTTP faults drive the SDK's retry code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { ComputeManagementClient } from '@azure/arm-compute';
import { bearerTokenAuthenticationPolicyName } from '@azure/core-rest-pipeline';
import { credential, SUBSCRIPTION } from './emulator/clients.js';

const API = 'api-version=2026-03-01';
let emulator: Emulator;
let base: string;

beforeAll(async () => {
  emulator = await createEmulator({ port: 0, clock: 'instant' });
  base = `${emulator.url}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg`;
  await fetch(`${base}?${API}`, { method: 'PUT', body: JSON.stringify({ location: 'westeurope' }) });
});
afterAll(() => emulator?.close());

async function send(method: string, path: string, body?: string | object): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(`${base}${path}`, { method, body: typeof body === 'object' ? JSON.stringify(body) : body, headers: { 'content-type': 'application/json' } });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const vmPath = (name: string, suffix = '') => `/providers/Microsoft.Compute/virtualMachines/${name}${suffix}?${API}`;

describe('ARM\'s envelope for bad requests', () => {
  it('answers 400 MissingApiVersionParameter without an api-version', async () => {
    const { status, json } = await send('GET', '/providers/Microsoft.Compute/virtualMachines/vm1');
    expect(status).toBe(400);
    expect(json).toEqual({ error: { code: 'MissingApiVersionParameter', message: 'The api-version query parameter (?api-version=) is required for all requests.' } });
  });

  it('answers 400 InvalidRequestContent for malformed JSON, saying where it broke', async () => {
    const { status, json } = await send('PUT', vmPath('vm1'), '{"location": "westeurope",');
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: 'InvalidRequestContent' } });
    expect((json as { error: { message: string } }).error.message).toMatch(/JSON/);
  });

  it('answers 400 LocationRequired with its target when the location is missing', async () => {
    expect(await send('PUT', vmPath('vm1'), {})).toMatchObject({ status: 400, json: { error: { code: 'LocationRequired', target: 'location' } } });
  });

  it('answers 400 with the property at fault for a wrong type', async () => {
    const { status, json } = await send('PUT', vmPath('vm1'), { location: 'westeurope', properties: { priority: 7 } });
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: 'InvalidParameter', target: 'properties.priority' } });
    const nested = await send('PUT', vmPath('vm1'), { location: 'westeurope', properties: { storageProfile: 'disk' } });
    expect(nested).toMatchObject({ status: 400, json: { error: { code: 'InvalidRequestContent', target: 'properties.storageProfile' } } });
  });

  it('answers 400 InvalidResourceName for a name Azure does not accept, and creates nothing', async () => {
    const { status, json } = await send('PUT', vmPath('bad_name!'), { location: 'westeurope' });
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: 'InvalidResourceName', target: 'name' } });
    expect(emulator.vms()).toEqual([]);
  });

  it('answers 400 InvalidParameter for a Spot VM with hibernation, before any VM exists', async () => {
    const body = { location: 'westeurope', properties: { priority: 'Spot', additionalCapabilities: { hibernationEnabled: true } } };
    const { status, json } = await send('PUT', vmPath('spot1'), body);
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: 'InvalidParameter', target: 'properties.additionalCapabilities.hibernationEnabled' } });
    expect((json as { error: { message: string } }).error.message).toContain("Hibernation capability isn't supported for Spot VMs");
    expect(emulator.health().status).toBe('ok');
  });

  it('answers 413 for a body over 1 MB', async () => {
    const { status, json } = await send('PUT', vmPath('vm1'), JSON.stringify({ location: 'westeurope', tags: { big: 'x'.repeat(1024 * 1024) } }));
    expect(status).toBe(413);
    expect(json).toMatchObject({ error: { code: 'RequestEntityTooLarge' } });
  });

  it('answers 404 for an unknown route and 405 for a known one with the wrong method', async () => {
    expect(await send('GET', `/providers/Microsoft.Compute/virtualMachines/vm1/nonsense?${API}`)).toMatchObject({ status: 404, json: { error: { code: 'NotFound' } } });
    const wrong = await send('GET', vmPath('vm1', '/start'));
    expect(wrong).toMatchObject({ status: 405, json: { error: { code: 'MethodNotAllowed' } } });
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('answers 400 InvalidParameter for a query flag that is not true or false', async () => {
    await send('PUT', vmPath('vm2'), { location: 'westeurope' });
    expect(await send('POST', `/providers/Microsoft.Compute/virtualMachines/vm2/deallocate?hibernate=yes&${API}`)).toMatchObject({
      status: 400,
      json: { error: { code: 'InvalidParameter', target: 'hibernate' } },
    });
  });

  it('matches paths without case and echoes the api-version into the operation URLs', async () => {
    const response = await fetch(`${emulator.url}/SUBSCRIPTIONS/${SUBSCRIPTION}/RESOURCEGROUPS/rg/PROVIDERS/microsoft.compute/VIRTUALMACHINES/vm2/powerOff?api-version=2099-01-01`, { method: 'POST' });
    expect(response.status).toBe(202);
    expect(response.headers.get('azure-asyncoperation')).toContain('api-version=2099-01-01');
    expect(response.headers.get('location')).toContain('monitor=true');
  });
});

describe('the control API', () => {
  it('answers the next requests with 503 and Retry-After, which the SDK retries past', async () => {
    const compute = new ComputeManagementClient(credential(), SUBSCRIPTION, {
      endpoint: emulator.url,
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 3, retryDelayInMs: 1 },
    });
    compute.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
    emulator.failNext({ count: 2, status: 503, retryAfter: 0 });
    const vm = await compute.virtualMachines.get('rg', 'vm2');
    expect(vm.name).toBe('vm2');
    expect(emulator.health().httpFaults).toBe(0);
  });

  it('arms faults, lists VMs with their states, and resets everything over HTTP', async () => {
    const id = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm2`;
    const armed = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ resourceId: id, code: 'VMStartTimedOut' }) });
    expect(await armed.json()).toMatchObject({ id, faults: ['VMStartTimedOut'] });
    const unknown = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ resourceId: id, code: 'Nope' }) });
    expect(unknown.status).toBe(400);
    const listed = (await (await fetch(`${emulator.url}/_emulator/vms`)).json()) as { value: { id: string; power: string; billed: boolean }[] };
    expect(listed.value.find((vm) => vm.id === id)).toMatchObject({ power: 'stopped', provisioning: 'succeeded', billed: true });
    expect((await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(emulator.vms()).toEqual([]);
  });
});
