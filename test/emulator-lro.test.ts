/**
 * ARM's long-running-operation contract, answer by answer, as Microsoft documents it:
 * - `Azure/azure-rest-api-specs` `specification/compute/resource-manager/Microsoft.Compute/
 *   ComputeRP/stable/2025-04-01/virtualMachine.json`: PUT answers 200 or 201, PATCH 200, DELETE
 *   200, 202 or 204, the actions 200 or 202, `simulateEviction` 204;
 * - ARM's asynchronous-operations guide (`MicrosoftDocs/azure-docs` `articles/azure-resource-manager/
 *   management/async-operations.md`) and the resource-provider contract (`azure-resource-manager-rpc`
 *   `v1.0/async-api-reference.md`): `Azure-AsyncOperation` answers 200 with the status, `error`
 *   when Failed or Canceled; `Location` answers 202 while in progress, then what the operation
 *   would have answered synchronously.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { SUBSCRIPTION } from './emulator/clients.js';

const API = 'api-version=2026-03-01';
const GROUP = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg`;
const vmPath = (name: string, suffix = '') => `${GROUP}/providers/Microsoft.Compute/virtualMachines/${name}${suffix}`;
const vmId = (name: string) => vmPath(name);

async function call(emulator: Emulator, method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; json: unknown }> {
  const url = path.startsWith('http') ? path : `${emulator.url}${path}${path.includes('?') ? '&' : '?'}${API}`;
  const response = await fetch(url, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/** Polls an operation's `Azure-AsyncOperation` URL until it ends; its final body. */
async function settle(url: string): Promise<{ status: string; error?: { code: string; message: string } }> {
  for (let i = 0; i < 50; i++) {
    const body = (await (await fetch(url)).json()) as { status: string; error?: { code: string; message: string } };
    if (body.status !== 'InProgress') return body;
  }
  throw new Error(`${url} never ended`);
}

async function createVm(emulator: Emulator, name: string): Promise<void> {
  const created = await call(emulator, 'PUT', vmPath(name), { location: 'westeurope' });
  expect(created.status).toBe(201);
  await settle(created.headers.get('azure-asyncoperation')!);
}

