/**
 * The heading of a chart taken away from the page — a downloaded file or one the command line
 * writes — in the page's words, so both say the same.
 */
import type { Translator } from './i18n/index.js';

/** The views the page names; another view is shown by its own name. */
const NAMED_VIEWS = { full: 'export.view.full', lesson: 'export.view.lesson' } as const;

/** A view as words: "full statechart", "lesweergave". */
export function viewWords(t: Translator, view: string): string {
  return view in NAMED_VIEWS ? t(NAMED_VIEWS[view as keyof typeof NAMED_VIEWS]) : view;
}

/**
 * The heading of an exported chart: "Azure VM lifecycle — full statechart".
 * @example
 * chartTitle(translator('nl'), 'lesson'); // 'Levenscyclus van een Azure-VM — lesweergave'
 */
export function chartTitle(t: Translator, view: string): string {
  return `${t('page.heading')} — ${viewWords(t, view)}`;
}
