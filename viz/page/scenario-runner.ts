/**
 * Plays scenarios: a scenario's steps up to one of them become a run (input, recorded steps, end
 * instant) that time travel loads; the next step's actions can instead be played on the VM shown,
 * so the chart animates them. The comparison meters are the variants' runs read at an instant.
 * Deterministic: the same scenario and step give the same run. No DOM.
 */
import { type BillingTable } from 'azure-vm-lifecycle';
import { createBillingMeter, type MeterReading } from 'azure-vm-lifecycle/billing';
import { SIMULATION_START } from 'azure-vm-lifecycle/simulate';
import type { StringKey } from './i18n/index.js';
import type { Scenario, ScenarioAction } from './scenarios.js';
import { createRunActor, playTo, type RecordedStep, type Run, type RunActor } from './vm-run.js';

/** A scenario played up to a step: the run to load and the instant it ends at. */
export interface ScenarioRun extends Run {
  /** Simulated ms since the VM's start when the step's actions are done. */
  end: number;
}

/** The scenario's input, its start instant pinned to the simulations' (so its times are the README's). */
export function scenarioInput(scenario: Scenario): Run['input'] {
  return { startTime: SIMULATION_START, ...scenario.input };
}

/** Does one action on a run actor: sends the event, or lets time pass. */
export function playAction(vm: RunActor, action: ScenarioAction): void {
  if (!('wait' in action)) {
    vm.actor.send(action);
    return;
  }
  if (action.wait === 'settled') vm.clock.runUntilIdle();
  else if (action.wait === 'next') vm.clock.advanceToNext();
  else vm.clock.advance(action.wait);
}

/** Plays actions on a fresh VM of `input` and returns what it recorded. */
function record(input: Run['input'], actions: readonly ScenarioAction[]): ScenarioRun {
  const vm = createRunActor(input);
  vm.start();
  for (const action of actions) playAction(vm, action);
  const steps: RecordedStep[] = [...vm.steps];
  const end = vm.clock.now();
  vm.actor.stop();
  return { input, steps, end };
}

const cache = new WeakMap<Scenario, Map<number, ScenarioRun>>();

/**
 * The run of a scenario played to the end of step `index` (0-based).
 * @throws RangeError when the scenario has no such step
 */
export function scenarioRun(scenario: Scenario, index: number): ScenarioRun {
  if (!Number.isInteger(index) || index < 0 || index >= scenario.steps.length) {
    throw new RangeError(`Scenario ${scenario.name} has steps 0 to ${scenario.steps.length - 1}, not ${index}.`);
  }
  let runs = cache.get(scenario);
  if (!runs) cache.set(scenario, (runs = new Map()));
  const known = runs.get(index);
  if (known) return known;
  const actions = scenario.steps.slice(0, index + 1).flatMap((step) => step.actions);
  const run = record(scenarioInput(scenario), actions);
  runs.set(index, run);
  return run;
}

/**
 * Whether a run is exactly the scenario's run to the end of step `index`: same input, same
 * steps, at its end instant. Then the next step can be played on it.
 */
export function isAtStep(scenario: Scenario, index: number, run: Run, at: number): boolean {
  const expected = scenarioRun(scenario, index);
  return at === expected.end && JSON.stringify(run.input) === JSON.stringify(expected.input) && JSON.stringify(run.steps) === JSON.stringify(expected.steps);
}

/** One meter of a comparison. */
export interface ComparisonReading {
  /** The variant's label's key. */
  label: StringKey;
  /** Billed time by the table, at the instant read. */
  reading: MeterReading;
}

const variantRuns = new WeakMap<Scenario, ScenarioRun[]>();

/**
 * The scenario's variants' billing meters at `at` ms since the VM's start, by a table: each
 * variant's run replayed to that instant (the steps it had sent by then, time at `at`).
 */
export function compareAt(scenario: Scenario, at: number, table: BillingTable): ComparisonReading[] {
  let runs = variantRuns.get(scenario);
  if (!runs) {
    runs = (scenario.compare ?? []).map((variant) => record(scenarioInput(scenario), variant.actions));
    variantRuns.set(scenario, runs);
  }
  return (scenario.compare ?? []).map((variant, index) => {
    const run = runs[index] as ScenarioRun;
    const vm = createRunActor(run.input);
    const meter = createBillingMeter({ table });
    vm.actor.subscribe((snapshot) => meter.observe(snapshot));
    vm.start();
    playTo(vm, run, { at, step: run.steps.filter((step) => step.at <= at).length });
    const reading = meter.read(at);
    vm.actor.stop();
    return { label: variant.label, reading };
  });
}
