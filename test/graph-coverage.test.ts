import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateNode, type AnyTransitionDefinition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import {
  FAULT_CODES,
  OPERATION_EVENT_TYPES,
  VirtualClock,
  operationInProgress,
  startVmAt,
  vmStateOf,
  vmMachine,
  type VmEvent,
  type VmInput,
} from 'azure-vm-lifecycle';

type Snapshot = ReturnType<typeof vmMachine.getInitialSnapshot>;

function allStateNodes(node: AnyStateNode = vmMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child))];
}

function allTransitions(): AnyTransitionDefinition[] {
  return allStateNodes().flatMap((node) => [
    ...[...node.transitions.values()].flat(),
    ...(node.always ?? []),
    ...node.after,
  ]);
}

const afterEvents = [...new Set(allStateNodes().flatMap((node) => node.after.map((t) => t.eventType)))];

/** Every event a VM can receive, timers included as the events XState raises for them. */
function eventsFor(snapshot: Snapshot): VmEvent[] {
  const operations: VmEvent[] = OPERATION_EVENT_TYPES.map((type) => ({ type }) as VmEvent);
  const extra: VmEvent[] = [
    { type: 'vm.deallocate', hibernate: true },
    { type: 'vm.powerOff', skipShutdown: true },
    { type: 'guest.shutdown' },
    { type: 'platform.evict' },
    { type: 'fault.clear' },
  ];
  // One armed fault at a time keeps the state space finite.
  const faults: VmEvent[] =
    snapshot.context.faults.length === 0 ? FAULT_CODES.map((code) => ({ type: 'fault.arm', code }) as VmEvent) : [];
  return [...operations, ...extra, ...faults, ...afterEvents.map((type) => ({ type }) as unknown as VmEvent)];
}

/** The parts of a snapshot that decide what can happen next (times left out). */
function serialize(snapshot: Snapshot): string {
  const current = operationInProgress(snapshot.context.operation);
  return JSON.stringify([
    snapshot.value,
    current && [current.name, current.fault, current.hibernate, current.resumingFromHibernation],
    snapshot.context.faults,
    snapshot.context.evictionScheduled,
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
        serializeState: serialize,
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
