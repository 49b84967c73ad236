/**
 * Whether a layout computed elsewhere (at build time, by another version of the machine) still
 * draws a graph: a stale layout would place states that no longer exist, or size labels for text
 * that changed.
 */
import type { ChartGraph, ChartLayout } from './chart.types.js';
import { initialEdgeId } from './elk-graph.js';

/**
 * True when `layout` has a box for exactly the graph's states, routes every transition and every
 * initial arrow, and carries exactly the graph's transition labels.
 * @example
 * if (!layoutFitsGraph(toChartGraph(machine), stored)) layout = await layoutGraph(graph);
 */
export function layoutFitsGraph(graph: ChartGraph, layout: ChartLayout): boolean {
  // A board layout draws no box for the root.
  const stateIds = graph.nodes.map((node) => node.id).filter((id) => id !== graph.root || layout.nodes[id] !== undefined);
  const boxes = Object.keys(layout.nodes);
  if (boxes.length !== stateIds.length || !stateIds.every((id) => layout.nodes[id] !== undefined)) return false;

  const expectedRoutes = new Set([
    ...graph.edges.map((edge) => edge.id),
    ...graph.nodes.filter((node) => node.initial !== undefined && Object.keys(layout.initialMarkers).length > 0).map((node) => initialEdgeId(node.id)),
  ]);
  const routed = new Set(layout.routes.flatMap((route) => route.edgeIds));
  if (routed.size !== expectedRoutes.size || [...expectedRoutes].some((id) => !routed.has(id))) return false;

  // Label boxes were sized for their text: any changed label needs a new layout.
  const drawnLabels = layout.routes.flatMap((route) => (route.label ? route.label.text.split('\n') : [])).sort();
  const labels = graph.edges.map((edge) => edge.label).filter((label) => label !== '').sort();
  return drawnLabels.length === labels.length && drawnLabels.every((text, index) => text === labels[index]);
}
