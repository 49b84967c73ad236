/**
 * The VM's chart as the page draws it, computed in Node: its graph (delays resolved with a VM's
 * default input), its layout (elk on the calling thread, text widths estimated, then widened),
 * and that chart as an SVG file, a PNG or Mermaid text. The page's build-time layout
 * (`viz/build/vm-layout.ts`) and `azure-vm-lifecycle chart` both come from here, so a file drawn
 * for the docs is the chart the page shows.
 */
import { createActor } from 'xstate';
import {
  actorDelayResolver,
  chartSvg,
  chartToMermaid,
  estimateTextWidth,
  layoutGraph,
  layoutStats,
  toChartGraph,
  type ChartGraph,
  type ChartLayout,
  type ChartTheme,
  type ElkLike,
  type MeasureText,
} from 'azure-vm-lifecycle/viz';
import { vmMachine, type VmInput } from '../machines/index.js';
import { toMermaid } from '../machines/mermaid.js';
// The page's words, so a file drawn here is headed as the page heads its downloads.
import { chartTitle } from '../viz/page/export-words.js';
import { LANGUAGE_CODES, translator, type Language } from '../viz/page/i18n/index.js';

export { LANGUAGE_CODES as VM_CHART_LANGUAGES, type Language };

/**
 * Which chart of the VM.
 * - `full`: every state and transition of `vmMachine`
 */
export type VmChartView = 'full';

/** The views, in the order `--help` lists them. */
export const VM_CHART_VIEWS: readonly VmChartView[] = ['full'];

/** The input whose delays label the chart ("after 30 s"): the page's first VM. */
const DEFAULT_INPUT: VmInput = { name: 'myVM' };

/**
 * The estimate, widened: the page draws with whatever font `system-ui` is on the reader's
 * machine, and DejaVu Sans (Linux's usual one, among the widest) runs up to 7 % wider than
 * {@link estimateTextWidth} on lowercase-heavy guards.
 */
const widerEstimate: MeasureText = (text, fontSize) => Math.ceil(estimateTextWidth(text, fontSize) * 1.08);

/** A view's graph and its layout. */
export interface VmChart {
  /** The view. */
  view: VmChartView;
  /** The states and transitions drawn. */
  graph: ChartGraph;
  /** Where they are drawn. */
  layout: ChartLayout;
}

/**
 * The graph of a view of `vmMachine`, with the labels the page gives it (delays resolved with
 * `input`, default the page's first VM).
 */
export function vmChartGraph(view: VmChartView, input: VmInput = DEFAULT_INPUT): ChartGraph {
  // Not started: the snapshot's context is all the delays read.
  const actor = createActor(vmMachine, { input });
  const full = toChartGraph(vmMachine, { resolveDelay: actorDelayResolver(vmMachine, actor) });
  if (view === 'full') return full;
  throw new TypeError(`unknown chart view '${String(view)}': use ${VM_CHART_VIEWS.join(' or ')}`);
}

/**
 * Lays a view of `vmMachine` out as the page draws it, with `elk` when given (the page's build
 * passes one it imported up front: it closes its module runner after loading the build's modules,
 * so an import on demand would fail there), else with the elk `layoutGraph` loads.
 * @throws Error when elk fails (the grid fallback is no drawing to publish)
 */
export async function vmChart(view: VmChartView, input: VmInput = DEFAULT_INPUT, elk?: ElkLike): Promise<VmChart> {
  const graph = vmChartGraph(view, input);
  const layout = await layoutGraph(graph, { thread: 'main', measure: widerEstimate, ...(elk ? { elk } : {}) });
  if (layout.engine !== 'elk') throw new Error(`elk failed to lay out vmMachine: ${layoutStats.lastFallbackReason ?? layout.engine}`);
  return { view, graph, layout };
}

/** The heading of an exported chart, in one of the page's languages (default English). */
export function vmChartTitle(view: VmChartView, language: Language = 'en'): string {
  return chartTitle(translator(language), view);
}

/**
 * A view as a standalone SVG file in a theme.
 * @example
 * writeFileSync('vm-lesson-dark.svg', (await vmChartSvg('lesson', 'dark')).svg);
 */
export async function vmChartSvg(view: VmChartView, theme: ChartTheme, title = vmChartTitle(view)): Promise<{ svg: string; width: number; height: number }> {
  const { graph, layout } = await vmChart(view);
  return chartSvg(graph, layout, { theme, ...(title ? { title } : {}) });
}

/**
 * A view as Mermaid text: the full machine by `toMermaid` (the package's own diagram of the
 * machine), any other view by `chartToMermaid` over its graph.
 */
export function vmChartMermaid(view: VmChartView): string {
  return view === 'full' ? toMermaid(vmMachine) : chartToMermaid(vmChartGraph(view));
}
