/**
 * The built live page, served by `serve` from the package's `dist-page/`: `/` opens it in
 * emulator mode. Only files inside that folder are ever read.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmulatorOptionError } from './options.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** Where the built page is: beside the sources (`server/`) or beside the built server (`dist/server/`). */
export function findPageDirectory(): string | undefined {
  for (const candidate of ['../dist-page', '../../dist-page']) {
    const directory = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(resolve(directory, 'emulator.html'))) return resolve(directory);
  }
  return undefined;
}

/**
 * The folder asked for with `pageDir`, checked: it must hold a built `emulator.html`.
 * @throws EmulatorOptionError naming `--page-dir` when it does not
 */
export function checkPageDirectory(directory: string): string {
  if (!existsSync(resolve(directory, 'emulator.html'))) {
    throw new EmulatorOptionError('page-dir', `no emulator.html in '${directory}'; build the page there with \`vite build --outDir ${directory}\` (npm run build:page builds it into dist-page/).`);
  }
  return resolve(directory);
}

/** Serves files of one folder; answers false when the path is not one of them. */
export function pageServer(directory: string | undefined): (path: string, response: ServerResponse, head: boolean) => boolean {
  const root = directory === undefined ? undefined : resolve(directory);
  const cache = new Map<string, Buffer>();
  return (path, response, head) => {
    if (!root) {
      if (path !== '/') return false;
      const text = 'The live page is not built. Run `npm run build:page` in the package, then start the emulator again.\n';
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(head ? undefined : text);
      return true;
    }
    const relative = path === '/' ? 'emulator.html' : path.replace(/^\/+/, '');
    if (relative.includes('\0')) return false;
    const file = resolve(root, relative);
    if (!file.startsWith(root + sep)) return false;
    let body = cache.get(file);
    if (!body) {
      if (!existsSync(file) || !statSync(file).isFile()) return false;
      body = readFileSync(file);
      cache.set(file, body);
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      'Cache-Control': 'no-cache',
    });
    response.end(head ? undefined : body);
    return true;
  };
}
