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
  toLessonGraph,
  type ChartGraph,
  type ChartLayout,
  type ChartTheme,
  type ElkLike,
  type MeasureText,
} from 'azure-vm-lifecycle/viz';
import { vmMachine, type BillingTable, type VmInput } from '../machines/index.js';
import { toMermaid } from '../machines/mermaid.js';
// The page's words, so a file drawn here names states and operations as the page does, and is
// headed as the page heads its downloads.
import { lessonWords } from '../viz/page/chart-words.js';
import { chartTitle } from '../viz/page/export-words.js';
import { LANGUAGE_CODES, translator, type Language } from '../viz/page/i18n/index.js';

export { LANGUAGE_CODES as VM_CHART_LANGUAGES, type Language };

/**
 * Which chart of the VM.
 * - `lesson`: the lifecycle as it is taught (`toLessonGraph`), the page's default view
 * - `full`: every state and transition of `vmMachine`
 */
export type VmChartView = 'lesson' | 'full';

/** The views, the page's default first. */
export const VM_CHART_VIEWS: readonly VmChartView[] = ['lesson', 'full'];

/** The input whose delays label the chart ("after 30 s"): the page's first VM. */
const DEFAULT_INPUT: VmInput = { name: 'myVM' };

/**
 * The estimate, widened: the page draws with whatever font `system-ui` is on the reader's
 * machine, and DejaVu Sans (Linux's usual one, among the widest) runs up to 7 % wider than
 * {@link estimateTextWidth} on lowercase-heavy guards.
 */
const widerEstimate: MeasureText = (text, fontSize) => Math.ceil(estimateTextWidth(text, fontSize) * 1.08);

/** Options of {@link vmChartGraph} and {@link vmChart}. */
export interface VmChartOptions {
  /** The VM whose delays label the full view; default the page's first VM. */
  input?: VmInput;
  /** The language of the lesson's words (default `en`). */
  language?: Language;
  /** The billing table of the lesson's billed marks (default the specification's, `seed-2018`). */
  table?: BillingTable;
  /**
   * The elk to lay out with (the page's build passes one it imported up front: it closes its
   * module runner after loading this module, so an import on demand would fail there); default
   * the one `layoutGraph` loads.
   */
  elk?: ElkLike;
}

/**
 * The graph of a view of `vmMachine`, with the labels the page gives it: the full view's delays
 * resolved with the input, the lesson's words in the language.
 * @throws TypeError for a view there is none of
 */
export function vmChartGraph(view: VmChartView, options: VmChartOptions = {}): ChartGraph {
  if (view === 'lesson') return toLessonGraph(toChartGraph(vmMachine), lessonWords(options.language ?? 'en', options.table ?? 'seed-2018')).graph;
  if (view !== 'full') throw new TypeError(`unknown chart view '${String(view)}': use ${VM_CHART_VIEWS.join(' or ')}`);
  // Not started: the snapshot's context is all the delays read.
  const actor = createActor(vmMachine, { input: options.input ?? DEFAULT_INPUT });
  return toChartGraph(vmMachine, { resolveDelay: actorDelayResolver(vmMachine, actor) });
}

/**
 * Lays a view of `vmMachine` out as the page draws it: the lesson as a board, the full machine
 * as layers.
 * @throws Error when elk fails (the grid fallback is no drawing to publish)
 */
export async function vmChart(view: VmChartView, options: VmChartOptions = {}): Promise<VmChart> {
  const graph = vmChartGraph(view, options);
  const layout = await layoutGraph(graph, {
    thread: 'main',
    measure: widerEstimate,
    ...(view === 'lesson' ? { arrangement: 'board' as const } : {}),
    ...(options.elk ? { elk: options.elk } : {}),
  });
  if (layout.engine !== 'elk') throw new Error(`elk failed to lay out the ${view} view of vmMachine: ${layoutStats.lastFallbackReason ?? layout.engine}`);
  return { view, graph, layout };
}

/** A view's graph and its layout. */
export interface VmChart {
  /** The view. */
  view: VmChartView;
  /** The states and transitions drawn. */
  graph: ChartGraph;
  /** Where they are drawn. */
  layout: ChartLayout;
}

/** The heading of an exported chart, in one of the page's languages (default English). */
export function vmChartTitle(view: VmChartView, language: Language = 'en'): string {
  return chartTitle(translator(language), view);
}

/**
 * A view as a standalone SVG file in a theme, headed by `title` (none when empty).
 * @example
 * writeFileSync('vm-lesson-dark.svg', (await vmChartSvg('lesson', 'dark')).svg);
 */
export async function vmChartSvg(
  view: VmChartView,
  theme: ChartTheme,
  options: VmChartOptions & { title?: string } = {},
): Promise<{ svg: string; width: number; height: number }> {
  const { graph, layout } = await vmChart(view, options);
  const title = options.title ?? vmChartTitle(view, options.language);
  return chartSvg(graph, layout, { theme, ...(title ? { title } : {}) });
}

/**
 * A view as Mermaid text: the full machine by `toMermaid` (the package's own diagram of the
 * machine), the lesson by `chartToMermaid` over its graph, in the language's words.
 */
export function vmChartMermaid(view: VmChartView, options: VmChartOptions = {}): string {
  return view === 'full' ? toMermaid(vmMachine) : chartToMermaid(vmChartGraph(view, options));
}
