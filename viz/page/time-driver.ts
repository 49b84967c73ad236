/**
 * Simulated time for the page: a virtual clock advanced by real elapsed time × speed on every
 * animation frame, paused, jumped to the next timer, or run until idle after each action.
 * No DOM: the page calls `frame` from requestAnimationFrame.
 */

/**
 * How fast simulated time runs.
 * - `1`, `10`, `60`: that many simulated ms per real ms
 * - `instant`: every pending timer fires right after each action
 */
export type Speed = 1 | 10 | 60 | 'instant';

/** Every speed the page offers, slowest first. */
export const SPEEDS: readonly Speed[] = [1, 10, 60, 'instant'];

/** The clock operations the driver needs (the package's `VirtualClock` has them). */
export interface SteppableClock {
  /** Moves time forward, firing due timers at their due times. */
  advance(ms: number): void;
  /** Fires the earliest pending timer; false when none is pending. */
  advanceToNext(): boolean;
  /** Fires timers until none is pending; returns how many fired. */
  runUntilIdle(limit?: number): number;
  /** The due time of the earliest pending timer, or `null`. */
  nextDueAt(): number | null;
}

/** Drives a clock from real time. */
export interface TimeDriver {
  /** The current speed. */
  speed: Speed;
  /** Whether time stands still (frames advance nothing; actions still run when instant). */
  paused: boolean;
  /** Advances by `realDeltaMs` × speed (capped, so a hidden tab does not leap hours). */
  frame(realDeltaMs: number): void;
  /** Call after sending an event: at `instant` speed, runs every timer it started. */
  afterAction(): void;
  /** Jumps to the next pending timer and fires it; false when none is pending. */
  skipToNext(): boolean;
}

/** The longest real gap one frame accounts for, in ms. */
export const MAX_FRAME_MS = 250;

/**
 * Creates a driver for `clock`.
 * @example
 * const driver = createTimeDriver(clock, 60);
 * requestAnimationFrame(function loop(t) { driver.frame(t - last); last = t; requestAnimationFrame(loop); });
 */
export function createTimeDriver(clock: SteppableClock, speed: Speed = 1): TimeDriver {
  return {
    speed,
    paused: false,
    frame(realDeltaMs) {
      if (this.paused || !(realDeltaMs > 0)) return;
      if (this.speed === 'instant') {
        if (clock.nextDueAt() !== null) clock.runUntilIdle();
        return;
      }
      clock.advance(Math.min(realDeltaMs, MAX_FRAME_MS) * this.speed);
    },
    afterAction() {
      if (this.speed === 'instant' && !this.paused) clock.runUntilIdle();
    },
    skipToNext() {
      return clock.advanceToNext();
    },
  };
}
