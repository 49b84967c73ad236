/**
 * Azure's instance-view status codes and display strings, one table for emitting and parsing.
 * Spelling follows the 2018 specification; parsers compare case-insensitively.
 */
import type { OsProvisioningState, PowerState, ProvisioningState } from './vm.types.js';

/** The `code` and `displayStatus` of one instance-view status. */
export interface StatusText {
  /** Azure's status code, for example `PowerState/running`. */
  code: string;
  /** Azure's (localizable) display string, for example `VM running`. */
  displayStatus: string;
}

/** Power statuses by power state; `creating` and `unknown` show none. */
export const POWER_STATUS: Readonly<Record<Exclude<PowerState, 'creating' | 'unknown'>, StatusText>> = {
  starting: { code: 'PowerState/starting', displayStatus: 'VM starting' },
  running: { code: 'PowerState/running', displayStatus: 'VM running' },
  stopping: { code: 'PowerState/stopping', displayStatus: 'VM stopping' },
  stopped: { code: 'PowerState/stopped', displayStatus: 'VM stopped' },
  deallocating: { code: 'PowerState/deallocating', displayStatus: 'VM deallocating' },
  deallocated: { code: 'PowerState/deallocated', displayStatus: 'VM deallocated' },
  hibernated: { code: 'PowerState/deallocated', displayStatus: 'VM deallocated' },
};

/** The extra status a hibernated VM shows beside `PowerState/deallocated`. */
export const HIBERNATED_STATUS: Readonly<StatusText> = {
  code: 'HibernationState/Hibernated',
  displayStatus: 'VM hibernated',
};

/**
 * The status a generalized VM shows after its power status (`generalize`): the code scripts test
 * for (`OSState/generalized`), `VM generalized`. Microsoft's older instance view example capitalizes
 * both (`OSState/Generalized`, `VM Generalized`); parsers compare without case.
 */
export const GENERALIZED_STATUS: Readonly<StatusText> = {
  code: 'OSState/generalized',
  displayStatus: 'VM generalized',
};

/** The status code Azure uses for a power state it does not know. */
export const POWER_UNKNOWN_CODE = 'PowerState/unknown';

/**
 * The status code of the power state *Creating* ("Virtual machine is allocating resources", in
 * the power-state table of "States and billing status of Azure Virtual Machines", 2023). Parsed
 * as `creating`; the model emits no power status while allocating.
 */
export const POWER_CREATING_CODE = 'PowerState/creating';

/** Provisioning statuses by provisioning state; `failed` gets `/<error code>` appended. */
export const PROVISIONING_STATUS: Readonly<Record<ProvisioningState, StatusText>> = {
  creating: { code: 'ProvisioningState/creating', displayStatus: 'Creating' },
  updating: { code: 'ProvisioningState/updating', displayStatus: 'Updating' },
  deleting: { code: 'ProvisioningState/deleting', displayStatus: 'Deleting' },
  succeeded: { code: 'ProvisioningState/succeeded', displayStatus: 'Provisioning succeeded' },
  failed: { code: 'ProvisioningState/failed', displayStatus: 'Provisioning failed' },
};

/** OS-provisioning statuses, shown instead of plain `creating` for a generalized image. */
export const OS_PROVISIONING_STATUS: Readonly<Record<OsProvisioningState, StatusText>> = {
  osProvisioningInProgress: {
    code: 'ProvisioningState/creating/OSProvisioningInprogress',
    displayStatus: 'OS Provisioning In progress',
  },
  osProvisioningComplete: {
    code: 'ProvisioningState/creating/OSProvisioningComplete',
    displayStatus: 'OS Provisioning Complete',
  },
};

/** `properties.provisioningState` of the VM resource, by provisioning state. */
export const RESOURCE_PROVISIONING_STATE: Readonly<Record<ProvisioningState, string>> = {
  creating: 'Creating',
  updating: 'Updating',
  deleting: 'Deleting',
  succeeded: 'Succeeded',
  failed: 'Failed',
};
