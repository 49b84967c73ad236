/**
 * The page's log as data: what happened to a VM (created, events sent, states changed,
 * operations accepted and ended, refusals, Spot evictions), each with the instant of its run and
 * the simulated time, worded as messages of the string tables. Pure.
 */
import { vmStateOf, type OperationRejection, type VmEvent, type VmOperationEvent, type VmSnapshot } from 'azure-vm-lifecycle';
import { message, type Message } from './i18n/index.js';
import type { Instant } from './vm-run.js';
import { ignoredReason, powerName, provisioningName } from './vm-words.js';

/**
 * What a log entry records.
 * - `vm`: a VM was created
 * - `sent`: an event reached the VM
 * - `state`: a region changed state
 * - `operation`: an operation was accepted or ended
 * - `rejected`: Azure refused an operation (sent, or refused before sending)
 * - `ignored`: a guest or platform event had no effect
 * - `note`: the page says something about the run itself
 */
export type LogKind = 'vm' | 'sent' | 'state' | 'operation' | 'rejected' | 'ignored' | 'note';

/** One line of the log. */
export interface LogEntry {
  /** The instant of the run it belongs to: clicking the entry returns there. */
  instant: Instant;
  /** ISO 8601, simulated time. */
  time: string;
  /** What kind of thing happened. */
  kind: LogKind;
  /** What happened. */
  message: Message;
}

/** A log line before it is stamped with its instant and time. */
export interface LogLine {
  /** What kind of thing happened. */
  kind: LogKind;
  /** What happened. */
  message: Message;
}

/** The REST name of an operation with its flag, as the history shows it: `deallocate (hibernate)`. */
function operationLabel(operation: { name: string; hibernate?: boolean | undefined; skipShutdown?: boolean | undefined }): string {
  return operation.hibernate ? `${operation.name} (hibernate)` : operation.skipShutdown ? `${operation.name} (skipShutdown)` : operation.name;
}

/** An event as the log names it: its type and, for a fault, the code. */
export function eventLabel(event: VmEvent): string {
  if (event.type === 'fault.arm') return `fault.arm ${event.code}`;
  if (event.type === 'vm.deallocate' && event.hibernate) return 'vm.deallocate (hibernate)';
  if (event.type === 'vm.powerOff' && event.skipShutdown) return 'vm.powerOff (skipShutdown)';
  return event.type;
}

/** The line for a VM just created: `PUT myVM: generalized Linux image, Regular`. */
export function createdLine(snapshot: VmSnapshot): LogLine {
  const { settings } = snapshot.context;
  return {
    kind: 'vm',
    message: message('log.created', {
      name: settings.name,
      image: settings.image,
      osType: settings.osType,
      priority: settings.priority,
      eviction: settings.priority !== 'Regular' ? message('log.createdEviction', { policy: settings.evictionPolicy }) : '',
      hibernation: settings.hibernationEnabled ? message('log.createdHibernation') : '',
    }),
  };
}

/** The line for an event that reached the VM. */
export function sentLine(event: VmEvent): LogLine {
  return { kind: 'sent', message: message('log.sent', { event: eventLabel(event) }) };
}

/** The line for an operation Azure refused. */
export function rejectedLine(operation: VmOperationEvent, rejection: OperationRejection): LogLine {
  return {
    kind: 'rejected',
    message: message('log.rejected', { event: eventLabel(operation), status: rejection.status, code: rejection.code, message: rejection.message }),
  };
}

/** The line for a guest or platform event that had no effect, in the state it arrived in. */
export function ignoredLine(snapshot: VmSnapshot, event: VmEvent, reason: string): LogLine {
  return {
    kind: 'ignored',
    message: message('log.ignored', { event: eventLabel(event), reason: ignoredReason(snapshot, event) ?? message('ignored.other', { reason }) }),
  };
}

/** Seconds as the log says a notice: `30 s`. */
function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/**
 * The lines for the step from `previous` to `next`: each region's state change, deletion,
 * operations accepted, operations ended with their status, a Spot eviction scheduled or done.
 * `byTimer`: the step was a timer's (no event from outside), which tells a scheduled eviction
 * from a deletion, since both end the notice.
 */
export function changeLines(previous: VmSnapshot, next: VmSnapshot, byTimer = false): LogLine[] {
  const lines: LogLine[] = [];
  const before = vmStateOf(previous);
  const after = vmStateOf(next);
  const { settings } = next.context;
  const noticeEnded = previous.context.timers.eviction !== null && next.context.timers.eviction === null;
  if (byTimer && noticeEnded && JSON.stringify(before) !== JSON.stringify(after)) {
    lines.push({ kind: 'operation', message: message('log.evicted', { policy: settings.evictionPolicy }) });
  }
  if (before && after) {
    const power = [powerName(before), powerName(after)] as const;
    if (power[0].key !== power[1].key) {
      lines.push({ kind: 'state', message: message('log.state', { region: message('region.power'), from: power[0], to: power[1] }) });
    }
    const provisioning = [provisioningName(before), provisioningName(after)] as const;
    if (provisioning[0].key !== provisioning[1].key) {
      lines.push({
        kind: 'state',
        message: message('log.state', { region: message('region.provisioning'), from: provisioning[0], to: provisioning[1] }),
      });
    }
  } else if (before && !after) {
    lines.push({ kind: 'state', message: message('log.deleted') });
  }
  const operation = next.context.operation;
  if (operation && operation.id !== previous.context.operation?.id) {
    lines.push({ kind: 'operation', message: message('log.accepted', { operation: operationLabel(operation) }) });
  }
  if (next.context.timers.eviction !== null && next.context.timers.eviction !== previous.context.timers.eviction) {
    lines.push({
      kind: 'operation',
      message: message('log.evictionScheduled', { notice: seconds(settings.durations.evictionNotice), policy: settings.evictionPolicy }),
    });
  }
  const ended = next.context.history.filter((done) => !previous.context.history.some((seen) => seen.id === done.id));
  for (const done of ended) {
    const params = { operation: operationLabel(done), status: done.status };
    lines.push({
      kind: 'operation',
      message: done.error
        ? message('log.endedWithError', { ...params, code: done.error.code, message: done.error.message })
        : message('log.ended', params),
    });
  }
  return lines;
}
