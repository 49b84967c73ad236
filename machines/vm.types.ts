/**
 * The whole vocabulary of the VM lifecycle: states, events, input, context.
 * Names are Azure's own words (the REST operations, the instance-view codes).
 */

/**
 * The power state of a VM: the last known state of the machine itself.
 * - `creating`: the resource is being allocated; Azure shows no `PowerState/*` status yet
 * - `starting`: the VM is booting (`PowerState/starting`)
 * - `running`: the normal working state (`PowerState/running`)
 * - `stopping`: shutting down, still on its host (`PowerState/stopping`)
 * - `stopped`: shut down but still allocated and billed (`PowerState/stopped`)
 * - `deallocating`: being stopped and removed from its host (`PowerState/deallocating`)
 * - `deallocated`: stopped and removed from its host (`PowerState/deallocated`)
 * - `hibernated`: deallocated with its memory saved to the OS disk (`PowerState/deallocated` plus `HibernationState/Hibernated`)
 * - `unknown`: Azure reported no power state (`PowerState/unknown` or none at all)
 */
export type PowerState =
  | 'creating'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'deallocating'
  | 'deallocated'
  | 'hibernated'
  | 'unknown';

/**
 * The provisioning state: the state of the last user-initiated control-plane operation.
 * - `creating`: the create request is being carried out (`ProvisioningState/creating`)
 * - `updating`: an operation other than create or delete is being carried out (`ProvisioningState/updating`)
 * - `deleting`: the resource is being deleted (`ProvisioningState/deleting`)
 * - `succeeded`: the last operation completed (`ProvisioningState/succeeded`)
 * - `failed`: the last operation failed (`ProvisioningState/failed/<code>`); not terminal
 */
export type ProvisioningState = 'creating' | 'updating' | 'deleting' | 'succeeded' | 'failed';

/**
 * The OS-provisioning substate of `creating`, seen only for a VM created from a generalized image.
 * - `osProvisioningInProgress`: the VM runs while its guest OS sets itself up
 * - `osProvisioningComplete`: the guest OS is set up; extensions may still be installing
 */
export type OsProvisioningState = 'osProvisioningInProgress' | 'osProvisioningComplete';

/**
 * How the OS disk image was prepared.
 * - `generalized`: machine-specific data removed (sysprep, waagent -deprovision); the guest OS sets up on first boot
 * - `specialized`: a copy of a configured machine; no OS provisioning happens
 */
export type ImageKind = 'generalized' | 'specialized';

/** The guest operating system family; it sets the OS-provisioning timeout (Linux 8 min, Windows 20 min). */
export type OsType = 'Linux' | 'Windows';

/** Azure's VM priority (`properties.priority`). `Low` is the legacy name of `Spot`. */
export type Priority = 'Regular' | 'Spot' | 'Low';

/** What Azure does with an evicted Spot VM (`properties.evictionPolicy`). */
export type EvictionPolicy = 'Deallocate' | 'Delete';

/**
 * Which billing table to follow; the sources disagree on `starting`.
 * - `seed-2018`: "Virtual machines lifecycle and states" (2018), the specification: starting is not billed
 * - `azure-2023`: "States and billing status of Azure Virtual Machines" (2023): starting is billed
 */
export type BillingTable = 'seed-2018' | 'azure-2023';

/**
 * An Azure error that an operation can fail with, ending its async operation `Failed`.
 * - `AllocationFailed`: no capacity for the VM size in the region (create, start from deallocated)
 * - `OSProvisioningTimedOut`: the guest OS did not finish setting up in time (create, generalized image)
 * - `OSProvisioningClientError`: the guest OS failed to set up (create, generalized image)
 * - `VMStartTimedOut`: the VM did not start in the allotted time (start)
 * - `InternalOperationError`: the platform abandoned the operation (any operation)
 * - `OverconstrainedResumeFromHibernatedStateAllocationRequest`: capacity exists, but not under the
 *   VM's networking constraints together with resuming from hibernation (start from hibernated)
 * - `SpotPriceGreaterThanProvidedMaxPrice`: the Spot price is above the VM's max price (create, or
 *   start from deallocated, of a Spot VM whose max price is set above zero)
 */
export type FaultCode =
  | 'AllocationFailed'
  | 'OSProvisioningTimedOut'
  | 'OSProvisioningClientError'
  | 'VMStartTimedOut'
  | 'InternalOperationError'
  | 'OverconstrainedResumeFromHibernatedStateAllocationRequest'
  | 'SpotPriceGreaterThanProvidedMaxPrice';

/**
 * A user operation, named as Azure's REST operation.
 * `create` is the PUT that makes the resource; the others are the actions on it.
 */
