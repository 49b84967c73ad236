/**
 * The VM resource as Azure's REST API returns it: `GET …/virtualMachines/{vm}` (with or without
 * `$expand=instanceView`) and the items of `listAll` with `statusOnly=true`. Shape and key order
 * follow Azure/azure-rest-api-specs' Compute examples (`VirtualMachine_Get.json`,
 * `VirtualMachine_Create_WithHibernationEnabled.json`, `VirtualMachine_ListAll_MaximumSet_Gen.json`).
 */
import { formatAzureTime } from './azure-time.js';
import { osDiskName } from './guest-view.js';
import { toInstanceView, toProvisioningState, toStatuses, type InstanceView, type InstanceViewStatus } from './instance-view.js';
import type { VmSnapshot } from './vm.state.js';
import type { OsType } from './vm.types.js';

/**
 * A VM resource as `GET …/virtualMachines/{vm}?$expand=instanceView` returns it (the parts this
 * model knows). Optional properties appear only when set, as in Azure's examples.
 */
export interface VirtualMachineResource {
  /** The VM's name. */
  name: string;
  /** The resource id. */
  id: string;
  /** Always `Microsoft.Compute/virtualMachines`. */
  type: 'Microsoft.Compute/virtualMachines';
  /** The Azure region. */
  location: string;
  /** The resource's tags, when it has any. */
  tags?: Record<string, string>;
  /** The resource's properties. */
  properties: {
    /** The VM's unique id (a GUID). */
    vmId: string;
    /** The VM size. */
    hardwareProfile: { vmSize: string };
    /** The OS disk. */
    storageProfile: { osDisk: { osType: OsType; name: string; createOption: 'FromImage' } };
    /** The provisioning state as a plain string. */
    provisioningState: string;
    /** Present when hibernation is enabled. */
    additionalCapabilities?: { hibernationEnabled: boolean };
    /** `Spot` or `Low`; absent for a Regular VM (Azure's default). */
    priority?: string;
    /** For Spot VMs: `Deallocate` or `Delete`. */
    evictionPolicy?: string;
    /** A Spot VM's max price, when set. */
    billingProfile?: { maxPrice: number };
    /** The instance view (with `$expand=instanceView`). */
    instanceView?: InstanceView;
    /** When the VM was created, as Azure writes times. */
    timeCreated: string;
  };
}

/** Options of {@link toVirtualMachine}. */
export interface VirtualMachineOptions {
  /** The subscription in the resource id. Default: the VM's `subscriptionId`. */
  subscriptionId?: string;
  /** Whether to include `properties.instanceView`, as `$expand=instanceView` does. Default `true`. */
  instanceView?: boolean;
}

/** The resource id of the VM. */
export function resourceId(snapshot: VmSnapshot, subscriptionId = snapshot.context.settings.subscriptionId): string {
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
  properties: { instanceView: { statuses: InstanceViewStatus[] } };
}

/**
 * The VM as `GET /subscriptions/{id}/providers/Microsoft.Compute/virtualMachines?statusOnly=true`
 * lists it (the SDK's `listAll({ statusOnly: "true" })`): the cheap way to read every VM's power
 * state. Throws `ResourceNotFoundError` once deleted (a deleted VM is not listed).
 */
export function toStatusOnlyItem(snapshot: VmSnapshot, subscriptionId = snapshot.context.settings.subscriptionId): StatusOnlyVirtualMachine {
  return {
    id: resourceId(snapshot, subscriptionId),
    name: snapshot.context.settings.name,
    type: 'Microsoft.Compute/virtualMachines',
    properties: { instanceView: { statuses: toStatuses(snapshot) } },
  };
}

/**
 * The whole VM resource, as the REST API returns it: `name`, `id`, `type`, `location`, `tags`
 * (when set), and `properties` with `vmId`, `hardwareProfile.vmSize`, `storageProfile.osDisk`,
 * `provisioningState`, `additionalCapabilities`/`priority`/`evictionPolicy`/`billingProfile` (when
 * set), `instanceView` (unless `instanceView: false`) and `timeCreated`. Throws
 * `ResourceNotFoundError` once deleted.
 *
 * @param snapshot - the VM's snapshot
 * @param options - the subscription id (a string, as before) or {@link VirtualMachineOptions}
 * @example
 * ```ts
 * toVirtualMachine(vm.getSnapshot()).properties.hardwareProfile; // { vmSize: 'Standard_D2s_v5' }
 * toVirtualMachine(vm.getSnapshot(), { instanceView: false });   // a plain GET
 * ```
 */
export function toVirtualMachine(snapshot: VmSnapshot, options: string | VirtualMachineOptions = {}): VirtualMachineResource {
  const { subscriptionId, instanceView = true } = typeof options === 'string' ? { subscriptionId: options } : options;
  const { settings } = snapshot.context;
  const properties: VirtualMachineResource['properties'] = {
    vmId: settings.vmId,
    hardwareProfile: { vmSize: settings.vmSize },
    storageProfile: { osDisk: { osType: settings.osType, name: osDiskName(snapshot.context), createOption: 'FromImage' } },
    provisioningState: toProvisioningState(snapshot),
    timeCreated: formatAzureTime(settings.startTime),
  };
  if (settings.hibernationEnabled) properties.additionalCapabilities = { hibernationEnabled: true };
  if (settings.priority !== 'Regular') {
    properties.priority = settings.priority;
    properties.evictionPolicy = settings.evictionPolicy;
  }
  if (settings.maxPrice !== undefined) properties.billingProfile = { maxPrice: settings.maxPrice };
  if (instanceView) properties.instanceView = toInstanceView(snapshot);
  // timeCreated last, as Azure writes it.
  const { timeCreated, ...rest } = properties;
  return {
    name: settings.name,
    id: resourceId(snapshot, subscriptionId),
    type: 'Microsoft.Compute/virtualMachines',
    location: settings.location,
    ...(settings.tags ? { tags: { ...settings.tags } } : {}),
    properties: { ...rest, timeCreated },
  };
}
