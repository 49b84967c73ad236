/**
 * A VM as the control API and the page list it: ids, both states and billing, read with the
 * package's pure functions.
 */
import { vmStateOf, type PowerState, type ProvisioningState } from '../machines/index.js';
import { billingOf } from '../machines/billing.js';
import type { VmRecord } from './fleet.js';

/** One VM of `GET /_emulator/vms` and of the page's list. */
export interface VmSummary {
  /** The ARM resource id. */
  id: string;
  /** The VM's name. */
  name: string;
  /** The subscription id. */
  subscriptionId: string;
  /** The resource group's name. */
  resourceGroup: string;
  /** The region. */
  location: string;
  /** The power state. */
  power: PowerState | 'deleted';
  /** The provisioning state. */
  provisioning: ProvisioningState | 'deleted';
  /** The OS-provisioning substate while creating from a generalized image. */
  osProvisioning?: string;
  /** Whether compute is billed now (`null`: unknown). */
  billed: boolean | null;
  /** The operation in progress or the last to end. */
  operation: { name: string; status: string } | null;
  /** Faults armed for its next operations. */
  faults: string[];
}

/** The ARM resource id of a VM. */
export function resourceIdOf(record: VmRecord): string {
  return `/subscriptions/${record.subscriptionId}/resourceGroups/${record.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${record.name}`;
}

/** The summary of a VM now. */
export function summarize(record: VmRecord): VmSummary {
  const snapshot = record.actor.getSnapshot();
  const state = vmStateOf(snapshot);
  const { operation, faults } = snapshot.context;
  const summary: VmSummary = {
    id: resourceIdOf(record),
    name: record.name,
    subscriptionId: record.subscriptionId,
    resourceGroup: record.resourceGroup,
    location: snapshot.context.settings.location,
    power: state?.power ?? 'deleted',
    provisioning: state?.provisioning ?? 'deleted',
    billed: billingOf(snapshot).billed,
    operation: operation ? { name: operation.name, status: operation.status } : null,
    faults: [...faults],
  };
  if (state?.osProvisioning) summary.osProvisioning = state.osProvisioning;
  return summary;
}
