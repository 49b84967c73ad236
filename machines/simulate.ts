/**
 * A deterministic run of one VM through a list of steps, on a simulated clock: every change of
 * state and statuses with its time, and what it cost by both billing tables.
 */
import { createActor } from 'xstate';
import { BILLING_ROUNDINGS, createBillingMeter, billingOf, type BillingRounding, type MeterReading } from './billing.js';
import { VirtualClock } from './clock.js';
import { toInstanceView, type InstanceViewStatus } from './instance-view.js';
import { checkOperation, explainIgnored, isOperationEvent, resourceNotFound, UPDATE_CHANGES } from './operations.js';
import { describeValue, keyPath } from './describe-value.js';
import { FAULT_CODES, isFaultCode, validateInput } from './settings.js';
import { vmMachine } from './vm.machine.js';
import { vmStateOf } from './vm.state.js';
import type { BillingTable, OperationRejection, OsProvisioningState, PowerState, ProvisioningState, VmEvent, VmInput, VmOperationEvent } from './vm.types.js';

/** The events a simulation step may send: Azure's operations, the guest's, the platform's and the tester's. */
export type SimulatedEvent = Extract<VmEvent, { type: VmOperationEvent['type'] | 'guest.shutdown' | 'platform.evict' | 'fault.arm' | 'fault.clear' }>;

/**
 * One step of a simulation.
 * - a VM event (`{ type: 'vm.powerOff' }`): sent now
 * - `{ wait: ms }`: time passes, timers fire on the way
 * - `{ wait: 'settled' }`: time passes until no timer is pending
 */
export type SimulationStep = SimulatedEvent | { wait: number | 'settled' };

/**
 * Thrown by {@link simulate} for a step it cannot run, before that step runs: names the step's
 * index, the field at fault, what it held and what is accepted.
 *
 * @example
 * ```ts
 * simulate([{ wait: 'settled' }, { type: 'vm.deallocate', hibernate: 'yes' }]);
 * // SimulationStepError: simulate: steps[1].hibernate: got "yes"; expected true or false.
 * ```
 */
export class SimulationStepError extends Error {
  /** The index of the step in `steps`. */
  readonly index: number;
  /** The field at fault, as a path such as `steps[1].hibernate`. */
  readonly path: string;

  constructor(index: number, path: string, found: unknown, expected: string) {
    super(`simulate: ${path}: got ${describeValue(found)}; expected ${expected}.`);
    this.name = 'SimulationStepError';
    this.index = index;
    this.path = path;
  }
}

/** Each event a step may send, with the type of each of its fields besides `type`. */
const STEP_EVENTS: Readonly<Record<SimulatedEvent['type'], Readonly<Record<string, 'boolean' | 'fault' | 'changes'>>>> = {
  'vm.start': {},
  'vm.powerOff': { skipShutdown: 'boolean' },
  'vm.deallocate': { hibernate: 'boolean' },
  'vm.restart': {},
  'vm.redeploy': {},
  'vm.reapply': {},
  'vm.update': { changes: 'changes' },
  'vm.delete': {},
  'vm.simulateEviction': {},
  'vm.generalize': {},
  'vm.reimage': {},
  'guest.shutdown': {},
  'platform.evict': {},
  'fault.arm': { code: 'fault' },
  'fault.clear': {},
};

/** The last instant a JavaScript Date holds, in epoch ms. */
const MAX_DATE_MS = 8.64e15;

const STEP_SHAPES = "a VM event such as { type: 'vm.start' }, or a wait: { wait: ms } or { wait: 'settled' }";
const WAIT_ACCEPTED = "a number of ms from 0 on, or 'settled'";

