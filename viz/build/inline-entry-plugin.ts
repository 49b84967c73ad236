/**
 * Puts the page's entry script and stylesheet inside `index.html`, so the built page also opens
 * from disk (`file://`): browsers refuse module scripts and `crossorigin` stylesheets loaded
 * from `file:` URLs, but run inline ones. The chunks loaded later (elk, the layout worker) stay
 * files beside `index.html`; they are needed only for machines without a build-time layout, and
 * from disk they cannot load — the page says so then.
 *
 * Those chunks import the bundler's helpers from the entry (`import {…} from './index-….js'`).
 * An inline script has no URL to import from, so the entry hands its exports to a `data:` module
 * and an import map sends the entry's URL there: one instance of the entry, whoever imports it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** Writes `</script` and `</style` so they cannot close the inline element early. */
function escapeInline(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);
}

/** Where the inline entry leaves its exports for the `data:` module that stands for its file. */
const EXPORTS_GLOBAL = '__vmPageEntryExports';

/**
 * Rewrites the entry's closing `export{a as b,…}` to hand the values to a global, and returns the
 * import map that makes `./<fileName>` a module re-exporting them.
 * @throws when the entry exports in a form this does not know: better a failed build than a page
 *   whose layout engine cannot load
 */
function handOverExports(code: string, fileName: string): { code: string; importMap: string } {
  const match = /export\s*\{([^}]*)\};?\s*$/.exec(code);
  if (!match) {
    if (/\bexport\s*[{*]|\bexport\s+(const|let|var|function|class|default)\b/.test(code)) {
      throw new Error(`inline-entry: ${fileName} exports in a form other than a closing export list`);
    }
    return { code, importMap: '' };
  }
  const pairs = (match[1] ?? '').split(',').filter((part) => part.trim() !== '').map((part) => {
    const [local, exported = local] = part.trim().split(/\s+as\s+/);
    return { local: local ?? '', exported: exported ?? '' };
  });
  const handed = `globalThis.${EXPORTS_GLOBAL}={${pairs.map(({ local, exported }) => `${JSON.stringify(exported)}:${local}`).join(',')}};`;
  const module = `const e=globalThis.${EXPORTS_GLOBAL};${pairs.map(({ exported }, index) => `const x${index}=e[${JSON.stringify(exported)}];`).join('')}export{${pairs.map(({ exported }, index) => `x${index} as ${exported}`).join(',')}};`;
  const map = { imports: { [`./${fileName}`]: `data:text/javascript;charset=utf-8,${encodeURIComponent(module)}` } };
  return {
    code: code.slice(0, match.index) + handed,
    importMap: `<script type="importmap">${escapeInline(JSON.stringify(map), 'script')}</script>`,
  };
}

/**
 * The plugin, for the pages named (`index.html` by default). Chunks stay where `import.meta.url`
 * expects them only when they sit beside the page: use it with `build.assetsDir: ''`. It works on the files written, after every
 * other plugin has finished the code (Vite fills its preload lists last).
 */
export function inlineEntryPlugin(pages: readonly string[] = ['index.html']): Plugin {
  return {
    name: 'azure-vm-lifecycle:inline-entry',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? '.';
      for (const html of Object.values(bundle)) {
        if (html.type !== 'asset' || !pages.includes(html.fileName)) continue;
        const path = join(dir, html.fileName);
        let source = readFileSync(path, 'utf8');
        const inline = (fileName: string, tag: 'script' | 'style', open: string): string | undefined => {
          const file = join(dir, fileName);
          if (!existsSync(file)) return undefined;
          const code = readFileSync(file, 'utf8');
          rmSync(file);
          return `${open}${escapeInline(code, tag)}</${tag}>`;
        };
        source = source.replace(/<script type="module" crossorigin src="\.\/([^"]+\.js)"><\/script>/g, (tag, fileName: string) => {
          const chunk = bundle[fileName];
          const file = join(dir, fileName);
          if (chunk?.type !== 'chunk' || !chunk.isEntry || !existsSync(file)) return tag;
          const { code, importMap } = handOverExports(readFileSync(file, 'utf8'), fileName);
          rmSync(file);
          return `${importMap}<script type="module">${escapeInline(code, 'script')}</script>`;
        });
        source = source.replace(/<link rel="stylesheet" crossorigin href="\.\/([^"]+\.css)">/g, (tag, fileName: string) => inline(fileName, 'style', '<style>') ?? tag);
        writeFileSync(path, source);
      }
    },
  };
}
