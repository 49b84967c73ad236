/**
 * Which operations Azure accepts in which state, and the errors it answers otherwise.
 * Pure: the machine encodes the same rules in its transitions; the tests check both agree.
 */
import { spotPriceGreaterThanMaxPrice } from './spot.js';
import { isDeleted, vmStateOf, type VmSnapshot } from './vm.state.js';
import type {
  AzureError,
  FaultCode,
  Operation,
  OperationName,
  OperationRejection,
  PowerState,
  VmEvent,
  VmOperationEvent,
  VmSettings,
  VmUpdateChange,
} from './vm.types.js';

/** The REST operation name of a `vm.*` event, e.g. `vm.powerOff` → `powerOff`. */
export function operationNameOf(event: VmOperationEvent): OperationName {
  return event.type.slice('vm.'.length) as OperationName;
}

/** Whether an event is a user operation (`vm.*`). */
export function isOperationEvent(event: { type: string }): event is VmOperationEvent {
  return OPERATION_EVENT_TYPES.includes(event.type as VmOperationEvent['type']);
}

/** Every `vm.*` event type. */
export const OPERATION_EVENT_TYPES: readonly VmOperationEvent['type'][] = [
  'vm.start',
  'vm.powerOff',
  'vm.deallocate',
  'vm.restart',
  'vm.redeploy',
  'vm.reapply',
  'vm.update',
  'vm.delete',
  'vm.simulateEviction',
  'vm.generalize',
  'vm.reimage',
];

/** Operations that a deallocate preempts (model choice: Azure does not document the pairs). */
export const PREEMPTED_BY_DEALLOCATE: readonly OperationName[] = ['start', 'restart', 'powerOff'];

/** The error an operation ends `Canceled` with when a more recent one preempts it. */
export const OPERATION_PREEMPTED: Readonly<AzureError> = {
  code: 'OperationPreempted',
  message: 'Operation execution has been preempted by a more recent operation.',
};

/** Options of {@link faultError}. */
export interface FaultErrorOptions {
  /** The failing operation is a start resuming a hibernated VM: Azure words its allocation failure apart. */
  resumingFromHibernation?: boolean;
  /** The failing operation, as Azure names it in messages (`SpotPriceGreaterThanProvidedMaxPrice`; default `start`). */
  operation?: string;
  /** The VM's max price, USD per hour (`SpotPriceGreaterThanProvidedMaxPrice`). */
  maxPrice?: number;
  /** The VM size (`SpotPriceGreaterThanProvidedMaxPrice`; default `Standard_D2s_v5`). */
  vmSize?: string;
}

/**
 * The current Spot price a `SpotPriceGreaterThanProvidedMaxPrice` fault names: the least price
 * above the VM's max price at the five decimals Azure's Spot prices have (model choice: the model
 * knows no market price).
 */
export function spotPriceAbove(maxPrice: number): number {
  return (Math.floor(maxPrice * 100_000 + 1e-6) + 1) / 100_000;
}

/**
 * Azure's errors for a start that resumes a hibernated VM and cannot be allocated ("Troubleshooting
 * hibernation in Azure", Unable to resume a VM: MicrosoftDocs/azure-docs
 * `articles/virtual-machines/hibernate-resume-troubleshooting.md`).
 * - `AllocationFailed`: not enough capacity
 * - `OverconstrainedResumeFromHibernatedStateAllocationRequest`: capacity exists, but not under the
 *   VM's constraints (accelerated networking, IPv6) together with resuming from hibernation
 */
export const RESUME_FROM_HIBERNATION_ERRORS = {
  AllocationFailed: {
    code: 'AllocationFailed',
    message:
      'VM allocation failed from hibernated state due to insufficient capacity. Try again later or alternatively stop-deallocate the VM and try starting the VM.',
  },
  OverconstrainedResumeFromHibernatedStateAllocationRequest: {
    code: 'OverconstrainedResumeFromHibernatedStateAllocationRequest',
    message:
      "Allocation failed. VM(s) with the following constraints can't be allocated, because the condition is too restrictive. Remove some constraints and try again. Constraints applied are: Networking Constraints (such as Accelerated Networking or IPv6), Resuming from hibernated state (retry starting the VM after some time or alternatively stop-deallocate the VM and try starting the VM again).",
  },
} as const satisfies Record<string, AzureError>;

