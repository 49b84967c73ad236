/**
 * Time for VM actors. The machine reads the clock its actor was created with, so a simulated
 * clock gives simulated (and deterministic) status times.
 */
import type { AnyActorRef } from 'xstate';
import { describeValue } from './describe-value.js';

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

/** Adds a timer to a binary min-heap ordered by {@link before}. */
function push(heap: PendingTimer[], timer: PendingTimer): void {
  let i = heap.length;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = heap[parent] as PendingTimer;
    if (!before(timer, above)) break;
    heap[i] = above;
    i = parent;
  }
  heap[i] = timer;
}

/** Removes the top of a binary min-heap ordered by {@link before}. */
function pop(heap: PendingTimer[]): void {
  const last = heap.pop() as PendingTimer;
  let i = 0;
  for (let child = 1; child < heap.length; child = 2 * i + 1) {
    if (child + 1 < heap.length && before(heap[child + 1] as PendingTimer, heap[child] as PendingTimer)) child++;
    const smaller = heap[child] as PendingTimer;
    if (!before(smaller, last)) break;
    heap[i] = smaller;
    i = child;
  }
  if (i < heap.length) heap[i] = last;
}

/** Checks a number argument: a TypeError for a non-number, a RangeError when `ok` refuses it. */
function checked<T>(method: string, value: T, ok: (n: number) => boolean, expected: string): T {
  if (typeof value === 'number' && ok(value)) return value;
  const message = `VirtualClock${method}: expected ${expected}, got ${describeValue(value)}`;
  throw typeof value === 'number' ? new RangeError(message) : new TypeError(message);
}

const finiteNonNegative = (n: number) => n >= 0 && n < Infinity;

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
  #now: number;
  #nextId = 1;
  /** A binary min-heap by {@link before}; may hold cancelled timers not yet dropped. */
  #heap: PendingTimer[] = [];
  /** The ids of the timers neither fired nor cancelled. */
  readonly #live = new Set<number>();

  /**
   * @param start - the clock's reading at creation, in ms (default 0), within ±2^53
   * @throws TypeError for a non-number, RangeError for NaN, ±Infinity or a number beyond ±2^53
   */
  constructor(start = 0) {
    this.#now = checked('', start, (n) => Math.abs(n) <= Number.MAX_SAFE_INTEGER, 'a start time in ms within ±2^53');
  }

  /** The simulated time in ms. */
  now(): number {
    return this.#now;
  }

  /**
   * Schedules `fn` to run when the clock reaches now + `ms`.
   * @throws TypeError when `fn` is not a function or `ms` not a number; RangeError for a
   * negative, NaN or infinite `ms`
   */
  setTimeout(fn: (...args: unknown[]) => void, ms: number): number {
    if (typeof fn !== 'function') throw new TypeError(`VirtualClock.setTimeout: expected a function, got ${describeValue(fn)}`);
    const timer: PendingTimer = { id: this.#nextId++, dueAt: this.#now + checked('.setTimeout', ms, finiteNonNegative, 'a delay of 0 or more ms'), fn };
    this.#live.add(timer.id);
    push(this.#heap, timer);
    return timer.id;
  }

  /** Cancels a scheduled timer; unknown ids are ignored, as the platform's clearTimeout does. */
  clearTimeout(id: unknown): void {
    // Cancelled timers wait in the heap until they reach the top; rebuild it before they
    // outnumber the pending ones, so a clock that cancels much stays small.
    if (this.#live.delete(id as number) && this.#heap.length > 32 && this.#heap.length > 2 * this.#live.size) {
      const kept = this.#heap.filter((timer) => this.#live.has(timer.id));
      this.#heap = [];
      for (const timer of kept) push(this.#heap, timer);
    }
  }

  /** How many timers are pending. */
  get pending(): number {
    return this.#live.size;
  }

  /** The due time of the earliest pending timer, or `null` when none is pending. */
  nextDueAt(): number | null {
    return this.#peek()?.dueAt ?? null;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way at its due time.
   * @throws TypeError for a non-number; RangeError for a negative, NaN or infinite `ms`
   */
  advance(ms: number): void {
    this.advanceTo(this.#now + checked('.advance', ms, finiteNonNegative, 'a step of 0 or more ms'));
  }

  /**
   * Moves time forward to `time`, firing due timers in order; time never goes backwards.
   * @throws TypeError for a non-number; RangeError for NaN, ±Infinity or a time before now
   */
  advanceTo(time: number): void {
    checked('.advanceTo', time, (n) => n >= this.#now && n < Infinity, `a time from now (${this.#now}) on`);
    while (this.#fireNext(time)) {
      // each due timer fires at its own instant
    }
    // A timer may itself have advanced the clock further: never go back.
    if (time > this.#now) this.#now = time;
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
    checked('.runUntilIdle', limit, (n) => n === Infinity || (Number.isInteger(n) && n >= 0), 'a limit of 0 or more timers, or Infinity');
    let fired = 0;
    while (fired < limit && this.#fireNext(Infinity)) fired++;
    return fired;
  }

  /** Fires the earliest pending timer due by `limit` at its due time; false when there is none. */
  #fireNext(limit: number): boolean {
    const timer = this.#peek();
    if (!timer || timer.dueAt > limit) return false;
    pop(this.#heap);
    this.#live.delete(timer.id);
    if (timer.dueAt > this.#now) this.#now = timer.dueAt;
    timer.fn();
    return true;
  }

  /** The earliest pending timer, after dropping cancelled ones from the top. */
  #peek(): PendingTimer | undefined {
    let top = this.#heap[0];
    while (top && !this.#live.has(top.id)) {
      pop(this.#heap);
      top = this.#heap[0];
    }
    return top;
  }
}
