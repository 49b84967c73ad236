/**
 * Time moves on transitions no user operation makes: a shutdown inside the guest and a Spot
 * eviction end at the instant their step ends, not at the last operation's instant.
 * Default durations: allocating 20 s + starting 30 s = running at 50 s (specialized image);
 * stopping 15 s; eviction notice 30 s; deallocating 45 s.
 */
import { describe, expect, it } from 'vitest';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { createBillingMeter } from 'azure-vm-lifecycle/billing';
import { simulate } from 'azure-vm-lifecycle/simulate';
import { runningVm } from './utils.js';

const RUNNING_AT = 20_000 + 30_000;
const STOPPED_AT = RUNNING_AT + 15_000;
const EVICTED_AT = RUNNING_AT + 30_000;
const DEALLOCATED_AT = EVICTED_AT + 45_000;

describe('a shutdown inside the guest', () => {
  it('stamps stopped at 65 s in the simulation, the VM agent and the meter', () => {
    const run = simulate([{ wait: 'settled' }, { type: 'guest.shutdown' }, { wait: 'settled' }], { image: 'specialized' });
    const stopped = run.timeline.find((entry) => entry.power === 'stopped');
    expect(stopped?.at).toBe(STOPPED_AT);
    expect(stopped?.time).toBe('2025-01-01T00:01:05.000Z');

    const vm = runningVm({ image: 'specialized' });
    const meter = createBillingMeter();
    vm.actor.subscribe((snapshot) => meter.observe(snapshot));
    vm.send({ type: 'guest.shutdown' });
    vm.settle();
    expect(vm.snapshot().context.now).toBe(STOPPED_AT);
    expect(toInstanceView(vm.snapshot()).vmAgent?.statuses?.[0]?.time).toBe('2025-03-01T08:01:05+00:00');
    expect(meter.read().totalMs).toBe(STOPPED_AT - RUNNING_AT);
  });
});

describe('a Spot eviction', () => {
  it('stamps deallocated at 125 s in the simulation and in the VM', () => {
    const input = { image: 'specialized', priority: 'Spot' } as const;
    const run = simulate([{ wait: 'settled' }, { type: 'vm.simulateEviction' }, { wait: 'settled' }], input);
    expect(run.timeline.filter((entry) => entry.cause === 'timer').map((entry) => [entry.power, entry.at])).toEqual([
      ['starting', 20_000],
      ['running', RUNNING_AT],
      ['deallocating', EVICTED_AT],
      ['deallocated', DEALLOCATED_AT],
    ]);
    expect(run.durationMs).toBe(DEALLOCATED_AT);

    const vm = runningVm(input);
    vm.send({ type: 'vm.simulateEviction' });
    vm.settle();
    expect(vm.state()?.power).toBe('deallocated');
    expect(vm.snapshot().context.now).toBe(DEALLOCATED_AT);
  });
});
