/**
 * `azure-vm-lifecycle/parse`: Azure's instance-view JSON in, and actors started at the state it
 * describes. A subpath of its own, so the main entry stays small for those who only run VMs.
 * @packageDocumentation
 */
export { fromInstanceView, type ParsedInstanceView } from './instance-view-parse.js';
export { InstanceViewError } from './instance-view-errors.js';
export { contradictionOf, loadablePair, type StatePair } from './state-consistency.js';
export { startVmAt, impliedOperation, type StartVmAtOptions } from './restore.js';