/**
 * Azure's message for a fault, with the VM's name filled in.
 * - `AllocationFailed`: the text Azure answers a create or a start that finds no capacity; for a
 *   start resuming from hibernation, {@link RESUME_FROM_HIBERNATION_ERRORS}' own text
 * - `OSProvisioningTimedOut`: Azure's text with its links to the VM lifecycle pages
 *   (https://aka.ms/WindowsVMLifecycle, https://aka.ms/LinuxVMLifecycle), as Azure answers it
 *   today (recorded in Azure/aks-engine#3694); "Understand common error messages when you manage
 *   virtual machines in Azure" (MicrosoftDocs/SupportArticles-docs
 *   `support/azure/virtual-machines/windows/error-messages.md`) lists its first three sentences
 * - `OSProvisioningClientError`, `VMStartTimedOut`: the texts of the same article
 * - `InternalOperationError`: the 2018 specification's text
 * - `OverconstrainedResumeFromHibernatedStateAllocationRequest`: Troubleshooting hibernation's text
 * - `SpotPriceGreaterThanProvidedMaxPrice`: the Spot error article's text (`error-codes-spot.md`),
 *   with {@link spotPriceAbove} as the current price
 *
 * @param code - the fault
 * @param vm - the VM's name
 * @param options - what the failing operation was doing
 */
export function faultError(code: FaultCode, vm: string, options: FaultErrorOptions = {}): AzureError {
  switch (code) {
    case 'AllocationFailed':
      if (options.resumingFromHibernation) return { ...RESUME_FROM_HIBERNATION_ERRORS.AllocationFailed };
      return {
        code,
        message:
          'Allocation failed. We do not have sufficient capacity for the requested VM size in this region. Read more about improving likelihood of allocation success at http://aka.ms/allocation-guidance',
      };
    case 'OSProvisioningTimedOut':
      return {
        code,
        message: `OS Provisioning for VM '${vm}' did not finish in the allotted time. The VM may still finish provisioning successfully. Please check provisioning state later. For details on how to check current provisioning state of Windows VMs, refer to https://aka.ms/WindowsVMLifecycle and Linux VMs, refer to https://aka.ms/LinuxVMLifecycle.`,
      };
    case 'OSProvisioningClientError':
      return {
        code,
        message: `OS provisioning for VM '${vm}' failed. Error details: The guest OS did not report that it finished provisioning. Make sure the image has been properly prepared (generalized).`,
      };
    case 'VMStartTimedOut':
      return {
        code,
        message: `VM '${vm}' did not start in the allotted time. The VM may still start successfully. Please check the power state later.`,
      };
    case 'InternalOperationError':
      return { code, message: 'Operation abandoned due to internal error. Please try again later.' };
    case 'OverconstrainedResumeFromHibernatedStateAllocationRequest':
      return { ...RESUME_FROM_HIBERNATION_ERRORS.OverconstrainedResumeFromHibernatedStateAllocationRequest };
    case 'SpotPriceGreaterThanProvidedMaxPrice': {
      const maxPrice = options.maxPrice ?? 0;
      return spotPriceGreaterThanMaxPrice(options.operation ?? 'start', maxPrice, spotPriceAbove(maxPrice), options.vmSize ?? 'Standard_D2s_v5');
    }
  }
}

/**
 * Whether an armed fault applies to an operation accepted in a power state (model choice:
 * a fault waits in the queue for the next operation it can happen to).
 * - `AllocationFailed`: create, and start from deallocated or hibernated (stopped keeps its hardware)
 * - `OSProvisioningTimedOut`, `OSProvisioningClientError`: create from a generalized image
 * - `VMStartTimedOut`: start from stopped, deallocated, hibernated or unknown
 * - `InternalOperationError`: any long-running operation but delete (generalize is not long-running)
 * - `OverconstrainedResumeFromHibernatedStateAllocationRequest`: start from hibernated
 * - `SpotPriceGreaterThanProvidedMaxPrice`: create, and start from deallocated, of a Spot VM whose
 *   max price is above zero (-1 is never refused for price)
 */
