/**
 * Builds another HTML page of the same root in a build of its own, after the main build, into
 * the same folder. Pages built together share chunks (a page's script would then import the
 * shared one); built apart, each page's script stands alone, so the VM page can carry its whole
 * script inside `index.html` and open from disk.
 */
import { build, type InlineConfig, type Plugin, type ResolvedConfig } from 'vite';

/**
 * The plugin.
 * @param page the other page's HTML file (absolute path)
 * @param config its build's configuration: the main build's, without this plugin, so that its
 *   plugin instances (and what they computed) serve both builds
 */
export function separatePagePlugin(page: string, config: InlineConfig): Plugin {
  let main: ResolvedConfig | undefined;
  return {
    name: 'azure-vm-lifecycle:separate-page',
    apply: 'build',
    configResolved(resolved) {
      main = resolved;
    },
    async closeBundle() {
      if (!main) return;
      await build({
        ...config,
        configFile: false,
        mode: main.mode,
        logLevel: main.logLevel,
        build: { ...config.build, outDir: main.build.outDir, emptyOutDir: false, rollupOptions: { input: page } },
      });
    },
  };
}
