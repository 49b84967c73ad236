/**
 * A VM stored at any instant and restored — with the same clock or a new one — ends exactly as
 * the VM that was never stored: same instance views, status times, history and outcome.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type Actor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import {
  VirtualClock,
  VmInputError,
  vmMachine,
  vmStateOf,
  type VmEvent,
  type VmInput,
} from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { persistVm, restoreVm, type PersistedVm } from 'azure-vm-lifecycle/persist';
import { eventsFor, serializeVmState } from './graph-utils.js';
import { START, createVm, runningVm } from './utils.js';

type VmActor = Actor<typeof vmMachine>;

/** What an outsider can see of a VM, and what decides its future. */
function observe(actor: VmActor) {
  const snapshot = actor.getSnapshot();
  const state = vmStateOf(snapshot);
  const { history, operation, error, provisioningTime, faults, timers, operationCount, powerWhileDeleting } = snapshot.context;
  return {
    status: snapshot.status,
    value: snapshot.value,
    state,
    statuses: state ? toInstanceView(snapshot).statuses : null,
    history,
    operation,
    error,
    provisioningTime,
    faults,
    timers,
    operationCount,
    powerWhileDeleting,
  };
}

/** Stores a VM as a database would (JSON text) and restores it on `clock`. */
function roundTrip(actor: VmActor, clock: VirtualClock): VmActor {
  const stored = JSON.stringify(persistVm(actor));
  return restoreVm(JSON.parse(stored) as PersistedVm, { clock });
}

/** Runs a VM and its restored copy through the same future; both must look alike after every step. */
function expectSameFuture(original: VmActor, originalClock: VirtualClock, copy: VmActor, copyClock: VirtualClock, future: readonly VmEvent[]) {
  expect(observe(copy)).toEqual(observe(original));
  const steps: (() => void)[] = [() => {}];
  for (const event of future) steps.push(() => void 0, () => event);
  for (const event of [undefined, ...future]) {
    if (event) {
      original.send(event);
      copy.send(event);
      expect(observe(copy)).toEqual(observe(original));
    }
    // Every pending timer fires, one at a time, at the same VM instants in both.
    for (let fired = 0; fired < 100; fired++) {
      const a = originalClock.advanceToNext();
      const b = copyClock.advanceToNext();
      expect(b).toBe(a);
      expect(observe(copy)).toEqual(observe(original));
      if (!a) break;
    }
  }
}

const CONFIGS: Record<string, VmInput> = {
  'generalized Linux, hibernation enabled': { image: 'generalized', hibernationEnabled: true },
  'generalized Windows, OS provisioning times out': { image: 'generalized', osType: 'Windows', faults: ['OSProvisioningTimedOut'] },
  'specialized Spot, evicted by deallocation': { image: 'specialized', priority: 'Spot', evictionPolicy: 'Deallocate' },
  'generalized Spot, evicted by deletion': { image: 'generalized', priority: 'Spot', evictionPolicy: 'Delete' },
  'create fails to allocate': { faults: ['AllocationFailed'] },
};

const FUTURE: readonly VmEvent[] = [{ type: 'vm.start' }, { type: 'vm.deallocate' }, { type: 'vm.start' }, { type: 'vm.delete' }];

