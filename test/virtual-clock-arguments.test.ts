import { describe, expect, it } from 'vitest';
import { VirtualClock } from 'azure-vm-lifecycle';

// Each check names the method and the value it refused: a typo in a test harness should say
// where it went wrong, not schedule a timer at NaN that never fires.

describe('VirtualClock arguments', () => {
  it.each<[string, unknown, ErrorConstructor, string]>([
    ['a string', '0', TypeError, 'VirtualClock: expected the start time as a number of ms, got "0"'],
    ['NaN', Number.NaN, RangeError, 'VirtualClock: expected the start time as a finite number of ms within ±2^53, got NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError, 'got Infinity'],
    ['a number beyond 2^53', 2 ** 60, RangeError, 'VirtualClock: expected the start time as a finite number of ms within ±2^53, got 1152921504606847000'],
  ])('refuses to start at %s', (_what, start, type, message) => {
    expect(() => new VirtualClock(start as number)).toThrow(type);
    expect(() => new VirtualClock(start as number)).toThrow(message);
  });

  it('starts at 0, or at any finite reading, negative included', () => {
    expect(new VirtualClock().now()).toBe(0);
    expect(new VirtualClock(-5).now()).toBe(-5);
    expect(new VirtualClock(Date.UTC(2025, 0, 1)).now()).toBe(Date.UTC(2025, 0, 1));
  });

  it.each<[string, unknown, ErrorConstructor, string]>([
    ['NaN', Number.NaN, RangeError, 'VirtualClock.setTimeout: expected a finite delay of 0 or more ms, got NaN'],
    ['a negative delay', -1, RangeError, 'VirtualClock.setTimeout: expected a finite delay of 0 or more ms, got -1'],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError, 'VirtualClock.setTimeout: expected a finite delay of 0 or more ms, got Infinity'],
    ['a string', '10', TypeError, 'VirtualClock.setTimeout: expected a delay as a number of ms, got "10"'],
    ['undefined', undefined, TypeError, 'VirtualClock.setTimeout: expected a delay as a number of ms, got undefined'],
  ])('refuses a timer delay of %s', (_what, ms, type, message) => {
    const clock = new VirtualClock();
    expect(() => clock.setTimeout(() => {}, ms as number)).toThrow(type);
    expect(() => clock.setTimeout(() => {}, ms as number)).toThrow(message);
    expect(clock.pending).toBe(0);
  });

  it('refuses a timer that is not a function', () => {
    const clock = new VirtualClock();
    expect(() => clock.setTimeout('alert(1)' as never, 10)).toThrow(
      new TypeError('VirtualClock.setTimeout: expected a function to call, got "alert(1)"'),
    );
    expect(clock.pending).toBe(0);
  });

  it.each<[string, unknown, ErrorConstructor, string]>([
    ['NaN', Number.NaN, RangeError, 'VirtualClock.advance: expected a finite step of 0 or more ms, got NaN'],
    ['a negative step', -1, RangeError, 'VirtualClock.advance: expected a finite step of 0 or more ms, got -1'],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError, 'VirtualClock.advance: expected a finite step of 0 or more ms, got Infinity'],
    ['a string', '5', TypeError, 'VirtualClock.advance: expected a number of ms, got "5"'],
  ])('refuses to advance by %s', (_what, ms, type, message) => {
    const clock = new VirtualClock(100);
    expect(() => clock.advance(ms as number)).toThrow(type);
    expect(() => clock.advance(ms as number)).toThrow(message);
    expect(clock.now()).toBe(100);
  });

  it.each<[string, unknown, ErrorConstructor, string]>([
    ['an earlier time', 50, RangeError, 'VirtualClock.advanceTo: 50 is before the current time 100'],
    ['NaN', Number.NaN, RangeError, 'VirtualClock.advanceTo: expected a finite time in ms, got NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError, 'VirtualClock.advanceTo: expected a finite time in ms, got Infinity'],
    ['a Date', new Date(200), TypeError, 'VirtualClock.advanceTo: expected a time as a number of ms, got a Date (1970-01-01T00:00:00.200Z)'],
  ])('refuses to advance to %s', (_what, time, type, message) => {
    const clock = new VirtualClock(100);
    expect(() => clock.advanceTo(time as number)).toThrow(type);
    expect(() => clock.advanceTo(time as number)).toThrow(message);
    expect(clock.now()).toBe(100);
  });

  it.each<[string, unknown, ErrorConstructor, string]>([
    ['a negative limit', -1, RangeError, 'VirtualClock.runUntilIdle: expected a limit of 0 or more whole timers (or Infinity), got -1'],
    ['a fractional limit', 2.5, RangeError, 'VirtualClock.runUntilIdle: expected a limit of 0 or more whole timers (or Infinity), got 2.5'],
    ['NaN', Number.NaN, RangeError, 'got NaN'],
    ['a string', '10', TypeError, 'VirtualClock.runUntilIdle: expected a limit as a number of timers, got "10"'],
  ])('refuses to run until idle with %s', (_what, limit, type, message) => {
    const clock = new VirtualClock();
    clock.setTimeout(() => {}, 1);
    expect(() => clock.runUntilIdle(limit as number)).toThrow(type);
    expect(() => clock.runUntilIdle(limit as number)).toThrow(message);
    expect(clock.pending).toBe(1);
  });
});
