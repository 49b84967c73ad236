import { describe, expect, it } from 'vitest';
import { checkOperation, DEFAULT_DURATIONS as d } from 'azure-vm-lifecycle';
import { createVm, runningVm } from './utils.js';

const notAllowed = (message: string) => ({ status: 409, code: 'OperationNotAllowed', message });

describe('operations on a running VM', () => {
  it('powerOff goes stopping then stopped, with provisioning updating then succeeded', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    expect(vm.state()).toEqual({ power: 'stopping', provisioning: 'updating' });
    vm.wait(d.stopping);
    expect(vm.state()).toEqual({ power: 'stopped', provisioning: 'succeeded' });
  });

  it('deallocate goes deallocating then deallocated', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate' });
    expect(vm.state()).toEqual({ power: 'deallocating', provisioning: 'updating' });
    vm.wait(d.deallocating);
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
  });

  it('restart goes through starting and never deallocates', () => {
    const vm = runningVm();
    const powers: string[] = [];
    vm.actor.subscribe(() => powers.push(vm.state()?.power ?? 'gone'));
    vm.send({ type: 'vm.restart' });
    vm.settle();
    expect([...new Set(powers)]).toEqual(['starting', 'running']);
    expect(vm.state()?.provisioning).toBe('succeeded');
  });

  it('redeploy shuts down, then powers back on', () => {
    const vm = runningVm();
    const powers: string[] = [];
    vm.actor.subscribe(() => powers.push(vm.state()?.power ?? 'gone'));
    vm.send({ type: 'vm.redeploy' });
    vm.settle();
    expect([...new Set(powers)]).toEqual(['stopping', 'starting', 'running']);
  });

  it('reapply and update move provisioning only, for the updating delay', () => {
    for (const type of ['vm.reapply', 'vm.update'] as const) {
      const vm = runningVm();
      vm.send({ type });
      expect(vm.state()).toEqual({ power: 'running', provisioning: 'updating' });
      expect(vm.snapshot().context.timers.provisioning?.dueAt).toBe(vm.snapshot().context.now + d.updating);
      vm.wait(d.updating);
      expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
    }
  });

  it('start on a running VM succeeds at once without changing power (model choice)', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.start' });
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
    expect(vm.snapshot().context.history.at(-1)).toMatchObject({ name: 'start', status: 'Succeeded' });
  });

  it('a shutdown inside the guest stops the VM without a user operation, still billed', () => {
    const vm = runningVm();
    vm.send({ type: 'guest.shutdown' });
    vm.settle();
    expect(vm.state()).toEqual({ power: 'stopped', provisioning: 'succeeded' });
    expect(vm.snapshot().context.history.map((o) => o.name)).toEqual(['create']);
  });
});

describe('operations from stopped and deallocated', () => {
  it('start from stopped goes starting then running', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    vm.settle();
    vm.send({ type: 'vm.start' });
    expect(vm.state()).toEqual({ power: 'starting', provisioning: 'updating' });
    vm.wait(d.starting);
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
  });

  it('start from deallocated goes straight to starting', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate' });
    vm.settle();
    vm.send({ type: 'vm.start' });
    expect(vm.codes()).toEqual(['ProvisioningState/updating', 'PowerState/starting']);
  });

  it('powerOff on a stopped VM and deallocate on a deallocated VM are accepted no-ops (model choice)', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    vm.settle();
    vm.send({ type: 'vm.powerOff' });
    expect(vm.state()).toEqual({ power: 'stopped', provisioning: 'succeeded' });
    vm.send({ type: 'vm.deallocate' });
    vm.settle();
    vm.send({ type: 'vm.deallocate' });
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
    expect(vm.rejections).toEqual([]);
    expect(vm.snapshot().context.history.map((o) => `${o.name} ${o.status}`)).toEqual([
      'create Succeeded',
      'powerOff Succeeded',
      'powerOff Succeeded',
      'deallocate Succeeded',
      'deallocate Succeeded',
    ]);
  });

  it('powerOff on a deallocated VM gets Azure 409 and changes nothing', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate' });
    vm.settle();
    const before = vm.snapshot();
    vm.send({ type: 'vm.powerOff' });
    expect(vm.rejections).toEqual([
      notAllowed("Operation 'powerOff' is not allowed on VM 'myVM' since the VM is either deallocated or marked to be deallocated. Please refer to https://aka.ms/vmpowerstates to learn about different VM power states."),
    ]);
    expect(vm.snapshot().value).toEqual(before.value);
    expect(vm.snapshot().context).toEqual(before.context);
  });

  it('restart on a stopped VM requires it to be running', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    vm.settle();
    vm.send({ type: 'vm.restart' });
    expect(vm.rejections).toEqual([notAllowed('The operation requires the VM to be running (or set to run).')]);
  });
});

