import { describe, expect, it } from 'vitest';
import { DEFAULT_DURATIONS as d, operationIdOf } from 'azure-vm-lifecycle';
import { toAsyncOperationStatus } from 'azure-vm-lifecycle/json';
import { createVm, runningVm } from './utils.js';

describe('the async-operation status', () => {
  it('reports an operation InProgress with its start time, then Succeeded with its end time', () => {
    const vm = runningVm();
    const created = vm.snapshot().context.now;
    vm.send({ type: 'vm.powerOff' });
    expect(toAsyncOperationStatus(vm.snapshot())).toEqual({
      name: operationIdOf(vm.snapshot().context.settings.vmId, 2),
      status: 'InProgress',
      startTime: new Date(Date.parse('2025-03-01T08:00:00.000Z') + created).toISOString(),
    });
    vm.settle();
    expect(toAsyncOperationStatus(vm.snapshot())).toMatchObject({
      status: 'Succeeded',
      endTime: new Date(Date.parse('2025-03-01T08:00:00.000Z') + created + d.stopping).toISOString(),
    });
  });

  it('carries the Azure error of a failed operation and of a preempted one', () => {
    const vm = createVm({ faults: ['AllocationFailed'] });
    vm.settle();
    expect(toAsyncOperationStatus(vm.snapshot())).toMatchObject({ status: 'Failed', error: { code: 'AllocationFailed' } });
    const preempted = runningVm();
    preempted.send({ type: 'vm.restart' });
    preempted.send({ type: 'vm.deallocate' });
    const restart = preempted.snapshot().context.history.at(-1)!;
    expect(toAsyncOperationStatus(preempted.snapshot(), restart)).toMatchObject({
      status: 'Canceled',
      error: { code: 'OperationPreempted', message: 'Operation execution has been preempted by a more recent operation.' },
    });
  });

  it('is null before any operation (a VM loaded at a settled state)', () => {
    const vm = runningVm();
    expect(toAsyncOperationStatus(vm.snapshot(), null)).toBeNull();
  });
});
