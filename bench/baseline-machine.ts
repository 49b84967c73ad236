/**
 * What a user would write instead of `vmMachine`: the smallest XState machine with the same
 * shape — two parallel regions — and nothing else. Ratios against it isolate what our model adds
 * over XState itself, whatever the machine's speed today.
 */
import { createMachine } from 'xstate';

/** Events of {@link baselineMachine}: one toggles each region. */
export type BaselineEvent = { type: 'power.toggle' } | { type: 'provisioning.toggle' };

/** Two parallel regions of two states each, toggled by one event apiece. */
export const baselineMachine = createMachine({
  types: {} as { events: BaselineEvent },
  id: 'baseline',
  type: 'parallel',
  states: {
    power: {
      initial: 'off',
      states: { off: { on: { 'power.toggle': 'on' } }, on: { on: { 'power.toggle': 'off' } } },
    },
    provisioning: {
      initial: 'idle',
      states: { idle: { on: { 'provisioning.toggle': 'busy' } }, busy: { on: { 'provisioning.toggle': 'idle' } } },
    },
  },
});
