/**
 * A VM snapshot as Azure's wire JSON: the instance view (`statuses[]` and the guest's part), the
 * resource's `properties.provisioningState`, and the `powerState` line of `az vm list -d`.
 */
import { formatAzureTime } from './azure-time.js';
import {
  GENERALIZED_STATUS, HIBERNATED_STATUS,
  OS_PROVISIONING_STATUS,
  POWER_STATUS,
  PROVISIONING_STATUS,
  RESOURCE_PROVISIONING_STATE,
} from './codes.js';
import { toGuestView, type GuestView } from './guest-view.js';
import { resourceNotFound } from './operations.js';
import { vmStateOf, type VmSnapshot } from './vm.state.js';

/**
 * One entry of `statuses[]`, exactly as Azure's REST API returns it, keys in Azure's order:
 * `code, level, displayStatus[, message][, time]` (every Compute REST example).
 */
export interface InstanceViewStatus {
  /** The status code, e.g. `PowerState/running`. Branch on this, never on `displayStatus`. */
  code: string;
  /** `Error` exactly when provisioning failed, else `Info`. */
  level: 'Info' | 'Warning' | 'Error';
  /** The localizable label, e.g. `VM running`. */
  displayStatus: string;
  /** The error message of a failed provisioning state. */
  message?: string;
  /** When a provisioning outcome was reached, as Azure writes it (`2025-03-01T08:01:55.0000000+00:00`); power statuses carry none. */
  time?: string;
}

/**
 * `VirtualMachineInstanceView` as Azure returns it for what the model knows, keys in Azure's order:
 * `computerName`, `osName`, `osVersion`, `vmAgent`, `disks`, `hyperVGeneration`, `statuses`.
 */
export interface InstanceView extends Partial<GuestView> {
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

/** The ISO 8601 time (`toISOString()`, millisecond precision) of an instant given in ms since the VM's start instant. */
export function statusTime(snapshot: VmSnapshot, elapsed: number): string {
  return new Date(snapshot.context.settings.startTime + elapsed).toISOString();
}

/** An instant given in ms since the VM's start instant, as Azure writes status times: `2025-03-01T08:01:55.0000000+00:00`. */
export function azureStatusTime(snapshot: VmSnapshot, elapsed: number): string {
  return formatAzureTime(snapshot.context.settings.startTime + elapsed);
}

/** A status object with Azure's key order and no absent keys. */
function status(code: string, level: InstanceViewStatus['level'], displayStatus: string, message?: string, time?: string): InstanceViewStatus {
  const built: InstanceViewStatus = { code, level, displayStatus };
  if (message !== undefined) built.message = message;
  if (time !== undefined) built.time = time;
  return built;
}

/**
 * The top-level `statuses[]` of the VM in this snapshot: its provisioning status, then its power
 * statuses. Throws {@link ResourceNotFoundError} once the VM is deleted.
 */
export function toStatuses(snapshot: VmSnapshot): InstanceViewStatus[] {
  const state = vmStateOf(snapshot);
  const { settings, error, provisioningTime } = snapshot.context;
  if (!state) throw new ResourceNotFoundError(settings.name, settings.resourceGroup);
  const statuses: InstanceViewStatus[] = [];
  const time = azureStatusTime(snapshot, provisioningTime);
  const { failed, succeeded } = PROVISIONING_STATUS;

  if (state.provisioning === 'failed') {
    // Without an error code (a failed state read from Azure without one) the code stays bare.
    statuses.push(
      error
        ? status(`${failed.code}/${error.code}`, 'Error', failed.displayStatus, error.message, time)
        : status(failed.code, 'Error', failed.displayStatus, undefined, time),
    );
  } else if (state.provisioning === 'succeeded') {
    statuses.push(status(succeeded.code, 'Info', succeeded.displayStatus, undefined, time));
  } else {
    const text = state.osProvisioning ? OS_PROVISIONING_STATUS[state.osProvisioning] : PROVISIONING_STATUS[state.provisioning];
    statuses.push(status(text.code, 'Info', text.displayStatus));
  }

  // No power status while allocating, nor when the power state is unknown: Azure shows none.
  if (state.power !== 'creating' && state.power !== 'unknown') {
    const power = POWER_STATUS[state.power];
    statuses.push(status(power.code, 'Info', power.displayStatus));
    if (state.power === 'hibernated') statuses.push(status(HIBERNATED_STATUS.code, 'Info', HIBERNATED_STATUS.displayStatus));
  }
  if (snapshot.context.generalized === true) statuses.push(status(GENERALIZED_STATUS.code, 'Info', GENERALIZED_STATUS.displayStatus));
  return statuses;
}

/**
 * The instance view Azure returns for the VM in this snapshot (`GET …/instanceView`): the guest's
 * part (computer name, VM agent, OS disk, Hyper-V generation; see `toGuestView`) and the statuses.
 * Throws {@link ResourceNotFoundError} once the VM is deleted: Azure invents no statuses for it.
 *
 * @example
 * ```ts
 * toInstanceView(actor.getSnapshot()).statuses;
 * // [ { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: '2025-…0000+00:00' },
 * //   { code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' } ]
 * ```
 */
export function toInstanceView(snapshot: VmSnapshot): InstanceView {
  const statuses = toStatuses(snapshot);
  const state = vmStateOf(snapshot);
  return { ...(state ? toGuestView(snapshot.context, state) : {}), statuses };
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
 * top-level status whose code starts with `PowerState/` (case-sensitive), joined by `","`; empty
 * when there is none — as azure-cli's `get_vm_details` computes it (Azure/azure-cli
 * `src/azure-cli/azure/cli/command_modules/vm/custom.py`).
 */
export function azPowerState(view: Pick<InstanceView, 'statuses'>): string {
  return view.statuses
    .filter((entry) => entry.code.startsWith('PowerState/'))
    .map((entry) => entry.displayStatus)
    .join(',');
}
