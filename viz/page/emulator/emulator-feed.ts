/**
 * The emulator page's model, pure: what the server's feed (`/_emulator/events`) said, folded into
 * the rows, the selected VM's snapshot and its requests that the page shows.
 */
import { vmStateOf, type VmContext, type VmSnapshot } from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
// Types only: the page and the server agree on the feed's shapes.
import type { RequestLogEntry } from '../../../server/request-log.js';
import type { VmSummary } from '../../../server/vm-summary.js';

/** One VM as the feed lists it. */
export type FeedVm = Pick<VmSummary, 'id' | 'name' | 'power' | 'provisioning' | 'osProvisioning' | 'billed' | 'operation'>;

/** One request about a VM, as the server logged it. */
export type FeedRequest = RequestLogEntry;

/** Whether compute is billed, as the badge shows it. */
export type BilledState = 'billed' | 'not-billed' | 'unknown';

/** A row of the VM table: Azure's own words for the states, the page's for billing. */
export interface VmRow {
  /** The resource id (also the row's key). */
  id: string;
  /** The VM's name. */
  name: string;
  /** The power column, Azure's code: `running`, `deallocated` … */
  power: string;
  /** The provisioning column, e.g. `creating/OSProvisioningInprogress`. */
  provisioning: string;
  /** The billed column. */
  billed: BilledState;
  /** The operation column: `deallocate InProgress`, or empty when none was ever asked for. */
  operation: string;
  /** Whether an operation is in progress (the row is marked busy). */
  busy: boolean;
}

/** The VM table's rows. */
export function vmRows(vms: readonly FeedVm[]): VmRow[] {
  return vms.map((vm) => ({
    id: vm.id,
    name: vm.name,
    power: vm.power,
    provisioning: vm.osProvisioning ? `${vm.provisioning}/${OS_PROVISIONING_CODE[vm.osProvisioning] ?? vm.osProvisioning}` : vm.provisioning,
    billed: vm.billed === null ? 'unknown' : vm.billed ? 'billed' : 'not-billed',
    operation: vm.operation ? `${vm.operation.name} ${vm.operation.status}` : '',
    busy: vm.operation?.status === 'InProgress',
  }));
}

// The substates as Azure's status codes write them (`ProvisioningState/creating/OSProvisioningInprogress`).
const OS_PROVISIONING_CODE: Readonly<Record<string, string>> = {
  osProvisioningInProgress: 'OSProvisioningInprogress',
  osProvisioningComplete: 'OSProvisioningComplete',
};

/** The VM to show: the one asked for when it still exists, else the first. */
export function selectedVm(vms: readonly FeedVm[], wanted: string | null): FeedVm | undefined {
  return vms.find((vm) => vm.id.toLowerCase() === wanted?.toLowerCase()) ?? vms[0];
}

/** A snapshot as the feed sends it (`value`, `context`, `status`). */
export interface FeedSnapshot {
  /** The state value. */
  value: unknown;
  /** The machine's context. */
  context: VmContext;
  /** The actor's status. */
  status: string;
}

/** The instance-view JSON of a fed snapshot (empty once deleted). */
export function instanceViewText(snapshot: FeedSnapshot): string {
  if (!vmStateOf(snapshot as VmSnapshot)) return '';
  return JSON.stringify(toInstanceView(snapshot as VmSnapshot), null, 2);
}

/** A request as the log shows it: its time, method, what it asked about, and the answer. */
export interface RequestLine {
  /** `12:00:01`, UTC as the server stamped it. */
  time: string;
  /** `POST`. */
  method: string;
  /** What was asked, short: `web-1/deallocate`, `web-1`, `operation 7027b17a…`, `operation 7027b17a… (Location)`. */
  target: string;
  /** The answer: `202`, or `409 OperationNotAllowed`. */
  status: string;
  /** Whether the answer was not an error. */
  ok: boolean;
}

const VM_PATH = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/([^?]*)/i;
const OPERATION_PATH = /\/operations\/([^/?]+)/i;

/** A request as one line of the log: the VM's own path or the operation polled, without the subscription and `api-version`. */
export function requestLine(request: FeedRequest): RequestLine {
  const [path = '', search = ''] = request.url.split('?', 2);
  const query = new URLSearchParams(search);
  const vm = VM_PATH.exec(path);
  const operation = OPERATION_PATH.exec(path);
  let target = path;
  if (vm) target = decodeURIComponent(vm[1] ?? '');
  else if (operation) target = `operation ${(operation[1] ?? '').slice(0, 8)}…${query.get('monitor') === 'true' ? ' (Location)' : ''}`;
  const extra = [...query].filter(([name]) => name !== 'api-version' && !(operation && name === 'monitor'));
  if (extra.length > 0) target += `?${new URLSearchParams(extra).toString()}`;
  return {
    time: request.time.slice(11, 19),
    method: request.method,
    target,
    status: request.code ? `${request.status} ${request.code}` : String(request.status),
    ok: request.status < 400,
  };
}
