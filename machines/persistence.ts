/**
 * Storing a VM and carrying on later: XState persists a machine's state and context but not
 * its delayed events, so a VM restored mid-operation would wait for ever. The machine keeps every
 * pending step's due time in `context.timers`; restoring re-arms each with its remaining time.
 */
import { createActor, type ActorOptions, type AnyActorRef, type Snapshot } from 'xstate';
import { readClock } from './clock.js';
import { settingsAsInput } from './resource-settings.js';
import { VmInputError, validateInput } from './settings.js';
import { vmMachine, type VmMachine } from './vm.machine.js';
import type { Timer, VmContext } from './vm.types.js';

/** XState's persisted snapshot of a VM (`actor.getPersistedSnapshot()`), JSON-safe. */
export interface PersistedVm {
  /** `active` while the resource exists or is being deleted, `done` once deleted. */
  status: string;
  /** The state value. */
  value: unknown;
  /** The machine's context; `now` is the VM time the snapshot was taken at. */
  context: VmContext;
  /** The rest of XState's persisted snapshot (history values, children …). */
  [key: string]: unknown;
}

/** Options of {@link restoreVm}: XState's actor options a restored VM can take, and when it resumes. */
export interface RestoreVmOptions extends Pick<ActorOptions<VmMachine>, 'clock' | 'inspect' | 'id' | 'logger' | 'systemId'> {
  /**
   * The VM time to resume at, ms since its start instant; default the instant it was persisted.
   * A later one lets the time it spent stored pass: steps due meanwhile fire at once, in order.
   */
  at?: number;
}

type VmActor = ReturnType<typeof createActor<VmMachine>>;

/** What a clock given to an actor reads now: its `now()`, or the wall clock as XState's default. */
export function clockReading(clock: unknown): number {
  const now = (clock as { now?: unknown } | undefined)?.now;
  return typeof now === 'function' ? (now.call(clock) as number) : Date.now();
}

/**
 * The VM's state as plain JSON, to store anywhere (`JSON.stringify` it): XState's persisted
 * snapshot with the instant it was taken, so {@link restoreVm} resumes exactly there.
 *
 * @example
 * ```ts
 * await db.put(vmId, JSON.stringify(persistVm(vm)));
 * ```
 */
export function persistVm(actor: VmActor): PersistedVm {
  const persisted = actor.getPersistedSnapshot() as unknown as PersistedVm;
  const context = persisted.context;
  const now = Math.max(context.now, readClock(actor as AnyActorRef) - context.clockOrigin);
  return { ...persisted, context: { ...context, now, timers: inSchedulingOrder(actor, context.timers) } };
}

type Timers = VmContext['timers'];

/**
 * The timers with their keys in the order their steps were scheduled, so that steps due at the
 * same instant fire in the same order after restoring (JSON keeps key order).
 */
function inSchedulingOrder(actor: VmActor, timers: Timers): Timers {
  const scheduled = (actor.system.getSnapshot() as { _scheduledEvents?: Record<string, { event: { type: string } }> })._scheduledEvents;
  if (!scheduled) return timers;
  const order: (keyof Timers)[] = [];
  for (const { event } of Object.values(scheduled)) {
    const key: keyof Timers = event.type === 'platform.evict' ? 'eviction' : event.type.includes('.vm.exists.power.') ? 'power' : 'provisioning';
    if (!order.includes(key)) order.push(key);
  }
  for (const key of ['power', 'provisioning', 'eviction'] as const) if (!order.includes(key)) order.push(key);
  return Object.fromEntries(order.map((key) => [key, timers[key]])) as Timers;
}

