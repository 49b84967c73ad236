/**
 * The real-mode clock of the emulator: platform timers, kept in due order by the package's
 * VirtualClock, which the control API can move forward.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock } from '../server/clocks.js';

const clocks: AdjustableClock[] = [];
const clock = (offset = 0) => {
  const made = new AdjustableClock(offset);
  clocks.push(made);
  return made;
};
afterEach(() => {
  for (const each of clocks.splice(0)) each.dispose();
});

describe('the emulator\'s adjustable real clock', () => {
  it('reads the wall clock plus the offset it was given', () => {
    const ahead = clock(60_000);
    expect(Math.abs(ahead.now() - (Date.now() + 60_000))).toBeLessThan(50);
    expect(ahead.skipped).toBe(60_000);
  });

  it('fires a timer on real time, once, at or after its due time', async () => {
    const real = clock();
    const due = real.now() + 20;
    const fired: number[] = [];
    real.setTimeout(() => fired.push(real.now()), 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(due);
  });

  it('fires timers due at the same real instant in the order they were scheduled', async () => {
    const real = clock();
    const order: string[] = [];
    real.setTimeout(() => order.push('b'), 10);
    real.setTimeout(() => order.push('a'), 5);
    real.setTimeout(() => order.push('c'), 10);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('moved forward, fires each timer due on the way at its own due time, in due order, and stays ahead', () => {
    const real = clock();
    const start = real.now();
    const seen: [string, number][] = [];
    real.setTimeout(() => {
      seen.push(['late', real.now() - start]);
    }, 90_000);
    real.setTimeout(() => {
      seen.push(['early', real.now() - start]);
      // What a timer schedules on the way falls due on the way too.
      real.setTimeout(() => seen.push(['chained', real.now() - start]), 5_000);
    }, 30_000);
    real.advance(60_000);
    expect(seen).toEqual([
      ['early', 30_000],
      ['chained', 35_000],
    ]);
    expect(real.skipped).toBeGreaterThanOrEqual(60_000 - 50);
    expect(real.now() - start).toBeGreaterThanOrEqual(60_000);
    expect(real.advanceToNext()).toBe(true);
    expect(seen.at(-1)).toEqual(['late', 90_000]);
    expect(real.advanceToNext()).toBe(false);
  });

  it('never fires a cancelled timer, by time or by advancing', async () => {
    const real = clock();
    const fired: string[] = [];
    const first = real.setTimeout(() => fired.push('cancelled'), 10);
    real.setTimeout(() => fired.push('kept'), 1_000_000);
    real.clearTimeout(first);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toEqual([]);
    expect(real.runUntilIdle()).toBe(1);
    expect(fired).toEqual(['kept']);
  });

  it('keeps ten thousand pending timers in due order and fires them all when run until idle', () => {
    const real = clock();
    const fired: number[] = [];
    const delayOf = (i: number) => 1_000_000 + ((i * 7919) % 10_000);
    // Scheduled by a timer that advancing fires: time stands still while they are scheduled.
    real.setTimeout(() => {
      for (let i = 0; i < 10_000; i++) real.setTimeout(() => fired.push(i), delayOf(i));
    }, 0);
    real.advance(0);
    expect(real.runUntilIdle()).toBe(10_000);
    const delays = fired.map(delayOf);
    expect(delays.every((delay, i) => i === 0 || delays[i - 1]! < delay)).toBe(true);
    expect(fired).toHaveLength(10_000);
  });

  it('forgets every pending timer when disposed', async () => {
    const real = clock();
    const fired: string[] = [];
    real.setTimeout(() => fired.push('x'), 5);
    real.dispose();
    await new Promise((resolve) => setTimeout(resolve, 25));
    expect(fired).toEqual([]);
    expect(real.advanceToNext()).toBe(false);
  });
});
