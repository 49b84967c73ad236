/**
 * Persistence that loses nothing: an emulator with `--data`, killed with SIGKILL in the middle of
 * operations, comes back with every VM, and each operation in progress — a Spot eviction's
 * notice too — finishes with exactly the time it had left when the emulator died.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const API = 'api-version=2026-03-01';
const SUB = '00000000-0000-0000-0000-0000000000aa';
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

async function serve(data: string, ...options: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--data', data, ...options], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const first = (await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()).value as string;
  expect(first).toMatch(/^Listening on /);
  return { url: first.slice('Listening on '.length), child };
}

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

const vmPath = (name: string, suffix = '') => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}${suffix}`;
const vm = (url: string, name: string, suffix = '') => `${url}${vmPath(name, suffix)}?${API}`;

async function put(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

interface OperationBody {
  status: string;
  startTime: string;
  endTime?: string;
}

async function until(url: string, done: (status: string) => boolean): Promise<OperationBody> {
  for (let i = 0; i < 400; i++) {
    const body = (await (await fetch(url)).json()) as OperationBody;
    if (done(body.status)) return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} never finished`);
}

/** The clock reading at which a VM's time was 0: `context.clockOrigin` of its snapshot. */
const clockOrigin = async (url: string, name: string): Promise<number> => {
  const detail = (await (await fetch(`${url}/_emulator/vm?id=${encodeURIComponent(vmPath(name))}`)).json()) as { snapshot: { context: { clockOrigin: number } } };
  return detail.snapshot.context.clockOrigin;
};

const powerOf = async (url: string, name: string) => {
  const response = await fetch(vm(url, name, '/instanceView'));
  return ((await response.json()) as { statuses: { code: string }[] }).statuses.map((s) => s.code);
};

