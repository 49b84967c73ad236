/**
 * Finds a Chromium for the browser tests (installing Debian's when we may) and launches it
 * headless through playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags for a quiet, offline, sandbox-free headless run (containers have no user namespaces). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/** Chromium executables already on this machine, best first. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const candidates = [env.CHROMIUM_PATH, ...SYSTEM_PATHS].filter((path): path is string => Boolean(path));
  const cache = join(env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright'));
  if (existsSync(cache)) {
    const builds = readdirSync(cache).filter((name) => name.startsWith('chromium-')).sort().reverse();
    for (const build of builds) {
      candidates.push(join(cache, build, 'chrome-linux', 'chrome'), join(cache, build, 'chrome-linux64', 'chrome'));
    }
  }
  return candidates;
}

/**
 * The path of a Chromium: `CHROMIUM_PATH`, the system's, Playwright's cache, or (as root on
 * Debian) Debian's `chromium` package installed on the spot.
 * @throws when none exists and none can be installed, saying what to install.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = chromiumCandidates(env).find((path) => existsSync(path));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get')) {
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one: `apt-get install chromium` (Debian/Ubuntu), ' +
      'or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

/** Launches the found Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}
