/**
 * The VM page's panels as data: a snapshot (and the elapsed simulated time) mapped to the
 * instance-view JSON, the `az vm list -d` power line, the billing badge, the operations history
 * and the chart's countdowns. Pure; the page only writes these into the DOM.
 */
import {
  resourceNotFound,
  pendingSteps,
  type BillingTable,
  type Operation,
  type VmSnapshot,
} from 'azure-vm-lifecycle';
import {
  azPowerState,
  ResourceNotFoundError,
  statusTime,
  toInstanceView,
} from 'azure-vm-lifecycle/json';
import { billingOf, BILLING_TABLE_TITLES, type MeterReading } from 'azure-vm-lifecycle/billing';
import type { ChartTimer } from 'azure-vm-lifecycle/viz';

/** The instance-view panel. */
export interface InstanceViewPanel {
  /** `GET …/instanceView` as Azure returns it, or the 404 error body once the VM is gone. */
  json: string;
  /** The HTTP status of that answer. */
  status: 200 | 404;
}

/**
 * The billing badge.
 * - `billed` / `not-billed`: the table's answer for the power state
 * - `unknown`: the power state is unknown, so nobody can say
 */
export type BillingState = 'billed' | 'not-billed' | 'unknown';

/** The billing badge and meter. */
export interface BillingPanel {
  /** The badge's state. */
  state: BillingState;
  /** The badge's text: `Billed`, `Not billed` or `Billing unknown`. */
  text: string;
  /** Why, in one or two sentences. */
  reason: string;
  /** The table followed. */
  table: BillingTable;
  /** The table's title as people cite it. */
  tableTitle: string;
}

/** One row of the operations history. */
export interface OperationRow {
  /** The operation id (GUID-shaped). */
  id: string;
  /** The REST name, with its flags (`deallocate (hibernate)`). */
  name: string;
  /** `InProgress`, `Succeeded`, `Failed` or `Canceled`. */
  status: Operation['status'];
  /** When it was accepted, ISO 8601 in simulated time. */
  startTime: string;
  /** When it ended, ISO 8601, if it has. */
  endTime?: string;
  /** The error it ended with, as `Code: message`. */
  error?: string;
}

/** Instance view JSON, or Azure's 404 body once the VM is deleted. */
export function instanceViewPanel(snapshot: VmSnapshot): InstanceViewPanel {
  try {
    return { json: JSON.stringify(toInstanceView(snapshot), null, 2), status: 200 };
  } catch (error) {
    if (!(error instanceof ResourceNotFoundError)) throw error;
    const { settings } = snapshot.context;
    const { code, message } = resourceNotFound(settings.name, settings.resourceGroup);
    return { json: JSON.stringify({ error: { code, message } }, null, 2), status: 404 };
  }
}

/** The `powerState` column of `az vm list -d`; empty when Azure shows no power status. */
export function powerStateLine(snapshot: VmSnapshot): string {
  const view = instanceViewPanel(snapshot);
  if (view.status === 404) return '';
  return azPowerState(toInstanceView(snapshot));
}

/** The billing badge for a snapshot under a table. */
export function billingPanel(snapshot: VmSnapshot, table: BillingTable): BillingPanel {
  const billing = billingOf(snapshot, table);
  const state: BillingState = billing.billed === null ? 'unknown' : billing.billed ? 'billed' : 'not-billed';
  const text = state === 'billed' ? 'Billed' : state === 'not-billed' ? 'Not billed' : 'Billing unknown';
  return { state, text, reason: billing.reason, table, tableTitle: BILLING_TABLE_TITLES[table] };
}

/** A meter reading as text: billed time and its cost. */
export function meterText(reading: MeterReading, pricePerHour: number, currency = '$'): string {
  const cost = (reading.billedMs / 3_600_000) * pricePerHour;
  return `${formatDuration(reading.billedMs)} billed of ${formatDuration(reading.totalMs)} · ${currency}${cost.toFixed(4)}`;
}

/** `1 h 02 min 05 s`, `2 min 05 s`, `5 s`: whole seconds, rounded down. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min ${String(s).padStart(2, '0')} s`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** Every operation so far, newest first: the one in progress, then the finished ones. */
export function operationRows(snapshot: VmSnapshot): OperationRow[] {
  const { operation, history } = snapshot.context;
  const all = [...history];
  if (operation && !history.some((done) => done.id === operation.id)) all.push(operation);
  return all.reverse().map((op) => {
    const name = op.hibernate ? `${op.name} (hibernate)` : op.skipShutdown ? `${op.name} (skipShutdown)` : op.name;
    const row: OperationRow = { id: op.id, name, status: op.status, startTime: statusTime(snapshot, op.startTime) };
    if (op.endTime !== undefined) row.endTime = statusTime(snapshot, op.endTime);
    if (op.error) row.error = `${op.error.code}: ${op.error.message}`;
    return row;
  });
}

/**
 * The countdowns to draw: each pending step on the state it waits in (a region's timed state; a
 * Spot eviction on the running state it will end), in ms since the VM's start (the clock of
 * `context.timers`).
 */
export function chartTimers(snapshot: VmSnapshot, elapsedMs: number, machineId = 'vm'): ChartTimer[] {
  // The eviction's notice is not a delay of the state it waits in: only a region's step labels its arrows.
  return pendingSteps(snapshot, machineId).map((step) => ({
    stateId: step.stateId,
    dueAt: step.dueAt,
    now: elapsedMs,
    ...(step.region === 'eviction' ? {} : { delay: step.dueAt - step.startedAt }),
  }));
}

/** Simulated wall time of an elapsed instant, ISO 8601 (start instant + elapsed). */
export function simulatedTime(snapshot: VmSnapshot, elapsedMs: number): string {
  return statusTime(snapshot, elapsedMs);
}
