/**
 * Writes the page's fixed words in a language: every element marked `data-i18n="key"` gets the
 * key's words as its text, `data-i18n-aria-label` and `data-i18n-title` set those attributes.
 * The HTML holds the English words too, so the page reads before its script has run.
 */
import type { StringKey, Translator } from './i18n/index.js';

/** The attributes that carry keys, and what each sets. */
const ATTRIBUTES: readonly (readonly [string, (element: Element, words: string) => void])[] = [
  ['data-i18n', (element, words) => (element.textContent = words)],
  ['data-i18n-aria-label', (element, words) => element.setAttribute('aria-label', words)],
  ['data-i18n-title', (element, words) => element.setAttribute('title', words)],
];

/** Writes every marked element under `root` in the translator's language, and the document's `lang`. */
export function applyTexts(root: ParentNode, t: Translator): void {
  for (const [attribute, write] of ATTRIBUTES) {
    for (const element of root.querySelectorAll(`[${attribute}]`)) write(element, t(element.getAttribute(attribute) as StringKey));
  }
  document.documentElement.lang = t.language;
}
