/**
 * Type tests: `npm test` type-checks this file first, so each `@ts-expect-error` below must
 * still be an error, or the run fails. The runtime test keeps the file a test file.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { checkOperation, createVmActor, vmMachine, type VmCoordinationEvent, type VmMachineEvent, type VmOperationEvent } from 'azure-vm-lifecycle';

function typeChecks() {
  const actor = createVmActor();
  actor.send({ type: 'vm.start' });
  actor.send({ type: 'vm.deallocate', hibernate: true });
  actor.send({ type: 'vm.powerOff', skipShutdown: true });
  actor.send({ type: 'fault.arm', code: 'AllocationFailed' });

  // @ts-expect-error an unknown event type does not compile
  actor.send({ type: 'vm.reboot' });
  // @ts-expect-error XState's reserved prefix is not a VM event
  actor.send({ type: 'xstate.init' });
  // @ts-expect-error hibernate is a boolean
  actor.send({ type: 'vm.deallocate', hibernate: 'yes' });
  // @ts-expect-error skipShutdown belongs to powerOff, not start
  actor.send({ type: 'vm.start', skipShutdown: true });
  // @ts-expect-error an unknown fault code does not compile
  actor.send({ type: 'fault.arm', code: 'DiskFull' });
  // @ts-expect-error fault.arm needs a code
  actor.send({ type: 'fault.arm' });
  // @ts-expect-error checkOperation takes operations only, not guest events
  checkOperation(actor.getSnapshot(), { type: 'guest.shutdown' });
  // @ts-expect-error input keys are checked
  createActor(vmMachine, { input: { size: 'Standard_B1s' } });
  // @ts-expect-error image kinds are checked
  createActor(vmMachine, { input: { image: 'custom' } });
  return actor;
}

describe('event types', () => {
  it('name user operations vm.* after Azure REST operations, with no xstate. prefix', () => {
    const operations: VmOperationEvent['type'][] = ['vm.start', 'vm.powerOff', 'vm.deallocate', 'vm.restart', 'vm.redeploy', 'vm.reapply', 'vm.update', 'vm.delete', 'vm.simulateEviction'];
    const coordination: VmCoordinationEvent['type'][] = ['operation.accepted', 'power.running', 'power.stopped', 'power.deallocated'];
    const all: VmMachineEvent['type'][] = [...operations, 'guest.shutdown', 'platform.evict', 'fault.arm', 'fault.clear', ...coordination];
    expect(all.every((type) => /^[a-z]+\.[a-zA-Z]+$/.test(type) && !type.startsWith('xstate.'))).toBe(true);
    expect(typeof typeChecks).toBe('function');
  });
});