export type OperationName =
  | 'create'
  | 'start'
  | 'powerOff'
  | 'deallocate'
  | 'restart'
  | 'redeploy'
  | 'reapply'
  | 'update'
  | 'delete'
  | 'simulateEviction'
  | 'generalize'
  | 'reimage';

/**
 * The status of an Azure async operation, as its `Azure-AsyncOperation` endpoint reports it.
 * - `InProgress`: still running
 * - `Succeeded`: completed
 * - `Failed`: ended with an error
 * - `Canceled`: preempted by a more recent operation
 */
export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

/** An error in Azure's envelope shape (`{ error: { code, message } }`, without the envelope). */
export interface AzureError {
  /** Azure's error code, for example `AllocationFailed`. */
  code: string;
  /** Azure's message, with the VM name filled in. */
  message: string;
}

/** One operation on the VM, as Azure's async-operation resource reports it. */
export interface Operation {
  /** The operation's REST name. */
  name: OperationName;
  /** A GUID, unique across VMs and deterministic for the same input (derived from the `vmId` and the operation's number). */
  id: string;
  /** When the operation was accepted, in ms since the actor's start instant. */
  startTime: number;
  /** When it ended, in ms since the actor's start instant; absent while in progress. */
  endTime?: number;
  /** Its status. */
  status: OperationStatus;
  /** Why it failed or was canceled. */
  error?: AzureError;
  /** For `deallocate`: whether it hibernates. */
  hibernate?: boolean;
  /** For `powerOff`: whether the guest was given no chance to shut down. */
  skipShutdown?: boolean;
  /** The fault it was armed to fail with, taken from the fault queue when it was accepted. */
  fault?: FaultCode;
  /** For `start`: the VM was resuming from hibernation. */
  resumingFromHibernation?: boolean;
}

/**
 * How long each transitional step takes, in milliseconds.
 * Defaults are of Azure's order of magnitude; tests and the page override them.
 */
export interface Durations {
  /** Allocating hardware during create, before the VM starts booting. Default 20 000 ms. */
  allocating: number;
  /** Booting (`PowerState/starting`). Default 30 000 ms. */
  starting: number;
  /** Shutting down (`PowerState/stopping`). Default 15 000 ms. */
  stopping: number;
  /** Releasing the host (`PowerState/deallocating`). Default 45 000 ms. */
  deallocating: number;
  /** Saving memory to disk before a hibernated deallocation completes; added to `deallocating`. Default 30 000 ms. */
  hibernating: number;
  /** The guest OS setting itself up (`OSProvisioningInprogress`). Default 60 000 ms. */
  osProvisioning: number;
  /** Extensions installing after OS provisioning (`OSProvisioningComplete`); must be positive. Default 5 000 ms. */
  osProvisioningComplete: number;
  /** A control-plane update with no power change (update, reapply). Default 10 000 ms. */
  updating: number;
  /** Deleting the resource (`ProvisioningState/deleting`). Default 30 000 ms. */
  deleting: number;
  /** The notice a Spot VM gets between `simulateEviction` and the eviction. Default 30 000 ms. */
  evictionNotice: number;
  /** How long the guest OS may take to set up on Linux before `OSProvisioningTimedOut`. Default 480 000 ms (8 min). */
  osProvisioningTimeoutLinux: number;
  /** How long the guest OS may take to set up on Windows before `OSProvisioningTimedOut`. Default 1 200 000 ms (20 min). */
  osProvisioningTimeoutWindows: number;
  /**
   * How long a start armed with `VMStartTimedOut` boots on Linux before it fails: Azure's allotted
   * time for a start. Default 480 000 ms (8 min, the allotted time Azure gives a Linux guest).
   */
  startTimeoutLinux: number;
  /** The same on Windows. Default 1 200 000 ms (20 min). */
  startTimeoutWindows: number;
}