/** Checks one step's shape, naming its index and the field at fault. */
function checkStep(step: unknown, index: number): asserts step is SimulationStep {
  const at = `steps[${index}]`;
  const fail = (path: string, found: unknown, expected: string) => new SimulationStepError(index, path, found, expected);
  if (typeof step !== 'object' || step === null || Array.isArray(step)) throw fail(at, step, STEP_SHAPES);
  const fields = step as Record<string | symbol, unknown>;
  const isWait = Object.hasOwn(fields, 'wait');
  if (isWait === Object.hasOwn(fields, 'type')) throw fail(at, step, `${STEP_SHAPES}; ${isWait ? 'not both' : 'it has neither type nor wait'}`);
  if (isWait) {
    const wait = fields.wait;
    if (wait !== 'settled' && !(typeof wait === 'number' && wait >= 0 && wait < Infinity)) throw fail(`${at}.wait`, wait, WAIT_ACCEPTED);
  }
  const type = fields.type;
  if (!isWait && (typeof type !== 'string' || !Object.hasOwn(STEP_EVENTS, type))) {
    throw fail(`${at}.type`, type, `one of ${Object.keys(STEP_EVENTS).map((t) => `"${t}"`).join(', ')}`);
  }
  const schema: Readonly<Record<string, string>> = isWait ? { wait: 'wait' } : { type: 'type', ...STEP_EVENTS[type as SimulatedEvent['type']] };
  for (const key of Reflect.ownKeys(fields)) {
    const value = fields[key];
    const kind = typeof key === 'string' && Object.hasOwn(schema, key) ? schema[key] : undefined;
    const path = keyPath(at, key);
    if (!kind) throw fail(path, value, `no such field; ${isWait ? 'a wait' : `a ${String(type)} event`} has ${Object.keys(schema).join(', ')}`);
    if (kind === 'boolean' && value !== undefined && typeof value !== 'boolean') throw fail(path, value, 'true or false');
    if (kind === 'changes' && value !== undefined && !(Array.isArray(value) && value.every((change) => UPDATE_CHANGES.includes(change)))) {
      throw fail(path, value, `an array of ${UPDATE_CHANGES.map((c) => `"${c}"`).join(', ')}`);
    }
  }
  if (type === 'fault.arm' && !isFaultCode(fields.code)) {
    throw fail(`${at}.code`, fields.code, `one of ${FAULT_CODES.map((c) => `"${c}"`).join(', ')}`);
  }
}

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
  /** Azure's refusal, when the event was an operation Azure refused (404 once the VM is deleted). */
  rejection?: OperationRejection;
  /** Why the event had no effect, when it was a guest, platform or fault event that had none. */
  ignored?: string;
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

/** Options of {@link simulate}. */
export interface SimulationOptions {
  /** Price of one billed hour, for the totals' cost. Default 0. */
  pricePerHour?: number;
  /**
   * How the totals count billed time: `exact` (default, every millisecond) or `minute` (whole
   * minutes per uninterrupted billed stretch, as Microsoft bills: 6 min 45 s is billed 6 min).
   */
  rounding?: BillingRounding;
}

/**
 * Runs a VM through `steps` on a simulated clock and returns its timeline and billed totals.
 * Deterministic: the same steps and input give the same result.
 *
 * Every step is checked before the first runs: a step of unknown shape, an unknown event type or
 * field, a field of the wrong type or a negative, NaN or infinite wait throws a
 * {@link SimulationStepError} naming its index. Every step runs, also after the VM is deleted: an
 * operation is then answered 404, as Azure does, and a wait lets time pass.
 *
 * @param steps - events to send and waits, in order
 * @param input - the VM's input; `startTime` defaults to {@link SIMULATION_START}
 * @param options.pricePerHour - price of one billed hour, for the totals' cost (default 0)
 * @param options.rounding - `exact` (default) or `minute`: whole billed minutes, as Microsoft bills
 * @example
 * ```ts
 * // Stop versus deallocate for 8 hours
 * const hours = 8 * 3_600_000;
 * const stopped = simulate([{ wait: 'settled' }, { type: 'vm.powerOff' }, { wait: 'settled' }, { wait: hours }]);
 * const deallocated = simulate([{ wait: 'settled' }, { type: 'vm.deallocate' }, { wait: 'settled' }, { wait: hours }]);
 * stopped.totals['seed-2018'].billedMs > deallocated.totals['seed-2018'].billedMs; // true
 * ```
 */
