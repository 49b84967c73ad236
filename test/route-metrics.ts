/**
 * How readable a laid-out chart's arrows are, counted from its routes and label boxes: stretches
 * of line shared by arrows of different source→target pairs, crossings between arrows, labels
 * whose box covers another arrow or label, and labels set apart from their own arrow.
 */
import type { ChartBox, ChartGraph, ChartLayout, ChartPoint } from 'azure-vm-lifecycle/viz';

type Segment = [ChartPoint, ChartPoint];

/** A route with the pair of states it joins. */
interface PairedRoute {
  pair: string;
  segments: Segment[];
  label?: ChartBox & { text: string };
  points: ChartPoint[];
}

/** What {@link routeMetrics} counts; each list names what it counts, so a failure says where. */
export interface RouteMetrics {
  /** Stretches (longer than 2 px) of line shared by arrows of different pairs. */
  sharedStretches: string[];
  /** Points where arrows of different pairs cross. */
  crossings: string[];
  /** Labels whose box covers another pair's arrow, another label or a state. */
  labelOverlaps: string[];
  /** Labels farther than `near` px from their own arrow. */
  labelsAway: string[];
  /** Labels with another pair's arrow as near as their own, so a reader cannot tell which they name. */
  labelsAmbiguous: string[];
}

const EPS = 0.5;

function segmentsOf(points: readonly ChartPoint[]): Segment[] {
  const segments: Segment[] = [];
  for (let index = 1; index < points.length; index += 1) {
    const from = points[index - 1];
    const to = points[index];
    if (from && to && (Math.abs(from.x - to.x) > EPS || Math.abs(from.y - to.y) > EPS)) segments.push([from, to]);
  }
  return segments;
}

const cross = (o: ChartPoint, a: ChartPoint, b: ChartPoint): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** The length two collinear segments share, or 0 when they are not collinear. */
function sharedLength([a, b]: Segment, [c, d]: Segment): number {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  // Both ends of the second segment on the first one's line.
  if (Math.abs(cross(a, b, c)) / length > EPS || Math.abs(cross(a, b, d)) / length > EPS) return 0;
  const ux = (b.x - a.x) / length;
  const uy = (b.y - a.y) / length;
  const t = (p: ChartPoint) => (p.x - a.x) * ux + (p.y - a.y) * uy;
  const [c0, d0] = [t(c), t(d)].sort((x, y) => x - y) as [number, number];
  return Math.max(0, Math.min(length, d0) - Math.max(0, c0));
}

/** The point where two segments properly cross (not at an end of either), if they do. */
function crossingPoint([a, b]: Segment, [c, d]: Segment): ChartPoint | undefined {
  const denominator = (b.x - a.x) * (d.y - c.y) - (b.y - a.y) * (d.x - c.x);
  if (Math.abs(denominator) < 1e-9) return undefined;
  const s = ((c.x - a.x) * (d.y - c.y) - (c.y - a.y) * (d.x - c.x)) / denominator;
  const u = ((c.x - a.x) * (b.y - a.y) - (c.y - a.y) * (b.x - a.x)) / denominator;
  const lengthAB = Math.hypot(b.x - a.x, b.y - a.y);
  const lengthCD = Math.hypot(d.x - c.x, d.y - c.y);
  const margin = (length: number) => EPS / length;
  if (s <= margin(lengthAB) || s >= 1 - margin(lengthAB) || u <= margin(lengthCD) || u >= 1 - margin(lengthCD)) return undefined;
  return { x: a.x + s * (b.x - a.x), y: a.y + s * (b.y - a.y) };
}

const inBox = (p: ChartPoint, box: ChartBox): boolean => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;

/** Whether a segment passes through the inside of a box. */
function segmentHitsBox(segment: Segment, box: ChartBox): boolean {
  const [a, b] = segment;
  if (inBox(a, box) || inBox(b, box)) return true;
  const corners = [
    { x: box.x, y: box.y },
    { x: box.x + box.width, y: box.y },
    { x: box.x + box.width, y: box.y + box.height },
    { x: box.x, y: box.y + box.height },
  ];
  return corners.some((corner, index) => crossingPoint(segment, [corner, corners[(index + 1) % 4] as ChartPoint]) !== undefined);
}

