import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { VirtualClock, vmMachine } from 'azure-vm-lifecycle';

describe('VirtualClock', () => {
  it('fires timers in due order, each at its own due time, during one large advance', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 50);
    }, 100);
    clock.advance(1000);
    expect(fired).toEqual(['a@100', 'c@150', 'b@200']);
    expect(clock.now()).toBe(1000);
  });

  it('cancels timers and reports the next due time', () => {
    const clock = new VirtualClock(10);
    const id = clock.setTimeout(() => expect.unreachable(), 5);
    clock.setTimeout(() => {}, 20);
    expect(clock.nextDueAt()).toBe(15);
    clock.clearTimeout(id);
    expect(clock.nextDueAt()).toBe(30);
    expect(clock.runUntilIdle()).toBe(1);
    expect(clock.nextDueAt()).toBeNull();
  });

  it('refuses to go backwards, saying why', () => {
    const clock = new VirtualClock(100);
    expect(() => clock.advanceTo(50)).toThrow('VirtualClock.advanceTo: 50 is before the current time 100');
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('runs a VM through chained timers in one jump, where XState’s SimulatedClock restarts them from the jump’s end', () => {
    const input = { image: 'specialized' as const, startTime: 0, durations: { allocating: 1000, starting: 1000 } };
    const virtual = new VirtualClock();
    const a = createActor(vmMachine, { clock: virtual, input }).start();
    virtual.advance(60_000);
    expect(a.getSnapshot().context.provisioningTime).toBe(2000);
    const simulated = new SimulatedClock();
    const b = createActor(vmMachine, { clock: simulated, input }).start();
    simulated.increment(60_000);
    expect(b.getSnapshot().value).toEqual({ exists: { power: 'starting', provisioning: { creating: 'pending' } } });
  });
});
