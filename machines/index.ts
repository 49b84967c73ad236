/**
 * azure-vm-lifecycle: the lifecycle of an Azure virtual machine as an XState v5 statechart.
 *
 * Subpaths: `azure-vm-lifecycle/parse` (instance-view JSON in, actors started at a parsed state),
 * `azure-vm-lifecycle/simulate` (deterministic timelines), `azure-vm-lifecycle/mermaid` (diagrams),
 * `azure-vm-lifecycle/viz` (the live chart).
 * @packageDocumentation
 */
export * from './vm.types.js';
export * from './codes.js';
export { vmMachine, createVmActor, durationOf, createVmContext, type VmMachine, type Region } from './vm.machine.js';
export { deterministicGuid, defaultVmId, operationIdOf, isGuid, DEFAULT_SUBSCRIPTION_ID } from './ids.js';
export { VirtualClock, readClock, type VmClock } from './clock.js';
export { persistVm, restoreVm, type PersistedVm, type RestoreVmOptions } from './persistence.js';
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
export {
  toInstanceView,
  toStatuses,
  toProvisioningState,
  azPowerState,
  statusTime,
  azureStatusTime,
  ResourceNotFoundError,
  type InstanceView,
  type InstanceViewStatus,
} from './instance-view.js';
export {
  toVirtualMachine,
  toStatusOnlyItem,
  resourceId,
  type VirtualMachineResource,
  type VirtualMachineOptions,
  type StatusOnlyVirtualMachine,
} from './vm-resource.js';
export { agentStateOf, osDiskName, VM_AGENT_VERSION, type AgentState, type GuestView, type GuestStatus, type VmAgentInstanceView, type DiskInstanceView } from './guest-view.js';
export { formatAzureTime } from './azure-time.js';
export { SPOT_ERRORS, spotPriceGreaterThanMaxPrice } from './spot.js';
export { DEFAULT_LOCATION, DEFAULT_VM_SIZE, DEFAULT_HYPER_V_GENERATION } from './resource-settings.js';
export {
  billingOf,
  createBillingMeter,
  BILLING_TABLES,
  BILLING_TABLE_TITLES,
  BILLING_ROUNDINGS,
  type Billing,
  type BillingMeter,
  type BillingMeterOptions,
  type BillingRounding,
  type MeterReading,
} from './billing.js';
export { toAsyncOperationStatus, type AsyncOperationStatus } from './async-operation.js';
