/**
 * Time travel over a VM's run: the present session keeps running and recording; any instant the
 * log names can be shown instead (a session replayed to it), stepped through with back and
 * forward, and left by returning to the present or by continuing from it — which forks a new
 * timeline and drops the later steps. No DOM: the page listens and renders what is shown.
 */
import type { Message } from './i18n/index.js';
import { message } from './i18n/index.js';
import type { LogEntry, LogLine } from './log-entries.js';
import { startSession, type VmSession } from './run-session.js';
import { compareInstants, playTo, sameInstant, type Instant, type RecordedStep } from './vm-run.js';
import type { VmInput, VmSnapshot } from 'azure-vm-lifecycle';

/**
 * What changed.
 * - `shown`: another session is shown (the past, or the present again): redraw everything
 * - `snapshot`: the shown session moved on
 * - `log-appended`: one entry was added at the end of the log
 * - `log-replaced`: the log was replaced or cut short: redraw it
 */
export type TravelChange =
  | { type: 'shown' }
  | { type: 'snapshot'; snapshot: VmSnapshot }
  | { type: 'log-appended'; entry: LogEntry }
  | { type: 'log-replaced' };

/** Time travel over one VM's run at a time. */
export interface TimeTravel {
  /** The session at the head of the run, which time moves on. */
  readonly present: VmSession;
  /** The session on the page: the present, or one replayed to {@link TimeTravel.position}. */
  readonly shown: VmSession;
  /** The instant shown when it is in the past; `null` while the present is shown. */
  readonly position: Instant | null;
  /** Every log entry of the run, oldest first. */
  readonly log: readonly LogEntry[];
  /** The distinct instants of the log, oldest first: where back and forward stop. */
  instants(): Instant[];
  /** The index in {@link TimeTravel.instants} of the last instant at or before what is shown; -1 before all. */
  currentIndex(): number;
  /** Replaces the run: a new VM with this input, these steps played, time at `end` (default: the last step's). */
  load(input: VmInput, steps?: readonly RecordedStep[], end?: number): void;
  /** Shows the VM as it was at an instant of the run (the present itself when the instant is not in the past). */
  restore(instant: Instant): void;
  /** Shows the instant before the one shown; false when there is none. */
  stepBack(): boolean;
  /** Shows the next instant, or the present after the last; false when the present is shown. */
  stepForward(): boolean;
  /** Shows the present again; the past session is dropped. */
  backToNow(): void;
  /** Makes the instant shown the present: a new timeline from there, the later steps and log entries dropped. */
  continueHere(): void;
  /** Adds a line to the log at the present instant; ignored while the past is shown. */
  note(line: LogLine): boolean;
  /** Listens to changes; returns the function that stops listening. */
  subscribe(listener: (change: TravelChange) => void): () => void;
}

/**
 * Starts time travel with a first VM.
 * @example
 * const travel = createTimeTravel(pinStartTime({ name: 'web-1' }));
 * travel.present.vm.clock.runUntilIdle();
 * travel.present.vm.actor.send({ type: 'vm.powerOff' });
 * travel.stepBack(); // the VM as it was before the last change
 */
export function createTimeTravel(input: VmInput): TimeTravel {
  const listeners = new Set<(change: TravelChange) => void>();
  const emit = (change: TravelChange): void => {
    for (const listener of listeners) listener(change);
  };
  let log: LogEntry[] = [];
  const append = (entry: LogEntry): void => {
    log.push(entry);
    emit({ type: 'log-appended', entry });
  };
  const show = (session: VmSession): void => {
    session.onSnapshot = (snapshot) => emit({ type: 'snapshot', snapshot });
  };

  let present = startSession(input, { log: append });
  show(present);
  let past: VmSession | null = null;
  let position: Instant | null = null;

  const dropPast = (): void => {
    past?.stop();
    past = null;
    position = null;
  };

  const travel: TimeTravel = {
    get present() {
      return present;
    },
    get shown() {
      return past ?? present;
    },
    get position() {
      return position;
    },
    get log() {
      return log;
    },
    instants() {
      const instants: Instant[] = [];
      for (const entry of log) {
        const last = instants[instants.length - 1];
        if (!last || !sameInstant(last, entry.instant)) instants.push(entry.instant);
      }
      return instants;
    },
    currentIndex() {
      const shown = position ?? present.now();
      const instants = travel.instants();
      let index = -1;
      while (index + 1 < instants.length && compareInstants(instants[index + 1] as Instant, shown) <= 0) index += 1;
      return index;
    },
    load(nextInput, steps = [], end) {
      dropPast();
      present.stop();
      log = [];
      const session = startSession(nextInput, { log: (entry) => log.push(entry) });
      const until = { at: end ?? steps[steps.length - 1]?.at ?? 0, step: steps.length };
      try {
        playTo(session.vm, { input: nextInput, steps }, until);
      } catch (error) {
        session.stop();
        throw error;
      }
      session.log = append;
      present = session;
      show(present);
      emit({ type: 'log-replaced' });
      emit({ type: 'shown' });
    },
    restore(instant) {
      if (compareInstants(instant, present.now()) >= 0) {
        travel.backToNow();
        return;
      }
      const run = present.vm.run();
      let session = past;
      if (!session || compareInstants(session.now(), instant) > 0 || session.now().step > instant.step) {
        past?.stop();
        session = startSession(run.input);
      }
      session.onSnapshot = null;
      playTo(session.vm, run, instant);
      past = session;
      position = instant;
      show(session);
      emit({ type: 'shown' });
    },
    stepBack() {
      const index = travel.currentIndex();
      const target = travel.instants()[index - 1];
      if (!target) return false;
      travel.restore(target);
      return true;
    },
    stepForward() {
      if (position === null) return false;
      const target = travel.instants()[travel.currentIndex() + 1];
      if (target) travel.restore(target);
      else travel.backToNow();
      return true;
    },
    backToNow() {
      if (position === null) return;
      dropPast();
      emit({ type: 'shown' });
    },
    continueHere() {
      if (position === null || past === null) return;
      const from = position;
      present.stop();
      present = past;
      past = null;
      position = null;
      log = log.filter((entry) => compareInstants(entry.instant, from) <= 0);
      present.log = append;
      show(present);
      emit({ type: 'log-replaced' });
      present.note({ kind: 'note', message: forkedMessage(present.timeOf(from.at)) });
      emit({ type: 'shown' });
    },
    note(line) {
      if (position !== null) return false;
      present.note(line);
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return travel;
}

function forkedMessage(time: string): Message {
  return message('travel.forked', { time: time.slice(11, 23) });
}
