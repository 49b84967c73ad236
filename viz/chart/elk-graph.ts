/**
 * Converts a {@link ChartGraph} into elk's JSON graph and elk's answer back into a
 * {@link ChartLayout}. Pure, so it runs the same in a worker, on the main thread and in Node.
 */
import type { ElkExtendedEdge, ElkLabel, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { ChartBox, ChartEdge, ChartGraph, ChartLayout, ChartNode, ChartPoint, ChartRoute } from './chart.types.js';
import { labelSize } from './edge-label.js';
import { METRICS, type MeasureText } from './metrics.js';

const ROOT = '__chart__';

/** What joins a state's name and its note when they share a line. */
export const NOTE_JOINT = ' · ';
const INITIAL_SUFFIX = '|initial';

/** The id of the route drawn from a compound state's initial dot to its initial child. */
export function initialEdgeId(parentId: string): string {
  return `${parentId}${INITIAL_SUFFIX}`;
}

/** Options on the root graph: one layered layout across all levels, flowing downwards. */
const ROOT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  // Depth-first from the initial dots (first in model order) keeps the lifecycle reading top
  // down; considerModelOrder would too, but elk 0.12 crashes on it with INCLUDE_CHILDREN.
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // Tight spacing: the chart is read at 1:1 in a scrolling frame, so every pixel saved is scrolling saved.
  'elk.layered.spacing.nodeNodeBetweenLayers': '16',
  'elk.layered.spacing.edgeNodeBetweenLayers': '10',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '5',
  // Arrows into one state (e.g. every `vm.start` into `starting`) join before it: the power
  // region shrinks from ~1400 to ~1000 px wide.
  'elk.layered.mergeEdges': 'true',
  // Labels in the layer after their source read as "what leaves this state".
  'elk.layered.edgeLabels.centerLabelPlacementStrategy': 'TAIL_LAYER',
  'elk.spacing.nodeNode': '18',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.edgeEdge': '6',
  'elk.spacing.edgeLabel': '3',
  'elk.spacing.nodeSelfLoop': '14',
  'elk.padding': '[top=8,left=8,bottom=8,right=8]',
};

/**
 * How states are arranged.
 * - `layered`: one layered layout flowing downwards across all levels (every transition routed
 *   orthogonally, each label in the layer after its source)
 * - `board`: compact, for a lesson on one screen: each container laid out on its own, tightly;
 *   a region with arrows flows down, the regions of a parallel state stand side by side, a
 *   region without arrows inside it (a strip, `meta.lesson.strip`) stacks its states in a column,
 *   and the rest flows right. Every arrow keeps its own line (none merge before a state), and a
 *   state in a region with arrows may widen so the arrows into it come in straight. No box
 *   around the whole machine, no initial dots; arrows that cross a region's border are left out.
 */
export type LayoutArrangement = 'layered' | 'board';

