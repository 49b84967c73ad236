/**
 * A Vite plugin serving `virtual:vm-chart-layout`: the layouts of `vmMachine` (full, and its lesson in every language) computed while the
 * page builds (and again in dev whenever the machine or the chart code changes), so it always
 * matches the machine the page runs.
 */
import { runnerImport, type AliasOptions, type Plugin, type ViteDevServer } from 'vite';

/** The id the page imports. */
export const VM_LAYOUT_MODULE = 'virtual:vm-chart-layout';
const RESOLVED = `\0${VM_LAYOUT_MODULE}`;

/**
 * @param generator the absolute path of `vm-layout.ts`
 * @param alias the package aliases, so the generator imports the machine from source
 * @param watched absolute folder paths whose changes make the layout stale in dev
 */
export function vmLayoutPlugin(generator: string, alias: AliasOptions, watched: readonly string[]): Plugin {
  let json: Promise<string> | undefined;
  const compute = (): Promise<string> =>
    runnerImport<typeof import('./vm-layout.js')>(generator, { configFile: false, logLevel: 'error', resolve: { alias } })
      .then(({ module }) => Promise.all([module.vmChartLayout(), module.vmLessonLayouts()]))
      // JSON.parse of a string literal parses faster than the same object as JavaScript.
      .then(([full, lessons]) => `export default JSON.parse(${JSON.stringify(JSON.stringify(full))});\nexport const lessonLayouts = JSON.parse(${JSON.stringify(JSON.stringify(lessons))});`);
  return {
    name: 'vm-chart-layout',
    resolveId: (source) => (source === VM_LAYOUT_MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      json ??= compute();
      return json;
    },
    configureServer(server: ViteDevServer) {
      server.watcher.on('change', (file) => {
        if (!watched.some((folder) => file.startsWith(folder))) return;
        json = undefined;
        const module = server.moduleGraph.getModuleById(RESOLVED);
        if (module) server.moduleGraph.invalidateModule(module);
      });
    },
  };
}
