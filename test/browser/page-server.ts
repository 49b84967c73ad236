/**
 * Builds the chart page once with Vite and serves it from 127.0.0.1 on a random port, with a
 * tiny static server so the browser tests need nothing but Node.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Where the tests' build goes: apart from `dist-page/`, so a test run never clobbers a release build. */
export const TEST_PAGE_DIR = join(projectRoot, 'test', 'out', 'page');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

let building: Promise<string> | undefined;

/** Builds the page with the project's `vite.config.ts` into {@link TEST_PAGE_DIR}, once per process. */
export function buildPage(): Promise<string> {
  building ??= build({
    configFile: join(projectRoot, 'vite.config.ts'),
    // The VM page alone: the emulator page is not opened here.
    mode: 'vm-page',
    logLevel: 'warn',
    build: { outDir: TEST_PAGE_DIR, emptyOutDir: true },
  }).then(() => TEST_PAGE_DIR);
  return building;
}

/** Where the tests' build of both pages (the VM page and the emulator page) goes. */
export const TEST_EMULATOR_PAGE_DIR = join(projectRoot, 'test', 'out', 'emulator-page');

let buildingBoth: Promise<string> | undefined;

/** Builds both pages, as `npm run build:page` does, into {@link TEST_EMULATOR_PAGE_DIR}, once per process. */
export function buildEmulatorPage(): Promise<string> {
  buildingBoth ??= build({
    configFile: join(projectRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: TEST_EMULATOR_PAGE_DIR, emptyOutDir: true },
  }).then(() => TEST_EMULATOR_PAGE_DIR);
  return buildingBoth;
}

/** A running static server. */
export interface PageServer {
  /** The base URL, ending in `/`. */
  url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Serves `directory` on 127.0.0.1 at a random free port. */
export async function servePage(directory: string): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(directory, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(directory) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