function checkPersisted(persisted: unknown): asserts persisted is PersistedVm {
  if (typeof persisted !== 'object' || persisted === null || Array.isArray(persisted)) {
    throw new VmInputError('persisted', persisted, 'a persisted VM: the object persistVm (or actor.getPersistedSnapshot()) returned');
  }
  const { status, context } = persisted as Partial<PersistedVm>;
  if (status !== 'active' && status !== 'done') throw new VmInputError('persisted.status', status, '"active" or "done"');
  if (typeof context !== 'object' || context === null) throw new VmInputError('persisted.context', context, "the VM machine's context");
  if (typeof context.now !== 'number' || !Number.isFinite(context.now) || context.now < 0) {
    throw new VmInputError('persisted.context.now', context.now, 'a non-negative number of ms');
  }
  try {
    validateInput(settingsAsInput(context.settings) as never);
  } catch (error) {
    if (error instanceof VmInputError) throw new VmInputError(`persisted.context.settings.${error.option}`, (context.settings as never)?.[error.option], error.accepted);
    throw error;
  }
  for (const region of ['power', 'provisioning', 'eviction'] as const) {
    const timer = context.timers?.[region];
    if (timer === undefined || timer === null) continue;
    if (typeof timer !== 'object' || typeof timer.dueAt !== 'number' || !Number.isFinite(timer.dueAt) || typeof timer.delay !== 'string') {
      throw new VmInputError(`persisted.context.timers.${region}`, timer, 'null or { delay, startedAt, dueAt } with a finite dueAt');
    }
  }
}

/**
 * Arms the delayed events of a VM actor that was started from a snapshot rather than entered
 * its states: each timed state's step and a scheduled eviction, with what remains of them at VM
 * time `at`. Steps already due fire at once, in due order.
 */
export function armPendingSteps(actor: VmActor, at: number): void {
  const snapshot = actor.getSnapshot();
  if (snapshot.status !== 'active') return;
  const { timers } = snapshot.context;
  const pending: { timer: Timer; type: string; id: string; order: number }[] = [];
  const order = Object.keys(timers);
  for (const node of snapshot._nodes) {
    if (node.after.length === 0) continue;
    const region = node.id.startsWith('vm.exists.power') ? 'power' : 'provisioning';
    const timer = timers[region];
    const first = node.after[0];
    if (!timer || !first) continue;
    pending.push({ timer, type: first.eventType, id: first.eventType, order: order.indexOf(region) });
  }
  if (timers.eviction) pending.push({ timer: timers.eviction, type: 'platform.evict', id: 'eviction', order: order.indexOf('eviction') });
  // Due order; steps due at the same instant keep the order they were scheduled in.
  pending.sort((a, b) => a.timer.dueAt - b.timer.dueAt || a.order - b.order);
  const self = actor as AnyActorRef;
  for (const { timer, type, id } of pending) {
    actor.system.scheduler.schedule(self, self, { type }, Math.max(0, timer.dueAt - at), id);
  }
}

/**
 * Starts a VM from what {@link persistVm} (or `actor.getPersistedSnapshot()`) stored, on any
 * clock — the same one or a new one: the VM resumes at the instant it was persisted (for a
 * plain XState snapshot, its last change), every pending step with its remaining time, so it
 * ends exactly as the VM that was never stored: same instance views, status times and history.
 * Time the VM spent stored does not pass for it, unless `options.at` says when to resume.
 *
 * @example
 * ```ts
 * const vm = restoreVm(JSON.parse(stored), { clock: new VirtualClock() });
 * ```
 */
export function restoreVm(persisted: PersistedVm, options: RestoreVmOptions = {}): VmActor {
  checkPersisted(persisted);
  const { at = persisted.context.now, ...actorOptions } = options;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < persisted.context.now) {
    throw new VmInputError('at', at, `a VM time in ms no earlier than the instant it was persisted (${persisted.context.now})`);
  }
  const context: VmContext = { ...persisted.context, clockOrigin: clockReading(actorOptions.clock) - at };
  const snapshot = { ...persisted, context } as unknown as Snapshot<unknown>;
  // The input is ignored when a snapshot is given; the context carries the VM's settings.
  const actor = createActor(vmMachine, { ...actorOptions, snapshot, input: undefined });
  actor.start();
  armPendingSteps(actor, at);
  return actor;
}
