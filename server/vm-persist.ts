/**
 * One VM actor to JSON and back, for the store. The only place the server meets the machine's
 * persistence: when the machine's own `persistVm` / `restoreVm` exist, these two functions
 * become calls to them.
 */
import { createActor, type Actor, type AnyActorRef } from 'xstate';
import { vmMachine, type VmInput, type VmMachine } from '../machines/index.js';
import type { EmulatorClock } from './clocks.js';

/** A VM actor's state as the store keeps it (JSON-safe). */
export type PersistedVmState = ReturnType<Actor<VmMachine>['getPersistedSnapshot']>;

/** The actor's state, JSON-safe. */
export function persistVmState(actor: Actor<VmMachine>): PersistedVmState {
  return actor.getPersistedSnapshot();
}

/**
 * A started actor at the persisted state, on `clock`, whose pending steps resume with their
 * remaining time (a step already due fires at once). A scheduled Spot eviction resumes with a
 * whole notice.
 */
export function restoreVmState(persisted: PersistedVmState, input: VmInput, clock: EmulatorClock): Actor<VmMachine> {
  const actor = createActor(vmMachine, { snapshot: persisted, clock, input });
  actor.start();
  const snapshot = actor.getSnapshot();
  const { context } = snapshot;
  if (snapshot.status !== 'active') return actor;
  const elapsed = clock.now() - context.clockOrigin;
  const scheduled = new Set<string>();
  for (const node of snapshot._nodes) {
    for (const transition of node.after) {
      if (scheduled.has(transition.eventType)) continue;
      const region = node.id.startsWith('vm.exists.power') ? 'power' : 'provisioning';
      const timer = context.timers[region];
      if (!timer || timer.delay !== transition.delay) continue;
      scheduled.add(transition.eventType);
      const remaining = Math.max(0, timer.dueAt - elapsed);
      actor.system.scheduler.schedule(actor as AnyActorRef, actor as AnyActorRef, { type: transition.eventType }, remaining, transition.eventType);
    }
  }
  if (context.evictionScheduled) {
    actor.system.scheduler.schedule(actor as AnyActorRef, actor as AnyActorRef, { type: 'platform.evict' }, context.settings.durations.evictionNotice, 'eviction');
  }
  return actor;
}