/** What a VM actor is created with. Every key is optional. */
export interface VmInput {
  /** The VM's name (Azure's naming rules: 1–64 characters, Windows 1–15). Default `"myVM"`. */
  name?: string;
  /** The resource group's name, used in messages. Default `"myResourceGroup"`. */
  resourceGroup?: string;
  /** How the OS image was prepared. Default `"generalized"`. */
  image?: ImageKind;
  /** The guest OS family. Default `"Linux"`. */
  osType?: OsType;
  /** Whether the VM was created with `additionalCapabilities.hibernationEnabled`. Default `false`. */
  hibernationEnabled?: boolean;
  /** The VM's priority. Default `"Regular"`. */
  priority?: Priority;
  /** What happens to an evicted Spot VM. Default `"Deallocate"`; refused for a Regular VM, as Azure does. */
  evictionPolicy?: EvictionPolicy;
  /** Overrides of the step durations; see {@link Durations} for the defaults. */
  durations?: Partial<Durations>;
  /** Faults armed from the start: each makes the next operation it applies to fail. Default none. */
  faults?: FaultCode[];
  /** The instant status times count from: a Date, ISO 8601 string or epoch ms. Default: when the actor was created. */
  startTime?: Date | string | number;
  /** The billing table that views of this VM use by default. Default `"seed-2018"`. */
  billing?: BillingTable;
  /** How many finished operations the history keeps. Default 50. */
  historyLimit?: number;
  /** The subscription the VM belongs to (a GUID), used in resource ids. Default the all-zero GUID. */
  subscriptionId?: string;
  /** Azure's `properties.vmId` (a GUID). Default: derived from subscription, resource group, name and start time. */
  vmId?: string;
  /** The Azure region (`location`). Default `"eastus"`. */
  location?: string;
  /** `hardwareProfile.vmSize`. Default `"Standard_D2s_v5"`. */
  vmSize?: string;
  /** The resource's tags (at most 50; names without `< > % & \ ? /`). Default none. */
  tags?: Record<string, string>;
  /** The instance view's `hyperVGeneration`. Default `"V2"`. */
  hyperVGeneration?: HyperVGeneration;
  /** The guest OS name the VM agent reports (`osName`), such as `"ubuntu"`. Default: not shown. */
  osName?: string;
  /** The guest OS version the VM agent reports (`osVersion`), such as `"22.04"`. Default: not shown. */
  osVersion?: string;
  /** A Spot VM's `billingProfile.maxPrice` in USD per hour: -1 (never evicted for price) or above zero. Default: not set. */
  maxPrice?: number;
}

/** The Hyper-V generation of the VM (`hyperVGeneration` in the instance view). */
export type HyperVGeneration = 'V1' | 'V2';

/** A state to start an actor at (`startVmAt`), as `fromInstanceView` parses it. */
export interface InitialState {
  /** The power state; `unknown` while provisioning is `creating` starts as `creating`. */
  power: PowerState;
  /** The provisioning state; `creating` and the transitional ones start as they would mid-operation. */
  provisioning: ProvisioningState;
  /** The OS-provisioning substate while creating. */
  osProvisioning?: OsProvisioningState;
  /** The error code of a failed provisioning state. */
  error?: AzureError;
  /**
   * The provisioning status's `time` (an ISO 8601 instant, as `fromInstanceView` gives it): a
   * succeeded or failed VM keeps it as its status time until its next operation ends.
   */
  provisioningTime?: string;
  /** Whether the VM has been generalized (`OSState/generalized`); a loaded VM then refuses its power operations. */
  generalized?: boolean;
}

/** The resolved settings of a VM, after defaults and validation. */
export interface VmSettings {
  /** The VM's name. */
  name: string;
  /** The resource group's name. */
  resourceGroup: string;
  /** How the OS image was prepared. */
  image: ImageKind;
  /** The guest OS family. */
  osType: OsType;
  /** Whether hibernation is enabled. */
  hibernationEnabled: boolean;
  /** The VM's priority. */
  priority: Priority;
  /** What happens to an evicted Spot VM. */
  evictionPolicy: EvictionPolicy;
  /** Step durations in ms. */
  durations: Durations;
  /** The default billing table. */
  billing: BillingTable;
  /** How many finished operations the history keeps. */
  historyLimit: number;
  /** The start instant, epoch ms. */
  startTime: number;
  /** The subscription id (a GUID). */
  subscriptionId: string;
  /** Azure's `properties.vmId` (a GUID); operation ids derive from it. */
  vmId: string;
  /** The Azure region. */
  location: string;
  /** The VM size. */
  vmSize: string;
  /** The Hyper-V generation. */
  hyperVGeneration: HyperVGeneration;
  /** The resource's tags, when given. */
  tags?: Record<string, string>;
  /** The guest OS name, when given. */
  osName?: string;
  /** The guest OS version, when given. */
  osVersion?: string;
  /** A Spot VM's max price in USD per hour, when given. */
  maxPrice?: number;
}

/** The machine's context: the VM's settings, its operations and its clock. */
export interface VmContext {
  /** The resolved input. */
  settings: VmSettings;
  /** The operation in progress or the last one to end; `null` before any. */
  operation: Operation | null;
  /** Finished operations, oldest first, at most `settings.historyLimit`. */
  history: Operation[];
  /** Faults armed for the next operations they apply to, first first (at most {@link MAX_ARMED_FAULTS}). */
  faults: FaultCode[];
  /** The error of the failed provisioning state, while provisioning is failed. */
  error: AzureError | null;
  /** The time of the last provisioning outcome (succeeded or failed), ms since the start instant. */
  provisioningTime: number;
  /** The latest instant the machine has seen, ms since the start instant; never goes backwards. */
  now: number;
  /** The reading of the actor's clock at the start instant. */
  clockOrigin: number;
  /**
   * The pending timed steps, ms since the start instant: each region's current timed state, and
   * a Spot eviction scheduled by `simulateEviction`. Restoring a persisted VM re-arms exactly these.
   */
  timers: { power: Timer | null; provisioning: Timer | null; eviction: Timer | null };
  /** How many operations have been accepted; the source of operation ids. */
  operationCount: number;
  /** The power state the VM had when its deletion began: Azure keeps showing it while deleting. */
  powerWhileDeleting: PowerState | null;
  /**
   * Whether the VM has been marked generalized (`generalize`): its instance view shows
   * `OSState/generalized`, and it can no longer be started or change its power state. Absent in
   * VMs stored before generalize existed (read as `false`).
   */
  generalized?: boolean;
}

