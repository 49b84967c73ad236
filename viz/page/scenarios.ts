/**
 * The page's narrated scenarios: a VM input and steps, each a few actions (events to send, time
 * to pass) and the sentence that explains what the reader now sees. The words are in the string
 * tables (`scenario.<name>.<step>`); the durations are the package's defaults, so the figures are
 * the README's. Data only: `scenario-runner.ts` plays them.
 */
import type { VmEvent, VmInput } from 'azure-vm-lifecycle';
import type { StringKey } from './i18n/index.js';

/**
 * One thing a scenario step does.
 * - a VM event: sent now
 * - `{ wait: ms }`: time passes, timers fire on the way
 * - `{ wait: 'next' }`: time passes until the next timer has fired
 * - `{ wait: 'settled' }`: time passes until no timer is pending
 */
export type ScenarioAction = VmEvent | { wait: number | 'next' | 'settled' };

/** One step: what happens, and the sentence that says what it shows. */
export interface ScenarioStep {
  /** The actions, in order. */
  actions: readonly ScenarioAction[];
  /** The narration's key. */
  text: StringKey;
  /** Whether the comparison ({@link Scenario.compare}) is shown at this step. */
  compare?: boolean;
}

/** The same VM run another way, for meters side by side. */
export interface ScenarioVariant {
  /** The variant's label's key. */
  label: StringKey;
  /** Every action of the variant from the VM's creation. */
  actions: readonly ScenarioAction[];
}

/** A narrated scenario. */
export interface Scenario {
  /** Its name in `?scenario=`. */
  name: string;
  /** Its title's key. */
  title: StringKey;
  /** The VM's input (its start instant is pinned when it runs). */
  input: VmInput;
  /** The steps; the first shows the VM as created, after its actions. */
  steps: readonly ScenarioStep[];
  /** Variants whose billing meters are shown side by side at steps marked `compare`. */
  compare?: readonly ScenarioVariant[];
}

const HOUR = 3_600_000;
const settled = { wait: 'settled' } as const;
const next = { wait: 'next' } as const;

/** Every scenario, in the order the page offers them. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'stop-vs-deallocate',
    title: 'scenario.stop-vs-deallocate.title',
    input: { name: 'myVM' },
    steps: [
      { actions: [], text: 'scenario.stop-vs-deallocate.1' },
      { actions: [settled], text: 'scenario.stop-vs-deallocate.2' },
      { actions: [{ type: 'vm.powerOff' }, settled], text: 'scenario.stop-vs-deallocate.3', compare: true },
      { actions: [{ wait: 8 * HOUR }], text: 'scenario.stop-vs-deallocate.4', compare: true },
    ],
    compare: [
      { label: 'scenario.stop-vs-deallocate.compare.powerOff', actions: [settled, { type: 'vm.powerOff' }, settled, { wait: 8 * HOUR }] },
      { label: 'scenario.stop-vs-deallocate.compare.deallocate', actions: [settled, { type: 'vm.deallocate' }, settled, { wait: 8 * HOUR }] },
    ],
  },
  {
    name: 'hibernate-and-resume',
    title: 'scenario.hibernate-and-resume.title',
    input: { name: 'myVM', hibernationEnabled: true },
    steps: [
      { actions: [settled], text: 'scenario.hibernate-and-resume.1' },
      { actions: [{ type: 'vm.deallocate', hibernate: true }, { wait: 10_000 }], text: 'scenario.hibernate-and-resume.2' },
      { actions: [settled], text: 'scenario.hibernate-and-resume.3' },
      { actions: [{ type: 'vm.start' }, { wait: 10_000 }], text: 'scenario.hibernate-and-resume.4' },
      { actions: [settled], text: 'scenario.hibernate-and-resume.5' },
    ],
  },
  {
    name: 'spot-eviction',
    title: 'scenario.spot-eviction.title',
    input: { name: 'mySpotVM', priority: 'Spot', evictionPolicy: 'Deallocate' },
    steps: [
      { actions: [settled], text: 'scenario.spot-eviction.1' },
      { actions: [{ type: 'vm.simulateEviction' }, { wait: 10_000 }], text: 'scenario.spot-eviction.2' },
      { actions: [settled], text: 'scenario.spot-eviction.3' },
    ],
  },
  {
    name: 'failed-update',
    title: 'scenario.failed-update.title',
    input: { name: 'myVM' },
    steps: [
      { actions: [settled, { type: 'fault.arm', code: 'InternalOperationError' }], text: 'scenario.failed-update.1' },
      { actions: [{ type: 'vm.update' }, { wait: 5_000 }], text: 'scenario.failed-update.2' },
      { actions: [settled], text: 'scenario.failed-update.3' },
      { actions: [{ type: 'vm.reapply' }, { wait: 5_000 }], text: 'scenario.failed-update.4' },
      { actions: [settled], text: 'scenario.failed-update.5' },
    ],
  },
  {
    name: 'generalized-image',
    title: 'scenario.generalized-image.title',
    input: { name: 'myVM', image: 'generalized' },
    steps: [
      { actions: [], text: 'scenario.generalized-image.1' },
      { actions: [next], text: 'scenario.generalized-image.2' },
      { actions: [next], text: 'scenario.generalized-image.3' },
      { actions: [next], text: 'scenario.generalized-image.4' },
      { actions: [next], text: 'scenario.generalized-image.5' },
    ],
  },
];

/** The scenario of a name, if there is one. */
export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
