/**
 * Builds another HTML page of the same root in a build of its own, after the main build, into
 * the same folder. Pages built together share chunks (a page's script would then import the
 * shared one); built apart, each page's script stands alone, so the VM page can carry its whole
 * script inside `index.html` and open from disk.
 */
import { build, type Plugin, type ResolvedConfig } from 'vite';

/** The plugin: `page` is the other page's HTML file (absolute path). */
export function separatePagePlugin(page: string): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'azure-vm-lifecycle:separate-page',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      // The page's own build ends here too: it builds nothing more.
      if (!config || config.build.rollupOptions.input === page) return;
      await build({
        configFile: config.configFile,
        mode: config.mode,
        logLevel: config.logLevel,
        build: { outDir: config.build.outDir, emptyOutDir: false, rollupOptions: { input: page } },
      });
    },
  };
}
