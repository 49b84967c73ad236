import { describe, expect, it } from 'vitest';
import { DEFAULT_DURATIONS as d } from 'azure-vm-lifecycle';
import { runningVm } from './utils.js';

describe('Spot eviction', () => {
  it('simulateEviction completes at once (204) and the platform evicts after the notice', () => {
    const vm = runningVm({ priority: 'Spot' });
    vm.send({ type: 'vm.simulateEviction' });
    expect(vm.snapshot().context.history.at(-1)).toMatchObject({ name: 'simulateEviction', status: 'Succeeded' });
    expect(vm.snapshot().context.evictionScheduled).toBe(true);
    vm.wait(d.evictionNotice - 1);
    expect(vm.state()?.power).toBe('running');
    vm.wait(1);
    expect(vm.state()?.power).toBe('deallocating');
    vm.settle();
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
  });

  it('an eviction under the Delete policy deletes the VM', () => {
    const vm = runningVm({ priority: 'Spot', evictionPolicy: 'Delete' });
    vm.send({ type: 'platform.evict' });
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'deleting' });
    vm.settle();
    expect(vm.snapshot().status).toBe('done');
  });

  it('refuses other operations while an eviction deletes the VM (regression: start was accepted as a no-op)', () => {
    const vm = runningVm({ priority: 'Spot', evictionPolicy: 'Delete' });
    vm.send({ type: 'platform.evict' });
    vm.send({ type: 'vm.start' });
    expect(vm.rejections.map((r) => r.message)).toEqual([
      "Operation 'start' is not allowed on VM 'myVM' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).",
    ]);
    expect(vm.snapshot().context.operation).toMatchObject({ name: 'delete', status: 'InProgress' });
  });

  it('refuses simulateEviction on a Regular VM', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.simulateEviction' });
    expect(vm.rejections[0]).toEqual({
      status: 409,
      code: 'OperationNotAllowed',
      message: "Operation 'simulateEviction' is not allowed on VM 'myVM' since the VM is not a Spot VM.",
    });
  });

  it('says why a platform eviction of a Regular VM had no effect', () => {
    const vm = runningVm();
    vm.send({ type: 'platform.evict' });
    expect(vm.ignored).toEqual(['Only Spot VMs are evicted; this VM is Regular priority.']);
    expect(vm.state()?.power).toBe('running');
  });

  it('a delete cancels a scheduled eviction', () => {
    const vm = runningVm({ priority: 'Spot', durations: { deleting: d.evictionNotice * 2 } });
    vm.send({ type: 'vm.simulateEviction' });
    vm.send({ type: 'vm.delete' });
    vm.wait(d.evictionNotice);
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'deleting' });
    expect(vm.snapshot().context.evictionScheduled).toBe(false);
  });
});
