import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `azure-vm-lifecycle/viz` as published: one ES module (`dist/viz/index.js`) beside which the
// layout worker lands as its own file, found through `import.meta.url`. xstate and the package's
// own entries stay imports; elkjs too, except inside the worker, which must load without a
// bundler or an import map.
export default defineConfig({
  root: here('../..'),
  // The worker's URL is written relative to the module, wherever the package is installed.
  base: './',
  logLevel: 'warn',
  // Vite would otherwise copy the page's public assets; the library has none.
  publicDir: false,
  build: {
    outDir: here('../../dist/viz'),
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    target: 'es2022',
    lib: { entry: here('../../viz/chart/index.ts'), formats: ['es'], fileName: 'index' },
    rollupOptions: {
      external: [/^xstate(\/|$)/, /^azure-vm-lifecycle(\/|$)/, /^elkjs(\/|$)/],
    },
    // elk is 1.46 MB; it is the worker's whole point.
    chunkSizeWarningLimit: 1600,
  },
  worker: { format: 'es', rollupOptions: { output: { entryFileNames: '[name].js' } } },
});