describe('kill -9 in the middle of operations, real clock', () => {
  it('restarts with every VM, and the operations in progress finish without redoing the time they had run', async () => {
    const data = mkdtempSync(join(tmpdir(), 'azure-vm-lifecycle-data-'));
    // At 0.04: create (allocating + starting) 2 s, deallocating 1.8 s, an eviction's notice 1.2 s.
    const first = await serve(data, '--clock', 'real', '--time-scale', '0.04');
    await put(`${first.url}/subscriptions/${SUB}/resourcegroups/rg?${API}`, { location: 'westeurope' });
    const spot = { location: 'westeurope', properties: { priority: 'Spot', evictionPolicy: 'Deallocate' } };
    const created = await Promise.all([
      put(vm(first.url, 'stays-stopped'), { location: 'westeurope' }),
      put(vm(first.url, 'deallocating'), { location: 'westeurope' }),
      put(vm(first.url, 'evicted'), spot),
      put(vm(first.url, 'creating'), { location: 'westeurope' }),
    ]);
    expect(created.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    for (const response of created.slice(0, 3)) await until(response.headers.get('azure-asyncoperation')!, (s) => s !== 'InProgress');
    const stop = await fetch(vm(first.url, 'stays-stopped', '/powerOff'), { method: 'POST' });
    await until(stop.headers.get('azure-asyncoperation')!, (s) => s !== 'InProgress');
    // Recreate the last one so that it is surely mid-create at the kill.
    await fetch(vm(first.url, 'creating'), { method: 'DELETE' });
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const creating = await put(vm(first.url, 'creating'), { location: 'westeurope' });
    expect(creating.status).toBe(201);
    const deallocate = await fetch(vm(first.url, 'deallocating', '/deallocate'), { method: 'POST' });
    expect(deallocate.status).toBe(202);
    expect((await fetch(vm(first.url, 'evicted', '/simulateEviction'), { method: 'POST' })).status).toBe(204);
    const originBefore = await clockOrigin(first.url, 'deallocating');
    // Two thirds of the deallocate run before the kill; no state changes meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const killedAt = Date.now();
    await kill(first.child);

    const second = await serve(data, '--clock', 'real', '--time-scale', '0.04');
    const upAt = Date.now();
    // A VM's time is the emulator's clock minus its origin. The restarted VM lags the clock by the
    // time the emulator was down (at most upAt − killedAt), and not by the 1.2 s it had run since
    // its last change as well: it resumed where it was when the emulator died.
    const lag = (await clockOrigin(second.url, 'deallocating')) - originBefore;
    expect(lag).toBeLessThan(upAt - killedAt + 300);
    const moved = (header: string) => header.replace(first.url, second.url);
    const names = ((await (await fetch(`${second.url}/_emulator/vms`)).json()) as { value: { name: string }[] }).value.map((v) => v.name);
    expect(names).toEqual(['creating', 'deallocating', 'evicted', 'stays-stopped']);
    const deallocated = await until(moved(deallocate.headers.get('azure-asyncoperation')!), (s) => s !== 'InProgress');
    expect(deallocated.status).toBe('Succeeded');
    expect(Date.parse(deallocated.endTime!) - Date.parse(deallocated.startTime)).toBeGreaterThanOrEqual(1_800);
    expect((await until(moved(creating.headers.get('azure-asyncoperation')!), (s) => s !== 'InProgress')).status).toBe('Succeeded');
    expect(await powerOf(second.url, 'deallocating')).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated']);
    expect(await powerOf(second.url, 'creating')).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    expect(await powerOf(second.url, 'stays-stopped')).toEqual(['ProvisioningState/succeeded', 'PowerState/stopped']);
    // Evicted when the notice ends, then deallocated (1.8 s).
    for (let i = 0; i < 200 && !(await powerOf(second.url, 'evicted')).includes('PowerState/deallocated'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await powerOf(second.url, 'evicted')).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated']);
    second.child.kill('SIGTERM');
    expect(await new Promise((resolve) => second.child.once('exit', resolve))).toBe(0);
  }, 120_000);
});

describe('kill -9 in the middle of operations, step clock', () => {
  const control = (url: string, path: string, body?: unknown) =>
    fetch(`${url}/_emulator/${path}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  const advance = async (url: string, name: string, ms: number) => {
    const answer = (await (await control(url, 'clock', { ms, resourceId: vmPath(name) })).json()) as { value: { power: string }[] };
    return answer.value[0]?.power;
  };

  it('resumes each pending step, an eviction notice too, with exactly the time it had left', async () => {
    const data = mkdtempSync(join(tmpdir(), 'azure-vm-lifecycle-data-'));
    const first = await serve(data, '--clock', 'step');
    await put(`${first.url}/subscriptions/${SUB}/resourcegroups/rg?${API}`, { location: 'westeurope' });
    for (const [name, body] of [
      ['dealloc', { location: 'westeurope' }],
      ['spot', { location: 'westeurope', properties: { priority: 'Spot', evictionPolicy: 'Deallocate' } }],
    ] as const) {
      const created = await put(vm(first.url, name), body);
      await until(created.headers.get('azure-asyncoperation')!, (s) => s !== 'InProgress');
    }
    const deallocate = await fetch(vm(first.url, 'dealloc', '/deallocate'), { method: 'POST' });
    expect(deallocate.status).toBe(202);
    expect((await fetch(vm(first.url, 'spot', '/simulateEviction'), { method: 'POST' })).status).toBe(204);
    // 10 s of Azure's 45 s deallocate and of the 30 s notice pass, with no change of state.
    expect(await advance(first.url, 'dealloc', 10_000)).toBe('deallocating');
    expect(await advance(first.url, 'spot', 10_000)).toBe('running');
    await kill(first.child);

    const second = await serve(data, '--clock', 'step');
    expect(await advance(second.url, 'dealloc', 34_999)).toBe('deallocating');
    expect(await advance(second.url, 'dealloc', 1)).toBe('deallocated');
    // The notice ends 20 s on: the platform evicts (a Deallocate policy deallocates).
    expect(await advance(second.url, 'spot', 19_999)).toBe('running');
    expect(await advance(second.url, 'spot', 1)).toBe('deallocating');
    const operation = (await (await fetch(deallocate.headers.get('azure-asyncoperation')!.replace(first.url, second.url))).json()) as OperationBody;
    expect(operation.status).toBe('Succeeded');
    expect(Date.parse(operation.endTime!) - Date.parse(operation.startTime)).toBe(45_000);
    second.child.kill('SIGTERM');
    expect(await new Promise((resolve) => second.child.once('exit', resolve))).toBe(0);
  }, 60_000);

  it('empties the store on reset: a restarted emulator has nothing', async () => {
    const data = mkdtempSync(join(tmpdir(), 'azure-vm-lifecycle-data-'));
    const first = await serve(data, '--clock', 'step');
    await put(`${first.url}/subscriptions/${SUB}/resourcegroups/rg?${API}`, { location: 'westeurope' });
    await put(vm(first.url, 'gone'), { location: 'westeurope' });
    expect((await fetch(`${first.url}/_emulator/reset`, { method: 'POST' })).status).toBe(204);
    await kill(first.child);
    const second = await serve(data, '--clock', 'step');
    expect(((await (await fetch(`${second.url}/_emulator/vms`)).json()) as { value: unknown[] }).value).toEqual([]);
    second.child.kill('SIGTERM');
  }, 60_000);
});
