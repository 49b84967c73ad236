import { describe, expect, it } from 'vitest';
import { vmStateOf, type VmSnapshot } from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { simulate } from 'azure-vm-lifecycle/simulate';
import { SCENARIOS, scenarioNamed } from '../viz/page/scenarios.js';
import { compareAt, isAtStep, playAction, scenarioRun } from '../viz/page/scenario-runner.js';
import { createTimeTravel } from '../viz/page/time-travel.js';
import { meterText } from '../viz/page/vm-connect.js';

const codes = (snapshot: VmSnapshot) => {
  try {
    return toInstanceView(snapshot).statuses.map((status) => status.code);
  } catch {
    return ['404'];
  }
};

/** The VM at the end of each step of a scenario, loaded as the page loads it. */
function stepsOf(name: string) {
  const scenario = scenarioNamed(name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  return scenario.steps.map((_step, index) => {
    const run = scenarioRun(scenario, index);
    const travel = createTimeTravel(run.input);
    travel.load(run.input, run.steps, run.end);
    const snapshot = travel.present.snapshot();
    return { state: vmStateOf(snapshot), codes: codes(snapshot), at: run.end };
  });
}

describe('scenarios', () => {
  it('have distinct names fit for ?scenario=', () => {
    const names = SCENARIOS.map((scenario) => scenario.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(names).toEqual(['stop-vs-deallocate', 'hibernate-and-resume', 'spot-eviction', 'failed-update', 'generalized-image']);
  });

  it('stop versus deallocate: meters side by side with the README\'s figures after 8 hours', () => {
    const scenario = scenarioNamed('stop-vs-deallocate');
    if (!scenario) throw new Error('missing');
    const last = scenarioRun(scenario, scenario.steps.length - 1);
    const [stopped, deallocated] = compareAt(scenario, last.end, 'seed-2018');
    expect(stopped?.reading.billedMs).toBe(28_880_000);
    expect(deallocated?.reading.billedMs).toBe(65_000);
    expect(meterText(stopped!.reading, 0.096)).toBe('8 h 01 min 20 s billed of 8 h 02 min 10 s · $0.7701');
    expect(meterText(deallocated!.reading, 0.096)).toBe('1 min 05 s billed of 8 h 02 min 10 s · $0.0017');
    // The same figures as `simulate`, which the README quotes.
    const eightHours = 8 * 3_600_000;
    for (const [type, reading] of [['vm.powerOff', stopped], ['vm.deallocate', deallocated]] as const) {
      const simulated = simulate([{ wait: 'settled' }, { type }, { wait: 'settled' }, { wait: eightHours }]);
      expect(reading?.reading.billedMs).toBe(simulated.totals['seed-2018'].billedMs);
    }
    // The VM on the page is the stopped one: its own meter agrees with the left one.
    const travel = createTimeTravel(last.input);
    travel.load(last.input, last.steps, last.end);
    expect(travel.present.meters['seed-2018'].read(last.end).billedMs).toBe(28_880_000);
  });

  it('stop versus deallocate: the meters read the same until the two ways part', () => {
    const scenario = scenarioNamed('stop-vs-deallocate')!;
    const [left, right] = compareAt(scenario, 115_000, 'azure-2023');
    expect(left?.reading).toEqual(right?.reading);
    const [afterLeft, afterRight] = compareAt(scenario, 200_000, 'azure-2023');
    expect(afterLeft!.reading.billedMs).toBeGreaterThan(afterRight!.reading.billedMs);
  });

  it.each([
    [
      'stop-vs-deallocate',
      [
        { state: { power: 'creating', provisioning: 'creating' }, codes: ['ProvisioningState/creating'] },
        { state: { power: 'running', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/running'] },
        { state: { power: 'stopped', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/stopped'] },
        { state: { power: 'stopped', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/stopped'] },
      ],
    ],
    [
      'hibernate-and-resume',
      [
        { state: { power: 'running', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/running'] },
        { state: { power: 'deallocating', provisioning: 'updating' }, codes: ['ProvisioningState/updating', 'PowerState/deallocating'] },
        {
          state: { power: 'hibernated', provisioning: 'succeeded' },
          codes: ['ProvisioningState/succeeded', 'PowerState/deallocated', 'HibernationState/Hibernated'],
        },
        { state: { power: 'starting', provisioning: 'updating' }, codes: ['ProvisioningState/updating', 'PowerState/starting'] },
        { state: { power: 'running', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/running'] },
      ],
    ],
    [
      'spot-eviction',
      [
        { state: { power: 'running', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/running'] },
        { state: { power: 'running', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/running'] },
        { state: { power: 'deallocated', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/deallocated'] },
      ],
    ],
    [
      'failed-update',
      [
        { state: { power: 'running', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/running'] },
        { state: { power: 'running', provisioning: 'updating' }, codes: ['ProvisioningState/updating', 'PowerState/running'] },
        { state: { power: 'running', provisioning: 'failed' }, codes: ['ProvisioningState/failed/InternalOperationError', 'PowerState/running'] },
        { state: { power: 'running', provisioning: 'updating' }, codes: ['ProvisioningState/updating', 'PowerState/running'] },
        { state: { power: 'running', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/running'] },
      ],
    ],
    [
      'generalized-image',
      [
        { state: { power: 'creating', provisioning: 'creating' }, codes: ['ProvisioningState/creating'] },
        { state: { power: 'starting', provisioning: 'creating' }, codes: ['ProvisioningState/creating', 'PowerState/starting'] },
        {
          state: { power: 'running', provisioning: 'creating', osProvisioning: 'osProvisioningInProgress' },
          codes: ['ProvisioningState/creating/OSProvisioningInprogress', 'PowerState/running'],
        },
        {
          state: { power: 'running', provisioning: 'creating', osProvisioning: 'osProvisioningComplete' },
          codes: ['ProvisioningState/creating/OSProvisioningComplete', 'PowerState/running'],
        },
        { state: { power: 'running', provisioning: 'succeeded' }, codes: ['ProvisioningState/succeeded', 'PowerState/running'] },
      ],
    ],
  ] as const)('%s shows at each step what its narration says', (name, expected) => {
    expect(stepsOf(name).map(({ state, codes: shown }) => ({ state, codes: shown }))).toEqual(expected);
  });

  it('the Spot eviction\'s notice is logged as such, and the eviction gets its own line', () => {
    const scenario = scenarioNamed('spot-eviction')!;
    const run = scenarioRun(scenario, 2);
    const travel = createTimeTravel(run.input);
    travel.load(run.input, run.steps, run.end);
    const lines = travel.log.map((entry) => entry.message.key);
    expect(lines).toContain('log.evictionScheduled');
    expect(lines.indexOf('log.evicted')).toBeGreaterThan(lines.indexOf('log.evictionScheduled'));
  });

  it('play a step on the VM of the step before it to the very run the step loads', () => {
    for (const scenario of SCENARIOS) {
      for (let index = 0; index + 1 < scenario.steps.length; index += 1) {
        const before = scenarioRun(scenario, index);
        const travel = createTimeTravel(before.input);
        travel.load(before.input, before.steps, before.end);
        expect(isAtStep(scenario, index, travel.present.vm.run(), travel.present.now().at)).toBe(true);
        for (const action of scenario.steps[index + 1]!.actions) playAction(travel.present.vm, action);
        expect(isAtStep(scenario, index + 1, travel.present.vm.run(), travel.present.now().at), `${scenario.name} ${index + 1}`).toBe(true);
        expect(isAtStep(scenario, index, travel.present.vm.run(), travel.present.now().at)).toBe(false);
      }
    }
  });

  it('refuse a step that does not exist', () => {
    expect(() => scenarioRun(SCENARIOS[0]!, 9)).toThrow(new RangeError('Scenario stop-vs-deallocate has steps 0 to 3, not 9.'));
  });
});