export function faultApplies(code: FaultCode, operation: OperationName, from: PowerState, settings: VmSettings): boolean {
  switch (code) {
    case 'AllocationFailed':
      return operation === 'create' || (operation === 'start' && (from === 'deallocated' || from === 'hibernated'));
    case 'OSProvisioningTimedOut':
    case 'OSProvisioningClientError':
      return operation === 'create' && settings.image === 'generalized';
    case 'VMStartTimedOut':
      return operation === 'start' && from !== 'running';
    case 'InternalOperationError':
      return operation !== 'delete' && operation !== 'simulateEviction' && operation !== 'generalize';
    case 'OverconstrainedResumeFromHibernatedStateAllocationRequest':
      return operation === 'start' && from === 'hibernated';
    case 'SpotPriceGreaterThanProvidedMaxPrice':
      return (
        settings.priority !== 'Regular' &&
        settings.maxPrice !== undefined &&
        settings.maxPrice > 0 &&
        (operation === 'create' || (operation === 'start' && (from === 'deallocated' || from === 'hibernated')))
      );
  }
}

/** The operation in progress, if any. */
export function operationInProgress(operation: Operation | null): Operation | null {
  return operation && operation.status === 'InProgress' ? operation : null;
}

const notAllowed = (message: string): OperationRejection => ({ status: 409, code: 'OperationNotAllowed', message });

/**
 * Azure's 409 messages, with the operation and VM names filled in. Operation names inside them are
 * Azure's ({@link operationNameInMessages}: a hibernate request is `HibernateAndDeallocate`).
 * Sources: "Understand common error messages when you manage virtual machines in Azure"
 * (MicrosoftDocs/SupportArticles-docs `support/azure/virtual-machines/windows/error-messages.md`),
 * "Troubleshooting hibernation in Azure" (MicrosoftDocs/azure-docs
 * `articles/virtual-machines/hibernate-resume-troubleshooting.md`), and the tails Azure appends today.
 */
export const REJECTION_MESSAGES = {
  markedForDeletion: (operation: string, vm: string) =>
    `Operation '${operation}' is not allowed on VM '${vm}' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).`,
  anotherInProgress: (operation: string, vm: string) =>
    `Operation '${operation}' is not allowed on VM '${vm}' since another operation is in progress.`,
  /**
   * The article's text, with the link Azure appends (Azure's 409 as recorded in
   * hashicorp/terraform-provider-azurerm#28218; the powerOff rule is in the REST spec's powerOff
   * description since Azure/azure-rest-api-specs#31426).
   */
  deallocated: (operation: string, vm: string) =>
    `Operation '${operation}' is not allowed on VM '${vm}' since the VM is either deallocated or marked to be deallocated. Please refer to https://aka.ms/vmpowerstates to learn about different VM power states.`,
  /**
   * "An ongoing operation is changing power state of Virtual Machine {0} to {1}. Please perform
   * operation {2} after some time." — the article's answer while the power state changes; `target`
   * is the power state it changes to (`stopped`, `deallocated`). Where the model gives it: an
   * operation that needs the power state while it changes without a user operation in progress
   * (a shutdown inside the guest, a Spot eviction).
   */
  ongoingPowerChange: (operation: string, vm: string, target: string) =>
    `An ongoing operation is changing power state of Virtual Machine ${vm} to ${target}. Please perform operation ${operation} after some time.`,
  requiresRunning: () => 'The operation requires the VM to be running (or set to run).',
  hibernationNotEnabled: () =>
    'The Hibernate-Deallocate Operation can only be triggered on a VM that is enabled for hibernation. Enable the property additionalCapabilities.hibernationEnabled during VM creation, or after stopping and deallocating the VM.',
  hibernationSpot: () => "Hibernation capability isn't supported for Spot VMs.",
  hibernationNeedsRunning: () =>
    'The Hibernate-Deallocate Operation can only be triggered on a VM that is successfully provisioned and is running.',
  /**
   * A resize or a change of disks or NICs on a hibernated VM. Azure documents the rule (Hibernation
   * overview, General limitations and FAQs) but not its answer: the wording is the model's, in the
   * pattern of Azure's other 409s, ending with the article's own advice.
   */
  /**
   * An operation that changes the OS disk (reimage) or marks it (generalize) on a hibernated VM,
   * whose memory is saved on that disk ("you can't attach, detach, or modify any disks", Hibernation
   * overview): the model's wording, as for {@link REJECTION_MESSAGES.hibernated}.
   */
  hibernatedOperation: (operation: string, vm: string) =>
    `Operation '${operation}' is not allowed on VM '${vm}' since the VM is hibernated. Move it to a Stop-Deallocated state first.`,
  hibernated: (operation: string, vm: string) =>
    `Operation '${operation}' is not allowed on VM '${vm}' since the VM is hibernated. When a VM is hibernated, you can't resize it or attach, detach, or modify any disks or NICs associated with it; move it to a Stop-Deallocated state first.`,
  /** Azure's answer to an operation on a generalized VM (error-messages.md). */
  generalized: (operation: string, vm: string) => `Operation '${operation}' is not allowed on VM '${vm}' since the VM is generalized.`,
  /**
   * Azure's answer to an operation that needs the VM powered off (generalize) while it runs
   * (error-messages.md): Azure sees a guest that shut itself down as stopped only once it has.
   */
  running: (operation: string, vm: string) =>
    `Operation '${operation}' is not allowed on VM '${vm}' since the VM is running. Please power off explicitly in case you shut down the VM from inside the guest operating system.`,
  notSpot: (operation: string, vm: string) =>
    `Operation '${operation}' is not allowed on VM '${vm}' since the VM is not a Spot VM.`,
} as const;

