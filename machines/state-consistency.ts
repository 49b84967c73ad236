/**
 * Which pairs of power and provisioning state a VM can be in, and what the model makes of a
 * pair Azure shows but the machine does not reach. Pure: the parser uses it to refuse or map a
 * contradictory instance view before an actor is started at it.
 */
import type { OsProvisioningState, PowerState, ProvisioningState } from './vm.types.js';

/** A pair of states, as `fromInstanceView` reads them. */
export interface StatePair {
  /** The power state. */
  power: PowerState;
  /** The provisioning state. */
  provisioning: ProvisioningState;
  /** The OS-provisioning substate, while creating. */
  osProvisioning?: OsProvisioningState;
}

/**
 * Why a pair of states is contradictory, or `null` when a VM can be in it.
 * - the power states of a VM being created: none (`unknown`), `creating`, `starting`, `running`,
 *   and — documented by Azure as seen briefly during creation — `stopping`, `stopped`
 *   (see {@link loadablePair}); a deallocating, deallocated or hibernated VM is not being created
 * - the OS-provisioning substates need a VM that runs (Azure: "The VM is running and the
 *   initialization (setup) of the Guest OS is in progress"), or one the guest has just shut down
 *   (`stopping`, `stopped`, which the machine itself reaches); no power status is accepted too
 * - `PowerState/creating` (allocating) only while the VM is being created or deleted
 *
 * @param pair - the power and provisioning states
 * @returns the reason in a few words, or `null`
 */
export function contradictionOf(pair: StatePair): string | null {
  const { power, provisioning, osProvisioning } = pair;
  if (provisioning === 'creating' && osProvisioning !== undefined) {
    return OS_PROVISIONING_POWER.includes(power)
      ? null
      : 'a VM whose guest OS is being provisioned runs (or was just shut down inside the guest)';
  }
  if (provisioning === 'creating') {
    return power === 'deallocating' || power === 'deallocated' || power === 'hibernated'
      ? 'a VM being created is not deallocated'
      : null;
  }
  if (power === 'creating' && provisioning !== 'deleting') {
    return 'a VM allocating its hardware is being created (or deleted)';
  }
  return null;
}

/** Power states compatible with OS provisioning in progress or complete. */
const OS_PROVISIONING_POWER: readonly PowerState[] = ['running', 'stopping', 'stopped', 'unknown'];

/** Power states compatible with a plain `ProvisioningState/creating`, as status codes say them. */
export const CREATING_POWER_CODES = [
  'none',
  '"PowerState/creating"',
  '"PowerState/starting"',
  '"PowerState/running"',
  '"PowerState/stopping"',
  '"PowerState/stopped"',
] as const;

/**
 * The pair the model loads for one Azure shows: Azure's brief *Stopped* while a VM is being
 * created ("The Stopped state might also be observed briefly during VM creation", States and
 * billing status of Azure Virtual Machines) — and the stopping that leads to it — is loaded as
 * the model's allocating power state `creating`, from which the create carries on. Every other
 * pair is returned unchanged. Call {@link contradictionOf} first.
 *
 * @param pair - a pair that is not contradictory
 * @returns the pair to load
 */
export function loadablePair<T extends StatePair>(pair: T): T {
  if (pair.provisioning === 'creating' && pair.osProvisioning === undefined && (pair.power === 'stopped' || pair.power === 'stopping')) {
    return { ...pair, power: 'creating' };
  }
  return pair;
}
