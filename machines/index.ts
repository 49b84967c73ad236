/**
 * azure-vm-lifecycle: the lifecycle of an Azure virtual machine as an XState v5 statechart.
 *
 * The main entry holds what running a VM needs. Subpaths: `azure-vm-lifecycle/json` (Azure's wire
 * JSON out: instance view, VM resource, async-operation status), `azure-vm-lifecycle/parse`
 * (instance-view JSON in, actors started at a parsed state), `azure-vm-lifecycle/persist` (store
 * and restore VMs), `azure-vm-lifecycle/billing` (billed or not, meters),
 * `azure-vm-lifecycle/simulate` (deterministic timelines), `azure-vm-lifecycle/mermaid`
 * (diagrams), `azure-vm-lifecycle/viz` (the live chart), `azure-vm-lifecycle/emulator`.
 * @packageDocumentation
 */
export * from './vm.types.js';
export * from './codes.js';
export { vmMachine, createVmActor, durationOf, createVmContext, type VmMachine, type Region } from './vm.machine.js';
export { deterministicGuid, defaultVmId, operationIdOf, isGuid, DEFAULT_SUBSCRIPTION_ID } from './ids.js';
export { VirtualClock, readClock, type VmClock } from './clock.js';
export { COORDINATION_EVENT_TYPES } from './event-gate.js';
export { describeValue } from './describe-value.js';
export { validateInput, VmInputError, DEFAULT_DURATIONS, FAULT_CODES, isFaultCode } from './settings.js';
export {
  checkOperation,
  explainIgnored,
  faultApplies,
  faultError,
  spotPriceAbove,
  operationNameOf,
  isOperationEvent,
  operationInProgress,
  resourceNotFound,
  invalidParameter,
  OPERATION_EVENT_TYPES,
  PREEMPTED_BY_DEALLOCATE,
  OPERATION_PREEMPTED,
  REJECTION_MESSAGES,
  RESUME_FROM_HIBERNATION_ERRORS,
  operationNameInMessages,
  UPDATE_CHANGES,
  CHANGES_REFUSED_WHILE_HIBERNATED,
  changesRefusedWhileHibernated,
  type FaultErrorOptions,
} from './operations.js';
export { vmStateOf, isDeleted, pendingSteps, type PendingStep, type VmSnapshot, type VmStateSummary } from './vm.state.js';
export { formatAzureTime } from './azure-time.js';
export { SPOT_ERRORS, spotPriceGreaterThanMaxPrice } from './spot.js';
export { DEFAULT_LOCATION, DEFAULT_VM_SIZE, DEFAULT_HYPER_V_GENERATION } from './resource-settings.js';
