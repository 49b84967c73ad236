/**
 * Size of the package's main entry as a user's bundler ships it: bundled and minified by Vite,
 * `xstate` left to the user (it is a peer dependency), gzipped at level 9.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { build, type Rolldown } from 'vite';
import { BENCH_OUT, PROJECT_ROOT } from './paths.js';

/** The figures of the library-size row. */
export interface LibrarySizeResult {
  /** Gzipped bytes of the bundled, minified entry. */
  gzipBytes: number;
  /** Minified bytes before gzip. */
  minifiedBytes: number;
  /** Rendered (minified, pre-gzip) bytes per source module, largest first: where the size comes from. */
  byModule: { module: string; bytes: number }[];
  /** Gzipped bytes when a user imports only `vmMachine` and `VirtualClock` (tree-shaken). */
  machineOnlyGzipBytes: number;
}

/** Gzip at level 9, the figure every size row reports. */
export function gzipSize(code: string | Uint8Array): number {
  return gzipSync(code, { level: 9 }).length;
}

interface Bundle {
  gzipBytes: number;
  minifiedBytes: number;
  byModule: { module: string; bytes: number }[];
}

/** Bundles one entry as an ES library, `xstate` external, then minifies it fully. */
async function bundle(entry: string, outDir: string): Promise<Bundle> {
  const output = await build({
    configFile: false,
    root: PROJECT_ROOT,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      write: true,
      lib: { entry, formats: ['es'], fileName: 'index' },
      rollupOptions: { external: ['xstate', /^xstate\//] },
    },
  });
  const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunks = results.flatMap((result) => result.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
  const main = chunks.find((chunk) => chunk.isEntry);
  if (!main) throw new Error(`bundling ${entry} produced no entry chunk`);
  // Shared chunks would be loaded too; a library build should have none, but count them if any.
  const code = chunks.map((chunk) => chunk.code).join('\n');
  const byModule = chunks
    .flatMap((chunk) => Object.entries(chunk.modules))
    .map(([module, info]) => ({ module: module.replace(PROJECT_ROOT, ''), bytes: info.renderedLength }))
    .filter((module) => module.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  // Vite keeps the whitespace of an ES library build (so users' bundlers can still tree-shake and
  // read its annotations); a user's production build minifies it fully, and so does this figure.
  const minified = (await transform(code, { minify: true, format: 'esm', target: 'es2022' })).code;
  return { gzipBytes: gzipSize(minified), minifiedBytes: Buffer.byteLength(minified), byModule };
}

/**
 * Bundles `machines/index.ts` as a library with Vite and measures it; also measures what a user
 * importing only the machine and the clock ships, to tell the entry's weight from the model's.
 */
export async function measureLibrarySize(): Promise<LibrarySizeResult> {
  const full = await bundle(join(PROJECT_ROOT, 'machines', 'index.ts'), join(BENCH_OUT, 'lib'));
  const entryDir = join(BENCH_OUT, 'lib-machine-only-entry');
  mkdirSync(entryDir, { recursive: true });
  // A .js entry: bench/out is inside the typechecked tree, and this file is generated.
  const entry = join(entryDir, 'entry.js');
  writeFileSync(entry, `export { vmMachine, VirtualClock } from ${JSON.stringify(join(PROJECT_ROOT, 'machines', 'index.ts'))};\n`);
  const machineOnly = await bundle(entry, join(BENCH_OUT, 'lib-machine-only'));
  return { ...full, machineOnlyGzipBytes: machineOnly.gzipBytes };
}
