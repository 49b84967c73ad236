/**
 * How time passes in the emulator (`--clock`):
 * - `real`: one clock for every VM, on real timers; step durations are Azure's times `--time-scale`
 * - `step`: each VM has its own virtual clock; each poll of an operation in progress moves that
 *   VM to its next step
 * - `instant`: each VM has its own virtual clock, run until idle after every accepted operation,
 *   so operations finish before the first poll
 * In every mode the control API can move time forward.
 */
import { DEFAULT_DURATIONS, VirtualClock, type Durations, type VmClock } from '../machines/index.js';

/** The clock modes of `--clock`. */
export type ClockMode = 'real' | 'step' | 'instant';

/** Every clock mode. */
export const CLOCK_MODES: readonly ClockMode[] = ['real', 'step', 'instant'];

/** A VM clock the emulator can also move forward. */
export interface EmulatorClock extends VmClock {
  /** Moves time forward by `ms`, firing every timer due on the way. */
  advance(ms: number): void;
  /** Fires the earliest pending timer; false when none is pending. */
  advanceToNext(): boolean;
  /** Fires timers until none is pending. */
  runUntilIdle(): number;
}

interface RealTimer {
  id: number;
  dueAt: number;
  fn: (...args: unknown[]) => void;
  handle: ReturnType<typeof setTimeout>;
}

/**
 * Real time that can be moved forward: timers run on the platform's `setTimeout`, and `advance`
 * skips ahead, firing what falls due at once, in due order.
 */
export class AdjustableClock implements EmulatorClock {
  private offset: number;
  private nextId = 1;
  private readonly timers = new Map<number, RealTimer>();

  /** @param offset - ms this clock is ahead of the wall clock (kept across restarts) */
  constructor(offset = 0) {
    this.offset = offset;
  }

  /** How far ahead of the wall clock this clock is, in ms. */
  get skipped(): number {
    return this.offset;
  }

  now(): number {
    return Date.now() + this.offset;
  }

  setTimeout(fn: (...args: unknown[]) => void, ms: number): number {
    const id = this.nextId++;
    const delay = Math.max(0, ms);
    const handle = setTimeout(() => this.fire(id), delay);
    this.timers.set(id, { id, dueAt: this.now() + delay, fn, handle });
    return id;
  }

  clearTimeout(id: unknown): void {
    const timer = this.timers.get(id as number);
    if (!timer) return;
    clearTimeout(timer.handle);
    this.timers.delete(timer.id);
  }

  advance(ms: number): void {
    const target = this.now() + ms;
    // Step to each due time in turn, so that what a timer schedules can fall due on the way too.
    for (;;) {
      const due = this.earliest(target);
      if (!due) break;
      if (due.dueAt > this.now()) this.offset += due.dueAt - this.now();
      this.fire(due.id);
    }
    if (target > this.now()) this.offset += target - this.now();
  }

  advanceToNext(): boolean {
    const next = this.earliest(Number.POSITIVE_INFINITY);
    if (!next) return false;
    this.advance(Math.max(0, next.dueAt - this.now()));
    return true;
  }

  runUntilIdle(limit = 10_000): number {
    let fired = 0;
    while (fired < limit && this.advanceToNext()) fired++;
    return fired;
  }

  /** Cancels every pending timer. */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer.handle);
    this.timers.clear();
  }

  private earliest(limit: number): RealTimer | undefined {
    let found: RealTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.dueAt > limit) continue;
      if (!found || timer.dueAt < found.dueAt || (timer.dueAt === found.dueAt && timer.id < found.id)) found = timer;
    }
    return found;
  }

  private fire(id: number): void {
    const timer = this.timers.get(id);
    if (!timer) return;
    clearTimeout(timer.handle);
    this.timers.delete(id);
    timer.fn();
  }
}

/** A virtual clock that also answers {@link EmulatorClock.runUntilIdle} without a limit argument. */
class StepClock extends VirtualClock implements EmulatorClock {}

/** The clock policy of one emulator. */
export interface ClockPolicy {
  /** The mode. */
  readonly mode: ClockMode;
  /** The step durations new VMs get (Azure's, scaled in real mode). */
  readonly durations: Durations;
  /** The clock for a VM: the shared one in real mode, a new virtual one otherwise (at `reading`). */
  clockFor(reading?: number): EmulatorClock;
  /** After an operation is accepted: in instant mode, run the VM's clock until idle. */
  afterAccepted(clock: EmulatorClock): void;
  /** A poll of an operation in progress: in step mode, move the VM to its next step. */
  onPoll(clock: EmulatorClock): void;
  /** The shared clock's offset from the wall clock (real mode), kept across restarts. */
  readonly offset: number;
  /** The clock every VM shares in real mode; none in the virtual modes. */
  readonly shared: EmulatorClock | undefined;
  /** Cancels every pending timer of the shared clock. */
  dispose(): void;
}

/** The policy for a mode; `timeScale` multiplies Azure's durations in real mode. */
export function createClockPolicy(mode: ClockMode, timeScale: number, offset = 0): ClockPolicy {
  const shared = mode === 'real' ? new AdjustableClock(offset) : undefined;
  const durations = { ...DEFAULT_DURATIONS };
  if (mode === 'real') for (const key of Object.keys(durations) as (keyof Durations)[]) durations[key] = durations[key] * timeScale;
  return {
    mode,
    durations,
    clockFor: (reading = 0) => shared ?? new StepClock(reading),
    afterAccepted: (clock) => {
      if (mode === 'instant') clock.runUntilIdle();
    },
    onPoll: (clock) => {
      if (mode === 'step') clock.advanceToNext();
    },
    get offset() {
      return shared?.skipped ?? 0;
    },
    shared,
    dispose: () => shared?.dispose(),
  };
}
