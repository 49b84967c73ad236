/**
 * A VM's run: its input and every event it received from outside, each with the simulated
 * instant it arrived. On a {@link VirtualClock} the machine is deterministic, so a run is enough
 * to rebuild the VM at any instant of it — the page's time travel, its scenarios and its links
 * all rest on this. Pure of the DOM.
 *
 * Why replay and not stored snapshots: a link has to carry the run anyway (a URL holds a VM's
 * input and a few events, not XState's persisted state); replaying rebuilds everything that grew
 * along the way (the billing meters, the log) and not only the actor; and replaying a few dozen
 * events on a virtual clock takes well under a millisecond.
 */
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import { VirtualClock, vmMachine, type VmEvent, type VmInput } from 'azure-vm-lifecycle';

/** A VM actor. */
export type VmActor = Actor<typeof vmMachine>;

/** One event the VM received from outside, and when. */
export interface RecordedStep {
  /** Simulated ms since the VM's start (its clock's reading: runs start their clock at 0). */
  at: number;
  /** The event, as sent. */
  event: VmEvent;
}

/** A VM's input and the events it received, in order: all it takes to rebuild any instant. */
export interface Run {
  /** The VM's input, with its `startTime` pinned (see {@link pinStartTime}). */
  readonly input: VmInput;
  /** The events it received, oldest first; `at` never decreases. */
  readonly steps: readonly RecordedStep[];
}

/**
 * An instant of a run: how far simulated time had gone and how many of the run's steps had been
 * sent by then. Two events sent in the same millisecond are two instants.
 */
export interface Instant {
  /** Simulated ms since the VM's start. */
  at: number;
  /** How many steps had been sent. */
  step: number;
}

/** Orders instants along a run: by time, then by steps sent. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.at - b.at || a.step - b.step;
}

/** Whether two instants are the same. */
export function sameInstant(a: Instant, b: Instant): boolean {
  return a.at === b.at && a.step === b.step;
}

/**
 * The input with a fixed `startTime` (ISO 8601), so status times come out the same on every
 * replay. An input that has one keeps it.
 */
export function pinStartTime(input: VmInput, now: number = Date.now()): VmInput {
  return input.startTime === undefined ? { ...input, startTime: new Date(now).toISOString() } : input;
}

/** A VM actor on its own virtual clock, recording every event sent to it from outside. */
export interface RunActor {
  /** The actor (created, not started: subscribe, then call {@link RunActor.start}). */
  readonly actor: VmActor;
  /** Its clock; at 0 when the VM starts. */
  readonly clock: VirtualClock;
  /** The input it was created with. */
  readonly input: VmInput;
  /** The events it received from outside so far, as they arrived. */
  readonly steps: readonly RecordedStep[];
  /** The run so far. */
  run(): Run;
  /** The instant it is at. */
  now(): Instant;
  /** Starts the actor (once). */
  start(): void;
}

/** Options of {@link createRunActor}. */
export interface RunActorOptions {
  /** Called as each event from outside is recorded, before the machine takes it. */
  onStep?(step: RecordedStep, index: number): void;
}

/**
 * Creates a VM actor on a fresh virtual clock whose every event from outside (`actor.send`, by
 * anyone) is recorded with its instant. Timers' and the machine's own events are not steps:
 * replaying the steps brings them back.
 * @example
 * const vm = createRunActor(pinStartTime({ name: 'web-1' }));
 * vm.start();
 * vm.clock.runUntilIdle();
 * vm.actor.send({ type: 'vm.powerOff' });
 * vm.run(); // { input, steps: [{ at: 115000, event: { type: 'vm.powerOff' } }] }
 */
export function createRunActor(input: VmInput, options: RunActorOptions = {}): RunActor {
  const clock = new VirtualClock();
  const steps: RecordedStep[] = [];
  let root: VmActor | undefined;
  const record = (inspection: InspectionEvent): void => {
    if (inspection.type !== '@xstate.event' || inspection.sourceRef !== undefined) return;
    if (root === undefined || inspection.actorRef !== root || inspection.event.type.startsWith('xstate.')) return;
    const step: RecordedStep = { at: clock.now(), event: inspection.event as VmEvent };
    steps.push(step);
    options.onStep?.(step, steps.length - 1);
  };
  const actor = createActor(vmMachine, { clock, input, inspect: record });
  root = actor;
  let started = false;
  return {
    actor,
    clock,
    input,
    steps,
    run: () => ({ input, steps: [...steps] }),
    now: () => ({ at: clock.now(), step: steps.length }),
    start() {
      if (started) return;
      started = true;
      actor.start();
    },
  };
}

/** Thrown when a run cannot be played to an instant: the run or the instant is inconsistent. */
export class RunReplayError extends Error {
  override readonly name = 'RunReplayError';
}

/**
 * Plays a run forward on a started run actor, from where the actor is to `until`: each step not
 * yet sent is sent at its instant (time advancing to it, timers firing on the way), then time
 * advances to `until.at`. The actor must be at an instant of this run no later than `until`.
 * @throws RunReplayError when `until` lies before the actor's instant or outside the run, or a
 *   step's time goes backwards
 */
export function playTo(vm: RunActor, run: Run, until: Instant): void {
  const from = vm.now();
  if (until.step > run.steps.length || until.step < 0 || !Number.isInteger(until.step)) {
    throw new RunReplayError(`Instant step ${until.step} is outside the run's ${run.steps.length} steps.`);
  }
  if (compareInstants(until, from) < 0 || until.step < from.step) {
    throw new RunReplayError(`Cannot play back from ${from.at} ms (step ${from.step}) to the earlier ${until.at} ms (step ${until.step}).`);
  }
  for (let index = from.step; index < until.step; index += 1) {
    const step = run.steps[index] as RecordedStep;
    if (step.at < vm.clock.now()) {
      throw new RunReplayError(`steps[${index}] at ${step.at} ms comes before the previous instant, ${vm.clock.now()} ms.`);
    }
    vm.clock.advanceTo(step.at);
    vm.actor.send(step.event);
  }
  if (until.at < vm.clock.now()) {
    throw new RunReplayError(`Instant ${until.at} ms comes before step ${until.step}'s time, ${vm.clock.now()} ms.`);
  }
  vm.clock.advanceTo(until.at);
}

/** The instant at the end of a run that lasted until `end` ms: every step sent, time at `end`. */
export function endOf(run: Run, end: number): Instant {
  return { at: end, step: run.steps.length };
}
