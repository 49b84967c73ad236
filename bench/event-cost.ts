/**
 * Per-event cost of `vmMachine` against the minimal parallel machine and against the floor
 * machine, measured in rotating batches in one process so that machine noise (other tenants,
 * JIT, GC) hits all alike, as CPU time.
 */
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import { VirtualClock, vmMachine, type VmEvent } from 'azure-vm-lifecycle';
import { baselineMachine, type BaselineEvent } from './baseline-machine.js';
import { floorMachine } from './floor-machine.js';
import { summarize, type Summary } from './stats.js';

/**
 * The realistic cycle: the start, powerOff, deallocate, start, restart, closed by a
 * deallocate so every cycle begins deallocated and each event is accepted and changes state.
 */
export const VM_CYCLE: readonly VmEvent[] = [
  { type: 'vm.start' },
  { type: 'vm.powerOff' },
  { type: 'vm.deallocate' },
  { type: 'vm.start' },
  { type: 'vm.restart' },
  { type: 'vm.deallocate' },
];

const BASELINE_CYCLE: readonly BaselineEvent[] = [{ type: 'power.toggle' }, { type: 'provisioning.toggle' }];

/** Options of {@link measureEventCost}. */
export interface EventCostOptions {
  /** Events per batch (rounded up to whole VM cycles). */
  eventsPerBatch?: number;
  /** Batches per machine; batches alternate VM, baseline, VM, … */
  batches?: number;
  /** Untimed batches per machine first, so both are optimized before timing. */
  warmupBatches?: number;
}

/** The figures of the event-cost rows. */
export interface EventCostResult {
  /** vm ns/event ÷ baseline ns/event, one per adjacent pair of batches. */
  ratio: Summary;
  /** vm ns/operation ÷ floor ns/operation, each operation sent and its step run out on a VirtualClock. */
  vsFloor: Summary;
  /** ns per operation of the floor machine (timers flushed). */
  floorNsPerEvent: Summary;
  /** ns per event of `vmMachine` (timers flushed). */
  vmNsPerEvent: Summary;
  /** ns per event of the baseline. */
  baselineNsPerEvent: Summary;
  /** Events in each batch. */
  eventsPerBatch: number;
  /**
   * What one sent event costs XState in each machine (untimed, counted through inspection):
   * microsteps taken and events processed (raised and delayed ones included).
   */
  work: { vm: WorkPerEvent; baseline: WorkPerEvent; floor: WorkPerEvent };
}

/** XState's work per sent event. */
export interface WorkPerEvent {
  /** Microsteps (transition sets taken, eventless ones included) per sent event. */
  microsteps: number;
  /** Events processed (sent, raised, timers) per sent event. */
  events: number;
  /** Context updates (assigns) per sent event. */
  assigns: number;
}

/**
 * CPU time (user + system) of this process since `started`, in ns. CPU time rather than wall
 * time: on a shared machine a batch that waits for a core would otherwise count the wait.
 */
function cpuNanoseconds(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return (used.user + used.system) * 1_000;
}

/** A VM that has been created and deallocated, its timers flushed: the start of every cycle. */
function deallocatedVm(): { actor: Actor<typeof vmMachine>; clock: VirtualClock } {
  const clock = new VirtualClock();
  const actor = createActor(vmMachine, { clock, input: { name: 'bench-vm' } }).start();
  clock.runUntilIdle();
  actor.send({ type: 'vm.deallocate' });
  clock.runUntilIdle();
  return { actor, clock };
}

/** Runs `events` events of the VM cycle on a fresh deallocated VM; returns ns per event. */
export function vmBatch(events: number): number {
  const { actor, clock } = deallocatedVm();
  const cycles = Math.ceil(events / VM_CYCLE.length);
  const started = process.cpuUsage();
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const event of VM_CYCLE) {
      actor.send(event);
      clock.runUntilIdle();
    }
  }
  const elapsed = cpuNanoseconds(started);
  assertDeallocated(actor);
  actor.stop();
  return elapsed / (cycles * VM_CYCLE.length);
}

/** Runs `events` operations on a fresh floor actor, each step run out on the clock; returns ns per operation. */
export function floorBatch(events: number): number {
  const clock = new VirtualClock();
  const actor = createActor(floorMachine, { clock }).start();
  const started = process.cpuUsage();
  for (let sent = 0; sent < events; sent++) {
    actor.send({ type: 'operation' });
    clock.runUntilIdle();
  }
  const elapsed = cpuNanoseconds(started);
  if (actor.getSnapshot().context.ended !== events) throw new Error('the floor machine did not carry out every operation');
  actor.stop();
  return elapsed / events;
}

/** Runs `events` toggles on a fresh baseline actor; returns ns per event. */
export function baselineBatch(events: number): number {
  const actor = createActor(baselineMachine).start();
  const started = process.cpuUsage();
  for (let sent = 0; sent < events; sent += BASELINE_CYCLE.length) {
    for (const event of BASELINE_CYCLE) actor.send(event);
  }
  const elapsed = cpuNanoseconds(started);
  actor.stop();
  return elapsed / (Math.ceil(events / BASELINE_CYCLE.length) * BASELINE_CYCLE.length);
}

// A cycle that silently stopped being accepted would measure 409 answers, not transitions.
function assertDeallocated(actor: Actor<typeof vmMachine>): void {
  const snapshot = actor.getSnapshot();
  if (!snapshot.matches({ exists: { power: 'deallocated', provisioning: 'succeeded' } })) {
    throw new Error(`event-cost cycle ended in ${JSON.stringify(snapshot.value)}, not deallocated/succeeded`);
  }
}

