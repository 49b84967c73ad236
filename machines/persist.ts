/**
 * `azure-vm-lifecycle/persist`: store a VM as JSON at any instant (`persistVm`) and carry on later
 * (`restoreVm`), every pending step re-armed with its remaining time. A subpath of its own, so the
 * main entry stays small for those who only run VMs.
 * @packageDocumentation
 */
export { persistVm, restoreVm, type PersistedVm, type RestoreVmOptions } from './persistence.js';
