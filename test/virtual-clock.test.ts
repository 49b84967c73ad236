import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

  it('fires timers due at the same instant in the order they were scheduled, oldest first', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    for (const name of ['first', 'second', 'third', 'fourth']) clock.setTimeout(() => fired.push(name), 100);
    clock.advance(40);
    // Scheduled later, due at the same instant as the four: it fires after them.
    clock.setTimeout(() => fired.push('fifth'), 60);
    clock.advance(60);
    expect(fired).toEqual(['first', 'second', 'third', 'fourth', 'fifth']);
  });

  it('fires a zero-delay timer scheduled by a firing timer after the timers already due at that instant', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => {
      fired.push('a');
      clock.setTimeout(() => fired.push('a→0'), 0);
    }, 10);
    clock.setTimeout(() => fired.push('b'), 10);
    clock.runUntilIdle();
    expect(fired).toEqual(['a', 'b', 'a→0']);
  });

  it('cancels timers and reports the next due time', () => {
    const clock = new VirtualClock(10);
    const id = clock.setTimeout(() => expect.unreachable(), 5);
    clock.setTimeout(() => {}, 20);
    expect(clock.nextDueAt()).toBe(15);
    clock.clearTimeout(id);
    expect(clock.pending).toBe(1);
    expect(clock.nextDueAt()).toBe(30);
    expect(clock.runUntilIdle()).toBe(1);
    expect(clock.nextDueAt()).toBeNull();
  });

  it('ignores clearing a timer twice, after it fired, or with an id it never gave', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    const a = clock.setTimeout(() => fired.push(1), 1);
    clock.setTimeout(() => fired.push(2), 2);
    clock.advance(1);
    clock.clearTimeout(a);
    clock.clearTimeout('a');
    clock.clearTimeout(undefined);
    expect(clock.pending).toBe(1);
    clock.advance(1);
    expect(fired).toEqual([1, 2]);
  });

  it('keeps firing the survivors in order after most timers are cancelled', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    const ids = Array.from({ length: 1000 }, (_, i) => clock.setTimeout(() => fired.push(i), (i * 7919) % 1000));
    ids.forEach((id, i) => {
      if (i % 10 !== 0) clock.clearTimeout(id);
    });
    expect(clock.pending).toBe(100);
    clock.runUntilIdle();
    const survivors = Array.from({ length: 100 }, (_, k) => k * 10);
    expect(fired).toEqual(survivors.sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000) || a - b));
  });

  it('runUntilIdle returns how many timers fired, counting each of those due at the same instant', () => {
    const clock = new VirtualClock();
    for (let i = 0; i < 3; i++) clock.setTimeout(() => {}, 100);
    clock.setTimeout(() => clock.setTimeout(() => {}, 0), 200);
    expect(clock.runUntilIdle()).toBe(5);
    expect(clock.pending).toBe(0);
    expect(clock.now()).toBe(200);
  });

  it('runUntilIdle stops after `limit` timers, leaving the rest pending, even within one instant', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    for (let i = 0; i < 3; i++) clock.setTimeout(() => fired.push(i), 100);
    expect(clock.runUntilIdle(2)).toBe(2);
    expect(fired).toEqual([0, 1]);
    expect(clock.pending).toBe(1);
    expect(clock.runUntilIdle(0)).toBe(0);
    expect(clock.runUntilIdle(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('advanceToNext fires every timer due at the next instant and nothing later', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(1), 5);
    clock.setTimeout(() => fired.push(2), 5);
    clock.setTimeout(() => fired.push(3), 6);
    expect(clock.advanceToNext()).toBe(true);
    expect(fired).toEqual([1, 2]);
    expect(clock.now()).toBe(5);
    expect(clock.advanceToNext()).toBe(true);
    expect(clock.advanceToNext()).toBe(false);
  });

  it('never moves time backwards when a timer advances the clock itself', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    clock.setTimeout(() => clock.advance(500), 10);
    clock.setTimeout(() => times.push(clock.now()), 300);
    clock.advanceTo(100);
    expect(times).toEqual([300]);
    expect(clock.now()).toBe(510);
  });

  it('refuses to go backwards, saying why', () => {
    const clock = new VirtualClock(100);
    expect(() => clock.advanceTo(50)).toThrow('VirtualClock.advanceTo: expected a time from now (100) on, got number 50');
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('fires exactly what a sorted list of (due time, scheduling order) fires, under any mix of scheduling, cancelling and advancing', () => {
    type Op = { kind: 'schedule'; ms: number } | { kind: 'cancel'; pick: number } | { kind: 'advance'; ms: number } | { kind: 'next' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('schedule' as const), ms: fc.integer({ min: 0, max: 50 }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('next' as const) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const clock = new VirtualClock();
        const fired: number[] = [];
        // The reference: every live timer in a list, the earliest (due, seq) taken each time.
        let reference: { seq: number; dueAt: number }[] = [];
        const expected: number[] = [];
        let now = 0;
        const ids = new Map<number, unknown>();
        let seq = 0;
        const fireReference = (until: number) => {
          for (;;) {
            const due = reference.filter((t) => t.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq)[0];
            if (!due) break;
            reference = reference.filter((t) => t !== due);
            expected.push(due.seq);
          }
        };
        for (const o of ops) {
          if (o.kind === 'schedule') {
            const mine = seq++;
            ids.set(mine, clock.setTimeout(() => fired.push(mine), o.ms));
            reference.push({ seq: mine, dueAt: now + o.ms });
          } else if (o.kind === 'cancel') {
            if (seq === 0) continue;
            const victim = o.pick % seq;
            clock.clearTimeout(ids.get(victim));
            reference = reference.filter((t) => t.seq !== victim);
          } else if (o.kind === 'advance') {
            now += o.ms;
            fireReference(now);
            clock.advance(o.ms);
          } else {
            const any = reference.length > 0;
            const next = Math.min(...reference.map((t) => t.dueAt));
            expect(clock.nextDueAt()).toBe(any ? next : null);
            if (any) {
              now = next;
              fireReference(now);
            }
            expect(clock.advanceToNext()).toBe(any);
          }
          expect(clock.pending).toBe(reference.length);
        }
        fireReference(Number.POSITIVE_INFINITY);
        clock.runUntilIdle(Number.POSITIVE_INFINITY);
        expect(fired).toEqual(expected);
      }),
      { numRuns: 300 },
    );
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

  it('completes the creation of many VMs sharing one clock, every VM at the same instant', () => {
    const clock = new VirtualClock();
    const input = { image: 'specialized' as const, startTime: 0 };
    const fleet = Array.from({ length: 200 }, (_, i) => createActor(vmMachine, { clock, input: { ...input, name: `vm-${i}` } }).start());
    clock.runUntilIdle(Number.POSITIVE_INFINITY);
    expect(new Set(fleet.map((vm) => vm.getSnapshot().context.provisioningTime))).toEqual(new Set([50_000]));
  });
});
