/**
 * Helpers for driving a VM actor in tests: a virtual clock, and what the actor emitted.
 */
import { createActor } from 'xstate';
import {
  VirtualClock,
  vmMachine,
  vmStateOf,
  type OperationRejection,
  type VmEvent,
  type VmInput,
} from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';

/** A fixed start instant so status times are predictable. */
export const START = '2025-03-01T08:00:00.000Z';

/** Creates and starts a VM actor on a virtual clock, recording rejections and ignored events. */
export function createVm(input: VmInput = {}) {
  const clock = new VirtualClock();
  const actor = createActor(vmMachine, { clock, input: { startTime: START, ...input } });
  const rejections: OperationRejection[] = [];
  const ignored: string[] = [];
  actor.on('operation.rejected', (e) => rejections.push(e.rejection));
  actor.on('event.ignored', (e) => ignored.push(e.reason));
  actor.start();
  const vm = {
    actor,
    clock,
    rejections,
    ignored,
    /** Sends an event. */
    send: (event: VmEvent) => actor.send(event),
    /** Lets every pending timer fire. */
    settle: () => clock.runUntilIdle(),
    /** Advances time. */
    wait: (ms: number) => clock.advance(ms),
    /** The two regions' states. */
    state: () => vmStateOf(actor.getSnapshot()),
    /** The instance view's status codes. */
    codes: () => toInstanceView(actor.getSnapshot()).statuses.map((s) => s.code),
    /** The current snapshot. */
    snapshot: () => actor.getSnapshot(),
  };
  return vm;
}

/** A VM that finished creating and is running with provisioning succeeded. */
export function runningVm(input: VmInput = {}) {
  const vm = createVm(input);
  vm.settle();
  return vm;
}

/**
 * Records, microstep by microstep, which state nodes are exited and entered, across both
 * regions, through XState's inspection API.
 */
export function trackStates(vm: ReturnType<typeof createVm>) {
  const seen: string[] = [];
  let previous = new Set(vm.actor.getSnapshot()._nodes.map((n) => n.id));
  vm.actor.system.inspect((event) => {
    if (event.type !== '@xstate.microstep' || event.actorRef !== vm.actor) return;
    const now = new Set((event.snapshot as ReturnType<typeof vm.snapshot>)._nodes.map((n) => n.id));
    for (const id of previous) if (!now.has(id)) seen.push(`exit ${id}`);
    for (const id of now) if (!previous.has(id)) seen.push(`enter ${id}`);
    previous = now;
  });
  return seen;
}
