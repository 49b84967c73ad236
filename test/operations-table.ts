/**
 * Azure's operations table written out a second time, independently of `checkOperation`: from
 * the domain reference (§5, "Operations", and the whole-resource rules) and the README's model
 * choices, as a table of power state × operation. The property test holds the machine and
 * `checkOperation` to it, so a rule wrong in both places still fails.
 */
import { vmStateOf, type OperationName, type PowerState, type VmSnapshot, type VmOperationEvent } from 'azure-vm-lifecycle';

/** A refusal: HTTP status, Azure's code and words its message must contain. */
export interface Refusal {
  status: 400 | 404 | 409;
  code: string;
  says: string;
}

const conflict = (says: string): Refusal => ({ status: 409, code: 'OperationNotAllowed', says });
const ANOTHER = conflict('since another operation is in progress');
const DEALLOCATED = conflict('since the VM is either deallocated or marked to be deallocated');
const REQUIRES_RUNNING = conflict('The operation requires the VM to be running (or set to run).');
const NOT_SPOT = conflict('since the VM is not a Spot VM');
/** generalize on a running VM (error-messages.md). */
const RUNNING = conflict('since the VM is running. Please power off explicitly');
/** generalize or reimage on a hibernated VM: its OS disk holds the saved memory (model's wording). */
const HIBERNATED = conflict('since the VM is hibernated');
/** Anything that powers a generalized VM (generalize.md: "you can't restart the VM"). */
const GENERALIZED = conflict('since the VM is generalized');
/** The power state changes without a user operation (guest shutdown, eviction, a start Azure made). */
const CHANGING = conflict('An ongoing operation is changing power state of Virtual Machine');
const OK = 'accepted' as const;

type Answer = typeof OK | Refusal;

/**
 * With no user operation in progress: what Azure answers each operation in each power state.
 * Transitional states without an operation are the guest's or the platform's doing.
 */
const WHEN_IDLE: Record<Exclude<OperationName, 'create' | 'delete' | 'update' | 'reapply'>, Record<PowerState, Answer>> = {
  //               creating  starting  running  stopping  stopped  deallocating  deallocated  hibernated  unknown
  start: { creating: ANOTHER, starting: CHANGING, running: OK, stopping: CHANGING, stopped: OK, deallocating: CHANGING, deallocated: OK, hibernated: OK, unknown: OK },
  powerOff: { creating: ANOTHER, starting: CHANGING, running: OK, stopping: CHANGING, stopped: OK, deallocating: DEALLOCATED, deallocated: DEALLOCATED, hibernated: DEALLOCATED, unknown: OK },
  deallocate: { creating: ANOTHER, starting: CHANGING, running: OK, stopping: OK, stopped: OK, deallocating: OK, deallocated: OK, hibernated: OK, unknown: OK },
  restart: { creating: REQUIRES_RUNNING, starting: REQUIRES_RUNNING, running: OK, stopping: REQUIRES_RUNNING, stopped: REQUIRES_RUNNING, deallocating: REQUIRES_RUNNING, deallocated: REQUIRES_RUNNING, hibernated: REQUIRES_RUNNING, unknown: REQUIRES_RUNNING },
  redeploy: { creating: ANOTHER, starting: CHANGING, running: OK, stopping: CHANGING, stopped: OK, deallocating: CHANGING, deallocated: REQUIRES_RUNNING, hibernated: REQUIRES_RUNNING, unknown: REQUIRES_RUNNING },
  generalize: { creating: ANOTHER, starting: CHANGING, running: RUNNING, stopping: CHANGING, stopped: OK, deallocating: CHANGING, deallocated: OK, hibernated: HIBERNATED, unknown: RUNNING },
  reimage: { creating: ANOTHER, starting: CHANGING, running: OK, stopping: CHANGING, stopped: OK, deallocating: CHANGING, deallocated: OK, hibernated: HIBERNATED, unknown: REQUIRES_RUNNING },
  simulateEviction: { creating: REQUIRES_RUNNING, starting: REQUIRES_RUNNING, running: OK, stopping: REQUIRES_RUNNING, stopped: REQUIRES_RUNNING, deallocating: REQUIRES_RUNNING, deallocated: REQUIRES_RUNNING, hibernated: REQUIRES_RUNNING, unknown: REQUIRES_RUNNING },
};

/** Operations a plain deallocate preempts (model choice 5). */
const PREEMPTABLE_BY_DEALLOCATE: readonly OperationName[] = ['start', 'restart', 'powerOff'];

/** What Azure answers `event` for the VM in `snapshot`, by the table above. */
export function azureAnswers(snapshot: VmSnapshot, event: VmOperationEvent): Answer {
  const name = event.type.slice(3) as OperationName;
  const parameter = name === 'deallocate' ? 'hibernate' : name === 'powerOff' ? 'skipShutdown' : null;
  const value = parameter ? (event as Record<string, unknown>)[parameter] : undefined;
  if (value !== undefined && typeof value !== 'boolean') return { status: 400, code: 'InvalidParameter', says: `parameter ${parameter}` };
  const state = vmStateOf(snapshot);
  if (state === null) return { status: 404, code: 'ResourceNotFound', says: 'was not found' };
  if (name === 'delete') return OK;
  if (state.provisioning === 'deleting') return conflict('since the VM is marked for deletion');
  const { settings, operation } = snapshot.context;
  const current = operation?.status === 'InProgress' ? operation.name : null;
  const powers = ['start', 'powerOff', 'deallocate', 'restart', 'redeploy', 'reimage', 'simulateEviction'];
  if (snapshot.context.generalized === true && powers.includes(name)) return GENERALIZED;

  if (name === 'deallocate' && event.type === 'vm.deallocate' && event.hibernate === true) {
    if (settings.priority !== 'Regular') return conflict("Hibernation capability isn't supported for Spot VMs.");
    if (!settings.hibernationEnabled) return conflict('can only be triggered on a VM that is enabled for hibernation');
    if (current !== null || state.power !== 'running' || state.provisioning !== 'succeeded') {
      return conflict('can only be triggered on a VM that is successfully provisioned and is running');
    }
    return OK;
  }
  if (current !== null) {
    if (name === 'powerOff' && current === 'deallocate') return DEALLOCATED;
    if (name === 'deallocate' && PREEMPTABLE_BY_DEALLOCATE.includes(current)) return OK;
    return ANOTHER;
  }
  // Hibernation overview, General limitations: no resize, no disk or NIC change while hibernated.
  if (name === 'update' && state.power === 'hibernated' && event.type === 'vm.update' && event.changes?.some((c) => c !== 'tags')) {
    return conflict('since the VM is hibernated');
  }
  if (name === 'update' || name === 'reapply') return OK;
  if (name === 'simulateEviction' && settings.priority === 'Regular') return NOT_SPOT;
  if (name === 'create') return OK;
  return WHEN_IDLE[name][state.power];
}
