/**
 * Builds the two pages the browser rows compare — ours (the project's Vite config, untouched) and
 * the Mermaid page — with Vite's JS API into `bench/out/`, so both go through the same toolchain.
 */
import { join } from 'node:path';
import { build } from 'vite';
import { BENCH_OUT, PROJECT_ROOT } from './paths.js';

/** Where our page is built. */
export const OUR_PAGE_DIR = join(BENCH_OUT, 'page');
/** Where the Mermaid page is built. */
export const MERMAID_PAGE_DIR = join(BENCH_OUT, 'mermaid-page');

/** Builds our page with the project's `vite.config.ts`, only redirecting the output. */
export async function buildOurPage(): Promise<string> {
  await build({
    configFile: join(PROJECT_ROOT, 'vite.config.ts'),
    // The VM page alone: the emulator page is not measured.
    mode: 'vm-page',
    logLevel: 'error',
    build: { outDir: OUR_PAGE_DIR, emptyOutDir: true, chunkSizeWarningLimit: 100_000 },
  });
  return OUR_PAGE_DIR;
}

/** Builds `bench/mermaid-page/` with the same Vite and the same package alias as our page. */
export async function buildMermaidPage(): Promise<string> {
  await build({
    configFile: false,
    root: join(PROJECT_ROOT, 'bench', 'mermaid-page'),
    base: './',
    logLevel: 'error',
    resolve: {
      alias: [{ find: /^azure-vm-lifecycle$/, replacement: join(PROJECT_ROOT, 'machines', 'index.ts') }],
    },
    // Mermaid is one large chunk by design; the size row reports it, the warning adds nothing.
    build: { outDir: MERMAID_PAGE_DIR, emptyOutDir: true, chunkSizeWarningLimit: 100_000 },
  });
  return MERMAID_PAGE_DIR;
}
