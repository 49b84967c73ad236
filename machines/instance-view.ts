/**
 * A VM snapshot as Azure's wire JSON: the instance view's top-level `statuses[]`, the resource's
 * `properties.provisioningState`, and the `powerState` line of `az vm list -d`.
 */
import {
  HIBERNATED_STATUS,
  OS_PROVISIONING_STATUS,
  POWER_STATUS,
  PROVISIONING_STATUS,
  RESOURCE_PROVISIONING_STATE,
} from './codes.js';
import { resourceNotFound } from './operations.js';
import { vmStateOf, type VmSnapshot } from './vm.state.js';

/** One entry of `statuses[]`, exactly as Azure's REST API returns it. */
export interface InstanceViewStatus {
  /** The status code, e.g. `PowerState/running`. Branch on this, never on `displayStatus`. */
  code: string;
  /** `Error` exactly when provisioning failed, else `Info`. */
  level: 'Info' | 'Warning' | 'Error';
  /** The localizable label, e.g. `VM running`. */
  displayStatus: string;
  /** The error message of a failed provisioning state. */
  message?: string;
  /** ISO 8601 time of a provisioning outcome; power statuses carry none. */
  time?: string;
}

/** The part of `VirtualMachineInstanceView` that describes the VM's state. */
export interface InstanceView {
  /** Provisioning status first, then power (and hibernation) statuses, as Azure orders them. */
  statuses: InstanceViewStatus[];
}

/** Thrown when asking for the state of a deleted VM: Azure's 404 `ResourceNotFound`. */
export class ResourceNotFoundError extends Error {
  /** The HTTP status, 404. */
  readonly status = 404;
  /** Azure's error code. */
  readonly code = 'ResourceNotFound';

  constructor(vm: string, resourceGroup: string) {
    super(resourceNotFound(vm, resourceGroup).message);
    this.name = 'ResourceNotFoundError';
  }
}

/** The ISO 8601 time of an instant given in ms since the VM's start instant. */
export function statusTime(snapshot: VmSnapshot, elapsed: number): string {
  return new Date(snapshot.context.settings.startTime + elapsed).toISOString();
}

/**
 * The instance view Azure returns for the VM in this snapshot (`GET …/instanceView`).
 * Throws {@link ResourceNotFoundError} once the VM is deleted: Azure invents no statuses for it.
 *
 * @example
 * ```ts
 * toInstanceView(actor.getSnapshot());
 * // { statuses: [
 * //   { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: '2024-…Z' },
 * //   { code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' } ] }
 * ```
 */
export function toInstanceView(snapshot: VmSnapshot): InstanceView {
  const state = vmStateOf(snapshot);
  const { settings, error, provisioningTime } = snapshot.context;
  if (!state) throw new ResourceNotFoundError(settings.name, settings.resourceGroup);
  const statuses: InstanceViewStatus[] = [];

  if (state.provisioning === 'failed') {
    const failure = error ?? { code: 'InternalOperationError', message: '' };
    statuses.push({
      code: `${PROVISIONING_STATUS.failed.code}/${failure.code}`,
      level: 'Error',
      displayStatus: PROVISIONING_STATUS.failed.displayStatus,
      message: failure.message,
      time: statusTime(snapshot, provisioningTime),
    });
  } else if (state.provisioning === 'succeeded') {
    statuses.push({ ...PROVISIONING_STATUS.succeeded, level: 'Info', time: statusTime(snapshot, provisioningTime) });
  } else {
    const text = state.osProvisioning ? OS_PROVISIONING_STATUS[state.osProvisioning] : PROVISIONING_STATUS[state.provisioning];
    statuses.push({ code: text.code, level: 'Info', displayStatus: text.displayStatus });
  }

  // No power status while allocating, nor when the power state is unknown: Azure shows none.
  if (state.power !== 'creating' && state.power !== 'unknown') {
    statuses.push({ ...POWER_STATUS[state.power], level: 'Info' });
    if (state.power === 'hibernated') statuses.push({ ...HIBERNATED_STATUS, level: 'Info' });
  }
  return { statuses };
}