describe('the answers of a long-running operation', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    await call(emulator, 'PUT', GROUP, { location: 'westeurope' });
  });
  afterAll(() => emulator?.close());

  it('creates with 201 and Azure-AsyncOperation only; a second PUT updates with 200, as does PATCH', async () => {
    const created = await call(emulator, 'PUT', vmPath('put-1'), { location: 'westeurope', tags: { env: 'test' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('azure-asyncoperation')).toMatch(/\/providers\/Microsoft\.Compute\/locations\/westeurope\/operations\/[0-9a-f-]{36}\?api-version=2026-03-01$/);
    expect(created.headers.get('location')).toBeNull();
    await settle(created.headers.get('azure-asyncoperation')!);
    const updated = await call(emulator, 'PUT', vmPath('put-1'), { location: 'westeurope', tags: { env: 'prod' } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ tags: { env: 'prod' }, properties: { provisioningState: 'Updating' } });
    expect(updated.headers.get('azure-asyncoperation')).not.toBe(created.headers.get('azure-asyncoperation'));
    await settle(updated.headers.get('azure-asyncoperation')!);
    const patched = await call(emulator, 'PATCH', vmPath('put-1'), { tags: { env: 'dev' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ tags: { env: 'dev' } });
  });

  it('accepts an action with 202, an empty body, Azure-AsyncOperation and Location (monitor=true)', async () => {
    await createVm(emulator, 'act-1');
    const accepted = await call(emulator, 'POST', vmPath('act-1', '/powerOff'));
    expect(accepted.status).toBe(202);
    expect(accepted.json).toBeUndefined();
    const operation = accepted.headers.get('azure-asyncoperation')!;
    expect(accepted.headers.get('location')).toBe(`${operation}&monitor=true`);
  });

  it('answers Location with 202 and itself while in progress, then 200 without a body', async () => {
    await createVm(emulator, 'mon-1');
    const accepted = await call(emulator, 'POST', vmPath('mon-1', '/deallocate'));
    const monitor = accepted.headers.get('location')!;
    const first = await call(emulator, 'GET', monitor);
    expect(first.status).toBe(202);
    expect(first.headers.get('location')).toBe(monitor);
    let last = first;
    for (let i = 0; i < 10 && last.status === 202; i++) last = await call(emulator, 'GET', monitor);
    expect(last).toMatchObject({ status: 200, json: undefined });
  });

  it('answers Location of a failed operation with its error: 409 for AllocationFailed, 500 for InternalOperationError', async () => {
    await createVm(emulator, 'fail-1');
    await settle((await call(emulator, 'POST', vmPath('fail-1', '/deallocate'))).headers.get('azure-asyncoperation')!);
    emulator.armFault(vmId('fail-1'), 'AllocationFailed');
    const start = await call(emulator, 'POST', vmPath('fail-1', '/start'));
    const status = await settle(start.headers.get('azure-asyncoperation')!);
    expect(status).toMatchObject({ status: 'Failed', error: { code: 'AllocationFailed' } });
    const monitor = await call(emulator, 'GET', start.headers.get('location')!);
    expect(monitor).toMatchObject({ status: 409, json: { error: status.error } });

    emulator.armFault(vmId('fail-1'), 'InternalOperationError');
    const again = await call(emulator, 'POST', vmPath('fail-1', '/start'));
    await settle(again.headers.get('azure-asyncoperation')!);
    const internal = await call(emulator, 'GET', again.headers.get('location')!);
    expect(internal).toMatchObject({ status: 500, json: { error: { code: 'InternalOperationError', message: 'Operation abandoned due to internal error. Please try again later.' } } });
  });

  it('answers Location of a canceled operation with 409 and the error it was canceled with', async () => {
    await createVm(emulator, 'cancel-1');
    const start = await call(emulator, 'POST', vmPath('cancel-1', '/restart'));
    const deallocate = await call(emulator, 'POST', vmPath('cancel-1', '/deallocate'));
    expect(deallocate.status).toBe(202);
    const status = await settle(start.headers.get('azure-asyncoperation')!);
    expect(status).toMatchObject({ status: 'Canceled', error: { code: 'OperationPreempted' } });
    expect(await call(emulator, 'GET', start.headers.get('location')!)).toMatchObject({ status: 409, json: { error: status.error } });
  });

  it('deletes with 202, both headers and Azure-AsyncNotification; deleting a missing VM is 204 with none', async () => {
    await createVm(emulator, 'del-1');
    const deleted = await call(emulator, 'DELETE', vmPath('del-1'));
    expect(deleted.status).toBe(202);
    expect(deleted.headers.get('azure-asyncoperation')).toBeTruthy();
    expect(deleted.headers.get('location')).toContain('monitor=true');
    expect(deleted.headers.get('azure-asyncnotification')).toBe('Enabled');
    await settle(deleted.headers.get('azure-asyncoperation')!);
    const missing = await call(emulator, 'DELETE', vmPath('del-1'));
    expect(missing).toMatchObject({ status: 204, json: undefined });
    expect(missing.headers.get('azure-asyncoperation')).toBeNull();
    expect(missing.headers.get('location')).toBeNull();
  });

  it('sends no Retry-After anywhere, so a client polls at its own interval', async () => {
    await createVm(emulator, 'retry-1');
    const accepted = await call(emulator, 'POST', vmPath('retry-1', '/restart'));
    const poll = await call(emulator, 'GET', accepted.headers.get('azure-asyncoperation')!);
    const monitor = await call(emulator, 'GET', accepted.headers.get('location')!);
    for (const answer of [accepted, poll, monitor]) expect(answer.headers.get('retry-after')).toBeNull();
  });
});

describe('--retry-after', () => {
  it('sends Retry-After on accepted operations and on polls of unfinished ones, not once they end', async () => {
    const emulator = await createEmulator({ port: 0, clock: 'step', retryAfter: 7 });
    try {
      await call(emulator, 'PUT', GROUP, { location: 'westeurope' });
      const created = await call(emulator, 'PUT', vmPath('ra-1'), { location: 'westeurope' });
      expect(created.headers.get('retry-after')).toBe('7');
      const poll = await call(emulator, 'GET', created.headers.get('azure-asyncoperation')!);
      expect(poll.json).toMatchObject({ status: 'InProgress' });
      expect(poll.headers.get('retry-after')).toBe('7');
      await settle(created.headers.get('azure-asyncoperation')!);
      const done = await call(emulator, 'GET', created.headers.get('azure-asyncoperation')!);
      expect(done.json).toMatchObject({ status: 'Succeeded' });
      expect(done.headers.get('retry-after')).toBeNull();
    } finally {
      await emulator.close();
    }
  });

  it('refuses what is not whole seconds from 0 to 600, naming the option', async () => {
    await expect(createEmulator({ port: 0, retryAfter: -1 })).rejects.toThrow('Invalid option --retry-after: expected whole seconds from 0 to 600, got number -1.');
    await expect(createEmulator({ port: 0, retryAfter: 1.5 })).rejects.toThrow(/--retry-after/);
  });
});