export function simulate(steps: readonly SimulationStep[], input: VmInput = {}, options: SimulationOptions = {}): Simulation {
  if (!Array.isArray(steps)) throw new TypeError(`simulate: expected steps as an array of steps, got ${describeValue(steps)}.`);
  // A hole in a sparse array is a step too (undefined), so an index loop rather than forEach.
  for (let index = 0; index < steps.length; index++) checkStep(steps[index], index);
  // The input's own error, before a spread turns a string into options "0", "1", …
  validateInput(input, 0);
  if (typeof options !== 'object' || options === null || Object.keys(options).some((key) => key !== 'pricePerHour' && key !== 'rounding')) {
    throw new TypeError(`simulate: expected options as { pricePerHour?: number, rounding?: 'exact' | 'minute' }, got ${describeValue(options)}.`);
  }
  if (options.rounding !== undefined && !BILLING_ROUNDINGS.includes(options.rounding)) {
    throw new TypeError(`simulate: options.rounding: got ${describeValue(options.rounding)}; expected "exact" or "minute".`);
  }
  const rounding = options.rounding ?? 'exact';
  const clock = new VirtualClock();
  const actor = createActor(vmMachine, { clock, input: { startTime: SIMULATION_START, ...input } });
  const meters = {
    'seed-2018': createBillingMeter({ table: 'seed-2018', pricePerHour: options.pricePerHour ?? 0, rounding }),
    'azure-2023': createBillingMeter({ table: 'azure-2023', pricePerHour: options.pricePerHour ?? 0, rounding }),
  };
  const timeline: TimelineEntry[] = [];
  let cause = 'vm.create';
  // Azure's answer to the event just sent, when it refused it or it had no effect.
  let answer: { rejection: OperationRejection } | { ignored: string } | undefined;
  let lastKey = '';
  const origin = clock.now();

  const record = () => {
    const snapshot = actor.getSnapshot();
    if (snapshot.status === 'error') throw snapshot.error;
    meters['seed-2018'].observe(snapshot);
    meters['azure-2023'].observe(snapshot);
    const state = vmStateOf(snapshot);
    const statuses = state ? toInstanceView(snapshot).statuses : null;
    const key = JSON.stringify([state, statuses]);
    if (key === lastKey && !answer) return;
    lastKey = key;
    // The clock's reading: a refused or ignored event leaves the context's time as it was.
    const at = Math.max(snapshot.context.now, clock.now() - origin);
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
    Object.assign(entry, answer);
    answer = undefined;
    timeline.push(entry);
  };

  actor.subscribe({ next: record, error: () => {} });
  actor.on('operation.rejected', (emitted) => {
    answer = { rejection: emitted.rejection };
  });
  actor.on('event.ignored', (emitted) => {
    answer = { ignored: emitted.reason };
  });
  actor.start();
  record();

  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as SimulationStep;
    if ('wait' in step) {
      cause = 'timer';
      if (step.wait === 'settled') {
        clock.runUntilIdle();
        continue;
      }
      // Status times must stay Dates: a wait may not run past the last instant a Date holds.
      const left = MAX_DATE_MS - actor.getSnapshot().context.settings.startTime - (clock.now() - origin);
      if (step.wait > left) throw new SimulationStepError(index, `steps[${index}].wait`, step.wait, `at most ${left} ms here: later instants are past a Date's range`);
      clock.advance(step.wait);
      continue;
    }
    cause = step.type;
    const snapshot = actor.getSnapshot();
    if (snapshot.status === 'active') actor.send(step);
    else if (isOperationEvent(step)) answer = { rejection: checkOperation(snapshot, step) ?? resourceNotFound(snapshot.context.settings.name, snapshot.context.settings.resourceGroup) };
    else answer = { ignored: explainIgnored(snapshot, step) ?? 'The VM has been deleted.' };
    if (answer) record();
  }

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
