/**
 * Mermaid's parser in Node, for tests that check diagrams parse.
 */
import DOMPurify from 'dompurify';

/** Mermaid's API. */
export type Mermaid = (typeof import('mermaid'))['default'];

/**
 * Loads Mermaid. It sanitizes labels with DOMPurify, which without a DOM has no `sanitize` or
 * `addHook`; parsing needs neither, so they are stubbed here; rendering is left to the browser.
 */
export async function loadMermaid(): Promise<Mermaid> {
  const purify = DOMPurify as unknown as Record<string, unknown>;
  purify['addHook'] ??= () => undefined;
  purify['sanitize'] ??= (text: string) => text;
  return (await import('mermaid')).default;
}
