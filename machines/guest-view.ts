/**
 * What the instance view says about the guest beside the VM's statuses: the VM agent, the OS disk,
 * the computer name and OS the agent reports, and the Hyper-V generation. Shapes and strings are
 * those of Azure/azure-rest-api-specs' Compute examples (`VirtualMachine_Get_InstanceView.json`,
 * `VirtualMachineScaleSetVM_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json`).
 */
import { formatAzureTime } from './azure-time.js';
import type { VmStateSummary } from './vm.state.js';
import type { VmContext } from './vm.types.js';

/** A status of the VM agent or a disk: the same shape as the VM's own statuses. */
export interface GuestStatus {
  /** The status code, such as `ProvisioningState/succeeded`. */
  code: string;
  /** `Info`, or `Warning` for an agent that is not ready. */
  level: 'Info' | 'Warning' | 'Error';
  /** `Ready`, `Not Ready`, `Provisioning succeeded`. */
  displayStatus: string;
  /** The agent's message. */
  message?: string;
  /** When the status was last reported. */
  time?: string;
}

/** `instanceView.vmAgent`. */
export interface VmAgentInstanceView {
  /** The agent's version; `Unknown` while it does not report. */
  vmAgentVersion: string;
  /** One status: Ready, or Not Ready. */
  statuses: GuestStatus[];
}

/** One entry of `instanceView.disks`. */
export interface DiskInstanceView {
  /** The disk's name. */
  name: string;
  /** The disk's provisioning status. */
  statuses: GuestStatus[];
}

/** The guest's part of the instance view, in Azure's key order. */
export interface GuestView {
  /** The computer name the agent reports (the VM's name). */
  computerName?: string;
  /** The guest OS name the agent reports, when the input gave one. */
  osName?: string;
  /** The guest OS version the agent reports, when the input gave one. */
  osVersion?: string;
  /** The VM agent, while the VM is on a host. */
  vmAgent?: VmAgentInstanceView;
  /** The OS disk, once the create has allocated it. */
  disks?: DiskInstanceView[];
  /** `V1` or `V2`. */
  hyperVGeneration: 'V1' | 'V2';
}

/** The agent version of the REST example `VirtualMachine_Get_InstanceView.json`, reported while the agent is ready. */
export const VM_AGENT_VERSION = '2.7.41491.949';

/**
 * What the VM agent says, by what the guest is doing.
 * - `ready`: the guest runs (REST example: `Ready`, "GuestAgent is running and accepting new configurations.")
 * - `booting`: the guest boots or sets itself up (REST example of a fresh scale-set VM: `Not Ready`,
 *   "VM status blob is found but not yet populated.", version `Unknown`)
 * - `unresponsive`: the guest is shut down or shutting down on its host (Azure's `Not Ready`, "VM Agent is unresponsive.")
 */
export type AgentState = 'ready' | 'booting' | 'unresponsive';

const AGENT_STATUS: Readonly<Record<AgentState, Omit<GuestStatus, 'time'>>> = {
  ready: {
    code: 'ProvisioningState/succeeded',
    level: 'Info',
    displayStatus: 'Ready',
    message: 'GuestAgent is running and accepting new configurations.',
  },
  booting: {
    code: 'ProvisioningState/Unavailable',
    level: 'Warning',
    displayStatus: 'Not Ready',
    message: 'VM status blob is found but not yet populated.',
  },
  unresponsive: {
    code: 'ProvisioningState/Unavailable',
    level: 'Warning',
    displayStatus: 'Not Ready',
    message: 'VM Agent is unresponsive.',
  },
};

/**
 * The agent's state in a VM state, or `null` when no agent is shown: while allocating, once
 * deallocated or hibernated (the docs' instance view of a hibernated VM has none), or when the
 * power state is unknown.
 */
export function agentStateOf(state: VmStateSummary): AgentState | null {
  switch (state.power) {
    case 'running':
      return state.osProvisioning === 'osProvisioningInProgress' ? 'booting' : 'ready';
    case 'starting':
      return 'booting';
    case 'stopping':
    case 'stopped':
    case 'deallocating':
      return 'unresponsive';
    default:
      return null;
  }
}

/** The OS disk's name as Azure names a disk it creates with the VM: `{vm}_OsDisk_1_{32 hex digits}`. */
export function osDiskName(context: Pick<VmContext, 'settings'>): string {
  return `${context.settings.name}_OsDisk_1_${context.settings.vmId.replace(/-/g, '')}`;
}

/**
 * The guest's part of the instance view of a VM in this state.
 * - `computerName` (the VM's name), `osName`, `osVersion`: once the agent has reported, while the VM is on a host
 * - `vmAgent`: see {@link agentStateOf}; its status time is the last instant the machine saw, in whole seconds
 * - `disks`: the OS disk, `Provisioning succeeded` since the create began, from the moment allocation ends
 * - `hyperVGeneration`: always
 */
export function toGuestView(context: VmContext, state: VmStateSummary): GuestView {
  const { settings } = context;
  const view: GuestView = { hyperVGeneration: settings.hyperVGeneration };
  const agent = agentStateOf(state);
  const reported = agent === 'ready' || (agent === 'unresponsive' && state.provisioning !== 'creating');
  if (reported) {
    view.computerName = settings.name;
    if (settings.osName !== undefined) view.osName = settings.osName;
    if (settings.osVersion !== undefined) view.osVersion = settings.osVersion;
  }
  if (agent !== null) {
    view.vmAgent = {
      vmAgentVersion: agent === 'ready' ? VM_AGENT_VERSION : 'Unknown',
      statuses: [{ ...AGENT_STATUS[agent], time: formatAzureTime(settings.startTime + context.now, 0) }],
    };
  }
  if (state.power !== 'creating') {
    view.disks = [
      {
        name: osDiskName(context),
        statuses: [
          {
            code: 'ProvisioningState/succeeded',
            level: 'Info',
            displayStatus: 'Provisioning succeeded',
            time: formatAzureTime(settings.startTime),
          },
        ],
      },
    ];
  }
  // Azure's key order: computerName, osName, osVersion, vmAgent, disks, hyperVGeneration.
  const { hyperVGeneration, ...rest } = view;
  return { ...rest, hyperVGeneration };
}
