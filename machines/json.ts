/**
 * `azure-vm-lifecycle/json`: a VM snapshot as Azure's wire JSON out — the instance view, the VM
 * resource as a GET or `listAll` returns it, the guest's part, and what `GET {Azure-AsyncOperation}`
 * answers. A subpath of its own, so the main entry stays small for those who only run VMs; its
 * counterpart for JSON in is `azure-vm-lifecycle/parse`.
 * @packageDocumentation
 */
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
export { toAsyncOperationStatus, type AsyncOperationStatus } from './async-operation.js';
