import { describe, expect, it } from 'vitest';
import { DEFAULT_DURATIONS as d, validateInput } from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { createVm, runningVm } from './utils.js';

describe('hibernation', () => {
  it('hibernates a running VM that was created with hibernation enabled', () => {
    const vm = runningVm({ hibernationEnabled: true });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    expect(vm.state()?.power).toBe('deallocating');
    // Saving memory takes its own time on top of deallocating: still deallocating 1 ms before both.
    vm.wait(d.deallocating + d.hibernating - 1);
    expect(vm.state()).toEqual({ power: 'deallocating', provisioning: 'updating' });
    expect(vm.snapshot().context.timers.power?.dueAt).toBe(vm.snapshot().context.timers.power!.startedAt + d.deallocating + d.hibernating);
    vm.wait(1);
    expect(vm.state()).toEqual({ power: 'hibernated', provisioning: 'succeeded' });
    expect(toInstanceView(vm.snapshot()).statuses.slice(1)).toEqual([
      { code: 'PowerState/deallocated', level: 'Info', displayStatus: 'VM deallocated' },
      { code: 'HibernationState/Hibernated', level: 'Info', displayStatus: 'VM hibernated' },
    ]);
  });

  it('resumes with an ordinary start; the hibernation status disappears as the resume begins', () => {
    const vm = runningVm({ hibernationEnabled: true });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.settle();
    vm.send({ type: 'vm.start' });
    expect(vm.codes()).toEqual(['ProvisioningState/updating', 'PowerState/starting']);
    vm.settle();
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
  });

  it('stays hibernated when the resume fails with AllocationFailed', () => {
    const vm = runningVm({ hibernationEnabled: true });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.settle();
    vm.send({ type: 'fault.arm', code: 'AllocationFailed' });
    vm.send({ type: 'vm.start' });
    vm.settle();
    expect(vm.state()).toEqual({ power: 'hibernated', provisioning: 'failed' });
  });

  it('refuses to hibernate a VM without hibernation enabled', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate', hibernate: true });
    expect(vm.rejections).toEqual([
      {
        status: 409,
        code: 'OperationNotAllowed',
        message: 'The Hibernate-Deallocate Operation can only be triggered on a VM that is enabled for hibernation. Enable the property additionalCapabilities.hibernationEnabled during VM creation, or after stopping and deallocating the VM.',
      },
    ]);
  });

  it('refuses to hibernate a VM that is not running or not successfully provisioned', () => {
    const stopped = runningVm({ hibernationEnabled: true });
    stopped.send({ type: 'vm.powerOff' });
    stopped.settle();
    stopped.send({ type: 'vm.deallocate', hibernate: true });
    const creating = createVm({ hibernationEnabled: true });
    creating.wait(d.allocating + d.starting);
    expect(creating.state()).toMatchObject({ power: 'running', provisioning: 'creating' });
    creating.send({ type: 'vm.deallocate', hibernate: true });
    for (const vm of [stopped, creating]) {
      expect(vm.rejections.map((r) => r.message)).toEqual([
        'The Hibernate-Deallocate Operation can only be triggered on a VM that is successfully provisioned and is running.',
      ]);
    }
  });

  it('refuses to hibernate a Spot VM with Azure\'s Spot message', () => {
    const vm = runningVm({ priority: 'Spot' });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    expect(vm.rejections).toEqual([
      { status: 409, code: 'OperationNotAllowed', message: "Hibernation capability isn't supported for Spot VMs." },
    ]);
    expect(vm.state()?.power).toBe('running');
  });

  it('refuses hibernation for a Spot VM at input', () => {
    expect(() => validateInput({ hibernationEnabled: true, priority: 'Spot' })).toThrow(
      "Hibernation capability isn't supported for Spot VMs",
    );
  });

  it('hibernating from inside the guest does not count: the VM is only stopped and still billed', () => {
    const vm = runningVm({ hibernationEnabled: true });
    vm.send({ type: 'guest.shutdown' });
    vm.settle();
    expect(vm.state()?.power).toBe('stopped');
  });
});