/** The resource's `properties.provisioningState` (`Creating`, `Updating`, `Deleting`, `Succeeded`, `Failed`). */
export function toProvisioningState(snapshot: VmSnapshot): string {
  const state = vmStateOf(snapshot);
  const { settings } = snapshot.context;
  if (!state) throw new ResourceNotFoundError(settings.name, settings.resourceGroup);
  return RESOURCE_PROVISIONING_STATE[state.provisioning];
}

/**
 * The `powerState` that `az vm list -d` and `az vm show -d` print: the `displayStatus` of every
 * top-level `PowerState/*` status, joined by commas; empty when there is none.
 */
export function azPowerState(view: InstanceView): string {
  return view.statuses
    .filter((status) => status.code.toLowerCase().startsWith('powerstate/'))
    .map((status) => status.displayStatus)
    .join(', ');
}

/** A VM resource as `GET …/virtualMachines/{vm}?$expand=instanceView` returns it (the parts this model knows). */
export interface VirtualMachineResource {
  /** The resource id. */
  id: string;
  /** The VM's name. */
  name: string;
  /** Always `Microsoft.Compute/virtualMachines`. */
  type: 'Microsoft.Compute/virtualMachines';
  /** The resource's properties. */
  properties: {
    /** The provisioning state as a plain string. */
    provisioningState: string;
    /** `Regular`, `Spot` or `Low`. */
    priority: string;
    /** For Spot VMs: `Deallocate` or `Delete`. */
    evictionPolicy?: string;
    /** Whether hibernation is enabled. */
    additionalCapabilities: { hibernationEnabled: boolean };
    /** The instance view. */
    instanceView: InstanceView;
  };
}

function resourceId(snapshot: VmSnapshot, subscriptionId: string): string {
  const { settings } = snapshot.context;
  return `/subscriptions/${subscriptionId}/resourceGroups/${settings.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${settings.name}`;
}

/** One item of `Virtual Machines - List All` with `statusOnly=true`: the instance view's statuses only. */
export interface StatusOnlyVirtualMachine {
  /** The resource id. */
  id: string;
  /** The VM's name. */
  name: string;
  /** Always `Microsoft.Compute/virtualMachines`. */
  type: 'Microsoft.Compute/virtualMachines';
  /** Only the instance view's statuses. */
  properties: { instanceView: InstanceView };
}

/**
 * The VM as `GET /subscriptions/{id}/providers/Microsoft.Compute/virtualMachines?statusOnly=true`
 * lists it (the SDK's `listAll({ statusOnly: "true" })`): the cheap way to read every VM's power
 * state. Throws {@link ResourceNotFoundError} once deleted (a deleted VM is not listed).
 */
export function toStatusOnlyItem(snapshot: VmSnapshot, subscriptionId = snapshot.context.settings.subscriptionId): StatusOnlyVirtualMachine {
  return {
    id: resourceId(snapshot, subscriptionId),
    name: snapshot.context.settings.name,
    type: 'Microsoft.Compute/virtualMachines',
    properties: { instanceView: toInstanceView(snapshot) },
  };
}

/** The whole VM resource with its instance view, as the REST API returns it with `$expand=instanceView`. */
export function toVirtualMachine(snapshot: VmSnapshot, subscriptionId = snapshot.context.settings.subscriptionId): VirtualMachineResource {
  const { settings } = snapshot.context;
  const properties: VirtualMachineResource['properties'] = {
    provisioningState: toProvisioningState(snapshot),
    priority: settings.priority,
    additionalCapabilities: { hibernationEnabled: settings.hibernationEnabled },
    instanceView: toInstanceView(snapshot),
  };
  if (settings.priority !== 'Regular') properties.evictionPolicy = settings.evictionPolicy;
  return {
    id: resourceId(snapshot, subscriptionId),
    name: settings.name,
    type: 'Microsoft.Compute/virtualMachines',
    properties,
  };
}
