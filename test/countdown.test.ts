import { describe, expect, it } from 'vitest';
import { countdown, formatDelay } from 'azure-vm-lifecycle/viz';

describe('formatDelay', () => {
  it('writes whole seconds and minutes in their largest unit', () => {
    expect(formatDelay(30_000)).toBe('30 s');
    expect(formatDelay(480_000)).toBe('8 min');
    expect(formatDelay(3_600_000)).toBe('1 h');
  });

  it('combines units when one is not exact', () => {
    expect(formatDelay(90_000)).toBe('1 min 30 s');
    expect(formatDelay(3_661_000)).toBe('1 h 1 min 1 s');
  });

  it('keeps sub-second and fractional delays exact', () => {
    expect(formatDelay(0)).toBe('0 s');
    expect(formatDelay(250)).toBe('250 ms');
    expect(formatDelay(1_500)).toBe('1.5 s');
  });
});

describe('countdown', () => {
  it('shows the seconds left, rounded up', () => {
    expect(countdown(12_000, 0)).toEqual({ remainingMs: 12_000, text: '12 s' });
    expect(countdown(10_001, 0).text).toBe('11 s');
  });

  it('shows minutes with two-digit seconds from one minute on', () => {
    expect(countdown(65_000, 0).text).toBe('1 min 05 s');
    expect(countdown(1_000_000, 400_000).text).toBe('10 min 00 s');
  });

  it('clamps at zero once the delay has elapsed', () => {
    expect(countdown(5_000, 9_000)).toEqual({ remainingMs: 0, text: '0 s' });
  });
});
