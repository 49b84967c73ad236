/**
 * Renders an XState 5 guard readably, for example `in power.running and isGeneralizedImage`.
 *
 * XState 5 keeps a transition's guard as written: a name, a `{ type, params }` object, or a
 * function. The combinators `and`, `or`, `not` and `stateIn` return functions carrying `.check`
 * plus `.guards` (the operands) or `.stateValue`.
 */
import { and, not, or, stateIn } from 'xstate';

/** A guard as XState stores it on a transition definition. */
export type GuardLike = string | { type: string; params?: unknown } | GuardFunction;

interface GuardFunction {
  (...args: never[]): unknown;
  check?: unknown;
  guards?: readonly GuardLike[];
  stateValue?: unknown;
}

// Compared by identity first: function names do not survive minification.
const CHECKS = {
  and: (and([]) as GuardFunction).check,
  or: (or([]) as GuardFunction).check,
  not: (not('_') as GuardFunction).check,
  in: (stateIn('_') as GuardFunction).check,
};

type Combinator = 'and' | 'or' | 'not' | 'in';

/**
 * Renders a guard as text, without brackets.
 * @param machineId strips `#<machineId>.` from `stateIn` targets, leaving the path users think in.
 * @param shortenPath shortens a `stateIn` path further (e.g. to the path within its region).
 * @example formatGuard(not('isBeingDeleted')) // "not isBeingDeleted"
 */
export function formatGuard(guard: GuardLike, machineId = '', shortenPath: (path: string) => string = (path) => path): string {
  return render(guard, machineId, true, shortenPath);
}

function render(guard: GuardLike, machineId: string, top: boolean, shorten: (path: string) => string): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard !== 'function') return guard.type;
  const combinator = combinatorOf(guard);
  if (combinator === 'in') return `in ${shorten(formatStateValue(guard.stateValue, machineId))}`;
  const operands = guard.guards ?? [];
  if (combinator === 'not') {
    const operand = operands[0];
    return operand === undefined ? 'not' : `not ${render(operand, machineId, false, shorten)}`;
  }
  if (combinator === 'and' || combinator === 'or') {
    const text = operands.map((operand) => render(operand, machineId, false, shorten)).join(` ${combinator} `);
    // Nested combinations need parentheses to keep their meaning.
    return top || operands.length < 2 ? text : `(${text})`;
  }
  return guard.name || 'guard';
}

function combinatorOf(guard: GuardFunction): Combinator | undefined {
  for (const [name, check] of Object.entries(CHECKS) as [Combinator, unknown][]) {
    if (guard.check !== undefined && guard.check === check) return name;
  }
  // A second copy of xstate has its own check functions; fall back to shape and name.
  if (guard.stateValue !== undefined) return 'in';
  if (guard.guards !== undefined && ['and', 'or', 'not'].includes(guard.name)) {
    return guard.name as Combinator;
  }
  return undefined;
}

function formatStateValue(value: unknown, machineId: string): string {
  if (typeof value === 'string') {
    const prefix = `#${machineId}.`;
    return machineId && value.startsWith(prefix) ? value.slice(prefix.length) : value.replace(/^#/, '');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => (child && (typeof child !== 'object' || Object.keys(child).length > 0) ? `${key}.${formatStateValue(child, '')}` : key))
      .join(', ');
  }
  return String(value);
}
