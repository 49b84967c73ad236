/**
 * Reads a machine's state nodes and transitions into a plain {@link ChartGraph}; no DOM.
 */
import type { AnyStateMachine } from 'xstate';
import type { ChartEdge, ChartGraph, ChartNode, ChartNodeType } from './chart.types.js';
import { formatDelay } from './countdown.js';
import { formatGuard, type GuardLike } from './guard-label.js';

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
}

interface TransitionLike {
  eventType: string;
  target?: readonly StateNodeLike[];
  guard?: GuardLike;
  delay?: string | number;
}

const AFTER_PREFIX = 'xstate.after.';

/**
 * Walks `machine.root` and returns every state node and every drawable transition.
 *
 * Labels: the event type; `after <delay>` for delayed transitions (named delays resolved through
 * `machine.implementations.delays` when they are numbers); `always` for eventless ones; the
 * guard appended in brackets. Wildcard (`*`) transitions and XState's own `xstate.*` events
 * other than delays are left out.
 * @example
 * const graph = toChartGraph(vmMachine);
 * graph.nodes.map((node) => node.id); // ['vm', 'vm.exists', …]
 */
export function toChartGraph(machine: AnyStateMachine): ChartGraph {
  const root = machine.root as unknown as StateNodeLike;
  const delays = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];

  const visit = (node: StateNodeLike, parent: StateNodeLike | null): void => {
    const nodeEdges = edgesOf(node, machine.id, delays);
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

function edgesOf(node: StateNodeLike, machineId: string, delays: Record<string, unknown>): ChartEdge[] {
  const edges: ChartEdge[] = [];
  for (const [eventType, transitions] of node.transitions) {
    if (eventType === '*') continue;
    const isAfter = eventType.startsWith(AFTER_PREFIX);
    if (!isAfter && eventType.startsWith('xstate.')) continue;
    transitions.forEach((transition, index) => {
      const trigger = isAfter ? `after ${delayText(transition.delay, delays)}` : eventType;
      edges.push(toEdge(node, transition, index, isAfter ? 'after' : 'event', trigger, machineId));
    });
  }
  (node.always ?? []).forEach((transition, index) => {
    edges.push(toEdge(node, transition, index, 'always', 'always', machineId));
  });
  return edges;
}

function toEdge(
  node: StateNodeLike,
  transition: TransitionLike,
  index: number,
  kind: ChartEdge['kind'],
  trigger: string,
  machineId: string,
): ChartEdge {
  const targets = (transition.target ?? []).map((target) => target.id);
  const guard = transition.guard === undefined ? undefined : formatGuard(transition.guard, machineId);
  return {
    id: edgeId(node.id, transition.eventType, index),
    source: node.id,
    targets: targets.length > 0 ? targets : [node.id],
    kind,
    eventType: transition.eventType,
    label: guard ? `${trigger} [${guard}]` : trigger,
    ...(guard ? { guard } : {}),
    targetless: targets.length === 0,
  };
}

function delayText(delay: string | number | undefined, delays: Record<string, unknown>): string {
  if (typeof delay === 'number') return formatDelay(delay);
  if (delay === undefined) return '?';
  const resolved = delays[delay];
  // Delays computed from context or input are only known at run time: show their name.
  return typeof resolved === 'number' ? formatDelay(resolved) : delay;
}
