import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { bootPlugin } from './viz/build/boot-plugin.js';
import { inlineEntryPlugin } from './viz/build/inline-entry-plugin.js';
import { vmLayoutPlugin } from './viz/build/layout-plugin.js';
import { separatePagePlugin } from './viz/build/separate-page-plugin.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const alias = [
  { find: /^azure-vm-lifecycle\/viz$/, replacement: here('./viz/chart/index.ts') },
  { find: /^azure-vm-lifecycle\/emulator$/, replacement: here('./server/emulator.ts') },
  { find: /^azure-vm-lifecycle\/(json|parse|persist|billing|simulate|mermaid)$/, replacement: here('./machines/$1.ts') },
  { find: /^azure-vm-lifecycle$/, replacement: here('./machines/index.ts') },
];

// The page ships vmMachine's layout, computed here, and loads elk only for other machines.
// The entry and its stylesheet go inside index.html, so the page opens from disk too; a boot
// script says why when the page cannot start. The emulator page is built apart, so that the two
// pages share no chunk, by the same plugins (the layout is computed once for both).
const pagePlugins = [
  vmLayoutPlugin(here('./viz/build/vm-layout.ts'), alias, [here('./machines/'), here('./viz/'), here('./server/vm-chart.ts')]),
  bootPlugin(),
  inlineEntryPlugin(),
];
const pages = {
  root: here('./viz/page'),
  base: './',
  resolve: { alias },
  build: {
    // Chunks beside the HTML: the inlined entry finds them relative to the page.
    assetsDir: '',
    // elk is 1.46 MB minified, once in the layout worker and once in the main-thread fallback,
    // both loaded only for machines without a build-time layout.
    chunkSizeWarningLimit: 1600,
  },
};

/** The mode (`vite build --mode vm-page`) that builds the VM page alone, for tests and benchmarks. */
const VM_PAGE_ONLY = 'vm-page';

// Tests and the page import the package by its published name, exactly as users do.
export default defineConfig(({ mode }) => ({
  ...pages,
  plugins: [
    ...pagePlugins,
    ...(mode === VM_PAGE_ONLY ? [] : [separatePagePlugin(here('./viz/page/emulator.html'), { ...pages, plugins: pagePlugins })]),
  ],
  build: {
    ...pages.build,
    outDir: here('./dist-page'),
    emptyOutDir: true,
    // The VM page; the same page in emulator mode, which `serve` opens at `/`, is built after it.
    rollupOptions: { input: here('./viz/page/index.html') },
  },
  test: {
    root: here('.'),
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default', './test/summary-reporter.ts'],
    globalSetup: ['./test/global-setup.ts'],
  },
}));