describe('overlapping operations', () => {
  it('refuses an operation while another is in progress', () => {
    const vm = runningVm({ name: 'web-1' });
    vm.send({ type: 'vm.restart' });
    vm.send({ type: 'vm.update' });
    expect(vm.rejections).toEqual([
      notAllowed("Operation 'update' is not allowed on VM 'web-1' since another operation is in progress."),
    ]);
  });

  it('refuses powerOff while deallocating with the deallocation message, the more specific one', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate' });
    vm.send({ type: 'vm.powerOff' });
    expect(vm.rejections[0]?.message).toBe(
      "Operation 'powerOff' is not allowed on VM 'myVM' since the VM is either deallocated or marked to be deallocated. Please refer to https://aka.ms/vmpowerstates to learn about different VM power states.",
    );
  });

  it('deallocate preempts a start in progress, which ends Canceled with OperationPreempted', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    vm.settle();
    vm.send({ type: 'vm.start' });
    vm.wait(1000);
    vm.send({ type: 'vm.deallocate' });
    expect(vm.state()).toEqual({ power: 'deallocating', provisioning: 'updating' });
    const start = vm.snapshot().context.history.at(-1);
    expect(start).toMatchObject({
      name: 'start',
      status: 'Canceled',
      error: { code: 'OperationPreempted', message: 'Operation execution has been preempted by a more recent operation.' },
    });
    vm.settle();
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
  });

  it('deallocate preempts powerOff and restart too', () => {
    for (const type of ['vm.powerOff', 'vm.restart'] as const) {
      const vm = runningVm();
      vm.send({ type });
      vm.send({ type: 'vm.deallocate' });
      expect(vm.rejections).toEqual([]);
      expect(vm.state()?.power).toBe('deallocating');
    }
  });

  it('deallocate does not preempt a redeploy', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.redeploy' });
    vm.send({ type: 'vm.deallocate' });
    expect(vm.rejections[0]?.message).toContain('since another operation is in progress');
  });

  it('delete preempts any operation and the power state keeps its last known value while deleting', () => {
    const vm = runningVm({ durations: { deleting: d.starting * 3 } });
    vm.send({ type: 'vm.restart' });
    vm.send({ type: 'vm.delete' });
    expect(vm.state()).toEqual({ power: 'starting', provisioning: 'deleting' });
    vm.wait(d.starting);
    expect(vm.state()?.power).toBe('starting');
    expect(vm.snapshot().context.history.at(-1)).toMatchObject({ name: 'restart', status: 'Canceled' });
  });

  it('delete preempts a create in progress', () => {
    const vm = createVm();
    vm.send({ type: 'vm.delete' });
    expect(vm.state()).toEqual({ power: 'creating', provisioning: 'deleting' });
    expect(vm.codes()).toEqual(['ProvisioningState/deleting']);
    expect(vm.snapshot().context.history[0]).toMatchObject({ name: 'create', status: 'Canceled' });
  });
});

describe('deletion', () => {
  it('refuses every other operation while deleting with the marked-for-deletion message', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.delete' });
    vm.send({ type: 'vm.start' });
    expect(vm.rejections).toEqual([
      notAllowed(
        "Operation 'start' is not allowed on VM 'myVM' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).",
      ),
    ]);
  });

  it('accepts a retried delete while deleting, restarting the deletion', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.delete' });
    vm.wait(d.deleting - 1000);
    vm.send({ type: 'vm.delete' });
    vm.wait(1000);
    expect(vm.state()?.provisioning).toBe('deleting');
    vm.wait(d.deleting);
    expect(vm.snapshot().status).toBe('done');
  });

  it('ends the actor when deletion completes; Azure then answers 404 ResourceNotFound', () => {
    const vm = runningVm({ name: 'web-1', resourceGroup: 'rg-prod' });
    vm.send({ type: 'vm.delete' });
    vm.settle();
    expect(vm.snapshot().status).toBe('done');
    expect(vm.snapshot().value).toBe('deleted');
    expect(checkOperation(vm.snapshot(), { type: 'vm.start' })).toEqual({
      status: 404,
      code: 'ResourceNotFound',
      message: "The Resource 'Microsoft.Compute/virtualMachines/web-1' under resource group 'rg-prod' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    });
  });

  it('deletes a VM whose provisioning failed', () => {
    const vm = createVm({ faults: ['AllocationFailed'] });
    vm.settle();
    expect(vm.state()?.provisioning).toBe('failed');
    vm.send({ type: 'vm.delete' });
    vm.settle();
    expect(vm.snapshot().status).toBe('done');
  });
});

describe('unknown and non-API events', () => {
  it('says why a guest shutdown had no effect on a deallocated VM', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate' });
    vm.settle();
    vm.send({ type: 'guest.shutdown' });
    expect(vm.ignored).toEqual([
      'The guest OS can only shut itself down while the VM is running; the power state is deallocated.',
    ]);
  });

  it('says why a guest shutdown had no effect while deleting (regression: it was ignored silently)', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.delete' });
    vm.send({ type: 'guest.shutdown' });
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'deleting' });
    expect(vm.ignored).toEqual(['The VM is being deleted; its power state stays as it is until deletion completes.']);
  });

  it('reports an unknown event type instead of ignoring it silently', () => {
    const vm = runningVm();
    vm.actor.send({ type: 'vm.reboot' } as never);
    expect(vm.rejections).toEqual([]);
    expect(vm.ignored[0]).toContain('Unknown event type "vm.reboot"');
  });

  it('reports an unknown fault code', () => {
    const vm = runningVm();
    vm.actor.send({ type: 'fault.arm', code: 'DiskFull' } as never);
    expect(vm.ignored[0]).toContain('Unknown fault code "DiskFull"');
    expect(vm.snapshot().context.faults).toEqual([]);
  });
});

describe('the operation history', () => {
  it('keeps the last historyLimit operations, oldest dropped first', () => {
    const vm = runningVm({ historyLimit: 3 });
    for (const type of ['vm.powerOff', 'vm.start', 'vm.restart', 'vm.deallocate'] as const) {
      vm.send({ type });
      vm.settle();
    }
    expect(vm.snapshot().context.history.map((operation) => operation.name)).toEqual(['start', 'restart', 'deallocate']);
    expect(vm.snapshot().context.operationCount).toBe(5);
  });
});
