/**
 * The last-resort layout when elk is unavailable or fails: deterministic nested stacks, with
 * compound children top to bottom, parallel regions left to right, and straight arrows.
 */
import type { ChartBox, ChartGraph, ChartLayout, ChartNode, ChartPoint, ChartRoute } from './chart.types.js';
import { labelSize } from './edge-label.js';
import { initialEdgeId } from './elk-graph.js';
import { METRICS, type MeasureText } from './metrics.js';

const GAP = 24;

/** Lays out a graph without elk; same input, same output. */
export function gridLayout(graph: ChartGraph, measure: MeasureText): ChartLayout {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const sizes = new Map<string, { width: number; height: number }>();

  const size = (node: ChartNode): { width: number; height: number } => {
    const children = node.children.flatMap((id) => byId.get(id) ?? []);
    let result: { width: number; height: number };
    const nameWidth = measure(node.label, METRICS.stateFont) + 2 * METRICS.statePaddingX;
    if (children.length === 0) {
      result = {
        width: Math.max(METRICS.minStateWidth, nameWidth),
        height: METRICS.stateHeight + (node.timed ? METRICS.countdownHeight : 0),
      };
    } else {
      const childSizes = children.map(size);
      const sideBySide = node.type === 'parallel';
      const pad = METRICS.compoundPadding;
      const along = (pick: 'width' | 'height') =>
        childSizes.reduce((sum, s) => sum + s[pick], 0) + GAP * (childSizes.length - 1);
      const across = (pick: 'width' | 'height') => Math.max(...childSizes.map((s) => s[pick]));
      const initialRoom = node.initial ? METRICS.initialMarker + GAP : 0;
      const innerWidth = sideBySide ? along('width') : across('width');
      const innerHeight = sideBySide ? across('height') : along('height') + initialRoom;
      result = {
        width: Math.max(nameWidth, innerWidth + 2 * pad),
        height: METRICS.headerHeight + innerHeight + pad,
      };
    }
    sizes.set(node.id, result);
    return result;
  };

  const nodes: Record<string, ChartBox> = {};
  const initialMarkers: Record<string, ChartPoint> = {};
  const place = (node: ChartNode, x: number, y: number): void => {
    const own = sizes.get(node.id) ?? { width: 0, height: 0 };
    nodes[node.id] = { x, y, ...own };
    let cursorX = x + METRICS.compoundPadding;
    let cursorY = y + METRICS.headerHeight;
    if (node.initial) {
      initialMarkers[node.id] = { x: x + own.width / 2, y: cursorY + METRICS.initialMarker / 2 };
      cursorY += METRICS.initialMarker + GAP;
    }
    for (const id of node.children) {
      const child = byId.get(id);
      const childSize = sizes.get(id);
      if (!child || !childSize) continue;
      if (node.type === 'parallel') {
        place(child, cursorX, cursorY);
        cursorX += childSize.width + GAP;
      } else {
        place(child, x + (own.width - childSize.width) / 2, cursorY);
        cursorY += childSize.height + GAP;
      }
    }
  };

  const root = byId.get(graph.root);
  if (root) {
    size(root);
    place(root, GAP / 2, GAP / 2);
  }

  const center = (box: ChartBox): ChartPoint => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
  const routes: ChartRoute[] = [];
  for (const node of graph.nodes) {
    const marker = initialMarkers[node.id];
    const target = node.initial ? nodes[node.initial] : undefined;
    if (marker && target && node.initial) {
      routes.push({ edgeId: initialEdgeId(node.id), edgeIds: [initialEdgeId(node.id)], target: node.initial, points: [marker, { x: marker.x, y: target.y }] });
    }
  }
  for (const edge of graph.edges) {
    const from = nodes[edge.source];
    edge.targets.forEach((targetId, index) => {
      const to = nodes[targetId];
      if (!from || !to) return;
      const points = [center(from), center(to)];
      const mid = { x: (center(from).x + center(to).x) / 2, y: (center(from).y + center(to).y) / 2 };
      const { width, height } = labelSize(edge, measure);
      routes.push({
        edgeId: edge.id,
        edgeIds: [edge.id],
        target: targetId,
        points,
        ...(index === 0 && edge.label !== '' ? { label: { x: mid.x - width / 2, y: mid.y - height / 2, width, height, text: edge.label } } : {}),
      });
    });
  }

  const rootBox = nodes[graph.root];
  return {
    width: (rootBox?.width ?? 0) + GAP,
    height: (rootBox?.height ?? 0) + GAP,
    nodes,
    initialMarkers,
    routes,
    engine: 'grid',
  };
}
