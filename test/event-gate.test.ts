/**
 * The machine as a hostile caller tries it: malformed events and events meant for the machine
 * itself are refused with a reason, never an XState `error` status, never a changed VM.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { MAX_ARMED_FAULTS, VirtualClock, checkOperation, describeValue, vmMachine, vmStateOf, type VmEvent } from 'azure-vm-lifecycle';
import { createVm, runningVm } from './utils.js';

describe('the event gate', () => {
  it.each([
    ['hibernate', { type: 'vm.deallocate', hibernate: 'true' }],
    ['hibernate', { type: 'vm.deallocate', hibernate: 1 }],
    ['skipShutdown', { type: 'vm.powerOff', skipShutdown: 'yes' }],
    ['skipShutdown', { type: 'vm.powerOff', skipShutdown: null }],
  ])('answers a %s that is not a boolean with Azure’s 400 InvalidParameter, from the machine and checkOperation alike', (parameter, event) => {
    const vm = runningVm({ hibernationEnabled: true });
    const before = vm.snapshot();
    vm.send(event as unknown as VmEvent);
    const answer = { status: 400, code: 'InvalidParameter', message: `The value of parameter ${parameter} is invalid.`, target: parameter };
    expect(vm.rejections).toEqual([answer]);
    expect(checkOperation(before, event as never)).toEqual(answer);
    expect(vm.snapshot()).toBe(before);
  });

  it('no longer hibernates a VM on { hibernate: "true" } (regression: a string was truthy enough)', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate', hibernate: 'true' } as unknown as VmEvent);
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
  });

  it.each<[string, unknown, string]>([
    ['a numeric type', { type: 42 }, "An event's type must be a string; got number 42."],
    ['an object type', { type: { name: 'vm.start' } }, "An event's type must be a string; got an object."],
    ['no type', {}, "An event's type must be a string; got undefined."],
    ['a number for an event', 7, 'An event must be an object with a string type; got number 7.'],
    ['an unknown type', { type: 'vm.hibernate' }, 'Unknown event type "vm.hibernate"; the VM accepts vm.* operations, guest.shutdown, platform.evict, fault.arm and fault.clear.'],
    ['a BigInt fault code', { type: 'fault.arm', code: 10n }, 'Unknown fault code bigint 10; expected one of'],
    ['a fault code that is no fault', { type: 'fault.arm', code: 'DiskFull' }, 'Unknown fault code "DiskFull"; expected one of'],
  ])('refuses %s with a reason, keeping the VM and its status (even with nobody listening)', (_what, event, reason) => {
    const vm = runningVm();
    const before = vm.snapshot();
    vm.actor.send(event as VmEvent);
    expect(vm.ignored).toHaveLength(1);
    expect(vm.ignored[0]).toContain(reason);
    expect(vm.snapshot()).toBe(before);
    const silent = createActor(vmMachine, { clock: new VirtualClock(), input: {} }).start();
    silent.send(event as VmEvent);
    expect(silent.getSnapshot().status).toBe('active');
  });

  it.each(['operation.accepted', 'power.running', 'power.stopped', 'power.deallocated'])(
    'refuses %s from outside, so nobody can end an operation early',
    (type) => {
      const vm = runningVm();
      vm.send({ type: 'vm.powerOff' });
      vm.send({ type: 'vm.deallocate' });
      vm.send({ type } as unknown as VmEvent);
      expect(vm.ignored).toEqual([`"${type}" is raised by the VM's own regions; it is not accepted from outside.`]);
      expect(vm.state()).toEqual({ power: 'deallocating', provisioning: 'updating' });
      expect(vm.snapshot().context.operation).toMatchObject({ name: 'deallocate', status: 'InProgress' });
    },
  );

  it(`arms at most ${MAX_ARMED_FAULTS} faults and says why it refuses the next`, () => {
    const vm = runningVm();
    for (let i = 0; i < MAX_ARMED_FAULTS; i++) vm.send({ type: 'fault.arm', code: 'InternalOperationError' });
    expect(vm.ignored).toEqual([]);
    vm.send({ type: 'fault.arm', code: 'InternalOperationError' });
    expect(vm.snapshot().context.faults).toHaveLength(MAX_ARMED_FAULTS);
    expect(vm.ignored).toEqual([`At most ${MAX_ARMED_FAULTS} faults can be armed at once; clear them (fault.clear) or let operations take them.`]);
    vm.send({ type: 'fault.clear' });
    expect(vm.snapshot().context.faults).toEqual([]);
  });

  it('quotes at most 80 characters of an offending value, for any value', () => {
    const vm = createVm();
    vm.send({ type: 'x'.repeat(10_000) } as unknown as VmEvent);
    expect(vm.ignored[0]!.length).toBeLessThan(300);
    expect(vm.ignored[0]).toContain('(10000 characters)');
    expect(describeValue('\u202eevil')).toBe('"\\u202eevil"');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
  });

  it('lets the statechart answer what it does not take: Azure’s 409, with the state unchanged', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    vm.settle();
    vm.send({ type: 'vm.restart' });
    expect(vm.rejections).toEqual([{ status: 409, code: 'OperationNotAllowed', message: 'The operation requires the VM to be running (or set to run).' }]);
    expect(vmStateOf(vm.snapshot())).toEqual({ power: 'stopped', provisioning: 'succeeded' });
  });
});
