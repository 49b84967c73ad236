/**
 * The page's event log as data: what changed between two snapshots (region states, operations
 * accepted and ended, faults armed), stamped with simulated time. Pure.
 */
import { vmStateOf, type VmSnapshot } from 'azure-vm-lifecycle';

/**
 * What a log entry records.
 * - `sent`: the page sent an event
 * - `state`: a region changed state
 * - `operation`: an operation was accepted or ended
 * - `rejected`: Azure refused an operation (sent, or refused before sending)
 * - `ignored`: a guest or platform event had no effect
 * - `vm`: a VM was created
 */
export type LogKind = 'sent' | 'state' | 'operation' | 'rejected' | 'ignored' | 'vm';

/** One line of the log. */
export interface LogEntry {
  /** ISO 8601, simulated time. */
  time: string;
  /** What kind of thing happened. */
  kind: LogKind;
  /** What happened, in one line. */
  text: string;
}

/** Readable names of the region states, `deallocated (hibernated)` for the substate. */
function describeState(snapshot: VmSnapshot): { power: string; provisioning: string } | null {
  const state = vmStateOf(snapshot);
  if (!state) return null;
  return {
    power: state.power,
    provisioning: state.osProvisioning ? `creating/${state.osProvisioning}` : state.provisioning,
  };
}

/**
 * The log lines for the step from `previous` to `next`: state changes per region, operations
 * accepted, operations ended with their status, deletion.
 */
export function changesBetween(previous: VmSnapshot, next: VmSnapshot, time: string): LogEntry[] {
  const entries: LogEntry[] = [];
  const before = describeState(previous);
  const after = describeState(next);
  if (before && after) {
    for (const region of ['power', 'provisioning'] as const) {
      if (before[region] !== after[region]) {
        entries.push({ time, kind: 'state', text: `${region}: ${before[region]} → ${after[region]}` });
      }
    }
  } else if (before && !after) {
    entries.push({ time, kind: 'state', text: 'deleted: the resource is gone (404 ResourceNotFound from now on)' });
  }
  const wasOp = previous.context.operation;
  const op = next.context.operation;
  if (op && op.id !== wasOp?.id) {
    entries.push({ time, kind: 'operation', text: `${op.name}${op.hibernate ? ' (hibernate)' : ''} accepted` });
  }
  const ended = next.context.history.filter((done) => !previous.context.history.some((seen) => seen.id === done.id));
  for (const done of ended) {
    const error = done.error ? ` — ${done.error.code}: ${done.error.message}` : '';
    entries.push({ time, kind: 'operation', text: `${done.name}${done.hibernate ? ' (hibernate)' : ''} ${done.status}${error}` });
  }
  return entries;
}