/**
 * The name Azure gives an operation inside its messages: `HibernateAndDeallocate` for a deallocate
 * that hibernates ("Operation 'HibernateAndDeallocate' isn't allowed on VM …", Troubleshooting
 * hibernation in Azure), else the REST operation's name (`powerOff`, `start`, …).
 */
export function operationNameInMessages(event: VmOperationEvent): string {
  return event.type === 'vm.deallocate' && event.hibernate === true ? 'HibernateAndDeallocate' : operationNameOf(event);
}

/**
 * Azure's 404 for any request about a VM that no longer exists, with the link ARM appends (as
 * `az` prints it in Azure/azure-cli#15064).
 */
export function resourceNotFound(vm: string, resourceGroup: string): OperationRejection {
  return {
    status: 404,
    code: 'ResourceNotFound',
    message: `The Resource 'Microsoft.Compute/virtualMachines/${vm}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  };
}

const TRANSITIONAL: readonly PowerState[] = ['creating', 'starting', 'stopping', 'deallocating'];

/** What a generalized VM refuses: every operation that powers it or replaces its OS disk. */
export const GENERALIZED_REFUSES: readonly OperationName[] = ['start', 'powerOff', 'deallocate', 'restart', 'redeploy', 'reimage', 'simulateEviction'];

/**
 * The power state a transitional one changes to, as "An ongoing operation is changing power state
 * of Virtual Machine {0} to {1}" names it (`{1}`: the model's name of the state, a model choice).
 * `creating` is always a create in progress, so it has none.
 */
const POWER_CHANGING_TO: Partial<Record<PowerState, string>> = { starting: 'running', stopping: 'stopped', deallocating: 'deallocated' };

/** Every change an update can name (`vm.update`'s `changes`). */
export const UPDATE_CHANGES: readonly VmUpdateChange[] = ['vmSize', 'disks', 'networkInterfaces', 'tags'];

/**
 * The changes Azure refuses on a hibernated VM: "When a VM is hibernated, you can't attach,
 * detach, or modify any disks or NICs associated with the VM", and "You can resize VMs that have
 * hibernation enabled, but not when the VM is in a Hibernated state" (MicrosoftDocs/azure-compute-docs
 * `articles/virtual-machines/hibernate-resume.md`, General limitations).
 */
export const CHANGES_REFUSED_WHILE_HIBERNATED: readonly VmUpdateChange[] = ['vmSize', 'disks', 'networkInterfaces'];

/** Whether an update changes something Azure refuses to change on a hibernated VM. */
export function changesRefusedWhileHibernated(event: { type: string; changes?: unknown }): boolean {
  return event.type === 'vm.update' && Array.isArray(event.changes) && event.changes.some((change) => CHANGES_REFUSED_WHILE_HIBERNATED.includes(change));
}

/** The boolean parameters of operations, by event type (Azure's query parameters). */
const BOOLEAN_PARAMETERS: Partial<Record<VmOperationEvent['type'], string>> = {
  'vm.deallocate': 'hibernate',
  'vm.powerOff': 'skipShutdown',
};

/**
 * Azure's 400 `InvalidParameter` for an operation whose parameter has the wrong type
 * (`hibernate` and `skipShutdown` are booleans: `"true"` is not one); `null` when the parameters
 * are valid.
 */
export function invalidParameter(event: VmOperationEvent): OperationRejection | null {
  if (event.type === 'vm.update') {
    const changes: unknown = event.changes;
    if (changes === undefined || (Array.isArray(changes) && changes.every((change) => UPDATE_CHANGES.includes(change)))) return null;
    return { status: 400, code: 'InvalidParameter', message: 'The value of parameter changes is invalid.', target: 'changes' };
  }
  const parameter = BOOLEAN_PARAMETERS[event.type];
  if (parameter === undefined) return null;
  const value = (event as unknown as Record<string, unknown>)[parameter];
  if (value === undefined || typeof value === 'boolean') return null;
  return { status: 400, code: 'InvalidParameter', message: `The value of parameter ${parameter} is invalid.`, target: parameter };
}

/**
 * What Azure answers an operation in the VM's current state: `null` when it accepts it
 * (HTTP 202, or 204 for `simulateEviction`), else the refusal (400 `InvalidParameter` for a
 * parameter of the wrong type, 409 `OperationNotAllowed`, or 404 `ResourceNotFound` once the VM
 * is deleted) with Azure's message.
 *
 * @example
 * ```ts
 * checkOperation(snapshot, { type: 'vm.powerOff' });
 * // { status: 409, code: 'OperationNotAllowed', message: "Operation 'powerOff' is not allowed on VM 'myVM' since the VM is either deallocated or marked to be deallocated." }
 * ```
 */
export function checkOperation(snapshot: VmSnapshot, event: VmOperationEvent): OperationRejection | null {
  const { settings } = snapshot.context;
  const vm = settings.name;
  const state = vmStateOf(snapshot);
  const invalid = invalidParameter(event);
  if (invalid) return invalid;
  if (!state || isDeleted(snapshot)) return resourceNotFound(vm, settings.resourceGroup);
  const name = operationNameOf(event);
  const { power, provisioning } = state;
  const current = operationInProgress(snapshot.context.operation);
  const hibernate = event.type === 'vm.deallocate' && event.hibernate === true;

  // Inside messages an operation has Azure's name (a hibernate request is HibernateAndDeallocate).
  const said = operationNameInMessages(event);

  if (provisioning === 'deleting' && name !== 'delete') {
    return notAllowed(REJECTION_MESSAGES.markedForDeletion(said, vm));
  }
  if (name === 'delete') return null;
  // "Once you mark a VM as generalized in Azure, you can't restart the VM" (generalize.md): every
  // operation that would power it or change its OS disk gets Azure's generalized answer.
  if (snapshot.context.generalized === true && GENERALIZED_REFUSES.includes(name)) {
    return notAllowed(REJECTION_MESSAGES.generalized(said, vm));
  }

  if (hibernate) {
    if (settings.priority !== 'Regular') return notAllowed(REJECTION_MESSAGES.hibernationSpot());
    if (!settings.hibernationEnabled) return notAllowed(REJECTION_MESSAGES.hibernationNotEnabled());
    if (current || power !== 'running' || provisioning !== 'succeeded') {
      return notAllowed(REJECTION_MESSAGES.hibernationNeedsRunning());
    }
    return null;
  }

  if (current) {
    if (name === 'powerOff' && current.name === 'deallocate') return notAllowed(REJECTION_MESSAGES.deallocated(said, vm));
    if (name === 'deallocate' && PREEMPTED_BY_DEALLOCATE.includes(current.name)) return null;
    return notAllowed(REJECTION_MESSAGES.anotherInProgress(said, vm));
  }

  // No user operation is in progress; a transitional power state is then the guest's or the
  // platform's doing (a shutdown inside the guest, a Spot eviction, a start Azure made), and
  // Azure answers that the power state is changing, naming the state it changes to.
  const changing = (): OperationRejection => {
    const target = POWER_CHANGING_TO[power];
    return notAllowed(target ? REJECTION_MESSAGES.ongoingPowerChange(said, vm, target) : REJECTION_MESSAGES.anotherInProgress(said, vm));
  };
  switch (name) {
    case 'update':
      if (power === 'hibernated' && changesRefusedWhileHibernated(event)) return notAllowed(REJECTION_MESSAGES.hibernated(said, vm));
      return null;
    case 'reapply':
      return null;
    case 'start':
      if (TRANSITIONAL.includes(power)) return changing();
      return null;
    case 'powerOff':
      if (power === 'deallocated' || power === 'hibernated' || power === 'deallocating') {
        return notAllowed(REJECTION_MESSAGES.deallocated(said, vm));
      }
      if (TRANSITIONAL.includes(power)) return changing();
      return null;
    case 'deallocate':
      if (power === 'starting' || power === 'creating') return changing();
      return null;
    case 'restart':
      return power === 'running' ? null : notAllowed(REJECTION_MESSAGES.requiresRunning());
    case 'redeploy':
      if (power === 'running' || power === 'stopped') return null;
      if (TRANSITIONAL.includes(power)) return changing();
      return notAllowed(REJECTION_MESSAGES.requiresRunning());
    case 'generalize':
      // Powered off first: deallocated (waagent -deprovision, then az vm deallocate) or stopped
      // (sysprep /generalize /shutdown), as generalize.md does it.
      if (power === 'stopped' || power === 'deallocated') return null;
      if (power === 'hibernated') return notAllowed(REJECTION_MESSAGES.hibernatedOperation(said, vm));
      if (TRANSITIONAL.includes(power)) return changing();
      return notAllowed(REJECTION_MESSAGES.running(said, vm));
    case 'reimage':
      if (power === 'running' || power === 'stopped' || power === 'deallocated') return null;
      if (power === 'hibernated') return notAllowed(REJECTION_MESSAGES.hibernatedOperation(said, vm));
      if (TRANSITIONAL.includes(power)) return changing();
      return notAllowed(REJECTION_MESSAGES.requiresRunning());
    case 'simulateEviction':
      if (settings.priority === 'Regular') return notAllowed(REJECTION_MESSAGES.notSpot(said, vm));
      return power === 'running' ? null : notAllowed(REJECTION_MESSAGES.requiresRunning());
    case 'create':
      // Create is the PUT that made this resource; a second PUT is an update of its model.
      return null;
  }
}

/**
 * Why a non-API event (`guest.*`, `platform.*`, `fault.*`) has no effect now, or `null` when it
 * has one.
 */
export function explainIgnored(snapshot: VmSnapshot, event: VmEvent): string | null {
  const state = vmStateOf(snapshot);
  if (!state) return 'The VM has been deleted.';
  switch (event.type) {
    case 'guest.shutdown':
      if (state.power !== 'running') {
        return `The guest OS can only shut itself down while the VM is running; the power state is ${state.power}.`;
      }
      return state.provisioning === 'deleting' ? 'The VM is being deleted; its power state stays as it is until deletion completes.' : null;
    case 'platform.evict':
      if (snapshot.context.settings.priority === 'Regular') return 'Only Spot VMs are evicted; this VM is Regular priority.';
      if (state.provisioning === 'deleting') return 'The VM is being deleted.';
      return state.power === 'running' ? null : `Only a running Spot VM is evicted; the power state is ${state.power}.`;
    default:
      return null;
  }
}
