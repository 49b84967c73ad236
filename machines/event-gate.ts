/**
 * The VM machine's event gate: every event an outsider sends passes here before the statechart
 * sees it, and every event the statechart did not take is answered here.
 *
 * - malformed events (not an object, a type that is not a string, a payload of the wrong type,
 *   an unknown fault code) are refused with a reason and change nothing — they never reach
 *   XState, so they cannot put the actor into its `error` status;
 * - the events the regions raise for each other (`operation.accepted`, `power.*`) are refused
 *   from outside senders, so nobody can end an operation early;
 * - an operation the statechart did not take gets Azure's answer (`operation.rejected`, from
 *   `checkOperation`), a guest or platform event without effect its reason (`event.ignored`).
 *
 * The gate sits on the machine's `transition`, the one entry of external events (raised events
 * stay inside XState's macrostep), so the statechart needs no catch-all transition.
 */
import type { AnyActorScope, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { describeValue } from './describe-value.js';
import { checkOperation, explainIgnored, invalidParameter, isOperationEvent } from './operations.js';
import { FAULT_CODES, isFaultCode } from './settings.js';
import type { VmSnapshot } from './vm.state.js';
import { MAX_ARMED_FAULTS, type VmEmitted, type VmEvent, type VmOperationEvent } from './vm.types.js';

/** The events the regions raise for each other; refused from outside senders. */
export const COORDINATION_EVENT_TYPES: ReadonlySet<string> = new Set(['operation.accepted', 'power.running', 'power.stopped', 'power.deallocated']);

const OTHER_EVENT_TYPES: ReadonlySet<string> = new Set(['guest.shutdown', 'platform.evict', 'fault.arm', 'fault.clear']);

const ignored = (event: unknown, reason: string): VmEmitted => ({ type: 'event.ignored', event: event as VmEvent, reason });

/** Why an event may not reach the statechart, as what the actor emits instead; `null` when it may. */
export function screenEvent(snapshot: VmSnapshot, event: unknown): VmEmitted | null {
  if (typeof event !== 'object' || event === null) {
    return ignored(event, `An event must be an object with a string type; got ${describeValue(event)}.`);
  }
  const type = (event as { type?: unknown }).type;
  if (typeof type !== 'string') {
    return ignored(event, `An event's type must be a string; got ${describeValue(type)}.`);
  }
  if (type.startsWith('xstate.')) return null;
  if (COORDINATION_EVENT_TYPES.has(type)) {
    return ignored(event, `${describeValue(type)} is raised by the VM's own regions; it is not accepted from outside.`);
  }
  if (isOperationEvent(event as { type: string })) {
    const rejection = invalidParameter(event as VmOperationEvent);
    return rejection ? { type: 'operation.rejected', operation: event as VmOperationEvent, rejection } : null;
  }
  if (!OTHER_EVENT_TYPES.has(type)) {
    return ignored(
      event,
      `Unknown event type ${describeValue(type)}; the VM accepts vm.* operations, guest.shutdown, platform.evict, fault.arm and fault.clear.`,
    );
  }
  if (type === 'fault.arm') {
    const code = (event as { code?: unknown }).code;
    if (!isFaultCode(code)) return ignored(event, `Unknown fault code ${describeValue(code)}; expected one of ${FAULT_CODES.join(', ')}.`);
    if (snapshot.context.faults.length >= MAX_ARMED_FAULTS) {
      return ignored(event, `At most ${MAX_ARMED_FAULTS} faults can be armed at once; clear them (fault.clear) or let operations take them.`);
    }
  }
  return null;
}

function sameStates(a: AnyMachineSnapshot, b: AnyMachineSnapshot): boolean {
  if (a._nodes === b._nodes) return true;
  return a._nodes.length === b._nodes.length && a._nodes.every((node, i) => node === b._nodes[i]);
}

/** What the actor says about an event the statechart did not take; `null` when it took it. */
function answerUntaken(before: AnyMachineSnapshot, after: AnyMachineSnapshot, event: { type: string }): VmEmitted | null {
  const vm = before as unknown as VmSnapshot;
  if (isOperationEvent(event)) {
    const next = after as unknown as VmSnapshot;
    const taken =
      after.status === 'done' ||
      next.context.operationCount !== vm.context.operationCount ||
      next.context.timers.eviction !== vm.context.timers.eviction;
    if (taken) return null;
    const rejection = checkOperation(vm, event);
    if (rejection) return { type: 'operation.rejected', operation: event, rejection };
    return ignored(event, `The VM did not take ${event.type} although Azure would accept it now; this is a defect of the model.`);
  }
  if (event.type === 'guest.shutdown' || event.type === 'platform.evict') {
    if (!sameStates(before, after)) return null;
    return ignored(event, explainIgnored(vm, event as VmEvent) ?? 'It has no effect in this state.');
  }
  return null;
}

/**
 * Puts the event gate in front of a machine's `transition` (and of every machine
 * `provide()` makes from it). Answers are emitted after the snapshot is updated, as XState's own
 * `emit` actions are.
 */
export function gateEvents<TMachine extends AnyStateMachine>(machine: TMachine): TMachine {
  const transition = machine.transition.bind(machine);
  const provide = machine.provide.bind(machine);
  const send = (scope: AnyActorScope, emitted: VmEmitted) => {
    // Pure transitions (xstate/graph, `transition()`) run with a scope that may lack these.
    if (typeof scope?.defer === 'function' && typeof scope.emit === 'function') scope.defer(() => scope.emit(emitted));
  };
  machine.transition = ((snapshot: AnyMachineSnapshot, event: unknown, scope: AnyActorScope) => {
    if (snapshot.status !== 'active') return transition(snapshot, event as never, scope);
    const refusal = screenEvent(snapshot as unknown as VmSnapshot, event);
    if (refusal) {
      send(scope, refusal);
      return snapshot;
    }
    const next = transition(snapshot, event as never, scope);
    const type = (event as { type: string }).type;
    if (!type.startsWith('xstate.')) {
      const answer = answerUntaken(snapshot, next, event as { type: string });
      if (answer) send(scope, answer);
    }
    return next;
  }) as TMachine['transition'];
  machine.provide = ((implementations: Parameters<TMachine['provide']>[0]) => gateEvents(provide(implementations))) as TMachine['provide'];
  return machine;
}