const boxesOverlap = (a: ChartBox, b: ChartBox): boolean =>
  a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS;

/** The distance from a point to a segment. */
function distanceToSegment(p: ChartPoint, [a, b]: Segment): number {
  const length2 = (b.x - a.x) ** 2 + (b.y - a.y) ** 2;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / length2));
  return Math.hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y)));
}

/** The distance from a box to a route (0 when the route passes through it). */
function distanceToRoute(box: ChartBox, segments: readonly Segment[]): number {
  if (segments.some((segment) => segmentHitsBox(segment, box))) return 0;
  const corners = [
    { x: box.x, y: box.y },
    { x: box.x + box.width, y: box.y },
    { x: box.x + box.width, y: box.y + box.height },
    { x: box.x, y: box.y + box.height },
  ];
  const edges: Segment[] = corners.map((corner, index) => [corner, corners[(index + 1) % 4] as ChartPoint]);
  let best = Infinity;
  for (const segment of segments) {
    for (const [p] of edges) best = Math.min(best, distanceToSegment(p, segment));
    for (const end of segment) for (const edge of edges) best = Math.min(best, distanceToSegment(end, edge));
  }
  return best;
}

const at = (p: ChartPoint): string => `(${Math.round(p.x)}, ${Math.round(p.y)})`;

/**
 * Counts what makes a chart's arrows hard to read. Arrows drawing transitions of one source and
 * target count as one pair, whose arrows may share their line.
 * @param near how far (px) a label may sit from its own arrow
 */
export function routeMetrics(graph: ChartGraph, layout: ChartLayout, near = 8): RouteMetrics {
  const sourceOf = new Map(graph.edges.map((edge) => [edge.id, edge.source]));
  const short = (id: string) => id.split('.').pop() ?? id;
  const routes: PairedRoute[] = layout.routes.map((route) => {
    const source = sourceOf.get(route.edgeIds[0] ?? '') ?? route.edgeId;
    return {
      pair: `${short(source)}→${short(route.target)}`,
      segments: segmentsOf(route.points),
      points: route.points,
      ...(route.label ? { label: route.label } : {}),
    };
  });
  const metrics: RouteMetrics = { sharedStretches: [], crossings: [], labelOverlaps: [], labelsAway: [], labelsAmbiguous: [] };
  routes.forEach((one, i) => {
    routes.slice(i + 1).forEach((other) => {
      if (one.pair === other.pair) return;
      for (const a of one.segments) {
        for (const b of other.segments) {
          const shared = sharedLength(a, b);
          if (shared > 2) metrics.sharedStretches.push(`${one.pair} & ${other.pair}: ${Math.round(shared)} px at ${at(a[0])}`);
          const point = shared > 0 ? undefined : crossingPoint(a, b);
          if (point) metrics.crossings.push(`${one.pair} × ${other.pair} at ${at(point)}`);
        }
      }
    });
  });
  for (const route of routes) {
    const label = route.label;
    if (!label) continue;
    const name = `"${label.text.replace(/\n/g, ' / ')}" (${route.pair})`;
    for (const other of routes) {
      if (other === route) continue;
      if (other.segments.some((segment) => segmentHitsBox(segment, label))) metrics.labelOverlaps.push(`${name} covers the arrow ${other.pair}`);
      if (other.label && routes.indexOf(other) > routes.indexOf(route) && boxesOverlap(label, other.label)) metrics.labelOverlaps.push(`${name} covers the label of ${other.pair}`);
    }
    for (const node of graph.nodes) {
      const box = layout.nodes[node.id];
      if (node.children.length === 0 && box && boxesOverlap(label, box)) metrics.labelOverlaps.push(`${name} covers the state ${short(node.id)}`);
    }
    const away = distanceToRoute(label, route.segments);
    if (away > near) metrics.labelsAway.push(`${name} is ${Math.round(away)} px from its arrow`);
    for (const other of routes) {
      if (other.pair === route.pair) continue;
      const distance = distanceToRoute(label, other.segments);
      if (distance <= Math.max(away, near)) metrics.labelsAmbiguous.push(`${name} is ${Math.round(distance)} px from the arrow ${other.pair}`);
    }
  }
  return metrics;
}
