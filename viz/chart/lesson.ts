/**
 * The lesson view of a chart graph: the lifecycle as a teacher draws it on a board. A pure
 * reduction of a {@link ChartGraph}, steered by the machine's own `meta` and by words the caller
 * passes; no DOM, no layout.
 */
import type { ChartEdge, ChartGraph, ChartNode } from './chart.types.js';

/**
 * What a state's `meta.lesson` may say (all optional; plain data in the machine definition):
 * - `node`: draw this state and all its descendants as one lesson state with this key (states of
 *   one parent giving the same key become one lesson state)
 * - `strip`: on a region, draw its states as a compact strip without arrows between them (a
 *   region that only follows the other one, say)
 *
 * Without it, a leaf state is its own lesson state, a region or parallel state stays a container,
 * and any other compound state is dissolved: its children join its parent.
 */
export interface LessonStateMeta {
  /** The key of the lesson state this state and its descendants become. */
  node?: string;
  /** On a region: its states form a strip without arrows between them. */
  strip?: boolean;
}

/**
 * What a transition's `meta` may say:
 * - `operation`: the key of the words that name it, when the event type alone does not (two
 *   transitions of one event that are different operations for a reader)
 * - `lesson: false`: leave it out of the lesson (a failure path the board does not draw)
 */
export interface LessonTransitionMeta {
  /** The key of the operation's words; defaults to the event type. */
  operation?: string;
  /** `false` leaves the transition out of the lesson. */
  lesson?: boolean;
}

/** Options of {@link toLessonGraph}. */
export interface LessonGraphOptions {
  /**
   * Event types the machine raises to itself for coordination, drawn in the full view only.
   * Defaults to the root state's `meta.internalEvents` (a list of event types), else none.
   */
  internalEvents?: Iterable<string>;
  /**
   * The name of a lesson state (containers included), given its id and the machine states it
   * draws; `undefined` keeps the state's key.
   */
  stateName?: (lessonId: string, states: readonly ChartNode[]) => string | undefined;
  /**
   * A second line under a lesson state's name (a billed mark, say); `undefined` for none.
   */
  stateNote?: (lessonId: string, states: readonly ChartNode[]) => string | undefined;
  /**
   * The words of an operation arrow, given its words key (the transition's `meta.operation`, else
   * its event type); `undefined` shows the event type itself, so a missing word is visible.
   */
  eventName?: (key: string, edge: ChartEdge) => string | undefined;
}

/** A lesson graph and how it maps back to the machine's full graph. */
export interface LessonGraph {
  /** The lesson as a chart graph: lays out and draws like any other. */
  graph: ChartGraph;
  /** The lesson state drawing each state of the full graph, by full state id. */
  lessonOf: Record<string, string>;
  /** The full graph's transitions each lesson arrow draws, by lesson edge id. */
  transitionsOf: Record<string, string[]>;
  /** The full graph's states each lesson state draws, by lesson state id. */
  statesOf: Record<string, string[]>;
}

/**
 * Reduces a machine's chart graph to its lesson: the states a reader names, one arrow per source
 * and target and operation (labelled with the operation's words, never a guard), timed steps as
 * plain unlabelled arrows (lesson states show no countdown), and none of the events the machine
 * raises to itself. Every state of
 * the full graph maps to a lesson state ({@link LessonGraph.lessonOf}), so a live chart can
 * highlight the lesson state of each active state. Steered by `meta.lesson` on states
 * ({@link LessonStateMeta}) and `meta` on transitions ({@link LessonTransitionMeta}).
 * @example
 * const { graph, lessonOf } = toLessonGraph(toChartGraph(vmMachine), {
 *   eventName: (key) => ({ 'vm.start': 'Start', 'vm.powerOff': 'Power off' })[key],
 * });
 * lessonOf['vm.exists.power.deallocated.hibernated']; // 'vm.exists.power.hibernated'
 */
