import { describe, expect, it } from 'vitest';
import { VirtualClock } from 'azure-vm-lifecycle';

// Each check names the method and the value it refused: a typo in a test harness should say
// where it went wrong, not schedule a timer at NaN that never fires.

type Case = [string, unknown, ErrorConstructor, string];

describe('VirtualClock arguments', () => {
  it.each<Case>([
    ['a string', '0', TypeError, 'VirtualClock: expected a start time in ms within ±2^53, got "0"'],
    ['NaN', Number.NaN, RangeError, 'VirtualClock: expected a start time in ms within ±2^53, got number NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError, 'got number Infinity'],
    ['a number beyond 2^53', 2 ** 60, RangeError, `got number ${2 ** 60}`],
  ])('refuses to start at %s', (_what, start, type, message) => {
    expect(() => new VirtualClock(start as number)).toThrow(type);
    expect(() => new VirtualClock(start as number)).toThrow(message);
  });

  it('starts at 0, or at any finite reading, negative or fractional included', () => {
    expect(new VirtualClock().now()).toBe(0);
    expect(new VirtualClock(-5).now()).toBe(-5);
    expect(new VirtualClock(0.5).now()).toBe(0.5);
    expect(new VirtualClock(Date.UTC(2025, 0, 1)).now()).toBe(Date.UTC(2025, 0, 1));
  });

  it.each<Case>([
    ['NaN', Number.NaN, RangeError, 'VirtualClock.setTimeout: expected a delay of 0 or more ms, got number NaN'],
    ['a negative delay', -1, RangeError, 'VirtualClock.setTimeout: expected a delay of 0 or more ms, got number -1'],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError, 'VirtualClock.setTimeout: expected a delay of 0 or more ms, got number Infinity'],
    ['a string', '10', TypeError, 'VirtualClock.setTimeout: expected a delay of 0 or more ms, got "10"'],
    ['undefined', undefined, TypeError, 'VirtualClock.setTimeout: expected a delay of 0 or more ms, got undefined'],
  ])('refuses a timer delay of %s', (_what, ms, type, message) => {
    const clock = new VirtualClock();
    expect(() => clock.setTimeout(() => {}, ms as number)).toThrow(type);
    expect(() => clock.setTimeout(() => {}, ms as number)).toThrow(message);
    expect(clock.pending).toBe(0);
  });

  it('refuses a timer that is not a function', () => {
    const clock = new VirtualClock();
    expect(() => clock.setTimeout('alert(1)' as never, 10)).toThrow(new TypeError('VirtualClock.setTimeout: expected a function, got "alert(1)"'));
    expect(clock.pending).toBe(0);
  });

  it.each<Case>([
    ['NaN', Number.NaN, RangeError, 'VirtualClock.advance: expected a step of 0 or more ms, got number NaN'],
    ['a negative step', -1, RangeError, 'VirtualClock.advance: expected a step of 0 or more ms, got number -1'],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError, 'VirtualClock.advance: expected a step of 0 or more ms, got number Infinity'],
    ['a string', '5', TypeError, 'VirtualClock.advance: expected a step of 0 or more ms, got "5"'],
  ])('refuses to advance by %s', (_what, ms, type, message) => {
    const clock = new VirtualClock(100);
    expect(() => clock.advance(ms as number)).toThrow(type);
    expect(() => clock.advance(ms as number)).toThrow(message);
    expect(clock.now()).toBe(100);
  });

  it.each<Case>([
    ['an earlier time', 50, RangeError, 'VirtualClock.advanceTo: expected a time from now (100) on, got number 50'],
    ['NaN', Number.NaN, RangeError, 'VirtualClock.advanceTo: expected a time from now (100) on, got number NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError, 'VirtualClock.advanceTo: expected a time from now (100) on, got number Infinity'],
    ['a Date', new Date(200), TypeError, 'VirtualClock.advanceTo: expected a time from now (100) on, got a Date (1970-01-01T00:00:00.200Z)'],
  ])('refuses to advance to %s', (_what, time, type, message) => {
    const clock = new VirtualClock(100);
    expect(() => clock.advanceTo(time as number)).toThrow(type);
    expect(() => clock.advanceTo(time as number)).toThrow(message);
    expect(clock.now()).toBe(100);
  });

  it.each<Case>([
    ['a negative limit', -1, RangeError, 'VirtualClock.runUntilIdle: expected a limit of 0 or more timers, or Infinity, got number -1'],
    ['a fractional limit', 2.5, RangeError, 'VirtualClock.runUntilIdle: expected a limit of 0 or more timers, or Infinity, got number 2.5'],
    ['NaN', Number.NaN, RangeError, 'got number NaN'],
    ['a string', '10', TypeError, 'VirtualClock.runUntilIdle: expected a limit of 0 or more timers, or Infinity, got "10"'],
  ])('refuses to run until idle with %s', (_what, limit, type, message) => {
    const clock = new VirtualClock();
    clock.setTimeout(() => {}, 1);
    expect(() => clock.runUntilIdle(limit as number)).toThrow(type);
    expect(() => clock.runUntilIdle(limit as number)).toThrow(message);
    expect(clock.pending).toBe(1);
  });
});
