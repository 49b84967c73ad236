/**
 * The layouts of `vmMachine` as the VM page draws them, computed at build time (in Node, elk on
 * the calling thread) so the page ships them as data and loads no layout engine. The same code
 * draws `azure-vm-lifecycle chart`'s files (`server/vm-chart.ts`).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ChartLayout } from '../chart/chart.types.js';
import { DEFAULT_FIELDS } from '../page/new-vm-form.js';
import { LANGUAGE_CODES, type Language } from '../page/i18n/index.js';
import { vmChart } from '../../server/vm-chart.js';

// elk imported here, not on demand: the build closes its module runner after loading this module.
const elk = new ELK();

/**
 * Lays out `vmMachine` with the labels the page's first VM gives it (delays resolved from the
 * default input). Text widths are estimated: Node has no fonts.
 */
export async function vmChartLayout(): Promise<ChartLayout> {
  return (await vmChart('full', { input: { name: DEFAULT_FIELDS.name }, elk })).layout;
}

/**
 * Lays out the lesson view of `vmMachine` in every language of the page (its words size the
 * boxes), arranged as a board, with the billed marks of the default billing table (the marks
 * of the other table fit the same boxes).
 */
export async function vmLessonLayouts(): Promise<Record<Language, ChartLayout>> {
  const layouts = {} as Record<Language, ChartLayout>;
  for (const language of LANGUAGE_CODES) layouts[language] = (await vmChart('lesson', { language, table: 'seed-2018', elk })).layout;
  return layouts;
}
