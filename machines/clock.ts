/**
 * Time for VM actors. The machine reads the clock its actor was created with, so a simulated
 * clock gives simulated (and deterministic) status times.
 */
import type { AnyActorRef } from 'xstate';
import { describeValue } from './quote.js';

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
  /** The id `setTimeout` returned; ids grow, so they also give the scheduling order. */
  id: number;
  dueAt: number;
  fn: (...args: unknown[]) => void;
}

/** Whether `a` fires before `b`: earlier due time first, then the one scheduled first. */
function before(a: PendingTimer, b: PendingTimer): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.id < b.id);
}

/** Checks a number argument: a TypeError for a non-number, a RangeError when `ok` refuses it. */
function checked(method: string, value: unknown, what: string, ok: (n: number) => boolean, range: string): number {
  if (typeof value !== 'number') throw new TypeError(`VirtualClock${method}: expected ${what}, got ${describeValue(value)}`);
  if (!ok(value)) throw new RangeError(`VirtualClock${method}: expected ${range}, got ${value}`);
  return value;
}

/**
 * A simulated clock that fires timers one by one at their exact due times, in due order,
 * so that everything a timer causes is stamped with the instant it was due — not with the
 * end of a large jump (XState's own `SimulatedClock` fires every due timer at the jump's end).
 * Timers due at the same instant fire in the order they were scheduled, oldest first.
 *
 * Pending timers are kept in a binary heap, so one clock shared by a fleet of actors costs
 * O(log n) per timer; a cancelled timer is dropped when it reaches the top of the heap (or when
 * cancelled ones outnumber pending ones), so cancelling is O(1).
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
  private current: number;
  private nextId = 1;
  /** A binary min-heap by {@link before}; may hold cancelled timers not yet dropped. */
  private heap: PendingTimer[] = [];
  /** The ids of the timers neither fired nor cancelled. */
  private readonly live = new Set<number>();

  /**
   * @param start - the clock's reading at creation, in ms (default 0): a finite number within ±2^53
   * @throws TypeError for a non-number, RangeError for NaN, ±Infinity or a number beyond ±2^53
   */
  constructor(start = 0) {
    const safe = (n: number) => Math.abs(n) <= Number.MAX_SAFE_INTEGER;
    this.current = checked('', start, 'the start time as a number of ms', safe, 'the start time as a finite number of ms within ±2^53');
  }

  /** The simulated time in ms. */
  now(): number {
    return this.current;
  }

  /**
   * Schedules `fn` to run when the clock reaches now + `ms`.
   * @throws TypeError when `fn` is not a function or `ms` not a number; RangeError for a
   * negative, NaN or infinite `ms`
   */
  setTimeout(fn: (...args: unknown[]) => void, ms: number): number {
    if (typeof fn !== 'function') throw new TypeError(`VirtualClock.setTimeout: expected a function to call, got ${describeValue(fn)}`);
    checked('.setTimeout', ms, 'a delay as a number of ms', (n) => n >= 0 && n < Infinity, 'a finite delay of 0 or more ms');
    const timer: PendingTimer = { id: this.nextId++, dueAt: this.current + ms, fn };
    this.live.add(timer.id);
    this.push(timer);
    return timer.id;
  }

  /** Cancels a scheduled timer; unknown ids are ignored, as the platform's clearTimeout does. */
  clearTimeout(id: unknown): void {
    if (!this.live.delete(id as number)) return;
    // Cancelled timers wait in the heap until they reach the top; rebuild it before they
    // outnumber the pending ones, so a clock that cancels much stays small.
    if (this.heap.length > 32 && this.heap.length > 2 * this.live.size) {
      const kept = this.heap.filter((timer) => this.live.has(timer.id));
      this.heap = [];
      for (const timer of kept) this.push(timer);
    }
  }

  /** How many timers are pending. */
  get pending(): number {
    return this.live.size;
  }

  /** The due time of the earliest pending timer, or `null` when none is pending. */
  nextDueAt(): number | null {
    return this.peek()?.dueAt ?? null;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way at its due time.
   * @throws TypeError for a non-number; RangeError for a negative, NaN or infinite `ms`
   */
  advance(ms: number): void {
    checked('.advance', ms, 'a number of ms', (n) => n >= 0 && n < Infinity, 'a finite step of 0 or more ms');
    this.advanceTo(this.current + ms);
  }

  /**
   * Moves time forward to `time`, firing due timers in order; time never goes backwards.
   * @throws TypeError for a non-number; RangeError for NaN, ±Infinity or a time before now
   */
  advanceTo(time: number): void {
    checked('.advanceTo', time, 'a time as a number of ms', Number.isFinite, 'a finite time in ms');
    if (time < this.current) throw new RangeError(`VirtualClock.advanceTo: ${time} is before the current time ${this.current}`);
    while (this.fireNext(time)) {
      // each due timer fires at its own instant
    }
    // A timer may itself have advanced the clock further: never go back.
    if (time > this.current) this.current = time;
  }

  /** Fires the earliest pending timer (and any due with it); returns false when none is pending. */
  advanceToNext(): boolean {
    const dueAt = this.nextDueAt();
    if (dueAt === null) return false;
    this.advanceTo(dueAt);
    return true;
  }

  /**
   * Fires pending timers one by one, in due order, until none is pending or `limit` have fired
   * (a guard against a machine that keeps scheduling); timers scheduled on the way count too.
   *
   * @param limit - the most timers to fire: a whole number, or `Infinity` (default 10 000)
   * @returns how many timers fired; when it is `limit`, {@link VirtualClock.pending} says whether
   * any are left
   * @throws TypeError for a non-number; RangeError for a negative, fractional or NaN `limit`
   */
  runUntilIdle(limit = 10_000): number {
    checked('.runUntilIdle', limit, 'a limit as a number of timers', (n) => n === Infinity || (Number.isInteger(n) && n >= 0), 'a limit of 0 or more whole timers (or Infinity)');
    let fired = 0;
    while (fired < limit && this.fireNext(Infinity)) fired++;
    return fired;
  }

  /** Fires the earliest pending timer due by `limit` at its due time; false when there is none. */
  private fireNext(limit: number): boolean {
    const timer = this.peek();
    if (!timer || timer.dueAt > limit) return false;
    this.pop();
    this.live.delete(timer.id);
    if (timer.dueAt > this.current) this.current = timer.dueAt;
    timer.fn();
    return true;
  }

  /** The earliest pending timer, after dropping cancelled ones from the top. */
  private peek(): PendingTimer | undefined {
    let top = this.heap[0];
    while (top && !this.live.has(top.id)) {
      this.pop();
      top = this.heap[0];
    }
    return top;
  }

  private push(timer: PendingTimer): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as PendingTimer;
      if (!before(timer, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right] as PendingTimer, heap[left] as PendingTimer) ? right : left;
      const smaller = heap[child] as PendingTimer;
      if (!before(smaller, last)) break;
      heap[i] = smaller;
      i = child;
    }
    heap[i] = last;
  }
}
