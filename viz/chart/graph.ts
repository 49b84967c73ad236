/**
 * Reads a machine's state nodes and transitions into a plain {@link ChartGraph}; no DOM.
 */
import type { AnyStateMachine } from 'xstate';
import type { ChartEdge, ChartGraph, ChartNode, ChartNodeType } from './chart.types.js';
import { formatDelay } from './countdown.js';
import { formatGuard, triggerName, type GuardLike } from 'azure-vm-lifecycle/mermaid';

// The parts of XState's StateNode and TransitionDefinition the chart reads, typed structurally
// so the walk does not depend on a machine's generic parameters.
interface StateNodeLike {
  id: string;
  key: string;
  path: string[];
  type: ChartNodeType;
  description?: string;
  states: Record<string, StateNodeLike>;
  initial?: { target: readonly StateNodeLike[] };
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  meta?: unknown;
}

interface TransitionLike {
  eventType: string;
  target?: readonly StateNodeLike[];
  guard?: GuardLike;
  delay?: string | number;
  meta?: unknown;
}

const AFTER_PREFIX = 'xstate.after.';

/** Options of {@link toChartGraph}. */
export interface ChartGraphOptions {
  /**
   * The duration of a named delay in ms, for delays the machine computes at run time (from
   * context or input); `undefined` leaves the delay's name on the label.
   */
  resolveDelay?: (name: string) => number | undefined;
}

/**
 * Walks `machine.root` and returns every state node and every drawable transition.
 *
 * Labels: the event type; `after <delay>` for delayed transitions (named delays resolved through
 * `machine.implementations.delays` when they are numbers, else through `options.resolveDelay`);
 * `always` for eventless ones; the guard appended in brackets, with `stateIn` paths written
 * within their region (`in provisioning.deleting`, not `in exists.provisioning.deleting`).
 * Wildcard (`*`) transitions and XState's own `xstate.*` events other than delays, done and error
 * events are left out.
 * @example
 * const graph = toChartGraph(vmMachine);
 * graph.nodes.map((node) => node.id); // ['vm', 'vm.exists', …]
 */
export function toChartGraph(machine: AnyStateMachine, options: ChartGraphOptions = {}): ChartGraph {
  const root = machine.root as unknown as StateNodeLike;
  const named = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  const delays = (name: string): number | undefined => {
    const fixed = named[name];
    return typeof fixed === 'number' ? fixed : options.resolveDelay?.(name);
  };
  const context: EdgeContext = { machineId: machine.id, delays, shortenPath: regionRelative(root) };
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];

  const visit = (node: StateNodeLike, parent: StateNodeLike | null): void => {
    const nodeEdges = edgesOf(node, context);
    const children = Object.values(node.states);
    const initial = node.type === 'compound' ? node.initial?.target[0]?.id : undefined;
    nodes.push({
      id: node.id,
      parent: parent?.id ?? null,
      path: [...node.path],
      type: node.type,
      label: node.key,
      ...(node.description ? { description: node.description } : {}),
      ...(initial ? { initial } : {}),
      isRegion: parent?.type === 'parallel',
      children: children.map((child) => child.id),
      timed: nodeEdges.some((edge) => edge.kind === 'after'),
      ...plainMeta(node.meta),
    });
    edges.push(...nodeEdges);
    for (const child of children) visit(child, node);
  };
  visit(root, null);

  return { machineId: machine.id, root: root.id, nodes, edges };
}

/**
 * The id {@link toChartGraph} gives the edge drawn for a transition definition, so live updates
 * can find the arrow of a transition XState reports as taken.
 */
export function edgeIdOf(transition: {
  source: { id: string; transitions: Map<string, unknown[]>; always?: unknown[] };
  eventType: string;
}): string {
  const { source, eventType } = transition;
  const siblings = eventType === '' ? source.always : source.transitions.get(eventType);
  return edgeId(source.id, eventType, siblings?.indexOf(transition) ?? 0);
}

function edgeId(sourceId: string, eventType: string, index: number): string {
  return `${sourceId}|${eventType}|${index}`;
}

interface EdgeContext {
  machineId: string;
  delays: (name: string) => number | undefined;
  shortenPath: (path: string) => string;
}

/**
 * Writes a state path from its region on: a parallel state's regions are what readers see side
 * by side, so the ancestors above them only lengthen every guard.
 */
function regionRelative(root: StateNodeLike): (path: string) => string {
  const cut = new Map<string, number>();
  const walk = (node: StateNodeLike, lastParallelDepth: number): void => {
    cut.set(node.path.join('.'), lastParallelDepth);
    const depth = node.type === 'parallel' ? node.path.length : lastParallelDepth;
    for (const child of Object.values(node.states)) walk(child, depth);
  };
  walk(root, 0);
  return (path) => {
    const drop = cut.get(path);
    return drop === undefined || drop === 0 ? path : path.split('.').slice(drop).join('.');
  };
}

function edgesOf(node: StateNodeLike, context: EdgeContext): ChartEdge[] {
  const edges: ChartEdge[] = [];
  for (const [eventType, transitions] of node.transitions) {
    if (eventType === '*') continue;
    const isAfter = eventType.startsWith(AFTER_PREFIX);
    // Done and error events are drawn as the machine's author wrote them (onDone, onError).
    const isDoneOrError = /^xstate\.(done|error)\./.test(eventType);
    if (!isAfter && !isDoneOrError && eventType.startsWith('xstate.')) continue;
    transitions.forEach((transition, index) => {
      const trigger = isAfter ? `after ${delayText(transition.delay, context.delays)}` : triggerName(eventType);
      edges.push(toEdge(node, transition, index, isAfter ? 'after' : 'event', trigger, context));
    });
  }
  (node.always ?? []).forEach((transition, index) => {
    edges.push(toEdge(node, transition, index, 'always', 'always', context));
  });
  return edges;
}

function toEdge(
  node: StateNodeLike,
  transition: TransitionLike,
  index: number,
  kind: ChartEdge['kind'],
  trigger: string,
  context: EdgeContext,
): ChartEdge {
  const targets = (transition.target ?? []).map((target) => target.id);
  const guard =
    transition.guard === undefined ? undefined : formatGuard(transition.guard, context.machineId, context.shortenPath);
  return {
    id: edgeId(node.id, transition.eventType, index),
    source: node.id,
    targets: targets.length > 0 ? targets : [node.id],
    kind,
    eventType: transition.eventType,
    label: guard ? `${trigger} [${guard}]` : trigger,
    ...(guard ? { guard } : {}),
    targetless: targets.length === 0,
    ...plainMeta(transition.meta),
  };
}

/** `{ meta }` when the meta is a plain object of JSON data (graphs cross into workers), else nothing. */
function plainMeta(meta: unknown): { meta?: Record<string, unknown> } {
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return {};
  try {
    return { meta: JSON.parse(JSON.stringify(meta)) as Record<string, unknown> };
  } catch {
    return {};
  }
}

function delayText(delay: string | number | undefined, delays: (name: string) => number | undefined): string {
  if (typeof delay === 'number') return formatDelay(delay);
  if (delay === undefined) return '?';
  const resolved = delays(delay);
  // Delays computed from context or input without a resolver are unknown until run time: show their name.
  return typeof resolved === 'number' && Number.isFinite(resolved) ? formatDelay(resolved) : delay;
}
