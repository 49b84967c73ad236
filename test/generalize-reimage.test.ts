/**
 * generalize and reimage, Azure's POST …/generalize and …/reimage.
 * - "Once you mark a VM as generalized in Azure, you can't restart the VM"; Linux: deprovision,
 *   `az vm deallocate`, then `az vm generalize`; Windows: `sysprep /generalize /shutdown`, then
 *   `Set-AzVm -Generalized` (MicrosoftDocs/azure-compute-docs articles/virtual-machines/generalize.md).
 * - "Operation '{0}' is not allowed on VM '{1}' since the VM is generalized." and "… since the VM
 *   is running. Please power off explicitly in case you shut down the VM from inside the guest
 *   operating system." (MicrosoftDocs/SupportArticles-docs support/azure/virtual-machines/windows/error-messages.md).
 * - generalize answers 200 at once; reimage is long-running (202) (@azure/arm-compute's
 *   VirtualMachines_Generalize expects 200, VirtualMachines_Reimage 200/202).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DURATIONS as d, checkOperation, VirtualClock, vmStateOf, type VmOperationEvent } from 'azure-vm-lifecycle';
import { persistVm, restoreVm } from 'azure-vm-lifecycle/persist';
import { fromInstanceView, startVmAt } from 'azure-vm-lifecycle/parse';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { runningVm } from './utils.js';

const generalizedVm = (via: 'vm.deallocate' | 'guest.shutdown' = 'vm.deallocate') => {
  const vm = runningVm({ name: 'img-1' });
  vm.send({ type: via });
  vm.settle();
  vm.send({ type: 'vm.generalize' });
  return vm;
};

describe('generalize', () => {
  it('marks a deallocated VM generalized at once: OSState/generalized after the power status', () => {
    const vm = generalizedVm();
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
    expect(toInstanceView(vm.snapshot()).statuses.slice(1)).toEqual([
      { code: 'PowerState/deallocated', level: 'Info', displayStatus: 'VM deallocated' },
      { code: 'OSState/generalized', level: 'Info', displayStatus: 'VM generalized' },
    ]);
    expect(vm.snapshot().context.history.at(-1)).toMatchObject({ name: 'generalize', status: 'Succeeded' });
    expect(vm.snapshot().context.timers).toEqual({ power: null, provisioning: null, eviction: null });
  });

  it('marks a VM stopped from inside the guest (sysprep /shutdown) generalized too', () => {
    const vm = generalizedVm('guest.shutdown');
    expect(vm.state()?.power).toBe('stopped');
    expect(vm.codes()).toContain('OSState/generalized');
  });

  it('refuses to generalize a running VM with Azure\'s "since the VM is running" answer', () => {
    const vm = runningVm({ name: 'img-1' });
    vm.send({ type: 'vm.generalize' });
    expect(vm.rejections).toEqual([
      {
        status: 409,
        code: 'OperationNotAllowed',
        message:
          "Operation 'generalize' is not allowed on VM 'img-1' since the VM is running. Please power off explicitly in case you shut down the VM from inside the guest operating system.",
      },
    ]);
    expect(vm.codes()).not.toContain('OSState/generalized');
  });

  it('then refuses every operation that would power the VM, and still takes update, reapply and delete', () => {
    const vm = generalizedVm();
    const refused: VmOperationEvent[] = [
      { type: 'vm.start' },
      { type: 'vm.powerOff' },
      { type: 'vm.deallocate' },
      { type: 'vm.restart' },
      { type: 'vm.redeploy' },
      { type: 'vm.reimage' },
    ];
    for (const event of refused) vm.send(event);
    expect(vm.rejections.map((r) => r.message)).toEqual(
      ['start', 'powerOff', 'deallocate', 'restart', 'redeploy', 'reimage'].map((op) => `Operation '${op}' is not allowed on VM 'img-1' since the VM is generalized.`),
    );
    expect(vm.rejections.every((r) => r.status === 409 && r.code === 'OperationNotAllowed')).toBe(true);
    vm.send({ type: 'vm.update' });
    vm.settle();
    vm.send({ type: 'vm.delete' });
    vm.settle();
    expect(vm.rejections).toHaveLength(refused.length);
    expect(vm.snapshot().status).toBe('done');
  });

  it('stays generalized through storage, and the parsed instance view keeps its power state', () => {
    const vm = generalizedVm();
    const again = restoreVm(JSON.parse(JSON.stringify(persistVm(vm.actor))), { clock: new VirtualClock() });
    expect(toInstanceView(again.getSnapshot()).statuses.map((s) => s.code)).toContain('OSState/generalized');
    expect(checkOperation(again.getSnapshot(), { type: 'vm.start' })?.message).toBe("Operation 'start' is not allowed on VM 'img-1' since the VM is generalized.");
    expect(fromInstanceView(toInstanceView(vm.snapshot()))).toMatchObject({ power: 'deallocated', provisioning: 'succeeded', generalized: true });
  });

  it('reads OSState/generalized in any casing and loads the VM generalized', () => {
    const parsed = fromInstanceView({
      statuses: [
        { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded' },
        { code: 'PowerState/deallocated', level: 'Info', displayStatus: 'VM deallocated' },
        { code: 'OSState/Generalized', level: 'Info', displayStatus: 'VM Generalized' },
      ],
    });
    expect(parsed.generalized).toBe(true);
    const loaded = startVmAt(parsed, { clock: new VirtualClock(), input: { name: 'img-2' } });
    expect(checkOperation(loaded.getSnapshot(), { type: 'vm.start' })?.message).toBe("Operation 'start' is not allowed on VM 'img-2' since the VM is generalized.");
    expect(fromInstanceView({ statuses: [{ code: 'ProvisioningState/succeeded' }, { code: 'PowerState/running' }] }).generalized).toBeUndefined();
  });
});

describe('reimage', () => {
  it('reimages a running VM: it shuts down, boots its new OS disk and runs again, provisioning updating meanwhile', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.reimage' });
    expect(vm.state()).toEqual({ power: 'stopping', provisioning: 'updating' });
    vm.wait(d.stopping);
    expect(vm.state()).toEqual({ power: 'starting', provisioning: 'updating' });
    vm.wait(d.starting);
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
    expect(vm.snapshot().context.history.at(-1)).toMatchObject({ name: 'reimage', status: 'Succeeded' });
    expect(vm.snapshot().context.history.at(-1)!.endTime! - vm.snapshot().context.history.at(-1)!.startTime).toBe(d.stopping + d.starting);
  });

  it('reimages a stopped or deallocated VM and leaves it running', () => {
    for (const off of ['vm.powerOff', 'vm.deallocate'] as const) {
      const vm = runningVm();
      vm.send({ type: off });
      vm.settle();
      vm.send({ type: 'vm.reimage' });
      expect(vm.state()).toEqual({ power: 'starting', provisioning: 'updating' });
      vm.settle();
      expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
    }
  });

  it('refuses a hibernated VM (its memory is on the OS disk) and one whose power is changing', () => {
    const vm = runningVm({ hibernationEnabled: true, name: 'h-1' });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.send({ type: 'vm.reimage' });
    vm.settle();
    vm.send({ type: 'vm.reimage' });
    expect(vm.rejections.map((r) => r.message)).toEqual([
      "Operation 'reimage' is not allowed on VM 'h-1' since another operation is in progress.",
      "Operation 'reimage' is not allowed on VM 'h-1' since the VM is hibernated. Move it to a Stop-Deallocated state first.",
    ]);
    expect(vmStateOf(vm.snapshot())?.power).toBe('hibernated');
  });

  it('fails with InternalOperationError when armed, the VM running again', () => {
    const vm = runningVm();
    vm.send({ type: 'fault.arm', code: 'InternalOperationError' });
    vm.send({ type: 'vm.reimage' });
    vm.settle();
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'failed' });
    // generalize is no long-running operation: the fault waits for the next one.
    const off = runningVm();
    off.send({ type: 'vm.deallocate' });
    off.settle();
    off.send({ type: 'fault.arm', code: 'InternalOperationError' });
    off.send({ type: 'vm.generalize' });
    expect(off.state()).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
    expect(off.snapshot().context.faults).toEqual(['InternalOperationError']);
  });
});
