/**
 * Persistence that loses nothing: an emulator with `--data`, killed with SIGKILL in the middle of
 * operations, comes back with every VM, and the operations in progress finish.
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

async function serve(data: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--data', data, '--clock', 'real', '--time-scale', '0.02'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const first = (await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()).value as string;
  expect(first).toMatch(/^Listening on /);
  return { url: first.slice('Listening on '.length), child };
}

const vm = (url: string, name: string, suffix = '') => `${url}/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}${suffix}?${API}`;

async function put(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

async function until(url: string, done: (status: string) => boolean): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const { status } = (await (await fetch(url)).json()) as { status: string };
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} never finished`);
}

const powerOf = async (url: string, name: string) => {
  const response = await fetch(vm(url, name, '/instanceView'));
  return ((await response.json()) as { statuses: { code: string }[] }).statuses.map((s) => s.code);
};

describe('kill -9 in the middle of operations', () => {
  it('restarts with every VM, and the operations in progress finish with Azure\'s outcome', async () => {
    const data = mkdtempSync(join(tmpdir(), 'azure-vm-lifecycle-data-'));
    const first = await serve(data);
    await put(`${first.url}/subscriptions/${SUB}/resourcegroups/rg?${API}`, { location: 'westeurope' });
    // Specialized VMs (no osProfile): create is allocating + starting, 1 s at 0.02.
    const created = await Promise.all(['stays-stopped', 'deallocating', 'creating'].map((name) => put(vm(first.url, name), { location: 'westeurope' })));
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    await until(created[0]!.headers.get('azure-asyncoperation')!, (s) => s !== 'InProgress');
    await until(created[1]!.headers.get('azure-asyncoperation')!, (s) => s !== 'InProgress');
    const stop = await fetch(vm(first.url, 'stays-stopped', '/powerOff'), { method: 'POST' });
    await until(stop.headers.get('azure-asyncoperation')!, (s) => s !== 'InProgress');
    // Recreate the third so that it is surely mid-create at the kill, then start a deallocate.
    await fetch(vm(first.url, 'creating'), { method: 'DELETE' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const creating = await put(vm(first.url, 'creating'), { location: 'westeurope' });
    expect(creating.status).toBe(201);
    const deallocate = await fetch(vm(first.url, 'deallocating', '/deallocate'), { method: 'POST' });
    expect(deallocate.status).toBe(202);

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await serve(data);
    const moved = (header: string) => header.replace(first.url, second.url);
    const names = ((await (await fetch(`${second.url}/_emulator/vms`)).json()) as { value: { name: string }[] }).value.map((v) => v.name);
    expect(names).toEqual(['creating', 'deallocating', 'stays-stopped']);
    expect(await until(moved(deallocate.headers.get('azure-asyncoperation')!), (s) => s !== 'InProgress')).toBe('Succeeded');
    expect(await until(moved(creating.headers.get('azure-asyncoperation')!), (s) => s !== 'InProgress')).toBe('Succeeded');
    expect(await powerOf(second.url, 'deallocating')).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated']);
    expect(await powerOf(second.url, 'creating')).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    expect(await powerOf(second.url, 'stays-stopped')).toEqual(['ProvisioningState/succeeded', 'PowerState/stopped']);
    second.child.kill('SIGTERM');
    expect(await new Promise((resolve) => second.child.once('exit', resolve))).toBe(0);
  }, 120_000);

  it('empties the store on reset: a restarted emulator has nothing', async () => {
    const data = mkdtempSync(join(tmpdir(), 'azure-vm-lifecycle-data-'));
    const first = await serve(data);
    await put(`${first.url}/subscriptions/${SUB}/resourcegroups/rg?${API}`, { location: 'westeurope' });
    await put(vm(first.url, 'gone'), { location: 'westeurope' });
    expect((await fetch(`${first.url}/_emulator/reset`, { method: 'POST' })).status).toBe(204);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const second = await serve(data);
    expect(((await (await fetch(`${second.url}/_emulator/vms`)).json()) as { value: unknown[] }).value).toEqual([]);
    second.child.kill('SIGTERM');
  }, 60_000);
});
