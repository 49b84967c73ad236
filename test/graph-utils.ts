/**
 * What model-based traversals of the VM machine share: every event it can receive (timers
 * included, as the events XState raises for them) and a state key without times.
 */
import type { AnyStateNode } from 'xstate';
import { FAULT_CODES, OPERATION_EVENT_TYPES, operationInProgress, vmMachine, type VmEvent } from 'azure-vm-lifecycle';

/** A snapshot of the VM machine. */
export type VmMachineSnapshot = ReturnType<typeof vmMachine.getInitialSnapshot>;

/** Every state node of the machine, the root first. */
export function allStateNodes(node: AnyStateNode = vmMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child))];
}

const afterEvents = [...new Set(allStateNodes().flatMap((node) => node.after.map((t) => t.eventType)))];

/** Every event a VM can receive in a snapshot; one armed fault at a time keeps the space finite. */
export function eventsFor(snapshot: VmMachineSnapshot): VmEvent[] {
  const faults: VmEvent[] =
    snapshot.context.faults.length === 0 ? FAULT_CODES.map((code) => ({ type: 'fault.arm', code }) as VmEvent) : [];
  return [
    ...OPERATION_EVENT_TYPES.map((type) => ({ type }) as VmEvent),
    { type: 'vm.deallocate', hibernate: true },
    { type: 'vm.powerOff', skipShutdown: true },
    { type: 'guest.shutdown' },
    { type: 'platform.evict' },
    { type: 'fault.clear' },
    ...faults,
    ...afterEvents.map((type) => ({ type }) as unknown as VmEvent),
  ];
}

/** The parts of a snapshot that decide what can happen next and what Azure shows (times left out). */
export function serializeVmState(snapshot: VmMachineSnapshot): string {
  const current = operationInProgress(snapshot.context.operation);
  return JSON.stringify([
    snapshot.value,
    current && [current.name, current.fault, current.hibernate, current.resumingFromHibernation],
    snapshot.context.faults,
    snapshot.context.timers.eviction !== null,
    snapshot.context.error?.code,
    snapshot.context.powerWhileDeleting,
    snapshot.context.generalized === true,
  ]);
}
