import { describe, expect, it } from 'vitest';
import { VirtualClock } from 'azure-vm-lifecycle';
import { createTimeDriver, MAX_FRAME_MS } from '../viz/page/time-driver.js';
import { clampScale, fitScale } from '../viz/chart/zoom.js';

describe('the time driver', () => {
  it('advances the clock by real time × speed, capped per frame', () => {
    const clock = new VirtualClock();
    const driver = createTimeDriver(clock, 60);
    driver.frame(16);
    expect(clock.now()).toBe(960);
    driver.frame(10_000);
    expect(clock.now()).toBe(960 + MAX_FRAME_MS * 60);
  });

  it('stands still while paused, and skips to the next timer on request', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 30_000);
    const driver = createTimeDriver(clock, 10);
    driver.paused = true;
    driver.frame(100);
    expect(clock.now()).toBe(0);
    expect(driver.skipToNext()).toBe(true);
    expect(fired).toEqual([30_000]);
    expect(driver.skipToNext()).toBe(false);
  });

  it('runs every timer after an action at instant speed', () => {
    const clock = new VirtualClock();
    clock.setTimeout(() => clock.setTimeout(() => {}, 5_000), 30_000);
    const driver = createTimeDriver(clock, 'instant');
    driver.afterAction();
    expect(clock.now()).toBe(35_000);
    expect(clock.nextDueAt()).toBeNull();
  });
});

describe('the chart frame zoom', () => {
  it('clamps scales and fits without enlarging', () => {
    expect(clampScale(10)).toBe(3);
    expect(clampScale(0.01)).toBe(0.2);
    expect(fitScale(2000, 1000, 1000, 1000)).toBe(0.5);
    expect(fitScale(500, 400, 1000, 1000)).toBe(1);
  });
});
