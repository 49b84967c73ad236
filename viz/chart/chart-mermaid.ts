/**
 * A chart graph as a Mermaid `stateDiagram-v2`: whatever graph a chart draws — a machine's full
 * graph or a view reduced from it — written the way `toMermaid` writes a machine.
 */
import type { ChartEdge, ChartGraph, ChartNode } from './chart.types.js';
import { escapeMermaidText, mermaidId } from 'azure-vm-lifecycle/mermaid';

/** Options of {@link chartToMermaid}. */
export interface ChartMermaidOptions {
  /** The layout direction, Mermaid's `direction`; Mermaid's own default (top to bottom) when absent. */
  direction?: 'TB' | 'BT' | 'LR' | 'RL';
  /**
   * Where state descriptions go.
   * - `note` (default): a `note right of` the state
   * - `none`: left out
   */
  descriptions?: 'note' | 'none';
}

const INDENT = '  ';

/**
 * Writes a chart graph as a Mermaid `stateDiagram-v2`, by the rules of `toMermaid`: states
 * declared `state "label" as id` (id from the state's path), compound states as blocks starting
 * `[*] --> initial`, regions split by `--`, final states ending in `--> [*]`, each arrow in the
 * block of the innermost state holding both ends, labelled with the graph's own label (none for
 * an unlabelled arrow). Arrows without a target are left out.
 * @example
 * writeFileSync('lesson.mmd', chartToMermaid(toLessonGraph(toChartGraph(vmMachine)).graph));
 */
export function chartToMermaid(graph: ChartGraph, options: ChartMermaidOptions = {}): string {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const root = byId.get(graph.root);
  if (!root) throw new TypeError(`chartToMermaid: the graph's root "${graph.root}" is not among its nodes`);
  const edges = graph.edges.filter((edge) => !edge.targetless);
  const drawRoot = edges.some((edge) => edge.source === root.id || edge.targets.includes(root.id));

  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of graph.nodes) {
    if (node === root && !drawRoot) continue;
    const base = mermaidId(node === root ? [graph.machineId] : node.path);
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n += 1) id = `${base}_${n}`;
    used.add(id.toLowerCase());
    ids.set(node.id, id);
  }

  const ancestors = (id: string): string[] => {
    const list: string[] = [];
    for (let parent = byId.get(id)?.parent; parent; parent = byId.get(parent)?.parent) list.push(parent);
    return list;
  };
  const edgesByScope = new Map<string, string[]>();
  for (const edge of edges) {
    for (const target of edge.targets) {
      const from = ids.get(edge.source);
      const to = ids.get(target);
      if (from === undefined || to === undefined) continue;
      const targetAncestors = new Set(ancestors(target));
      const scope = ancestors(edge.source).find((id) => targetAncestors.has(id)) ?? root.id;
      const lines = edgesByScope.get(scope) ?? [];
      lines.push(`${from} --> ${to}${labelOf(edge)}`);
      edgesByScope.set(scope, lines);
    }
  }

  const writer: Writer = { byId, ids, edgesByScope, descriptions: options.descriptions ?? 'note' };
  const lines = ['stateDiagram-v2'];
  if (options.direction !== undefined) lines.push(`${INDENT}direction ${options.direction}`);
  const body = drawRoot ? [`[*] --> ${ids.get(root.id) ?? ''}`, ...writeState(root, writer)] : writeChildren(root, writer);
  lines.push(...body.map((line) => INDENT + line));
  return `${lines.join('\n')}\n`;
}

interface Writer {
  byId: ReadonlyMap<string, ChartNode>;
  ids: ReadonlyMap<string, string>;
  edgesByScope: ReadonlyMap<string, string[]>;
  descriptions: 'note' | 'none';
}

function labelOf(edge: ChartEdge): string {
  return edge.label === '' ? '' : ` : ${escapeMermaidText(edge.label)}`;
}

function writeState(node: ChartNode, writer: Writer): string[] {
  const id = writer.ids.get(node.id) ?? '';
  const label = node.type === 'history' ? 'H' : node.label;
  const lines = [`state "${escapeMermaidText(label)}" as ${id}`];
  if (node.children.length > 0) lines.push(`state ${id} {`, ...writeChildren(node, writer).map((line) => INDENT + line), '}');
  if (node.description && writer.descriptions === 'note') {
    lines.push(`note right of ${id}`, ...node.description.split('\n').map((line) => INDENT + escapeMermaidText(line)), 'end note');
  }
  return lines;
}

function writeChildren(node: ChartNode, writer: Writer): string[] {
  const children = node.children.map((id) => writer.byId.get(id)).filter((child): child is ChartNode => child !== undefined);
  const edges = writer.edgesByScope.get(node.id) ?? [];
  if (node.type === 'parallel') {
    // Arrows between regions have no place outside a region in Mermaid: they follow the last one.
    return [...children.flatMap((region, index) => [...(index > 0 ? ['--'] : []), ...writeState(region, writer)]), ...edges];
  }
  const initial = node.initial === undefined ? undefined : writer.ids.get(node.initial);
  return [
    ...(initial === undefined ? [] : [`[*] --> ${initial}`]),
    ...children.flatMap((child) => writeState(child, writer)),
    ...edges,
    ...children.filter((child) => child.type === 'final').map((child) => `${writer.ids.get(child.id) ?? ''} --> [*]`),
  ];
}
