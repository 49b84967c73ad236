/**
 * The emulator's rows: request rate against a bare `node:http` server answering the same JSON
 * (each server in its own process, loaded over loopback, alternating), the real SDK's lifecycle
 * in step mode, and accepted operations per second with `--data` against in memory.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RestError } from '@azure/core-rest-pipeline';
import { createEmulator } from 'azure-vm-lifecycle/emulator';
import { clientsFor, FAST, linuxVm } from '../test/emulator/clients.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Requests per second `connections` keep-alive loops get from `url + path` in `seconds` (a fresh agent unless one is given). */
export async function loadRate(url: string, path: string, connections: number, seconds: number, agent?: Agent): Promise<{ rps: number; done: number; errors: number }> {
  const own = agent ?? new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(url);
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = request({ hostname, port, path, agent: own, method: 'GET' }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode === 200) done++;
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) await one();
  }));
  if (!agent) own.destroy();
  return { rps: done / ((performance.now() - started) / 1000), done, errors };
}

interface Target {
  url: string;
  path: string;
  /** CPU time the server's process has used so far, in µs (user + system). */
  cpu: () => Promise<number>;
  stop: () => Promise<void>;
}

async function startTarget(kind: 'emulator' | 'bare'): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/emulator-target.ts', kind], { cwd: root, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const line = (await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()).value as string;
  const { url, path } = JSON.parse(line) as { url: string; path: string };
  return {
    url,
    path,
    cpu: () =>
      new Promise<number>((resolve) => {
        child.once('message', (usage) => resolve((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system));
        child.send('cpu');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** What the request-rate row measured. */
export interface RpsResult {
  /** Emulator ÷ bare, per repetition. */
  ratios: number[];
  /** The emulator's requests per second, per repetition. */
  emulatorRps: number[];
  /** The bare server's requests per second, per repetition. */
  bareRps: number[];
  /** CPU time per answered request (µs), bare ÷ emulator, per repetition: what the ratio would be on an idle machine. */
  cpuRatios: number[];
  /** The emulator's CPU time per request, µs, per repetition. */
  emulatorCpuUs: number[];
  /** The bare server's CPU time per request, µs, per repetition. */
  bareCpuUs: number[];
  /** Non-200 answers seen. */
  errors: number;
}

/**
 * `GET …/instanceView` with `connections` keep-alive connections, `seconds` of load on each
 * server per repetition, `reps` times. Within a repetition the two servers take turns in
 * one-second slices, so a change in the machine's load falls on both alike.
 */
export async function measureRps(connections: number, seconds: number, reps: number): Promise<RpsResult> {
  const emulator = await startTarget('emulator');
  const bare = await startTarget('bare');
  const agents = [emulator, bare].map(() => new Agent({ keepAlive: true, maxSockets: connections }));
  const result: RpsResult = { ratios: [], emulatorRps: [], bareRps: [], cpuRatios: [], emulatorCpuUs: [], bareCpuUs: [], errors: 0 };
  const slices = Math.max(1, Math.round(seconds));
  const slice = seconds / slices;
  try {
    await loadRate(emulator.url, emulator.path, connections, Math.min(2, seconds), agents[0]);
    await loadRate(bare.url, bare.path, connections, Math.min(2, seconds), agents[1]);
    for (let rep = 0; rep < reps; rep++) {
      const totals = { emulator: { done: 0, ms: 0, cpu: 0 }, bare: { done: 0, ms: 0, cpu: 0 } };
      for (let i = 0; i < slices; i++) {
        // Alternate which server goes first, so neither always follows the other's slice.
        const order = i % 2 === 0 ? (['emulator', 'bare'] as const) : (['bare', 'emulator'] as const);
        for (const kind of order) {
          const target = kind === 'emulator' ? emulator : bare;
          const cpuBefore = await target.cpu();
          const started = performance.now();
          const run = await loadRate(target.url, target.path, connections, slice, agents[kind === 'emulator' ? 0 : 1]);
          totals[kind].ms += performance.now() - started;
          totals[kind].cpu += (await target.cpu()) - cpuBefore;
          totals[kind].done += run.done;
          result.errors += run.errors;
        }
      }
      const a = totals.emulator.done / (totals.emulator.ms / 1000);
      const b = totals.bare.done / (totals.bare.ms / 1000);
      result.emulatorRps.push(a);
      result.bareRps.push(b);
      result.ratios.push(a / b);
      const cpuA = totals.emulator.cpu / totals.emulator.done;
      const cpuB = totals.bare.cpu / totals.bare.done;
      result.emulatorCpuUs.push(cpuA);
      result.bareCpuUs.push(cpuB);
      result.cpuRatios.push(cpuB / cpuA);
    }
  } finally {
    for (const agent of agents) agent.destroy();
    await emulator.stop();
    await bare.stop();
  }
  return result;
}

/** Milliseconds of the README's lifecycle with the real SDK, step clock, polling interval 0, per repetition. */
export async function measureSdkLifecycle(reps: number): Promise<number[]> {
  const emulator = await createEmulator({ port: 0, clock: 'step' });
  const { compute, resources } = clientsFor(emulator);
  await resources.resourceGroups.createOrUpdate('rg', { location: 'westeurope' });
  const times: number[] = [];
  try {
    for (let i = 0; i < reps + 1; i++) {
      const name = `vm-${i}`;
      const started = performance.now();
      await compute.virtualMachines.createOrUpdate('rg', name, linuxVm({ additionalCapabilities: { hibernationEnabled: true } }), FAST);
      await compute.virtualMachines.get('rg', name, { expand: 'instanceView' });
      await compute.virtualMachines.instanceView('rg', name);
      await compute.virtualMachines.powerOff('rg', name, FAST);
      await compute.virtualMachines.start('rg', name, FAST);
      await compute.virtualMachines.deallocate('rg', name, { ...FAST, hibernate: true });
      const refused = await compute.virtualMachines.restart('rg', name, FAST).catch((error: unknown) => error);
      if (!(refused instanceof RestError) || refused.statusCode !== 409) throw new Error('the lifecycle expected a 409');
      await compute.virtualMachines.start('rg', name, FAST);
      await compute.virtualMachines.restart('rg', name, FAST);
      await compute.virtualMachines.delete('rg', name, FAST);
      // The first lifecycle warms the SDK and the server up.
      if (i > 0) times.push(performance.now() - started);
    }
  } finally {
    await emulator.close();
  }
  return times;
}

/** Accepted operations per second (powerOff / start alternating on `vms` VMs, instant clock) for `seconds`. */
async function acceptedRate(data: string | undefined, vms: number, seconds: number): Promise<number> {
  const emulator = await createEmulator({ port: 0, clock: 'instant', ...(data ? { data } : {}) });
  const api = 'api-version=2026-03-01';
  const base = `${emulator.url}/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg`;
  const agent = new Agent({ keepAlive: true, maxSockets: vms });
  const post = (path: string, method = 'POST', body?: string) =>
    new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(emulator.url);
      const req = request({ hostname, port, path: `${new URL(base).pathname}${path}`, method, agent, headers: { 'content-type': 'application/json' } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    await post(`?${api}`, 'PUT', JSON.stringify({ location: 'westeurope' }));
    for (let i = 0; i < vms; i++) await post(`/providers/Microsoft.Compute/virtualMachines/vm${i}?${api}`, 'PUT', JSON.stringify({ location: 'westeurope' }));
    let accepted = 0;
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(Array.from({ length: vms }, async (_, i) => {
      let action = 'powerOff';
      while (performance.now() < end) {
        const status = await post(`/providers/Microsoft.Compute/virtualMachines/vm${i}/${action}?${api}`);
        if (status === 202) accepted++;
        action = action === 'powerOff' ? 'start' : 'powerOff';
      }
    }));
    return accepted / ((performance.now() - started) / 1000);
  } finally {
    agent.destroy();
    await emulator.close();
  }
}

/** What the persistence row measured. */
export interface PersistResult {
  /** With `--data` ÷ in memory, per alternating pair. */
  ratios: number[];
  /** Accepted operations/s with `--data`. */
  durableOps: number[];
  /** Accepted operations/s in memory. */
  memoryOps: number[];
}

/** Accepted operations/s with `--data` and in memory, alternating `pairs` times, `seconds` each. */
export async function measurePersist(vms: number, seconds: number, pairs: number): Promise<PersistResult> {
  const result: PersistResult = { ratios: [], durableOps: [], memoryOps: [] };
  for (let i = 0; i < pairs; i++) {
    const durable = await acceptedRate(mkdtempSync(join(tmpdir(), 'azure-vm-lifecycle-bench-')), vms, seconds);
    const memory = await acceptedRate(undefined, vms, seconds);
    result.durableOps.push(durable);
    result.memoryOps.push(memory);
    result.ratios.push(durable / memory);
  }
  return result;
}
