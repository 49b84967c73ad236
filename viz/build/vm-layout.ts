/**
 * The layout of `vmMachine` as the VM page first draws it, computed at build time (in Node, elk
 * on the calling thread) so the page ships it as data and loads no layout engine.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { vmMachine } from 'azure-vm-lifecycle';
import type { ChartLayout } from '../chart/chart.types.js';
import { toChartGraph } from '../chart/graph.js';
import { layoutGraph, layoutStats } from '../chart/layout.js';
import { estimateTextWidth, type MeasureText } from '../chart/metrics.js';
import { DEFAULT_FIELDS } from '../page/new-vm-form.js';
import { vmChart } from '../../server/vm-chart.js';
import { toLessonGraph } from '../chart/lesson.js';
import { lessonWords } from '../page/chart-words.js';
import { LANGUAGE_CODES, type Language } from '../page/i18n/index.js';

/**
 * The estimate, widened: the page draws with whatever font `system-ui` is on the reader's
 * machine, and DejaVu Sans (Linux's usual one, among the widest) runs up to 7 % wider than
 * {@link estimateTextWidth} on lowercase-heavy guards.
 */
const widerEstimate: MeasureText = (text, fontSize) => Math.ceil(estimateTextWidth(text, fontSize) * 1.08);

/**
 * Lays out `vmMachine` with the labels the page's first VM gives it (delays resolved from the
 * default input). Text widths are estimated: Node has no fonts.
 */
export async function vmChartLayout(): Promise<ChartLayout> {
  // elk imported here, not on demand: the build closes its module runner after loading this module.
  return (await vmChart('full', { name: DEFAULT_FIELDS.name }, new ELK())).layout;
}

/**
 * Lays out the lesson view of `vmMachine` in every language of the page (its words size the
 * boxes), arranged as a board, with the billed marks of the default billing table (the marks
 * of the other table fit the same boxes).
 */
export async function vmLessonLayouts(): Promise<Record<Language, ChartLayout>> {
  const graph = toChartGraph(vmMachine);
  const elk = new ELK();
  const layouts = {} as Record<Language, ChartLayout>;
  for (const language of LANGUAGE_CODES) {
    const lesson = toLessonGraph(graph, lessonWords(language, 'seed-2018'));
    const layout = await layoutGraph(lesson.graph, { thread: 'main', measure: widerEstimate, elk, arrangement: 'board' });
    if (layout.engine !== 'elk') throw new Error(`elk failed to lay out the ${language} lesson at build time: ${layoutStats.lastFallbackReason ?? layout.engine}`);
    layouts[language] = layout;
  }
  return layouts;
}