// "When a VM is hibernated, you can't attach, detach, or modify any disks or NICs associated with
// the VM. The VM must instead be moved to a Stop-Deallocated state." … "You can however
// stop(deallocate) or delete the VM" (MicrosoftDocs/azure-compute-docs
// articles/virtual-machines/hibernate-resume.md, General limitations and FAQs).
describe('deallocating a hibernated VM', () => {
  const hibernatedVm = () => {
    const vm = runningVm({ hibernationEnabled: true });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.settle();
    return vm;
  };

  it('leaves it plainly deallocated: the saved memory is gone, a start boots afresh', () => {
    const vm = hibernatedVm();
    vm.send({ type: 'vm.deallocate' });
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
    expect(vm.codes()).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated']);
    expect(vm.snapshot().context.history.at(-1)).toMatchObject({ name: 'deallocate', status: 'Succeeded' });
    vm.send({ type: 'vm.start' });
    expect(vm.snapshot().context.operation?.resumingFromHibernation).toBeUndefined();
  });

  it('fails like any operation when InternalOperationError is armed, and is hibernated no more', () => {
    const vm = hibernatedVm();
    vm.send({ type: 'fault.arm', code: 'InternalOperationError' });
    vm.send({ type: 'vm.deallocate' });
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'failed' });
  });
});

// "You can resize VMs that have hibernation enabled, but not when the VM is in a Hibernated state"
// and "When a VM is hibernated, you can't attach, detach, or modify any disks or NICs associated
// with the VM" (articles/virtual-machines/hibernate-resume.md, General limitations). Azure does not
// publish its answer: the 409's wording is the model's.
describe('updating a hibernated VM', () => {
  const hibernatedVm = () => {
    const vm = runningVm({ hibernationEnabled: true, name: 'web-1' });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.settle();
    return vm;
  };

  for (const change of ['vmSize', 'disks', 'networkInterfaces'] as const) {
    it(`refuses an update that changes ${change} with a 409, and nothing changes`, () => {
      const vm = hibernatedVm();
      const before = vm.snapshot().context.operationCount;
      vm.send({ type: 'vm.update', changes: ['tags', change] });
      expect(vm.rejections).toEqual([
        {
          status: 409,
          code: 'OperationNotAllowed',
          message:
            "Operation 'update' is not allowed on VM 'web-1' since the VM is hibernated. When a VM is hibernated, you can't resize it or attach, detach, or modify any disks or NICs associated with it; move it to a Stop-Deallocated state first.",
        },
      ]);
      expect(vm.state()).toEqual({ power: 'hibernated', provisioning: 'succeeded' });
      expect(vm.snapshot().context.operationCount).toBe(before);
    });
  }

  it('accepts an update of tags alone, or one that names no change, and stays hibernated', () => {
    const vm = hibernatedVm();
    vm.send({ type: 'vm.update', changes: ['tags'] });
    vm.settle();
    vm.send({ type: 'vm.update' });
    vm.settle();
    expect(vm.rejections).toEqual([]);
    expect(vm.state()).toEqual({ power: 'hibernated', provisioning: 'succeeded' });
  });

  it('resizes once the VM is deallocated, running or stopped', () => {
    const vm = hibernatedVm();
    vm.send({ type: 'vm.deallocate' });
    vm.send({ type: 'vm.update', changes: ['vmSize', 'disks'] });
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'updating' });
    vm.settle();
    const running = runningVm({ hibernationEnabled: true });
    running.send({ type: 'vm.update', changes: ['vmSize'] });
    expect(running.rejections).toEqual([]);
  });

  it('refuses changes it does not know with a 400 naming the parameter', () => {
    const vm = hibernatedVm();
    vm.send({ type: 'vm.update', changes: ['cpu'] as never });
    vm.send({ type: 'vm.update', changes: 'vmSize' as never });
    expect(vm.rejections.map((r) => [r.status, r.code, r.message, r.target])).toEqual([
      [400, 'InvalidParameter', 'The value of parameter changes is invalid.', 'changes'],
      [400, 'InvalidParameter', 'The value of parameter changes is invalid.', 'changes'],
    ]);
  });
});
