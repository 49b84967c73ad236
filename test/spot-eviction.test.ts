import { describe, expect, it } from 'vitest';
import { DEFAULT_DURATIONS as d } from 'azure-vm-lifecycle';
import { runningVm } from './utils.js';

describe('Spot eviction', () => {
  it('a second simulateEviction during the notice restarts it', () => {
    const vm = runningVm({ priority: 'Spot' });
    vm.send({ type: 'vm.simulateEviction' });
    vm.wait(d.evictionNotice / 2);
    vm.send({ type: 'vm.simulateEviction' });
    vm.wait(d.evictionNotice - 1);
    expect(vm.state()?.power).toBe('running');
    vm.wait(1);
    expect(vm.state()?.power).toBe('deallocating');
    vm.settle();
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
  });

  // Regression (found by the property test, seed 847831285): a platform eviction during the notice
  // left the notice's timer armed; it fired later without effect, so a VM restored from storage
  // (which re-arms only what context.timers holds) fired its timers one fewer than the original.
  it('a platform eviction during the notice calls the notice off: no timer fires later without effect', () => {
    const vm = runningVm({ priority: 'Spot' });
    vm.send({ type: 'vm.simulateEviction' });
    vm.send({ type: 'platform.evict' });
    expect(vm.state()?.power).toBe('deallocating');
    expect(vm.snapshot().context.timers.eviction).toBeNull();
    expect(vm.clock.pending).toBe(1);
    expect(vm.settle()).toBe(1);
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
    expect(vm.ignored).toEqual([]);
  });

  it('says why an eviction that comes due after the VM was stopped has no effect, and forgets it', () => {
    const vm = runningVm({ priority: 'Spot' });
    vm.send({ type: 'vm.simulateEviction' });
    vm.send({ type: 'vm.powerOff' });
    vm.wait(d.evictionNotice);
    expect(vm.ignored).toEqual(['Only a running Spot VM is evicted; the power state is stopped.']);
    expect(vm.snapshot().context.timers.eviction).toBeNull();
  });

  it('simulateEviction is answered at once (204, no async operation) and the platform evicts after the notice', () => {
    const vm = runningVm({ priority: 'Spot' });
    const operations = vm.snapshot().context.operationCount;
    vm.send({ type: 'vm.simulateEviction' });
    expect(vm.snapshot().context.operationCount).toBe(operations);
    expect(vm.snapshot().context.history.map((operation) => operation.name)).toEqual(['create']);
    expect(vm.snapshot().context.timers.eviction).toMatchObject({ delay: 'evictionNotice', dueAt: vm.snapshot().context.now + d.evictionNotice });
    expect(vm.rejections).toEqual([]);
    vm.wait(d.evictionNotice - 1);
    expect(vm.state()?.power).toBe('running');
    vm.wait(1);
    expect(vm.state()?.power).toBe('deallocating');
    // Regression: the eviction that happened stayed scheduled in context, and a restored VM re-armed it.
    expect(vm.snapshot().context.timers.eviction).toBeNull();
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
    expect(vm.snapshot().context.timers.eviction).toBeNull();
  });
});
