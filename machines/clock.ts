/**
 * Time for VM actors. The machine reads the clock its actor was created with, so a simulated
 * clock gives simulated (and deterministic) status times.
 */
import type { AnyActorRef } from 'xstate';

/** A clock XState can schedule on, and that can say what time it is. */
export interface VmClock {
  /** The current time in ms (any origin; only differences matter). */
  now(): number;
  /** Schedules `fn` after `ms`; returns an id for {@link VmClock.clearTimeout}. */
  setTimeout(fn: (...args: unknown[]) => void, ms: number): unknown;
  /** Cancels a scheduled call. */
  clearTimeout(id: unknown): void;
}

/**
 * Reads the clock of the actor system `self` belongs to: the clock passed to `createActor`
 * when it has a `now()` (XState's `SimulatedClock`, {@link VirtualClock}), else the wall clock.
 */
export function readClock(self: AnyActorRef): number {
  const clock = (self.system as { _clock?: { now?: unknown } })._clock;
  return typeof clock?.now === 'function' ? (clock.now as () => number)() : Date.now();
}

interface PendingTimer {
  id: number;
  dueAt: number;
  fn: (...args: unknown[]) => void;
}

/**
 * A simulated clock that fires timers one by one at their exact due times, in due order,
 * so that everything a timer causes is stamped with the instant it was due — not with the
 * end of a large jump (XState's own `SimulatedClock` fires every due timer at the jump's end).
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * const vm = createActor(vmMachine, { clock }).start();
 * clock.runUntilIdle();        // create completes
 * vm.send({ type: 'vm.powerOff' });
 * clock.advance(60_000);       // a minute later
 * ```
 */
export class VirtualClock implements VmClock {
  private current = 0;
  private nextId = 1;
  private readonly timers = new Map<number, PendingTimer>();

  /** @param start - the clock's reading at creation, in ms (default 0) */
  constructor(start = 0) {
    this.current = start;
  }

  /** The simulated time in ms. */
  now(): number {
    return this.current;
  }

  /** Schedules `fn` to run when the clock reaches now + `ms`. */
  setTimeout(fn: (...args: unknown[]) => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { id, dueAt: this.current + Math.max(0, ms), fn });
    return id;
  }

  /** Cancels a scheduled timer; unknown ids are ignored, as the platform's clearTimeout does. */
  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }

  /** How many timers are pending. */
  get pending(): number {
    return this.timers.size;
  }

  /** The due time of the earliest pending timer, or `null` when none is pending. */
  nextDueAt(): number | null {
    let earliest: PendingTimer | undefined;
    for (const timer of this.timers.values()) {
      if (!earliest || timer.dueAt < earliest.dueAt || (timer.dueAt === earliest.dueAt && timer.id < earliest.id)) {
        earliest = timer;
      }
    }
    return earliest ? earliest.dueAt : null;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way at its due time. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      throw new RangeError(`VirtualClock.advance: expected a non-negative finite number of ms, got ${ms}`);
    }
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `time`, firing due timers in order; time never goes backwards. */
  advanceTo(time: number): void {
    if (!Number.isFinite(time) || time < this.current) {
      throw new RangeError(`VirtualClock.advanceTo: ${time} is before the current time ${this.current}`);
    }
    for (;;) {
      const due = this.takeEarliestDue(time);
      if (!due) break;
      this.current = due.dueAt;
      due.fn();
    }
    this.current = time;
  }

  /** Fires the earliest pending timer (and any due with it); returns false when none is pending. */
  advanceToNext(): boolean {
    const dueAt = this.nextDueAt();
    if (dueAt === null) return false;
    this.advanceTo(dueAt);
    return true;
  }

  /**
   * Fires timers until none is pending, at most `limit` of them (a guard against a machine that
   * keeps scheduling); returns how many fired.
   */
  runUntilIdle(limit = 10_000): number {
    let fired = 0;
    while (fired < limit && this.advanceToNext()) fired++;
    return fired;
  }

  private takeEarliestDue(limit: number): PendingTimer | undefined {
    let earliest: PendingTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.dueAt > limit) continue;
      if (!earliest || timer.dueAt < earliest.dueAt || (timer.dueAt === earliest.dueAt && timer.id < earliest.id)) {
        earliest = timer;
      }
    }
    if (earliest) this.timers.delete(earliest.id);
    return earliest;
  }
}
