/**
 * Retained heap of a fleet of running VM actors against a fleet of minimal parallel machines,
 * fleets built alternately (A, B, A, B, …) in one process so heap noise hits both.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createActor, type AnyActorRef } from 'xstate';
import { VirtualClock, vmMachine } from 'azure-vm-lifecycle';
import { baselineMachine } from './baseline-machine.js';
import { summarize, type Summary } from './stats.js';

/** Options of {@link measureFleetMemory}. */
export interface FleetMemoryOptions {
  /** Actors per fleet (default 100 000). */
  actors?: number;
  /** Fleets per machine (default 3). */
  reps?: number;
}

/** The figures of the fleet-memory rows. */
export interface FleetMemoryResult {
  /** Bytes per VM actor ÷ bytes per baseline actor, one per A/B pair. */
  ratio: Summary;
  /** Retained MB of a whole VM fleet. */
  vmFleetMb: Summary;
  /** Bytes per VM actor. */
  vmBytesPerActor: Summary;
  /** Bytes per baseline actor. */
  baselineBytesPerActor: Summary;
  /** Timers pending on the shared clock of a VM fleet (one per actor: each is still creating). */
  pendingTimersPerFleet: number;
  /** Actors per fleet. */
  actors: number;
}

/** `global.gc` (node --expose-gc), or one exposed now for runners that start Node without it. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  // The flag only takes effect for contexts created after it is set.
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function gc(): void {
  const collect = collector();
  // Several passes: weak references and finalizers free more on the second and third.
  for (let i = 0; i < 3; i++) collect();
}

/** Builds a fleet, returns the heap it retains in bytes (and whatever `inspect` reports of it). */
function retainedBy(build: () => unknown[]): { bytes: number; fleet: unknown[] } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const fleet = build();
  gc();
  const after = process.memoryUsage().heapUsed;
  return { bytes: after - before, fleet };
}

function vmFleet(actors: number, clock: VirtualClock): AnyActorRef[] {
  const fleet: AnyActorRef[] = new Array(actors);
  for (let i = 0; i < actors; i++) fleet[i] = createActor(vmMachine, { clock, input: { name: `vm-${i}` } }).start();
  return fleet;
}

function baselineFleet(actors: number): AnyActorRef[] {
  const fleet: AnyActorRef[] = new Array(actors);
  for (let i = 0; i < actors; i++) fleet[i] = createActor(baselineMachine).start();
  return fleet;
}

/**
 * Measures retained heap per actor for `actors` running VM actors (one shared
 * {@link VirtualClock}, timers left pending) and as many baseline actors, alternately.
 */
export function measureFleetMemory(options: FleetMemoryOptions = {}): FleetMemoryResult {
  const actors = options.actors ?? 100_000;
  const reps = options.reps ?? 3;
  const vmBytes: number[] = [];
  const baseBytes: number[] = [];
  const ratios: number[] = [];
  let pendingTimersPerFleet = 0;
  for (let rep = 0; rep < reps; rep++) {
    // The clock is built inside the measured closure: its pending timers belong to the fleet.
    let clock: VirtualClock | undefined;
    const vm = retainedBy(() => {
      clock = new VirtualClock();
      return [clock, ...vmFleet(actors, clock)];
    });
    pendingTimersPerFleet = clock?.pending ?? 0;
    for (const actor of vm.fleet.slice(1) as AnyActorRef[]) actor.stop();
    vm.fleet.length = 0;
    clock = undefined;
    const base = retainedBy(() => baselineFleet(actors));
    for (const actor of base.fleet as AnyActorRef[]) actor.stop();
    base.fleet.length = 0;
    vmBytes.push(vm.bytes / actors);
    baseBytes.push(base.bytes / actors);
    ratios.push(vm.bytes / base.bytes);
  }
  gc();
  return {
    ratio: summarize(ratios),
    vmFleetMb: summarize(vmBytes.map((perActor) => (perActor * actors) / 1_000_000)),
    vmBytesPerActor: summarize(vmBytes),
    baselineBytesPerActor: summarize(baseBytes),
    pendingTimersPerFleet,
    actors,
  };
}
