/**
 * One VM as the page holds it: a recorded run actor ({@link createRunActor}), the billing meters
 * of both tables fed from every snapshot, and its log lines stamped with their instants. The page
 * shows one session at a time; time travel builds sessions of the past by replaying a run. No DOM.
 */
import { type BillingTable, type VmInput, type VmSnapshot } from 'azure-vm-lifecycle';
import { statusTime } from 'azure-vm-lifecycle/json';
import { createBillingMeter, type BillingMeter } from 'azure-vm-lifecycle/billing';
import { message } from './i18n/index.js';
import { changeLines, createdLine, ignoredLine, rejectedLine, sentLine, type LogEntry, type LogLine } from './log-entries.js';
import { createRunActor, type Instant, type RunActor } from './vm-run.js';

/** A VM the page can show. */
export interface VmSession {
  /** The recorded actor and its clock. */
  readonly vm: RunActor;
  /** Billed time by each table, fed from every snapshot since the VM's creation. */
  readonly meters: Readonly<Record<BillingTable, BillingMeter>>;
  /** Where its log lines go; `null` drops them (a replay whose log is already on the page). */
  log: ((entry: LogEntry) => void) | null;
  /** Called with each snapshot; `null` for none. */
  onSnapshot: ((snapshot: VmSnapshot) => void) | null;
  /** The current snapshot. */
  snapshot(): VmSnapshot;
  /** The instant of its run it is at. */
  now(): Instant;
  /** The simulated time of an instant of this VM, ISO 8601. */
  timeOf(at: number): string;
  /** Stamps a line with the current instant and sends it to {@link VmSession.log}. */
  note(line: LogLine): void;
  /** Stops the actor. */
  stop(): void;
}

/** Options of {@link startSession}. */
export interface SessionOptions {
  /** Where log lines go from the start (the line of the VM's creation included). */
  log?: (entry: LogEntry) => void;
  /** Called with each snapshot. */
  onSnapshot?: (snapshot: VmSnapshot) => void;
}

/**
 * Creates and starts a session for a VM input (whose `startTime` should be pinned, so replays
 * agree). The input is validated by the machine: invalid input throws `VmInputError`.
 */
export function startSession(input: VmInput, options: SessionOptions = {}): VmSession {
  let stepsSeen = 0;
  const vm = createRunActor(input, {
    onStep: (step) => {
      stepsSeen += 1;
      session.note(sentLine(step.event));
    },
  });
  const meters: Record<BillingTable, BillingMeter> = {
    'seed-2018': createBillingMeter({ table: 'seed-2018' }),
    'azure-2023': createBillingMeter({ table: 'azure-2023' }),
  };
  let previous: VmSnapshot | undefined;
  let stepsAtPrevious = 0;
  const session: VmSession = {
    vm,
    meters,
    log: options.log ?? null,
    onSnapshot: options.onSnapshot ?? null,
    snapshot: () => vm.actor.getSnapshot(),
    now: () => vm.now(),
    timeOf: (at) => statusTime(vm.actor.getSnapshot(), at),
    note(line) {
      if (!session.log) return;
      const instant = vm.now();
      session.log({ ...line, instant, time: session.timeOf(instant.at) });
    },
    stop: () => vm.actor.stop(),
  };
  vm.actor.on('operation.rejected', ({ operation, rejection }) => session.note(rejectedLine(operation, rejection)));
  vm.actor.on('event.ignored', ({ event, reason }) => session.note(ignoredLine(vm.actor.getSnapshot(), event, reason)));
  vm.actor.subscribe({
    next: (snapshot) => {
      meters['seed-2018'].observe(snapshot);
      meters['azure-2023'].observe(snapshot);
      if (previous) {
        const byTimer = stepsSeen === stepsAtPrevious;
        for (const line of changeLines(previous, snapshot, byTimer)) session.note(line);
      } else {
        session.note(createdLine(snapshot));
      }
      previous = snapshot;
      stepsAtPrevious = stepsSeen;
      session.onSnapshot?.(snapshot);
    },
    error: (error) => session.note({ kind: 'rejected', message: message('log.error', { message: String(error) }) }),
  });
  vm.start();
  return session;
}
