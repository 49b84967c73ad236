/**
 * Fills the `<!-- boot -->` placeholder of the page's `index.html`: a `<noscript>` line and the
 * inline boot script (`viz/page/boot.ts`), with its words taken from the page's string tables, so
 * that a page whose module cannot run says why instead of staying blank.
 */
import type { Plugin } from 'vite';
import { boot, type BootStrings } from '../page/boot.js';
import { LANGUAGES } from '../page/i18n/index.js';

/** How long after `load` the boot script waits for the page's module before it speaks. */
const WAIT_MS = 4_000;

/** The plugin, for the page's Vite config (serve and build). */
export function bootPlugin(): Plugin {
  const strings: BootStrings = {};
  for (const [code, table] of Object.entries(LANGUAGES)) strings[code] = { 'boot.file': table['boot.file'], 'boot.failed': table['boot.failed'] };
  const noScript = Object.values(LANGUAGES)
    .map((table) => `<p class="boot failed">${table['boot.noScript']}</p>`)
    .join('');
  return {
    name: 'azure-vm-lifecycle:boot',
    transformIndexHtml(html) {
      const script = `<script>(${boot.toString()})(${JSON.stringify(strings)}, ${WAIT_MS});</script>`;
      return html.replace('<!-- boot -->', `<noscript>${noScript}</noscript>\n    ${script}`);
    },
  };
}
