/**
 * Per-event cost of `vmMachine` against the minimal parallel machine, measured in alternating
 * batches in one process so that machine noise (other tenants, JIT, GC) hits both alike.
 */
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import { VirtualClock, vmMachine, type VmEvent } from 'azure-vm-lifecycle';
import { baselineMachine, type BaselineEvent } from './baseline-machine.js';
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

/** The figures of the event-cost row. */
export interface EventCostResult {
  /** vm ns/event ÷ baseline ns/event, one per adjacent pair of batches. */
  ratio: Summary;
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
  work: { vm: WorkPerEvent; baseline: WorkPerEvent };
}

/** XState's work per sent event. */
export interface WorkPerEvent {
  /** Microsteps (transition sets taken, eventless ones included) per sent event. */
  microsteps: number;
  /** Events processed (sent, raised, timers) per sent event. */
  events: number;
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
  const started = process.hrtime.bigint();
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const event of VM_CYCLE) {
      actor.send(event);
      clock.runUntilIdle();
    }
  }
  const elapsed = Number(process.hrtime.bigint() - started);
  assertDeallocated(actor);
  actor.stop();
  return elapsed / (cycles * VM_CYCLE.length);
}

/** Runs `events` toggles on a fresh baseline actor; returns ns per event. */
export function baselineBatch(events: number): number {
  const actor = createActor(baselineMachine).start();
  const started = process.hrtime.bigint();
  for (let sent = 0; sent < events; sent += BASELINE_CYCLE.length) {
    for (const event of BASELINE_CYCLE) actor.send(event);
  }
  const elapsed = Number(process.hrtime.bigint() - started);
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

/** Counts XState's microsteps and processed events over whole cycles of both machines. */
export function countWork(cycles = 10): { vm: WorkPerEvent; baseline: WorkPerEvent } {
  let microsteps = 0;
  let events = 0;
  const inspect = (event: InspectionEvent) => {
    if (event.type === '@xstate.microstep') microsteps += 1;
    if (event.type === '@xstate.event') events += 1;
  };
  const clock = new VirtualClock();
  const vm = createActor(vmMachine, { clock, inspect, input: { name: 'bench-vm' } }).start();
  clock.runUntilIdle();
  vm.send({ type: 'vm.deallocate' });
  clock.runUntilIdle();
  [microsteps, events] = [0, 0];
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const event of VM_CYCLE) {
      vm.send(event);
      clock.runUntilIdle();
    }
  }
  const sentToVm = cycles * VM_CYCLE.length;
  const vmWork = { microsteps: microsteps / sentToVm, events: events / sentToVm };
  vm.stop();
  const baseline = createActor(baselineMachine, { inspect }).start();
  [microsteps, events] = [0, 0];
  for (let sent = 0; sent < sentToVm; sent += BASELINE_CYCLE.length) for (const event of BASELINE_CYCLE) baseline.send(event);
  baseline.stop();
  return { vm: vmWork, baseline: { microsteps: microsteps / sentToVm, events: events / sentToVm } };
}

/**
 * Measures ns per event of both machines in alternating batches and their ratio per pair.
 * Events per batch are equal for both machines (the VM's rounded to whole cycles).
 */
export function measureEventCost(options: EventCostOptions = {}): EventCostResult {
  const eventsPerBatch = Math.ceil((options.eventsPerBatch ?? 6_000) / VM_CYCLE.length) * VM_CYCLE.length;
  const batches = options.batches ?? 15;
  for (let i = 0; i < (options.warmupBatches ?? 3); i++) {
    vmBatch(eventsPerBatch);
    baselineBatch(eventsPerBatch);
  }
  const vm: number[] = [];
  const baseline: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < batches; i++) {
    // Swap the order every other pair so neither machine always runs right after a GC-heavy batch.
    const vmFirst = i % 2 === 0;
    const a = vmFirst ? vmBatch(eventsPerBatch) : baselineBatch(eventsPerBatch);
    const b = vmFirst ? baselineBatch(eventsPerBatch) : vmBatch(eventsPerBatch);
    const [vmNs, baseNs] = vmFirst ? [a, b] : [b, a];
    vm.push(vmNs);
    baseline.push(baseNs);
    ratios.push(vmNs / baseNs);
  }
  return {
    ratio: summarize(ratios),
    vmNsPerEvent: summarize(vm),
    baselineNsPerEvent: summarize(baseline),
    eventsPerBatch,
    work: countWork(),
  };
}
