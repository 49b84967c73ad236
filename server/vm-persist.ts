/**
 * One VM actor to JSON and back, for the store: the machine's own `persistVm` and `restoreVm`,
 * so every pending step (a Spot eviction's notice too) resumes with its remaining time.
 */
import type { Actor } from 'xstate';
import { type VmMachine } from '../machines/index.js';
import { persistVm, restoreVm, type PersistedVm } from '../machines/persist.js';
import type { EmulatorClock } from './clocks.js';

/** A VM actor's state as the store keeps it (JSON-safe). */
export type PersistedVmState = PersistedVm;

/** The actor's state, JSON-safe, with the instant it was taken. */
export function persistVmState(actor: Actor<VmMachine>): PersistedVmState {
  return persistVm(actor);
}

/**
 * A started actor at the persisted state, on `clock`: it resumes at VM time `at` (default the
 * instant it was stored), each pending step with what remained of it then.
 */
export function restoreVmState(persisted: PersistedVmState, clock: EmulatorClock, at?: number): Actor<VmMachine> {
  return restoreVm(persisted, at === undefined ? { clock } : { clock, at });
}