/** How many faults can be armed at once; arming more is refused with a reason. */
export const MAX_ARMED_FAULTS = 100;

/** A pending timed step of one region. */
export interface Timer {
  /** The named delay (a key of {@link Durations}); `evictionNotice` for a scheduled eviction. */
  delay: keyof Durations;
  /** When the step began, ms since the start instant. */
  startedAt: number;
  /** When it is due to end, ms since the start instant. */
  dueAt: number;
}

/**
 * What an update (PATCH, or a second PUT) changes in the VM's model, as far as the model tells
 * them apart; an update that names none changes nothing Azure restricts (tags, settings).
 * - `vmSize`: `hardwareProfile.vmSize` (a resize)
 * - `disks`: `storageProfile` (attach, detach or modify the OS or data disks)
 * - `networkInterfaces`: `networkProfile` (attach or detach NICs)
 * - `tags`: the resource's tags
 */
export type VmUpdateChange = 'vmSize' | 'disks' | 'networkInterfaces' | 'tags';

/**
 * A user operation, named as Azure's REST operations (`vm.` = the Azure API speaks).
 */
export type VmOperationEvent =
  | { type: 'vm.start' }
  | { type: 'vm.powerOff'; skipShutdown?: boolean }
  | { type: 'vm.deallocate'; hibernate?: boolean }
  | { type: 'vm.restart' }
  | { type: 'vm.redeploy' }
  | { type: 'vm.reapply' }
  | { type: 'vm.update'; changes?: readonly VmUpdateChange[] }
  | { type: 'vm.delete' }
  | { type: 'vm.simulateEviction' }
  | { type: 'vm.generalize' }
  | { type: 'vm.reimage' };

/**
 * Everything a VM accepts from outside.
 * - `vm.*`: Azure REST operations on the VM
 * - `guest.shutdown`: the guest OS shuts itself down (not an API call; the VM stays billed)
 * - `platform.evict`: Azure evicts a running Spot VM
 * - `fault.arm` / `fault.clear`: arm a fault for the next operation it applies to, or clear all armed faults
 */
export type VmEvent =
  | VmOperationEvent
  | { type: 'guest.shutdown' }
  | { type: 'platform.evict' }
  | { type: 'fault.arm'; code: FaultCode }
  | { type: 'fault.clear' };

/**
 * The events one region raises for the other; the machine refuses them from outside senders
 * (with `event.ignored`), so nobody can end an operation early by sending one.
 * - `operation.accepted`: the power region accepted an operation; provisioning enters `updating`
 * - `power.running`, `power.stopped`, `power.deallocated`: the power region reached that state
 *   (a hibernated VM is deallocated); provisioning ends the operation that was changing it
 */
export type VmCoordinationEvent =
  | { type: 'operation.accepted' }
  | { type: 'power.running' }
  | { type: 'power.stopped' }
  | { type: 'power.deallocated' };

/** Every event the machine processes: what outsiders send and what its regions raise. */
export type VmMachineEvent = VmEvent | VmCoordinationEvent;

/** A refusal, as Azure answers a request it will not carry out. */
export interface OperationRejection {
  /** The HTTP status: 400 for an invalid request, 409 for a conflict with the VM's state, 404 once the VM is gone. */
  status: 400 | 404 | 409;
  /** Azure's error code (`InvalidParameter`, `OperationNotAllowed`, `ResourceNotFound`). */
  code: string;
  /** Azure's message, with the VM name and operation filled in. */
  message: string;
  /** The request parameter at fault (ARM's `error.target`), for a 400. */
  target?: string;
}

/**
 * What the machine emits (`actor.on(type, handler)`).
 * - `operation.rejected`: an operation was refused; nothing changed
 * - `event.ignored`: a non-API event (guest, platform) had no effect in this state, and why
 */
export type VmEmitted =
  | { type: 'operation.rejected'; operation: VmOperationEvent; rejection: OperationRejection }
  | { type: 'event.ignored'; event: VmEvent; reason: string };
