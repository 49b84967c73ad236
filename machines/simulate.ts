/**
 * A deterministic run of one VM through a list of steps, on a simulated clock: every change of
 * state and statuses with its time, and what it cost by both billing tables.
 */
import { createActor } from 'xstate';
import { createBillingMeter, billingOf, type MeterReading } from './billing.js';
import { VirtualClock } from './clock.js';
import { toInstanceView, type InstanceViewStatus } from './instance-view.js';
import { vmMachine } from './vm.machine.js';
import { vmStateOf } from './vm.state.js';
import type { BillingTable, OperationRejection, OsProvisioningState, PowerState, ProvisioningState, VmEvent, VmInput } from './vm.types.js';

/**
 * One step of a simulation.
 * - a VM event (`{ type: 'vm.powerOff' }`): sent now
 * - `{ wait: ms }`: time passes, timers fire on the way
 * - `{ wait: 'settled' }`: time passes until no timer is pending
 */
export type SimulationStep = VmEvent | { wait: number | 'settled' };

/** One moment of a simulation's timeline. */
export interface TimelineEntry {
  /** Milliseconds since the VM's start instant. */
  at: number;
  /** The same instant as ISO 8601. */
  time: string;
  /** What caused it: an event's type, or `timer` when a scheduled step completed. */
  cause: string;
  /** The power state, `null` once deleted. */
  power: PowerState | null;
  /** The provisioning state, `null` once deleted. */
  provisioning: ProvisioningState | null;
  /** The OS-provisioning substate while creating from a generalized image. */
  osProvisioning?: OsProvisioningState;
  /** The instance view's statuses; `null` once deleted (Azure answers 404). */
  statuses: InstanceViewStatus[] | null;
  /** Billed by each table. */
  billed: Record<BillingTable, boolean | null>;
  /** Azure's refusal, when the event was an operation Azure refused. */
  rejection?: OperationRejection;
}

/** The result of {@link simulate}. */
export interface Simulation {
  /** Every change, in order. */
  timeline: TimelineEntry[];
  /** Billed totals up to the end of the last step, by each table. */
  totals: Record<BillingTable, MeterReading>;
  /** Milliseconds simulated. */
  durationMs: number;
}

/** The start instant simulations use unless the input gives one, so runs are reproducible. */
export const SIMULATION_START = '2025-01-01T00:00:00.000Z';

/**
 * Runs a VM through `steps` on a simulated clock and returns its timeline and billed totals.
 * Deterministic: the same steps and input give the same result.
 *
 * @param steps - events to send and waits, in order
 * @param input - the VM's input; `startTime` defaults to {@link SIMULATION_START}
 * @param options.pricePerHour - price of one billed hour, for the totals' cost (default 0)
 * @example
 * ```ts
 * // Stop versus deallocate for 8 hours
 * const hours = 8 * 3_600_000;
 * const stopped = simulate([{ wait: 'settled' }, { type: 'vm.powerOff' }, { wait: 'settled' }, { wait: hours }]);
 * const deallocated = simulate([{ wait: 'settled' }, { type: 'vm.deallocate' }, { wait: 'settled' }, { wait: hours }]);
 * stopped.totals['seed-2018'].billedMs > deallocated.totals['seed-2018'].billedMs; // true
 * ```
 */
export function simulate(steps: readonly SimulationStep[], input: VmInput = {}, options: { pricePerHour?: number } = {}): Simulation {
  if (!Array.isArray(steps)) throw new TypeError('simulate: steps must be an array of VM events and { wait } steps.');
  const clock = new VirtualClock();
  const actor = createActor(vmMachine, { clock, input: { startTime: SIMULATION_START, ...input } });
  const meters = {
    'seed-2018': createBillingMeter({ table: 'seed-2018', pricePerHour: options.pricePerHour ?? 0 }),
    'azure-2023': createBillingMeter({ table: 'azure-2023', pricePerHour: options.pricePerHour ?? 0 }),
  };
  const timeline: TimelineEntry[] = [];
  let cause = 'vm.create';
  let rejection: OperationRejection | undefined;
  let lastKey = '';

  const record = () => {
    const snapshot = actor.getSnapshot();
    if (snapshot.status === 'error') throw snapshot.error;
    meters['seed-2018'].observe(snapshot);
    meters['azure-2023'].observe(snapshot);
    const state = vmStateOf(snapshot);
    const statuses = state ? toInstanceView(snapshot).statuses : null;
    const key = JSON.stringify([state, statuses]);
    if (key === lastKey && !rejection) return;
    lastKey = key;
    const at = snapshot.context.now;
    const entry: TimelineEntry = {
      at,
      time: new Date(snapshot.context.settings.startTime + at).toISOString(),
      cause,
      power: state?.power ?? null,
      provisioning: state?.provisioning ?? null,
      statuses,
      billed: { 'seed-2018': billingOf(snapshot, 'seed-2018').billed, 'azure-2023': billingOf(snapshot, 'azure-2023').billed },
    };
    if (state?.osProvisioning) entry.osProvisioning = state.osProvisioning;
    if (rejection) entry.rejection = rejection;
    rejection = undefined;
    timeline.push(entry);
  };

  actor.subscribe({ next: record, error: () => {} });
  actor.on('operation.rejected', (emitted) => {
    rejection = emitted.rejection;
  });
  actor.start();
  record();
  const origin = actor.getSnapshot().context.clockOrigin;

  steps.forEach((step, index) => {
    if (actor.getSnapshot().status !== 'active') return;
    if ('wait' in step) {
      cause = 'timer';
      if (step.wait === 'settled') clock.runUntilIdle();
      else if (typeof step.wait === 'number' && Number.isFinite(step.wait) && step.wait >= 0) clock.advance(step.wait);
      else throw new RangeError(`simulate: steps[${index}].wait must be a non-negative number of ms or 'settled'.`);
    } else {
      cause = step.type;
      actor.send(step);
      if (rejection) record();
    }
  });

  const end = clock.now() - origin;
  const snapshot = actor.getSnapshot();
  const endMs = Math.max(end, snapshot.context.now);
  actor.stop();
  return {
    timeline,
    totals: { 'seed-2018': meters['seed-2018'].read(endMs), 'azure-2023': meters['azure-2023'].read(endMs) },
    durationMs: endMs,
  };
}
