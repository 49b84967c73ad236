import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { VirtualClock, vmMachine, type VmInput } from 'azure-vm-lifecycle';
import { operationControls, refusalText } from '../viz/page/controls.js';

function vm(input: VmInput = {}) {
  const clock = new VirtualClock();
  const actor = createActor(vmMachine, { clock, input }).start();
  clock.runUntilIdle();
  return { actor, clock };
}

const control = (actor: ReturnType<typeof vm>['actor'], key: string) => {
  const found = operationControls(actor.getSnapshot()).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no control ${key}`);
  return found;
};

describe('operation controls', () => {
  it('offer every operation with Azure users\' labels and the REST name in the accessible name', () => {
    const { actor } = vm();
    const controls = operationControls(actor.getSnapshot());
    expect(controls.map((c) => c.label)).toEqual([
      'Start',
      'Power off (az vm stop)',
      "Deallocate (the portal's Stop)",
      'Hibernate',
      'Restart',
      'Redeploy',
      'Reapply',
      'Update',
      'Reimage',
      'Generalize',
      'Delete',
      'Spot eviction',
      'Shut down inside the guest',
      'Platform eviction',
    ]);
    expect(control(actor, 'powerOff').accessibleName).toBe('Power off (az vm stop) — powerOff');
    expect(control(actor, 'deallocate').accessibleName).toBe("Deallocate (the portal's Stop) — deallocate (az vm deallocate)");
    expect(control(actor, 'hibernate').event).toEqual({ type: 'vm.deallocate', hibernate: true });
    expect(control(actor, 'simulateEviction').event).toEqual({ type: 'vm.simulateEviction' });
    expect(control(actor, 'guestShutdown').event).toEqual({ type: 'guest.shutdown' });
    expect(control(actor, 'platformEvict').event).toEqual({ type: 'platform.evict' });
    for (const c of controls) expect(c.accessibleName.startsWith(c.label)).toBe(true);
  });

  it('allow what a running Regular VM accepts and explain the rest with Azure\'s answer', () => {
    const { actor } = vm();
    const allowed = operationControls(actor.getSnapshot()).filter((c) => c.allowed).map((c) => c.key);
    expect(allowed).toEqual(['start', 'powerOff', 'deallocate', 'restart', 'redeploy', 'reapply', 'update', 'reimage', 'delete', 'guestShutdown']);
    expect(control(actor, 'generalize').accessibleName).toBe('Generalize — generalize (az vm generalize)');
    expect(control(actor, 'generalize').refusal).toMatchObject({ kind: 'rejected', rejection: { status: 409, code: 'OperationNotAllowed' } });
    expect(control(actor, 'hibernate').refusal).toEqual({
      kind: 'rejected',
      rejection: {
        status: 409,
        code: 'OperationNotAllowed',
        message: 'The Hibernate-Deallocate Operation can only be triggered on a VM that is enabled for hibernation. Enable the property additionalCapabilities.hibernationEnabled during VM creation, or after stopping and deallocating the VM.',
      },
    });
    expect(control(actor, 'platformEvict').refusal).toEqual({ kind: 'ignored', message: { key: 'ignored.evictRegular' }, reason: 'Only Spot VMs are evicted; this VM is Regular priority.' });
  });

  it('refuse Restart while deallocated with the 409 Azure gives', () => {
    const { actor, clock } = vm();
    actor.send({ type: 'vm.deallocate' });
    clock.runUntilIdle();
    const restart = control(actor, 'restart');
    expect(restart.allowed).toBe(false);
    expect(restart.refusal && refusalText(restart.refusal)).toBe(
      '409 Conflict — OperationNotAllowed: The operation requires the VM to be running (or set to run).',
    );
  });

  it('answer 404 ResourceNotFound for everything once the VM is deleted', () => {
    const { actor, clock } = vm({ name: 'web-1' });
    actor.send({ type: 'vm.delete' });
    clock.runUntilIdle();
    const api = operationControls(actor.getSnapshot()).filter((c) => c.source === 'api');
    for (const c of api) {
      expect(c.allowed).toBe(false);
      expect(c.refusal && refusalText(c.refusal)).toBe(
        "404 Not Found — ResourceNotFound: The Resource 'Microsoft.Compute/virtualMachines/web-1' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      );
    }
  });

  it('allow Hibernate only for a running VM created with hibernation enabled, and Spot eviction only for Spot VMs', () => {
    expect(control(vm({ hibernationEnabled: true }).actor, 'hibernate').allowed).toBe(true);
    const spot = vm({ priority: 'Spot' }).actor;
    expect(control(spot, 'simulateEviction').allowed).toBe(true);
    expect(control(spot, 'platformEvict').allowed).toBe(true);
  });
});
