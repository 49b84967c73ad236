import { describe, expect, it } from 'vitest';
import { vmStateOf, type VmSnapshot } from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { createTimeTravel, type TimeTravel } from '../viz/page/time-travel.js';
import { createRunActor, pinStartTime, playTo, RunReplayError } from '../viz/page/vm-run.js';
import { translator } from '../viz/page/i18n/index.js';

const START = '2025-01-01T00:00:00.000Z';
const t = translator('en');

const view = (snapshot: VmSnapshot) => {
  try {
    return JSON.stringify(toInstanceView(snapshot));
  } catch {
    return 'gone';
  }
};
const shownState = (travel: TimeTravel) => vmStateOf(travel.shown.snapshot());
const logText = (travel: TimeTravel) => travel.log.map((entry) => t.text(entry.message));

/** A VM created, running, powered off and deallocated, with time left to pass at the end. */
function poweredOffThenDeallocated(): TimeTravel {
  const travel = createTimeTravel(pinStartTime({ name: 'web-1' }, Date.parse(START)));
  const { actor, clock } = travel.present.vm;
  clock.runUntilIdle();
  actor.send({ type: 'vm.powerOff' });
  clock.runUntilIdle();
  clock.advance(60_000);
  actor.send({ type: 'vm.deallocate' });
  clock.runUntilIdle();
  return travel;
}

describe('a recorded run', () => {
  it('records each event sent from outside with its instant, and none of the timers\' events', () => {
    const vm = createRunActor(pinStartTime({}, Date.parse(START)));
    vm.start();
    vm.clock.runUntilIdle();
    vm.actor.send({ type: 'vm.restart' });
    vm.clock.advance(5_000);
    vm.actor.send({ type: 'fault.arm', code: 'AllocationFailed' });
    expect(vm.run().steps).toEqual([
      { at: 115_000, event: { type: 'vm.restart' } },
      { at: 120_000, event: { type: 'fault.arm', code: 'AllocationFailed' } },
    ]);
    expect(vm.run().input.startTime).toBe(START);
  });

  it('replays to any instant of it with the instance view the VM had then', () => {
    const live = createRunActor(pinStartTime({ hibernationEnabled: true }, Date.parse(START)));
    const seen: { instant: ReturnType<typeof live.now>; json: string }[] = [];
    live.actor.subscribe((snapshot) => seen.push({ instant: live.now(), json: view(snapshot) }));
    live.start();
    live.clock.runUntilIdle();
    live.actor.send({ type: 'vm.deallocate', hibernate: true });
    live.clock.advance(10_000);
    live.actor.send({ type: 'vm.start' });
    live.clock.runUntilIdle();
    live.actor.send({ type: 'vm.delete' });
    live.clock.runUntilIdle();
    const run = live.run();
    expect(seen.length).toBeGreaterThan(8);
    for (const { instant, json } of seen) {
      const replayed = createRunActor(run.input);
      replayed.start();
      playTo(replayed, run, instant);
      expect(view(replayed.actor.getSnapshot())).toBe(json);
    }
  });

  it('refuses to play backwards or past its last step, saying where', () => {
    const vm = createRunActor(pinStartTime({}, Date.parse(START)));
    vm.start();
    const run = { input: vm.input, steps: [{ at: 1_000, event: { type: 'vm.restart' as const } }] };
    expect(() => playTo(vm, run, { at: 0, step: 2 })).toThrow(new RunReplayError("Instant step 2 is outside the run's 1 steps."));
    playTo(vm, run, { at: 5_000, step: 1 });
    expect(() => playTo(vm, run, { at: 2_000, step: 1 })).toThrow(/Cannot play back from 5000 ms \(step 1\) to the earlier 2000 ms/);
    const backwards = { input: vm.input, steps: [{ at: 9_000, event: { type: 'vm.start' as const } }, { at: 8_000, event: { type: 'vm.start' as const } }] };
    const fresh = createRunActor(vm.input);
    fresh.start();
    expect(() => playTo(fresh, backwards, { at: 10_000, step: 2 })).toThrow('steps[1] at 8000 ms comes before the previous instant, 9000 ms.');
  });
});

