/**
 * Durations of the named delays a machine computes at run time, read with an actor's context,
 * so labels show real durations ("after 30 s") instead of delay names.
 */
import type { AnyActorRef, AnyStateMachine } from 'xstate';

/**
 * Resolves named delays with the actor's current context; without an actor they keep their names.
 * @example
 * toChartGraph(machine, { resolveDelay: actorDelayResolver(machine, actor) });
 */
export function actorDelayResolver(machine: AnyStateMachine, actor: AnyActorRef | undefined): ((name: string) => number | undefined) | undefined {
  if (!actor) return undefined;
  const delays = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  return (name) => {
    const delay = delays[name];
    if (typeof delay !== 'function') return undefined;
    try {
      const snapshot = actor.getSnapshot() as { context?: unknown };
      const value: unknown = delay({ context: snapshot.context, event: { type: '' }, self: actor, system: actor.system });
      return typeof value === 'number' ? value : undefined;
    } catch {
      // A delay that needs more than the context (e.g. the triggering event) stays named.
      return undefined;
    }
  };
}
