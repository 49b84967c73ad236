import { describe, expect, it } from 'vitest';
import { VirtualClock, vmStateOf, VmInputError } from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { fromInstanceView, startVmAt } from 'azure-vm-lifecycle/parse';

const stoppedVm = {
  name: 'web-1',
  properties: {
    provisioningState: 'Succeeded',
    instanceView: {
      statuses: [
        { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: '2025-02-01T10:00:00.1234567+00:00' },
        { code: 'PowerState/stopped', level: 'Info', displayStatus: 'VM stopped' },
      ],
    },
  },
};

describe('starting an actor at a state read from Azure', () => {
  it('loads a stopped VM from its JSON and carries on from there', () => {
    const clock = new VirtualClock();
    const vm = startVmAt(fromInstanceView(stoppedVm), { clock, input: { name: 'web-1' } });
    expect(vmStateOf(vm.getSnapshot())).toEqual({ power: 'stopped', provisioning: 'succeeded' });
    vm.send({ type: 'vm.start' });
    clock.runUntilIdle();
    expect(vmStateOf(vm.getSnapshot())).toEqual({ power: 'running', provisioning: 'succeeded' });
  });

  it('resumes a VM observed mid-start: its timer runs and the implied start operation completes', () => {
    const clock = new VirtualClock();
    const vm = startVmAt({ power: 'starting', provisioning: 'updating' }, { clock, input: { durations: { starting: 5000 } } });
    expect(vm.getSnapshot().context.operation).toMatchObject({ name: 'start', status: 'InProgress' });
    expect(vm.getSnapshot().context.timers.power).toEqual({ delay: 'starting', startedAt: 0, dueAt: 5000 });
    clock.advance(5000);
    expect(vmStateOf(vm.getSnapshot())).toEqual({ power: 'running', provisioning: 'succeeded' });
  });

  it('round-trips every settled state through toInstanceView and fromInstanceView', () => {
    const states = [
      { power: 'running', provisioning: 'succeeded' },
      { power: 'stopped', provisioning: 'succeeded' },
      { power: 'deallocated', provisioning: 'succeeded' },
      { power: 'hibernated', provisioning: 'succeeded' },
      { power: 'running', provisioning: 'failed', error: { code: 'VMStartTimedOut', message: 'late' } },
      { power: 'unknown', provisioning: 'succeeded' },
    ] as const;
    for (const state of states) {
      const vm = startVmAt(state, { clock: new VirtualClock() });
      const parsed = fromInstanceView(toInstanceView(vm.getSnapshot()));
      expect({ power: parsed.power, provisioning: parsed.provisioning, error: parsed.error }).toEqual({ error: undefined, ...state });
    }
  });

  it('starts an unknown power state that accepts start, powerOff and deallocate', () => {
    const vm = startVmAt({ power: 'unknown', provisioning: 'succeeded' }, { clock: new VirtualClock() });
    vm.send({ type: 'vm.powerOff' });
    expect(vmStateOf(vm.getSnapshot())).toEqual({ power: 'stopping', provisioning: 'updating' });
  });

  it('rejects an impossible state, naming the field', () => {
    expect(() => startVmAt({ power: 'sleeping' as never, provisioning: 'succeeded' })).toThrow(VmInputError);
    expect(() => startVmAt({ power: 'creating', provisioning: 'succeeded' })).toThrow("Invalid VM input 'state.power'");
  });
});

describe('a failure Azure reported without an error code', () => {
  it('loads without inventing one, and the instance view shows a bare ProvisioningState/failed', () => {
    const parsed = fromInstanceView({ statuses: [{ code: 'ProvisioningState/failed', level: 'Error' }, { code: 'PowerState/running' }] });
    const vm = startVmAt(parsed, { clock: new VirtualClock(), input: { startTime: '2025-02-01T10:00:00.000Z' } });
    expect(toInstanceView(vm.getSnapshot()).statuses[0]).toEqual({
      code: 'ProvisioningState/failed',
      level: 'Error',
      displayStatus: 'Provisioning failed',
      time: '2025-02-01T10:00:00.0000000+00:00',
    });
  });
});

describe('the times Azure stamped', () => {
  it('keeps the parsed provisioning status time (to the millisecond the model counts in) until the next operation ends', () => {
    const clock = new VirtualClock();
    const parsed = fromInstanceView(stoppedVm);
    expect(parsed.provisioningTime).toBe('2025-02-01T10:00:00.123Z');
    const vm = startVmAt(parsed, { clock, input: { name: 'web-1', startTime: '2025-03-01T08:00:00Z' } });
    expect(toInstanceView(vm.getSnapshot()).statuses[0]?.time).toBe('2025-02-01T10:00:00.1230000+00:00');
    vm.send({ type: 'vm.start' });
    expect(toInstanceView(vm.getSnapshot()).statuses[0]?.code).toBe('ProvisioningState/updating');
    clock.runUntilIdle();
    expect(toInstanceView(vm.getSnapshot()).statuses[0]?.time).toBe('2025-03-01T08:00:30.0000000+00:00');
  });

  it('keeps a failed status time too, and refuses a time that is no instant', () => {
    const failed = fromInstanceView({
      statuses: [
        { code: 'ProvisioningState/failed/VMStartTimedOut', level: 'Error', message: 'late', time: '2025-02-01T09:30:00+01:00' },
        { code: 'PowerState/running' },
      ],
    });
    const vm = startVmAt(failed, { clock: new VirtualClock(), input: { startTime: '2025-03-01T08:00:00Z' } });
    expect(toInstanceView(vm.getSnapshot()).statuses[0]).toMatchObject({ code: 'ProvisioningState/failed/VMStartTimedOut', time: '2025-02-01T08:30:00.0000000+00:00' });
    expect(() => startVmAt({ power: 'running', provisioning: 'succeeded', provisioningTime: 'yesterday' })).toThrow("Invalid VM input 'state.provisioningTime'");
  });
});