describe('time travel', () => {
  it('logs every change with the instant it happened at', () => {
    const travel = poweredOffThenDeallocated();
    expect(logText(travel)).toEqual([
      'PUT web-1: generalized Linux image, Regular',
      'Power: creating → starting',
      'Power: starting → running',
      'Provisioning: creating → OS provisioning in progress',
      'Provisioning: OS provisioning in progress → OS provisioning complete',
      'Provisioning: OS provisioning complete → succeeded',
      'create Succeeded',
      'Sent vm.powerOff',
      'Power: running → stopping',
      'Provisioning: succeeded → updating',
      'powerOff accepted',
      'Power: stopping → stopped',
      'Provisioning: updating → succeeded',
      'powerOff Succeeded',
      'Sent vm.deallocate',
      'Power: stopped → deallocating',
      'Provisioning: succeeded → updating',
      'deallocate accepted',
      'Power: deallocating → deallocated',
      'Provisioning: updating → succeeded',
      'deallocate Succeeded',
    ]);
    const sent = travel.log.find((entry) => t.text(entry.message) === 'Sent vm.powerOff');
    expect(sent?.instant).toEqual({ at: 115_000, step: 1 });
    expect(sent?.time).toBe('2025-01-01T00:01:55.000Z');
  });

  it('steps back to the earlier instance view, and forward to the present again', () => {
    const travel = poweredOffThenDeallocated();
    expect(shownState(travel)).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
    expect(travel.stepBack()).toBe(true);
    expect(shownState(travel)).toEqual({ power: 'deallocating', provisioning: 'updating' });
    expect(travel.position).toEqual({ at: 130_000 + 60_000, step: 2 });
    expect(travel.stepBack()).toBe(true);
    expect(shownState(travel)).toEqual({ power: 'stopped', provisioning: 'succeeded' });
    expect(JSON.parse(view(travel.shown.snapshot())).statuses.map((status: { code: string }) => status.code)).toEqual([
      'ProvisioningState/succeeded',
      'PowerState/stopped',
    ]);
    // The present has not moved while the past is shown.
    expect(vmStateOf(travel.present.snapshot())).toEqual({ power: 'deallocated', provisioning: 'succeeded' });
    expect(travel.stepForward()).toBe(true);
    expect(shownState(travel)).toEqual({ power: 'deallocating', provisioning: 'updating' });
    expect(travel.stepForward()).toBe(true);
    expect(travel.position).toBeNull();
    expect(travel.shown).toBe(travel.present);
    expect(travel.stepForward()).toBe(false);
  });

  it('restores the billing meters as they were at the instant', () => {
    const travel = poweredOffThenDeallocated();
    const stopped = travel.log.find((entry) => t.text(entry.message) === 'powerOff Succeeded');
    if (!stopped) throw new Error('no powerOff line');
    travel.restore(stopped.instant);
    // Billed from running (50 s) to stopped (130 s), as the 2018 table says; then stopped for
    // 60 s, still billed, and deallocating and deallocated, not billed.
    expect(travel.shown.meters['seed-2018'].read(stopped.instant.at).billedMs).toBe(80_000);
    expect(travel.present.meters['seed-2018'].read(travel.present.now().at).billedMs).toBe(80_000 + 60_000);
  });

  it('stops at the first instant: there is nothing before the creation', () => {
    const travel = poweredOffThenDeallocated();
    travel.restore({ at: 0, step: 0 });
    expect(shownState(travel)).toEqual({ power: 'creating', provisioning: 'creating' });
    expect(travel.currentIndex()).toBe(0);
    expect(travel.stepBack()).toBe(false);
  });

  it('forks a new timeline when continued from the past: later steps and entries are dropped', () => {
    const travel = poweredOffThenDeallocated();
    const stopped = travel.log.find((entry) => t.text(entry.message) === 'powerOff Succeeded');
    if (!stopped) throw new Error('no powerOff line');
    travel.restore(stopped.instant);
    travel.continueHere();
    expect(travel.position).toBeNull();
    expect(travel.present.vm.steps).toEqual([{ at: 115_000, event: { type: 'vm.powerOff' } }]);
    expect(logText(travel).at(-2)).toBe('powerOff Succeeded');
    expect(logText(travel).at(-1)).toBe('New timeline from 00:02:10.000: the later steps were dropped.');
    travel.present.vm.actor.send({ type: 'vm.start' });
    travel.present.vm.clock.runUntilIdle();
    expect(vmStateOf(travel.present.snapshot())).toEqual({ power: 'running', provisioning: 'succeeded' });
    expect(travel.present.vm.steps.map((step) => step.event.type)).toEqual(['vm.powerOff', 'vm.start']);
    expect(logText(travel)).not.toContain('Sent vm.deallocate');
  });

  it('loads a run from its input and steps with the same log and meters as the run that made it', () => {
    const original = poweredOffThenDeallocated();
    const run = original.present.vm.run();
    const end = original.present.now().at + 3_600_000;
    original.present.vm.clock.advanceTo(end);
    const copy = createTimeTravel(pinStartTime({}));
    copy.load(run.input, run.steps, end);
    expect(logText(copy)).toEqual(logText(original));
    expect(copy.log.map((entry) => entry.instant)).toEqual(original.log.map((entry) => entry.instant));
    expect(view(copy.present.snapshot())).toBe(view(original.present.snapshot()));
    expect(copy.present.meters['azure-2023'].read(end)).toEqual(original.present.meters['azure-2023'].read(end));
  });

  it('tells listeners what to redraw', () => {
    const travel = poweredOffThenDeallocated();
    const changes: string[] = [];
    travel.subscribe((change) => changes.push(change.type));
    travel.stepBack();
    travel.backToNow();
    travel.present.vm.actor.send({ type: 'vm.start' });
    expect(changes.slice(0, 2)).toEqual(['shown', 'shown']);
    expect(changes.slice(2)).toContain('log-appended');
    expect(changes.slice(2)).toContain('snapshot');
  });
});
