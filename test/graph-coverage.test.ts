import { describe, expect, it } from 'vitest';
import { createActor, type AnyTransitionDefinition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { startVmAt } from 'azure-vm-lifecycle/parse';
import { allStateNodes, eventsFor, serializeVmState, type VmMachineSnapshot } from './graph-utils.js';
import {
  VirtualClock,
  vmStateOf,
  vmMachine,
  type VmInput,
} from 'azure-vm-lifecycle';

type Snapshot = VmMachineSnapshot;

function allTransitions(): AnyTransitionDefinition[] {
  return allStateNodes().flatMap((node) => [
    ...[...node.transitions.values()].flat(),
    ...(node.always ?? []),
    ...node.after,
  ]);
}

const CONFIGS: Record<string, { input: VmInput; from?: () => Snapshot }> = {
  'generalized, hibernation enabled': { input: { image: 'generalized', hibernationEnabled: true } },
  'specialized Spot, evicted by deallocation': {
    input: { image: 'specialized', priority: 'Spot', evictionPolicy: 'Deallocate' },
  },
  'generalized Spot, evicted by deletion': { input: { image: 'generalized', priority: 'Spot', evictionPolicy: 'Delete' } },
  'create fails to allocate': { input: { faults: ['AllocationFailed'] } },
  'guest OS fails to provision': { input: { faults: ['OSProvisioningClientError'] } },
  'loaded with an unknown power state': {
    input: {},
    from: () => startVmAt({ power: 'unknown', provisioning: 'succeeded' }, { clock: new VirtualClock() }).getSnapshot(),
  },
};

function describePath(steps: { event: { type: string } & Record<string, unknown> }[]): string {
  return steps
    .slice(1)
    .map(({ event }) => {
      if (event.type.startsWith('xstate.after.')) return `after ${event.type.split('.')[2]}`;
      const { type, ...rest } = event;
      return Object.keys(rest).length ? `${type} ${JSON.stringify(rest)}` : type;
    })
    .join(' → ');
}

describe('model-based coverage with xstate/graph', () => {
  const paths = Object.fromEntries(
    Object.entries(CONFIGS).map(([name, { input, from }]) => [
      name,
      getShortestPaths(vmMachine, {
        input,
        events: eventsFor,
        serializeState: serializeVmState,
        ...(from ? { fromState: from() } : {}),
      }),
    ]),
  );

  it('reaches every state node of the machine', () => {
    const reached = new Set<string>();
    for (const list of Object.values(paths)) for (const path of list) for (const node of path.state._nodes) reached.add(node.id);
    const all = allStateNodes().map((node) => node.id);
    expect(all.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('takes every transition of the machine: each reachable state, then each event, on a live actor', () => {
    const taken = new Set<AnyTransitionDefinition>();
    const record = (event: { type: string }) => {
      if (event.type !== '@xstate.microstep') return;
      for (const t of (event as unknown as { _transitions: AnyTransitionDefinition[] })._transitions) taken.add(t);
    };
    for (const [name, list] of Object.entries(paths)) {
      const config = CONFIGS[name]!;
      for (const path of list) {
        // Replay the path once, then try every event from a copy of the state it reached.
        const clock = new VirtualClock();
        const actor = config.from
          ? startVmAt({ power: 'unknown', provisioning: 'succeeded' }, { clock, inspect: record })
          : createActor(vmMachine, { input: config.input, clock, inspect: record }).start();
        for (const step of path.steps.slice(1)) actor.send(step.event);
        const reached = actor.getPersistedSnapshot();
        actor.stop();
        if (path.state.status !== 'active') continue;
        for (const event of eventsFor(path.state)) {
          const copy = createActor(vmMachine, { input: config.input, snapshot: reached, clock: new VirtualClock(), inspect: record });
          copy.start();
          copy.send(event);
          copy.stop();
        }
      }
    }
    const missing = allTransitions()
      .filter((t) => !taken.has(t))
      .map((t) => `${t.source.id} on ${t.eventType}`);
    expect(missing).toEqual([]);
  });

  it('describes the shortest path to every reachable state', () => {
    const descriptions: Record<string, string[]> = {};
    for (const [name, list] of Object.entries(paths)) {
      const byState = new Map<string, string>();
      for (const path of list) {
        const state = vmStateOf(path.state);
        const key = state ? [state.power, state.provisioning, state.osProvisioning].filter(Boolean).join(' / ') : 'deleted';
        const text = describePath(path.steps as never);
        const known = byState.get(key);
        if (known === undefined || text.length < known.length) byState.set(key, text);
      }
      descriptions[name] = [...byState.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([state, text]) => `${state}: ${text || '(start)'}`);
    }
    expect(descriptions).toMatchSnapshot();
  });
});
