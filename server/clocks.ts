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

/** The longest delay the platform's `setTimeout` keeps (a longer one would fire at once). */
const MAX_PLATFORM_DELAY = 2_147_483_647;

/**
 * Real time that can be moved forward. Pending timers are kept in order by the package's
 * {@link VirtualClock} (a binary heap: O(log n) per timer however many VMs share the clock), and
 * one platform timer is armed for the earliest of them; `advance` skips ahead, firing what falls
 * due on the way at its own due time, in due order.
 */
export class AdjustableClock implements EmulatorClock {
  private offset: number;
  /** The pending timers, by due time in this clock's time; its reading trails this clock's. */
  private timers: VirtualClock;
  /** While `advance` fires timers, the time is theirs (each fires at its due time). */
  private stepping = false;
  /** How many timers have fired, for {@link AdjustableClock.runUntilIdle}'s count. */
  private fired = 0;
  private armed: { handle: ReturnType<typeof setTimeout>; dueAt: number } | undefined;

  /** @param offset - ms this clock is ahead of the wall clock (kept across restarts) */
  constructor(offset = 0) {
    this.offset = offset;
    this.timers = new VirtualClock(Math.round(Date.now() + offset));
  }

  /** How far ahead of the wall clock this clock is, in ms. */
  get skipped(): number {
    return this.offset;
  }

  now(): number {
    return this.stepping ? this.timers.now() : Date.now() + this.offset;
  }

  setTimeout(fn: (...args: unknown[]) => void, ms: number): number {
    // Due at now + ms in this clock's time; the heap's reading may trail it.
    const delay = Math.max(0, Number.isFinite(ms) ? ms : 0);
    const run = (...args: unknown[]): void => {
      this.fired++;
      fn(...args);
    };
    const id = this.timers.setTimeout(run, Math.max(0, this.now() - this.timers.now()) + delay);
    this.arm();
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers.clearTimeout(id);
    // The armed platform timer may now be early; when it fires it finds nothing due and re-arms.
  }

  advance(ms: number): void {
    const target = this.now() + Math.max(0, ms);
    const outer = this.stepping;
    this.stepping = true;
    try {
      this.timers.advanceTo(Math.max(this.timers.now(), target));
    } finally {
      this.stepping = outer;
    }
    if (!outer) this.offset = Math.max(this.offset, target - Date.now());
    this.arm();
  }

  advanceToNext(): boolean {
    const dueAt = this.timers.nextDueAt();
    if (dueAt === null) return false;
    this.advance(Math.max(0, dueAt - this.now()));
    return true;
  }

  runUntilIdle(limit = 10_000): number {
    const before = this.fired;
    while (this.fired - before < limit && this.advanceToNext()) {
      // each step fires every timer due at its instant
    }
    return this.fired - before;
  }

  /** Cancels every pending timer. */
  dispose(): void {
    if (this.armed) clearTimeout(this.armed.handle);
    this.armed = undefined;
    this.timers = new VirtualClock(this.timers.now());
  }

  /** Keeps one platform timer armed for the earliest pending timer. */
  private arm(): void {
    const dueAt = this.timers.nextDueAt();
    if (this.armed && this.armed.dueAt === dueAt) return;
    if (this.armed) clearTimeout(this.armed.handle);
    this.armed = undefined;
    if (dueAt === null) return;
    const handle = setTimeout(() => this.fireDue(), Math.min(MAX_PLATFORM_DELAY, Math.max(0, dueAt - this.now())));
    this.armed = { handle, dueAt };
  }

  /** The platform timer fired: fire every timer due by now, in due order, at the real time. */
  private fireDue(): void {
    this.armed = undefined;
    const now = this.now();
    if (now >= this.timers.now()) this.timers.advanceTo(now);
    this.arm();
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