/** Layered options of a container on the board: its children flow right, tightly. */
const BOARD_OPTIONS: LayoutOptions = {
  ...ROOT_OPTIONS,
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
  'elk.spacing.nodeNode': '14',
  'elk.layered.spacing.nodeNodeBetweenLayers': '10',
  'elk.layered.spacing.edgeNodeBetweenLayers': '6',
  'elk.layered.edgeLabels.centerLabelPlacementStrategy': 'MEDIAN_LAYER',
  // Every arrow its own line: merged arrows into one state read as one arrow carrying every
  // label on the way, and their shared stretch hides which state each one leaves.
  'elk.layered.mergeEdges': 'false',
  // One layout per container, not one per group of connected states packed side by side: a
  // strip stays one column.
  'elk.separateConnectedComponents': 'false',
  // States in the order the machine lists them (a strip reads Creating … Failed). Each board
  // container is laid out on its own, where elk 0.12 handles model order.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/** The board's containers: states side by side in a row (`DOWN`: one layer) or stacked (`RIGHT`). */
const BOARD_DOWN: LayoutOptions = { ...BOARD_OPTIONS, 'elk.direction': 'DOWN' };

/**
 * A region with arrows on the board, flowing down in the lifecycle's order. A state may widen to
 * meet its arrows: the arrows into a state many others return to (every Start into Starting)
 * then each come straight up into it, side by side, instead of jogging around their neighbours.
 */
const BOARD_RING: LayoutOptions = {
  ...BOARD_DOWN,
  'elk.layered.nodePlacement.networkSimplex.nodeFlexibility.default': 'NODE_SIZE',
  // Room for a timed step between two states to show its dashes.
  'elk.layered.spacing.nodeNodeBetweenLayers': '13',
};

/**
 * Builds elk's input: one elk node per state (compound states padded for their header), a tiny
 * node for each initial dot, and one edge per transition target carrying a sized label.
 */
export function toElkGraph(graph: ChartGraph, measure: MeasureText, arrangement: LayoutArrangement = 'layered'): ElkNode {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const board = arrangement === 'board';
  const parentOf = new Map(graph.nodes.map((node) => [node.id, node.parent]));
  // On the board, a region's arrows stay inside it.
  const ringRegions = new Set<string>();
  const boardEdges = board ? graph.edges.filter((edge) => edge.targets.every((target) => parentOf.get(target) === parentOf.get(edge.source) || target === edge.source)) : graph.edges;
  if (board) {
    for (const edge of boardEdges) {
      const parent = byId.get(parentOf.get(edge.source) ?? '');
      const strip = (parent?.meta?.['lesson'] as { strip?: unknown } | undefined)?.strip === true;
      if (parent?.isRegion && !strip) ringRegions.add(parent.id);
    }
  }
  const boardOptions = (node: ChartNode): LayoutOptions => {
    // A region with arrows flows down; the regions of a parallel state stand side by side; a
    // strip stacks its states in a column beside them; the rest flows right.
    if (ringRegions.has(node.id)) return BOARD_RING;
    if (node.type === 'parallel') return BOARD_DOWN;
    return BOARD_OPTIONS;
  };
  const toElkNode = (node: ChartNode): ElkNode => {
    if (node.children.length === 0) {
      // On the board a short note follows the name on its line (a row saved per state); else it goes under it.
      const inlineNote =
        board &&
        node.note !== undefined &&
        measure(node.label, METRICS.stateFont) + measure(`${NOTE_JOINT}${node.note}`, METRICS.labelFont) <= METRICS.inlineNoteMaxWidth;
      const nameWidth = measure(node.label, METRICS.stateFont) + (inlineNote ? measure(`${NOTE_JOINT}${node.note ?? ''}`, METRICS.labelFont) : 0);
      const width = Math.max(
        METRICS.minStateWidth,
        nameWidth + 2 * METRICS.statePaddingX,
        node.note === undefined || inlineNote ? 0 : measure(node.note, METRICS.labelFont) + 2 * METRICS.statePaddingX,
      );
      const height = METRICS.stateHeight + (node.timed ? METRICS.countdownHeight : 0) + (node.note === undefined || inlineNote ? 0 : METRICS.noteHeight);
      return { id: node.id, width, height };
    }
    const isParallel = node.type === 'parallel';
    const children = node.children.flatMap((id, index) => {
      const child = byId.get(id);
      if (!child) return [];
      const elkChild = toElkNode(child);
      // Position hints order regions as written; semi-interactive crossing minimisation obeys them.
      if (isParallel) elkChild.layoutOptions = { ...elkChild.layoutOptions, 'elk.position': board ? `(0, ${index * 1000})` : `(${index * 1000}, 0)` };
      return [elkChild];
    });
    if (node.initial && !board) {
      // A real (tiny) node, so elk routes the initial arrow and keeps room for the dot.
      children.unshift({ id: initialEdgeId(node.id), width: METRICS.initialMarker, height: METRICS.initialMarker });
    }
    const headerWidth = measure(node.label, METRICS.stateFont) + 2 * METRICS.statePaddingX;
    const pad = METRICS.compoundPadding;
    return {
      id: node.id,
      children,
      layoutOptions: {
        ...(board ? boardOptions(node) : ROOT_OPTIONS),
        'elk.padding': `[top=${METRICS.headerHeight + 4},left=${pad},bottom=${pad},right=${pad}]`,
        // Regions have no arrows between them, so they share a layer: side by side, in order.
        'elk.spacing.nodeNode': isParallel ? (board ? '16' : '40') : (board ? boardOptions(node)['elk.spacing.nodeNode'] : ROOT_OPTIONS['elk.spacing.nodeNode']) ?? '28',
        ...(isParallel ? { 'elk.layered.crossingMinimization.semiInteractive': 'true' } : {}),
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${headerWidth}, ${METRICS.headerHeight + 2 * pad})`,
      },
    };
  };

  const edges: ElkExtendedEdge[] = [];
  for (const node of graph.nodes) {
    if (node.initial && !board) {
      edges.push({ id: initialEdgeId(node.id), sources: [initialEdgeId(node.id)], targets: [node.initial] });
    }
  }
  for (const bundle of bundleEdges(boardEdges)) {
    // Unlabelled transitions (a lesson's timed steps) are plain arrows.
    const labelled = bundle.members.filter((member) => member.labelled && member.edge.label !== '').map((member) => member.edge);
    // Only the first arrow of a multi-target transition carries its label.
    const labels: ElkLabel[] =
      labelled.length > 0 ? [{ id: `${bundle.id}#label`, text: labelled.map((edge) => edge.label).join('\n'), ...labelSize(labelled, measure) }] : [];
    const edge: BundledElkEdge = {
      id: bundle.id,
      sources: [bundle.source],
      targets: [bundle.target],
      labels,
      edgeIds: bundle.members.map((member) => member.edge.id),
    };
    edges.push(edge);
  }

  const root = byId.get(graph.root);
  // The board draws no box around the whole machine: its states start at the top left.
  const top = root && board ? (toElkNode(root).children ?? []) : root ? [toElkNode(root)] : [];
  return {
    id: ROOT,
    layoutOptions: board ? BOARD_OPTIONS : ROOT_OPTIONS,
    children: top,
    edges,
  };
}

/** An elk edge drawing one or more transitions that share their source and target. */
interface BundledElkEdge extends ElkExtendedEdge {
  /** The transitions the arrow draws (elk keeps unknown properties). */
  edgeIds?: string[];
}

interface EdgeBundle {
  id: string;
  source: string;
  target: string;
  members: { edge: ChartEdge; labelled: boolean }[];
}

/**
 * Groups transitions by source and target: one arrow with a stacked label reads better than
 * several parallel arrows, and gives elk fewer edges to route around each other.
 */
export function bundleEdges(edges: readonly ChartEdge[]): EdgeBundle[] {
  const bundles = new Map<string, EdgeBundle>();
  for (const edge of edges) {
    edge.targets.forEach((target, index) => {
      const key = `${edge.source}\u0000${target}`;
      let bundle = bundles.get(key);
      if (!bundle) {
        bundle = { id: `${edge.id}#${index}`, source: edge.source, target, members: [] };
        bundles.set(key, bundle);
      }
      bundle.members.push({ edge, labelled: index === 0 });
    });
  }
  return [...bundles.values()];
}

/** Reads elk's laid-out graph into absolute boxes and routes. */
export function fromElkLayout(laidOut: ElkNode, engine: ChartLayout['engine']): ChartLayout {
  const nodes: Record<string, ChartBox> = {};
  const initialMarkers: Record<string, ChartPoint> = {};
  const offsets = new Map<string, ChartPoint>([[ROOT, { x: 0, y: 0 }]]);
  const routes: ChartRoute[] = [];
  const pendingEdges: ElkExtendedEdge[] = [...(laidOut.edges ?? [])];

  const walk = (node: ElkNode, origin: ChartPoint): void => {
    for (const child of node.children ?? []) {
      const box = { x: origin.x + (child.x ?? 0), y: origin.y + (child.y ?? 0), width: child.width ?? 0, height: child.height ?? 0 };
      offsets.set(child.id, box);
      if (child.id.endsWith(INITIAL_SUFFIX)) {
        initialMarkers[child.id.slice(0, -INITIAL_SUFFIX.length)] = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      } else {
        nodes[child.id] = box;
      }
      pendingEdges.push(...(child.edges ?? []));
      walk(child, box);
    }
  };
  walk(laidOut, { x: 0, y: 0 });

  for (const edge of pendingEdges) {
    // elk gives edge coordinates relative to the edge's container.
    const container = (edge as ElkExtendedEdge & { container?: string }).container ?? ROOT;
    const origin = offsets.get(container) ?? { x: 0, y: 0 };
    const shift = (point: ChartPoint): ChartPoint => ({ x: origin.x + point.x, y: origin.y + point.y });
    const section = edge.sections?.[0];
    if (!section) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(shift);
    const [edgeId] = splitEdgeId(edge.id);
    const label = edge.labels?.[0];
    routes.push({
      edgeId,
      edgeIds: (edge as BundledElkEdge).edgeIds ?? [edgeId],
      target: edge.targets[0] ?? '',
      points,
      ...(label && label.text !== undefined
        ? { label: { ...shift({ x: label.x ?? 0, y: label.y ?? 0 }), width: label.width ?? 0, height: label.height ?? 0, text: label.text } }
        : {}),
    });
  }

  return { width: laidOut.width ?? 0, height: laidOut.height ?? 0, nodes, initialMarkers, routes, engine };
}

function splitEdgeId(id: string): [string, number] {
  const hash = id.lastIndexOf('#');
  if (hash < 0) return [id, 0];
  return [id.slice(0, hash), Number(id.slice(hash + 1))];
}