export function toLessonGraph(graph: ChartGraph, options: LessonGraphOptions = {}): LessonGraph {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const root = byId.get(graph.root);
  if (!root) throw new TypeError(`toLessonGraph: the graph's root "${graph.root}" is not among its nodes`);
  const internal = new Set(options.internalEvents ?? internalEventsOf(root));

  const lessonOf: Record<string, string> = {};
  const statesOf: Record<string, string[]> = {};
  // Lesson states by id, in document order; children filled as the walk goes.
  const lesson = new Map<string, ChartNode>();
  const strips = new Set<string>();
  const dissolved: ChartNode[] = [];

  const addState = (id: string, parent: ChartNode, key: string, drawn: ChartNode): ChartNode => {
    let node = lesson.get(id);
    if (!node) {
      node = {
        id,
        parent: parent.id,
        path: [...parent.path, key],
        type: 'atomic',
        label: key,
        ...(drawn.description ? { description: drawn.description } : {}),
        isRegion: false,
        children: [],
        timed: false,
      };
      lesson.set(id, node);
      parent.children.push(id);
    }
    return node;
  };
  const claim = (lessonNode: ChartNode, state: ChartNode): void => {
    lessonOf[state.id] = lessonNode.id;
    (statesOf[lessonNode.id] ??= []).push(state.id);
    if (state.type === 'final') lessonNode.type = 'final';
    for (const childId of state.children) {
      const child = byId.get(childId);
      if (child) claim(lessonNode, child);
    }
  };
  const keep = (state: ChartNode, parent: ChartNode | null): ChartNode => {
    const node: ChartNode = { ...state, parent: parent?.id ?? null, path: [...state.path], children: [] };
    lesson.set(node.id, node);
    parent?.children.push(node.id);
    lessonOf[state.id] = node.id;
    statesOf[node.id] = [state.id];
    if (lessonMeta(state)?.strip === true) strips.add(node.id);
    return node;
  };
  // Walks the children of `state` into the lesson container `into`.
  const walk = (state: ChartNode, into: ChartNode): void => {
    for (const childId of state.children) {
      const child = byId.get(childId);
      if (!child) continue;
      const merged = lessonMeta(child)?.node;
      if (typeof merged === 'string' && merged !== '') {
        claim(addState(`${into.id}.${merged}`, into, merged, child), child);
      } else if (child.children.length === 0) {
        claim(addState(`${into.id}.${child.label}`, into, child.label, child), child);
      } else if (child.isRegion || child.type === 'parallel') {
        walk(child, keep(child, into));
      } else {
        // A plain compound state: its children join the container; it reads as its initial child.
        dissolved.push(child);
        walk(child, into);
      }
    }
  };
  const lessonRoot = keep(root, null);
  walk(root, lessonRoot);
  for (const state of dissolved.reverse()) {
    const entered = initialLeafOf(state, byId);
    const target = entered ? lessonOf[entered] : undefined;
    if (target) {
      lessonOf[state.id] = target;
      (statesOf[target] ??= []).push(state.id);
    }
  }
  // Containers keep their initial child, as the lesson state it became.
  for (const node of lesson.values()) {
    if (node.initial === undefined) continue;
    const initial = lessonOf[node.initial];
    if (initial && initial !== node.id) node.initial = initial;
    else delete node.initial;
  }

  const inStrip = (id: string): boolean => {
    for (let node = lesson.get(id); node; node = node.parent ? lesson.get(node.parent) : undefined) {
      if (strips.has(node.id)) return true;
    }
    return false;
  };
  const edges = new Map<string, ChartEdge>();
  const transitionsOf: Record<string, string[]> = {};
  for (const edge of graph.edges) {
    const meta = edge.meta as LessonTransitionMeta | undefined;
    if (edge.targetless || meta?.lesson === false || internal.has(edge.eventType)) continue;
    const source = lessonOf[edge.source];
    if (!source) continue;
    const isEvent = edge.kind === 'event';
    const key = isEvent ? (typeof meta?.operation === 'string' ? meta.operation : edge.eventType) : '';
    for (const targetId of edge.targets) {
      const target = lessonOf[targetId];
      if (!target || target === source || (inStrip(source) && inStrip(target))) continue;
      const id = `${source}|${key || 'after'}|${target}`;
      let drawn = edges.get(id);
      if (!drawn) {
        drawn = {
          id,
          source,
          targets: [target],
          kind: isEvent ? 'event' : edge.kind,
          eventType: edge.eventType,
          label: isEvent ? (options.eventName?.(key, edge) ?? edge.eventType) : '',
          targetless: false,
          meta: { operation: key },
        };
        edges.set(id, drawn);
      }
      (transitionsOf[id] ??= []).push(edge.id);
    }
  }

  const nodes = [...lesson.values()];
  for (const node of nodes) {
    const states = (statesOf[node.id] ?? []).map((id) => byId.get(id)).filter((state): state is ChartNode => state !== undefined);
    const name = options.stateName?.(node.id, states);
    if (name !== undefined) node.label = name;
    const note = options.stateNote?.(node.id, states);
    if (note !== undefined) node.note = note;
  }
  return {
    graph: { machineId: graph.machineId, root: lessonRoot.id, nodes, edges: [...edges.values()] },
    lessonOf,
    transitionsOf,
    statesOf,
  };
}

function lessonMeta(node: ChartNode): LessonStateMeta | undefined {
  const value = node.meta?.['lesson'];
  return value !== null && typeof value === 'object' ? (value as LessonStateMeta) : undefined;
}

function internalEventsOf(root: ChartNode): string[] {
  const listed = root.meta?.['internalEvents'];
  return Array.isArray(listed) ? listed.filter((type): type is string => typeof type === 'string') : [];
}

/** The leaf a compound state enters first, following initial children. */
function initialLeafOf(state: ChartNode, byId: ReadonlyMap<string, ChartNode>): string | undefined {
  let current: ChartNode | undefined = state;
  while (current && current.children.length > 0) {
    current = byId.get(current.initial ?? current.children[0] ?? '');
  }
  return current?.id;
}
