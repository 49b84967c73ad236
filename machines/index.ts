/**
 * azure-vm-lifecycle: the lifecycle of an Azure virtual machine as an XState v5 statechart.
 * @packageDocumentation
 */
export * from './vm.types.js';
export * from './codes.js';
