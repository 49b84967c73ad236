/**
 * 50 real SDK clients × 100 random operations on shared VMs: every answer is Azure's (accepted or
 * a 409), no 5xx, no acknowledged operation lost, and every VM ends in the state its last
 * succeeded operation says.
 */
import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { clientsFor, FAST, linuxVm } from './emulator/clients.js';

const CLIENTS = 50;
const OPERATIONS = 100;
const VMS = ['shared-0', 'shared-1', 'shared-2', 'shared-3', 'shared-4'];
const ACTIONS = ['start', 'powerOff', 'deallocate', 'restart', 'redeploy', 'reapply'] as const;
type Action = (typeof ACTIONS)[number];
const EFFECT: Record<Action, string | null> = { start: 'running', restart: 'running', redeploy: 'running', powerOff: 'stopped', deallocate: 'deallocated', reapply: null };

/** A small seeded generator (mulberry32): the same run every time. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outcome {
  vm: string;
  action: Action;
  client: 'succeeded' | 'failed' | 'refused';
  operationUrl?: string;
  status?: number;
  code?: string;
}

describe(`${CLIENTS} concurrent SDK clients × ${OPERATIONS} random operations on ${VMS.length} shared VMs`, () => {
  let emulator: Emulator;
  const outcomes: Outcome[] = [];
  const serverErrors: unknown[] = [];

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    const { compute, resources } = clientsFor(emulator);
    await resources.resourceGroups.createOrUpdate('rg', { location: 'westeurope' });
    for (const vm of VMS) await compute.virtualMachines.createOrUpdate('rg', vm, linuxVm(), FAST);

    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, index) => {
        const next = random(index + 1);
        const { compute: client } = clientsFor(emulator);
        for (let i = 0; i < OPERATIONS; i++) {
          const vm = VMS[Math.floor(next() * VMS.length)]!;
          const action = ACTIONS[Math.floor(next() * ACTIONS.length)]!;
          let operationUrl: string | undefined;
          const options = { ...FAST, onResponse: (response: { headers: { get(name: string): string | undefined } }) => {
            operationUrl ??= response.headers.get('azure-asyncoperation') ?? undefined;
          } };
          try {
            await client.virtualMachines[action]('rg', vm, options).pollUntilDone();
            outcomes.push({ vm, action, client: 'succeeded', operationUrl });
          } catch (error) {
            if (error instanceof RestError) {
              if ((error.statusCode ?? 0) >= 500) serverErrors.push(error);
              outcomes.push({ vm, action, client: 'refused', status: error.statusCode, code: error.code, operationUrl });
            } else outcomes.push({ vm, action, client: 'failed', operationUrl });
          }
        }
      }),
    );
  }, 600_000);
  afterAll(() => emulator?.close());

  it('answered every request: no 5xx, every refusal a 409 OperationNotAllowed', () => {
    expect(outcomes).toHaveLength(CLIENTS * OPERATIONS);
    expect(serverErrors).toEqual([]);
    const refusals = outcomes.filter((o) => o.client === 'refused');
    expect(refusals.every((o) => o.status === 409 && o.code === 'OperationNotAllowed')).toBe(true);
    expect(refusals.length).toBeGreaterThan(0);
    const count = (kind: Outcome['client']) => outcomes.filter((o) => o.client === kind).length;
    console.info(`${outcomes.length} operations: ${count('succeeded')} succeeded, ${count('failed')} failed or canceled, ${count('refused')} refused with 409`);
    expect(outcomes.filter((o) => o.client === 'succeeded').length).toBeGreaterThan(0);
  });

  it('lost no acknowledged operation: each has a final status, the one its client saw', async () => {
    const accepted = outcomes.filter((o) => o.client !== 'refused');
    expect(accepted.every((o) => o.operationUrl !== undefined)).toBe(true);
    const mismatched: string[] = [];
    for (const outcome of accepted) {
      const status = ((await (await fetch(outcome.operationUrl!)).json()) as { status: string }).status;
      const expected = outcome.client === 'succeeded' ? ['Succeeded'] : ['Failed', 'Canceled'];
      if (!expected.includes(status)) mismatched.push(`${outcome.vm} ${outcome.action}: client ${outcome.client}, server ${status}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('left every VM in the power state of its last succeeded operation (no contradiction)', async () => {
    const contradictions: string[] = [];
    for (const vm of VMS) {
      const succeeded = await Promise.all(
        outcomes
          .filter((o) => o.vm === vm && o.client === 'succeeded' && EFFECT[o.action] !== null)
          .map(async (o) => ({ o, body: (await (await fetch(o.operationUrl!)).json()) as { endTime: string } })),
      );
      succeeded.sort((a, b) => Date.parse(a.body.endTime) - Date.parse(b.body.endTime));
      const last = succeeded.at(-1);
      const state = emulator.vms().find((summary) => summary.name === vm);
      if (last && state?.power !== EFFECT[last.o.action]) contradictions.push(`${vm}: ${state?.power} after ${last.o.action}`);
    }
    expect(contradictions).toEqual([]);
  });
});
