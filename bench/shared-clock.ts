/**
 * What one {@link VirtualClock} shared by a whole fleet costs per timer, against the same VMs
 * run one at a time, each alone on its clock: the same timers and the same XState work; only
 * the number of timers pending on the clock differs (thousands against one). The two alternate
 * (shared, alone, shared, …) in one process so machine noise hits both.
 */
import { createActor, type AnyActorRef } from 'xstate';
import { VirtualClock, vmMachine } from 'azure-vm-lifecycle';
import { summarize, type Summary } from './stats.js';

/** Options of {@link measureSharedClock}. */
export interface SharedClockOptions {
  /** Actors per fleet (default 16 000). */
  actors?: number;
  /** Fleets per arrangement (default 3). */
  reps?: number;
}

/** The figures of the shared-clock row. */
export interface SharedClockResult {
  /** ns per fired timer on one shared clock ÷ ns per fired timer with one actor per clock, one per pair. */
  ratio: Summary;
  /** ns per fired timer, every actor on one clock. */
  sharedNsPerTimer: Summary;
  /** ns per fired timer, one actor alone on its clock. */
  aloneNsPerTimer: Summary;
  /** The clock alone, no actors: ns per timer fired and rescheduled with `actors` timers pending ÷ with one. */
  clockOnlyRatio: Summary;
  /** The most timers pending on the shared clock at once. */
  peakPending: number;
  /** Timers fired per fleet (the same in both arrangements). */
  timersPerFleet: number;
  /** Actors per fleet. */
  actors: number;
}

/** Counts the timers a clock fires, without changing when or in which order they fire. */
function countingClock(start = 0): { clock: VirtualClock; fired: () => number } {
  const clock = new VirtualClock(start);
  const schedule = clock.setTimeout.bind(clock);
  let fired = 0;
  clock.setTimeout = (fn, ms) =>
    schedule(() => {
      fired++;
      fn();
    }, ms);
  return { clock, fired: () => fired };
}

function startVm(clock: VirtualClock, i: number): AnyActorRef {
  return createActor(vmMachine, { clock, input: { name: `vm-${i}`, startTime: 0 } }).start();
}

/** Creates `actors` VMs on one clock, then times the run that completes every create. */
function sharedFleet(actors: number): { ns: number; timers: number; peakPending: number } {
  const { clock, fired } = countingClock();
  const fleet: AnyActorRef[] = [];
  for (let i = 0; i < actors; i++) fleet.push(startVm(clock, i));
  const peakPending = clock.pending;
  const started = performance.now();
  clock.runUntilIdle(Number.POSITIVE_INFINITY);
  const ns = (performance.now() - started) * 1e6;
  for (const actor of fleet) actor.stop();
  return { ns, timers: fired(), peakPending };
}

/** Runs `actors` VMs one after another, each alone on its own clock, timing the runs only. */
function oneAtATime(actors: number): { ns: number; timers: number } {
  let ns = 0;
  let timers = 0;
  for (let i = 0; i < actors; i++) {
    const { clock, fired } = countingClock();
    const actor = startVm(clock, i);
    const started = performance.now();
    clock.runUntilIdle(Number.POSITIVE_INFINITY);
    ns += (performance.now() - started) * 1e6;
    timers += fired();
    actor.stop();
  }
  return { ns, timers };
}

/**
 * The clock alone: ns per timer fired and rescheduled while `pending` timers wait, due at
 * scattered times (a fleet's timers are not all due at once), `rounds` times over.
 */
function clockOnly(pending: number, rounds: number): number {
  const clock = new VirtualClock();
  let seed = 1;
  const next = () => (seed = (seed * 48271) % 2147483647) % 100_000;
  const reschedule = () => {
    clock.setTimeout(reschedule, next());
  };
  for (let i = 0; i < pending; i++) clock.setTimeout(reschedule, next());
  const started = performance.now();
  clock.runUntilIdle(rounds);
  return ((performance.now() - started) * 1e6) / rounds;
}

/**
 * Measures ns per fired timer with `actors` VMs on one shared {@link VirtualClock} and with each
 * VM alone on its clock, alternately. A binary heap costs O(log n) per timer, so the ratio stays
 * near 1; a linear scan of the pending timers makes it grow with the fleet.
 */
export function measureSharedClock(options: SharedClockOptions = {}): SharedClockResult {
  const actors = options.actors ?? 16_000;
  const reps = options.reps ?? 3;
  // Untimed: both paths optimized before the first timed run.
  const warmup = Math.min(actors, 500);
  sharedFleet(warmup);
  oneAtATime(warmup);
  clockOnly(actors, 10_000);
  clockOnly(1, 10_000);
  const shared: number[] = [];
  const alone: number[] = [];
  const ratios: number[] = [];
  const clockRatios: number[] = [];
  let peakPending = 0;
  let timersPerFleet = 0;
  for (let rep = 0; rep < reps; rep++) {
    const a = sharedFleet(actors);
    const b = oneAtATime(actors);
    if (a.timers !== b.timers) throw new Error(`shared clock: ${a.timers} timers fired on one clock, ${b.timers} one actor at a time`);
    peakPending = a.peakPending;
    timersPerFleet = a.timers;
    shared.push(a.ns / a.timers);
    alone.push(b.ns / b.timers);
    ratios.push(a.ns / a.timers / (b.ns / b.timers));
    const rounds = Math.max(1_000, actors * 10);
    clockRatios.push(clockOnly(actors, rounds) / clockOnly(1, rounds));
  }
  return {
    ratio: summarize(ratios),
    sharedNsPerTimer: summarize(shared),
    aloneNsPerTimer: summarize(alone),
    clockOnlyRatio: summarize(clockRatios),
    peakPending,
    timersPerFleet,
    actors,
  };
}
