/**
 * The floor: the least an XState 5 machine needs to carry out one VM operation the way
 * `vmMachine` does — two nested parallel regions, one event that moves both, an `after` timer
 * that ends the step and raises one event, and two assigns recording the operation. Nothing of
 * Azure's rules. `vmMachine` ÷ this machine, on the same operation cycle and clock, is what the
 * model costs above what any such machine costs.
 */
import { assign, raise, setup } from 'xstate';

/** Events of {@link floorMachine}: an operation, and the announcement that its step ended. */
export type FloorEvent = { type: 'operation' } | { type: 'step.done' };

/** What the floor records of an operation. */
export interface FloorContext {
  /** How many operations were accepted. */
  accepted: number;
  /** How many ended. */
  ended: number;
}

/** An operation moves power to `busy` and provisioning to `updating`; a 1 s step ends both. */
export const floorMachine = setup({
  types: { context: {} as FloorContext, events: {} as FloorEvent },
  delays: { step: 1_000 },
}).createMachine({
  id: 'floor',
  context: { accepted: 0, ended: 0 },
  initial: 'exists',
  states: {
    exists: {
      type: 'parallel',
      states: {
        power: {
          initial: 'idle',
          states: {
            idle: { on: { operation: { target: 'busy', actions: assign({ accepted: ({ context }) => context.accepted + 1 }) } } },
            busy: { after: { step: { target: 'idle', actions: raise({ type: 'step.done' }) } } },
          },
        },
        provisioning: {
          initial: 'succeeded',
          states: {
            succeeded: { on: { operation: 'updating' } },
            updating: { on: { 'step.done': { target: 'succeeded', actions: assign({ ended: ({ context }) => context.ended + 1 }) } } },
          },
        },
      },
    },
  },
});