describe('persistVm and restoreVm', () => {
  let roundTrips = 0;

  it.each(Object.entries(CONFIGS))(
    'restore every reachable state of "%s", at the state and halfway through its next step, with a new clock, to the same future',
    (_name, input) => {
      const paths = getShortestPaths(vmMachine, { input: { startTime: START, ...input }, events: eventsFor, serializeState: serializeVmState });
      expect(paths.length).toBeGreaterThan(10);
      for (const path of paths) {
        for (const midway of [false, true]) {
          const clock = new VirtualClock();
          const original = createActor(vmMachine, { clock, input: { startTime: START, ...input } }).start();
          for (const step of path.steps.slice(1)) original.send(step.event);
          if (midway) {
            const next = clock.nextDueAt();
            if (next === null || next - clock.now() < 2) continue;
            clock.advance(Math.floor((next - clock.now()) / 2));
          }
          // A new clock with another origin: the VM's own timeline must not notice.
          const copyClock = new VirtualClock(1_000_000 + clock.now() * 3);
          const copy = roundTrip(original, copyClock);
          expectSameFuture(original, clock, copy, copyClock, FUTURE);
          roundTrips += 1;
          original.stop();
          copy.stop();
        }
      }
    },
  );

  it('counted its round trips (every reachable state, at rest and midway)', () => {
    expect(roundTrips).toBeGreaterThan(300);
    console.info(`persistence round trips: ${roundTrips}`);
  });

  it('resumes a stop persisted midway with the remaining time only', () => {
    const vm = runningVm({ durations: { stopping: 15_000 } });
    vm.send({ type: 'vm.powerOff' });
    vm.wait(10_000);
    const clock = new VirtualClock();
    const restored = roundTrip(vm.actor, clock);
    clock.advance(4_999);
    expect(vmStateOf(restored.getSnapshot())).toEqual({ power: 'stopping', provisioning: 'updating' });
    clock.advance(1);
    expect(vmStateOf(restored.getSnapshot())).toEqual({ power: 'stopped', provisioning: 'succeeded' });
    expect(restored.getSnapshot().context.history.at(-1)).toMatchObject({ name: 'powerOff', status: 'Succeeded' });
  });

  it('works with the same clock, the VM resuming where it was stored', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate', hibernate: false });
    vm.wait(1_000);
    const restored = roundTrip(vm.actor, vm.clock);
    vm.actor.stop();
    vm.clock.runUntilIdle();
    expect(vmStateOf(restored.getSnapshot())).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
  });

  it('lets stored time pass when told when to resume: steps due meanwhile fire at once', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    const stored = JSON.parse(JSON.stringify(persistVm(vm.actor))) as PersistedVm;
    const clock = new VirtualClock();
    const restored = restoreVm(stored, { clock, at: stored.context.now + 60_000 });
    expect(vmStateOf(restored.getSnapshot())).toEqual({ power: 'stopping', provisioning: 'updating' });
    clock.advance(0);
    expect(vmStateOf(restored.getSnapshot())).toEqual({ power: 'stopped', provisioning: 'succeeded' });
    expect(() => restoreVm(stored, { at: stored.context.now - 1 })).toThrow("Invalid VM input 'at'");
  });

  it('keeps a pending Spot eviction and armed faults', () => {
    const vm = runningVm({ priority: 'Spot' });
    vm.send({ type: 'fault.arm', code: 'AllocationFailed' });
    vm.send({ type: 'vm.simulateEviction' });
    vm.wait(10_000);
    const clock = new VirtualClock(5);
    const restored = roundTrip(vm.actor, clock);
    expect(restored.getSnapshot().context.faults).toEqual(['AllocationFailed']);
    clock.advance(20_000);
    expect(vmStateOf(restored.getSnapshot())?.power).toBe('deallocating');
  });

  it('restores a deleted VM as done, and a VM mid-delete keeps its last power state', () => {
    const deleting = runningVm();
    deleting.send({ type: 'vm.delete' });
    const restored = roundTrip(deleting.actor, new VirtualClock());
    expect(vmStateOf(restored.getSnapshot())).toEqual({ power: 'running', provisioning: 'deleting' });
    const gone = createVm();
    gone.send({ type: 'vm.delete' });
    gone.settle();
    expect(roundTrip(gone.actor, new VirtualClock()).getSnapshot().status).toBe('done');
  });

  it('without restoreVm, XState alone does not re-arm a step: the VM would wait for ever', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    const clock = new VirtualClock();
    const plain = createActor(vmMachine, { clock, snapshot: vm.actor.getPersistedSnapshot(), input: undefined }).start();
    expect(clock.pending).toBe(0);
    const restored = roundTrip(vm.actor, clock);
    expect(clock.pending).toBe(1);
    plain.stop();
    restored.stop();
  });

  it.each<[string, unknown, string]>([
    ['nothing', undefined, "Invalid VM input 'persisted'"],
    ['a string', 'vm', "Invalid VM input 'persisted'"],
    ['an unknown status', { status: 'error', context: {} }, "Invalid VM input 'persisted.status'"],
    ['a context without a time', { status: 'active', context: { now: 'noon' } }, "Invalid VM input 'persisted.context.now'"],
    ['settings with a bad name', { status: 'active', context: { now: 0, settings: { name: 'a b' } } }, "Invalid VM input 'persisted.context.settings.name'"],
  ])('rejects %s with an error naming what is wrong', (_what, persisted, message) => {
    expect(() => restoreVm(persisted as PersistedVm)).toThrow(VmInputError);
    expect(() => restoreVm(persisted as PersistedVm)).toThrow(message);
  });
});