type AnyAction = unknown;
type NodeLike = { id: string; entry: AnyAction[]; exit: AnyAction[] };
type MachineLike = { implementations: { actions: Record<string, unknown> } };

/** How many of these actions update context: `assign`s, and `enqueueActions` (ours enqueue assigns). */
function assignsAmong(actions: readonly AnyAction[], machine: MachineLike): number {
  let count = 0;
  for (const action of actions) {
    const name = typeof action === 'string' ? action : (action as { type?: unknown }).type;
    const implementation = typeof name === 'string' ? (machine.implementations.actions[name] ?? action) : action;
    const type = (implementation as { type?: unknown }).type;
    if (type === 'xstate.assign' || type === 'xstate.enqueueActions') count += 1;
  }
  return count;
}

/**
 * Counts XState's work per sent event over whole cycles of each machine: microsteps, processed
 * events, and context updates (assigns in the transitions taken and in the entry and exit
 * actions of the states entered and left).
 */
export function countWork(cycles = 10): { vm: WorkPerEvent; baseline: WorkPerEvent; floor: WorkPerEvent } {
  let counts = { microsteps: 0, events: 0, assigns: 0 };
  let previous = new Map<string, NodeLike>();
  const inspect = (event: InspectionEvent) => {
    if (event.type === '@xstate.event') counts.events += 1;
    if (event.type !== '@xstate.microstep') return;
    counts.microsteps += 1;
    const snapshot = event.snapshot as unknown as { _nodes: NodeLike[]; machine: MachineLike };
    const transitions = (event as unknown as { _transitions: { actions: AnyAction[] }[] })._transitions;
    const now = new Map(snapshot._nodes.map((node) => [node.id, node]));
    const exited = [...previous.values()].filter((node) => !now.has(node.id));
    const entered = [...now.values()].filter((node) => !previous.has(node.id));
    counts.assigns += assignsAmong(
      [...transitions.flatMap((t) => t.actions), ...exited.flatMap((n) => n.exit), ...entered.flatMap((n) => n.entry)],
      snapshot.machine,
    );
    previous = now;
  };
  const per = (sent: number): WorkPerEvent => ({ microsteps: counts.microsteps / sent, events: counts.events / sent, assigns: counts.assigns / sent });
  const reset = (actor: { getSnapshot(): unknown }) => {
    counts = { microsteps: 0, events: 0, assigns: 0 };
    previous = new Map((actor.getSnapshot() as { _nodes: NodeLike[] })._nodes.map((node) => [node.id, node]));
  };
  const clock = new VirtualClock();
  const vm = createActor(vmMachine, { clock, inspect, input: { name: 'bench-vm' } }).start();
  clock.runUntilIdle();
  vm.send({ type: 'vm.deallocate' });
  clock.runUntilIdle();
  reset(vm);
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const event of VM_CYCLE) {
      vm.send(event);
      clock.runUntilIdle();
    }
  }
  const sentToVm = cycles * VM_CYCLE.length;
  const vmWork = per(sentToVm);
  vm.stop();
  const floorClock = new VirtualClock();
  const floor = createActor(floorMachine, { clock: floorClock, inspect }).start();
  reset(floor);
  for (let sent = 0; sent < sentToVm; sent++) {
    floor.send({ type: 'operation' });
    floorClock.runUntilIdle();
  }
  const floorWork = per(sentToVm);
  floor.stop();
  const baseline = createActor(baselineMachine, { inspect }).start();
  reset(baseline);
  for (let sent = 0; sent < sentToVm; sent += BASELINE_CYCLE.length) for (const event of BASELINE_CYCLE) baseline.send(event);
  baseline.stop();
  return { vm: vmWork, baseline: per(sentToVm), floor: floorWork };
}

/**
 * Measures ns per event of the VM, the baseline and the floor in rotating batches (each pair of
 * ratios from adjacent batches), so machine noise hits all three alike. Events per batch are
 * equal for all (the VM's rounded to whole cycles).
 */
export function measureEventCost(options: EventCostOptions = {}): EventCostResult {
  const eventsPerBatch = Math.ceil((options.eventsPerBatch ?? 6_000) / VM_CYCLE.length) * VM_CYCLE.length;
  const batches = options.batches ?? 15;
  for (let i = 0; i < (options.warmupBatches ?? 3); i++) {
    vmBatch(eventsPerBatch);
    baselineBatch(eventsPerBatch);
    floorBatch(eventsPerBatch);
  }
  const vm: number[] = [];
  const baseline: number[] = [];
  const floor: number[] = [];
  const ratios: number[] = [];
  const vsFloor: number[] = [];
  const runners = [() => vm.push(vmBatch(eventsPerBatch)), () => baseline.push(baselineBatch(eventsPerBatch)), () => floor.push(floorBatch(eventsPerBatch))];
  for (let i = 0; i < batches; i++) {
    // Rotate the order so no machine always runs right after a GC-heavy batch.
    for (let j = 0; j < runners.length; j++) runners[(i + j) % runners.length]!();
    ratios.push(vm[i]! / baseline[i]!);
    vsFloor.push(vm[i]! / floor[i]!);
  }
  return {
    ratio: summarize(ratios),
    vsFloor: summarize(vsFloor),
    vmNsPerEvent: summarize(vm),
    baselineNsPerEvent: summarize(baseline),
    floorNsPerEvent: summarize(floor),
    eventsPerBatch,
    work: countWork(),
  };
}
