/**
 * The emulator page's model, pure: what the server's feed (`/_emulator/events`) said, folded into
 * the rows, the selected VM's snapshot and its requests that the page shows.
 */
import { toInstanceView, vmStateOf, type VmContext, type VmSnapshot } from 'azure-vm-lifecycle';
// Types only: the page and the server agree on the feed's shapes.
import type { RequestLogEntry } from '../../../server/request-log.js';
import type { VmSummary } from '../../../server/vm-summary.js';

/** One VM as the feed lists it. */
export type FeedVm = Pick<VmSummary, 'id' | 'name' | 'power' | 'provisioning' | 'osProvisioning' | 'billed'>;

/** One request about a VM, as the server logged it. */
export type FeedRequest = RequestLogEntry;

/** A row of the VM table. */
export interface VmRow {
  /** The resource id (also the row's key). */
  id: string;
  /** The power column, e.g. `running`. */
  power: string;
  /** The provisioning column, e.g. `creating (osProvisioningInProgress)`. */
  provisioning: string;
  /** `Billed`, `Not billed` or `Unknown`. */
  billed: string;
}

/** The VM table's rows. */
export function vmRows(vms: readonly FeedVm[]): VmRow[] {
  return vms.map((vm) => ({
    id: vm.id,
    power: vm.power,
    provisioning: vm.osProvisioning ? `${vm.provisioning} (${vm.osProvisioning})` : vm.provisioning,
    billed: vm.billed === null ? 'Unknown' : vm.billed ? 'Billed' : 'Not billed',
  }));
}

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

/** A request as one line of the log: `12:00:01 POST …/start → 202`. */
export function requestLine(request: FeedRequest): { time: string; text: string; status: string; ok: boolean } {
  const path = request.url.replace(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\//i, '…/');
  return {
    time: request.time.slice(11, 19),
    text: `${request.method} ${path}`,
    status: request.code ? `${request.status} ${request.code}` : String(request.status),
    ok: request.status < 400,
  };
}
