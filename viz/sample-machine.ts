/**
 * A small built-in machine for the placeholder page: two regions, a named delay and guards.
 */
import { and, not, setup, stateIn } from 'xstate';

/**
 * A kettle: a `power` region heating water on a timer, and a `lid` region that must be closed
 * before heating starts.
 */
export const kettleMachine = setup({
  types: {} as {
    context: { litres: number };
    events: { type: 'kettle.switchOn' } | { type: 'kettle.switchOff' } | { type: 'lid.open' } | { type: 'lid.close' } | { type: 'kettle.unplug' };
    input: { litres?: number } | undefined;
  },
  guards: {
    hasWater: ({ context }) => context.litres > 0,
  },
  delays: { boiling: 4_000 },
}).createMachine({
  id: 'kettle',
  description: 'An electric kettle, to try the chart with.',
  context: ({ input }) => ({ litres: input?.litres ?? 1 }),
  initial: 'plugged',
  states: {
    plugged: {
      type: 'parallel',
      description: 'Plugged in; power and lid change independently.',
      on: { 'kettle.unplug': { target: 'unplugged', guard: not(stateIn('#kettle.plugged.power.heating')) } },
      states: {
        power: {
          initial: 'off',
          description: 'Whether the element heats.',
          states: {
            off: {
              description: 'The element is cold.',
              on: { 'kettle.switchOn': { target: 'heating', guard: and([stateIn('#kettle.plugged.lid.closed'), 'hasWater']) } },
            },
            heating: {
              description: 'Heating until the water boils.',
              after: { boiling: 'boiled' },
              on: { 'kettle.switchOff': 'off' },
            },
            boiled: {
              description: 'The water boiled; the kettle switched itself off.',
              always: { target: 'off', guard: stateIn('#kettle.plugged.lid.open') },
              on: { 'kettle.switchOn': 'heating' },
            },
          },
        },
        lid: {
          initial: 'closed',
          description: 'Whether the lid is shut.',
          states: {
            closed: { description: 'The lid is shut.', on: { 'lid.open': 'open' } },
            open: { description: 'The lid is open.', on: { 'lid.close': 'closed' } },
          },
        },
      },
    },
    unplugged: { type: 'final', description: 'Unplugged for good.' },
  },
});
