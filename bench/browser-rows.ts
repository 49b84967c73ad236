/**
 * The browser rows: how soon our page shows an interactive chart against Mermaid drawing the same
 * machine, how much JavaScript each loads first, and how fast a live update reaches the DOM.
 * Both pages are loaded alternately in one Chromium, each load in a fresh context (cold caches).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gzipSize } from './library-size.js';
import { summarize, percentile, type Summary } from './stats.js';

/** Which page a load is of. */
export type PageKind = 'ours' | 'mermaid';

/** One cold load of a page. */
export interface PageLoad {
  /** ms from navigation start to the page being ready (see {@link READY_CHECKS}). */
  readyMs: number;
  /** Scripts (page and workers) whose request started before ready, and those inside the HTML, with gzipped sizes. */
  scripts: { path: string; gzipBytes: number }[];
  /** Gzipped JavaScript bytes of those scripts. */
  jsGzipBytes: number;
  /** Our page only: how long its one layout took (`window.__chartStats.lastDurationMs`), in ms. */
  layoutMs?: number;
}

/**
 * What "ready" means, evaluated in the page on every DOM mutation and animation frame:
 * - ours: the chart SVG has `data-state-id` nodes, one is `data-active` (the actor's state is
 *   shown), the page's handle (`window.vmPage`, or the placeholder's `window.chartPage`) exists
 *   and a control button is enabled
 * - mermaid: the rendered SVG with its groups is in `#diagram`
 */
export const READY_CHECKS: Record<PageKind, string> = {
  ours: `(() => {
    const w = window;
    return !!(document.querySelector('svg [data-state-id]') &&
      document.querySelector('svg [data-active="true"]') &&
      (w.vmPage || w.chartPage) &&
      document.querySelector('button:not([disabled])'));
  })()`,
  mermaid: `!!document.querySelector('#diagram svg g')`,
};

/**
 * tsx compiles this file with esbuild's keep-names, which wraps named functions in a `__name`
 * helper; functions passed to `page.evaluate` carry those calls into the page, so the page gets
 * an identity `__name`.
 */
const KEEP_NAMES_SHIM = 'globalThis.__name ??= (target) => target;';

/** Installed before any page script: stamps `window.__benchReadyAt` the first time ready holds. */
function readinessProbe(check: string): string {
  return `${KEEP_NAMES_SHIM}
  (() => {
    const ready = () => { try { return ${check}; } catch { return false; } };
    const stamp = () => {
      if (window.__benchReadyAt !== undefined || !ready()) return false;
      window.__benchReadyAt = performance.now();
      return true;
    };
    const observer = new MutationObserver(() => { if (stamp()) observer.disconnect(); });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    // Readiness may also hinge on a global being set, which no mutation reports.
    const poll = () => { if (!stamp() && window.__benchReadyAt === undefined) requestAnimationFrame(poll); else observer.disconnect(); };
    requestAnimationFrame(poll);
  })();`;
}

/** Gzipped size of a served file, read from the directory the server serves. */
function servedGzipBytes(root: string, url: string): { path: string; gzipBytes: number } | undefined {
  const path = decodeURIComponent(new URL(url).pathname);
  const file = normalize(join(root, path));
  if (!file.startsWith(root) || !existsSync(file)) return undefined;
  return { path, gzipBytes: gzipSize(readFileSync(file)) };
}

/**
 * Loads a page cold and waits until it is ready; counts the JavaScript requested before that.
 * @param root - the directory the server serves, to size the scripts exactly as built
 */
export async function loadPage(
  browser: Browser,
  url: string,
  kind: PageKind,
  root: string,
  options: { timeoutMs?: number; tracePath?: string } = {},
): Promise<PageLoad> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    const requests: { url: string; startedAt: number }[] = [];
    // Context-level: requests made by dedicated workers (the layout worker) are reported here too.
    context.on('requestfinished', (request) => {
      const type = request.resourceType();
      if (type === 'script' || request.url().endsWith('.js') || request.url().endsWith('.mjs')) {
        requests.push({ url: request.url(), startedAt: request.timing().startTime });
      }
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.addInitScript(readinessProbe(READY_CHECKS[kind]));
    if (options.tracePath) await browser.startTracing(page, { path: options.tracePath, screenshots: false });
    await page.goto(url);
    await page
      .waitForFunction(() => (window as { __benchReadyAt?: number }).__benchReadyAt !== undefined, null, { timeout: timeoutMs })
      .catch((error: unknown) => {
        throw new Error(`${kind} page never became ready: ${String(error)}; page errors: ${errors.join(' | ') || 'none'}`);
      });
    const { readyAt, origin, layoutMs } = await page.evaluate(() => ({
      readyAt: (window as { __benchReadyAt?: number }).__benchReadyAt as number,
      origin: performance.timeOrigin,
      layoutMs: (window as { __chartStats?: { lastDurationMs?: number } }).__chartStats?.lastDurationMs,
    }));
    if (options.tracePath) await browser.stopTracing();
    const readyEpoch = origin + readyAt;
    const scripts = requests
      .filter((request) => request.startedAt <= readyEpoch)
      .map((request) => servedGzipBytes(root, request.url))
      .filter((script): script is { path: string; gzipBytes: number } => script !== undefined);
    // Scripts inside the HTML (the VM page carries its entry inline, to open from disk) count too.
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('script:not([src])')].filter((script) => script.getAttribute('type') !== 'importmap').map((script) => script.textContent ?? ''),
    );
    inline.forEach((code, index) => scripts.push({ path: `${new URL(url).pathname}#inline-script-${index + 1}`, gzipBytes: gzipSize(Buffer.from(code)) }));
    const load: PageLoad = { readyMs: readyAt, scripts, jsGzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0) };
    if (layoutMs !== undefined) load.layoutMs = layoutMs;
    return load;
  } finally {
    await context.close();
  }
}

/** The figures of the load rows. */
export interface LoadComparison {
  /** Our ready time ÷ Mermaid's, one per adjacent pair of loads. */
  ratio: Summary;
  /** Our ready time in ms. */
  oursMs: Summary;
  /** Mermaid's ready time in ms. */
  mermaidMs: Summary;
  /** Gzipped JS our page loads before ready, in bytes, per load. */
  oursJsGzip: Summary;
  /** The same for the Mermaid page. */
  mermaidJsGzip: Summary;
  /** How long our page's layout took per load, in ms (part of its ready time). */
  oursLayoutMs: Summary | null;
  /** The scripts of our last load. */
  oursScripts: PageLoad['scripts'];
  /** The scripts of the Mermaid page's last load. */
  mermaidScripts: PageLoad['scripts'];
}

/** Loads our page and the Mermaid page alternately (swapping who goes first) `reps` times each. */
export async function compareLoads(
  browser: Browser,
  ours: { url: string; root: string },
  mermaid: { url: string; root: string },
  reps: number,
  traceDir?: string,
): Promise<LoadComparison> {
  const oursLoads: PageLoad[] = [];
  const mermaidLoads: PageLoad[] = [];
  const ratios: number[] = [];
  // One untimed load of each: the first navigation of a browser pays for its own start-up.
  // (Skipped for a single repetition, which only checks that the code path runs.)
  if (reps > 1) {
    await loadPage(browser, ours.url, 'ours', ours.root);
    await loadPage(browser, mermaid.url, 'mermaid', mermaid.root);
  }
  // Traced loads are extra and untimed: tracing slows the page.
  if (traceDir) {
    await loadPage(browser, ours.url, 'ours', ours.root, { tracePath: join(traceDir, 'load-trace-ours.json') });
    await loadPage(browser, mermaid.url, 'mermaid', mermaid.root, { tracePath: join(traceDir, 'load-trace-mermaid.json') });
  }
  for (let rep = 0; rep < reps; rep++) {
    const oursFirst = rep % 2 === 0;
    const first = oursFirst ? await loadPage(browser, ours.url, 'ours', ours.root) : await loadPage(browser, mermaid.url, 'mermaid', mermaid.root);
    const second = oursFirst ? await loadPage(browser, mermaid.url, 'mermaid', mermaid.root) : await loadPage(browser, ours.url, 'ours', ours.root);
    const [o, m] = oursFirst ? [first, second] : [second, first];
    oursLoads.push(o);
    mermaidLoads.push(m);
    ratios.push(o.readyMs / m.readyMs);
  }
  return {
    ratio: summarize(ratios),
    oursMs: summarize(oursLoads.map((load) => load.readyMs)),
    mermaidMs: summarize(mermaidLoads.map((load) => load.readyMs)),
    oursJsGzip: summarize(oursLoads.map((load) => load.jsGzipBytes)),
    mermaidJsGzip: summarize(mermaidLoads.map((load) => load.jsGzipBytes)),
    oursLayoutMs: oursLoads.every((load) => load.layoutMs !== undefined) ? summarize(oursLoads.map((load) => load.layoutMs as number)) : null,
    oursScripts: oursLoads.at(-1)?.scripts ?? [],
    mermaidScripts: mermaidLoads.at(-1)?.scripts ?? [],
  };
}

/** One run of live updates. */
export interface UpdateRun {
  /** The p95 of send → DOM updated, in ms. */
  p95Ms: number;
  /** Layout computations the events caused. */
  relayouts: number;
  /** Which page handle drove it (`vmPage` or the placeholder's `chartPage`). */
  driver: string;
  /** Events sent and timed (fewer than asked when the time budget ran out). */
  events: number;
}

/**
 * In the page: sends `count` state-changing events one at a time, timers run at once, and times
 * each from `actor.send` until the chart (and, on the VM page, the instance view and the billing
 * badge) show the new state.
 */
async function runUpdates(page: Page, count: number, budgetMs: number): Promise<{ durations: number[]; relayouts: number; driver: string }> {
  return page.evaluate(async ({ count, budgetMs }: { count: number; budgetMs: number }) => {
    type Actor = { send(event: { type: string }): void };
    type Clock = { runUntilIdle?: () => unknown };
    const w = window as unknown as {
      vmPage?: { actor: Actor; clock?: Clock };
      chartPage?: { handle: { actor: Actor } };
      __chartStats?: { layouts: number };
    };
    const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
    // The badge alone: the billing card also holds a meter that ticks every frame.
    const badge = () =>
      (document.querySelector('[data-testid="billing-badge"]') ?? document.querySelector('[data-testid="billing"] .badge') ?? document.querySelector('[data-testid="billing"]'))
        ?.textContent ?? null;
    const active = (id: string) => document.querySelector(`[data-state-id="${id}"]`)?.getAttribute('data-active') === 'true';

    // Each step: the event, the chart state it lands in, the one it leaves, and what the VM
    // page's panels must then say.
    interface Step {
      event: { type: string };
      enters: string;
      leaves: string;
      powerCode?: string;
    }
    let actor: Actor;
    let flush = () => {};
    let steps: Step[];
    let driver: string;
    if (w.vmPage) {
      driver = 'vmPage';
      actor = w.vmPage.actor;
      const clock = w.vmPage.clock;
      if (clock?.runUntilIdle) flush = () => void clock.runUntilIdle?.();
      flush();
      steps = [
        { event: { type: 'vm.deallocate' }, enters: 'vm.exists.power.deallocated', leaves: 'vm.exists.power.running', powerCode: 'PowerState/deallocated' },
        { event: { type: 'vm.start' }, enters: 'vm.exists.power.running', leaves: 'vm.exists.power.deallocated', powerCode: 'PowerState/running' },
      ];
    } else if (w.chartPage) {
      driver = 'chartPage';
      actor = w.chartPage.handle.actor;
      steps = [
        { event: { type: 'kettle.switchOn' }, enters: 'kettle.plugged.power.heating', leaves: 'kettle.plugged.power.off' },
        { event: { type: 'kettle.switchOff' }, enters: 'kettle.plugged.power.off', leaves: 'kettle.plugged.power.heating' },
      ];
    } else {
      throw new Error('the page exposes neither window.vmPage nor window.chartPage');
    }

    const waitUntil = (done: () => boolean, describe: () => string): Promise<number> =>
      new Promise((resolve, reject) => {
        if (done()) {
          resolve(performance.now());
          return;
        }
        let frame = 0;
        const finish = () => {
          observer.disconnect();
          cancelAnimationFrame(frame);
          clearTimeout(timer);
          resolve(performance.now());
        };
        const observer = new MutationObserver(() => done() && finish());
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const poll = () => (done() ? finish() : (frame = requestAnimationFrame(poll)));
        frame = requestAnimationFrame(poll);
        const timer = setTimeout(() => {
          observer.disconnect();
          cancelAnimationFrame(frame);
          reject(new Error(`the page did not show the update within 5 s: ${describe()}`));
        }, 5_000);
      });

    const layoutsBefore = w.__chartStats?.layouts ?? 0;
    const durations: number[] = [];
    const deadline = performance.now() + budgetMs;
    // A page too slow to finish within the budget stops early; the row reports the count done.
    for (let i = 0; i < count && performance.now() < deadline; i++) {
      const step = steps[i % steps.length] as Step;
      const billingBefore = badge();
      const started = performance.now();
      actor.send(step.event);
      flush();
      const done = () => {
        if (!active(step.enters) || active(step.leaves)) return false;
        if (step.powerCode === undefined) return true;
        const view = text('instance-view');
        if (view !== null && !view.includes(step.powerCode)) return false;
        const billing = badge();
        return billing === null || billing !== billingBefore;
      };
      const ended = await waitUntil(done, () => `${step.event.type}: ${step.enters} active=${active(step.enters)}, billing=${badge()}`);
      durations.push(ended - started);
    }
    return { durations, relayouts: (w.__chartStats?.layouts ?? 0) - layoutsBefore, driver };
  }, { count, budgetMs });
}

/** Where {@link measureUpdates} writes the profile of its first run, when asked to. */
export interface UpdateProfileFiles {
  /** A V8 CPU profile of the page's main thread (`.cpuprofile`, read by `cpu-top.ts`). */
  cpuProfile: string;
  /** A Chrome performance trace (`browser.startTracing`), for chrome://tracing or DevTools. */
  trace: string;
}

/**
 * Opens our page once and runs `count` live updates, `reps` times (a fresh page each time).
 * With `profile`, the first run is also profiled (CPU profile and trace), which slows it.
 */
export async function measureUpdates(
  browser: Browser,
  url: string,
  count: number,
  reps: number,
  profile?: UpdateProfileFiles,
  budgetMs = 150_000,
): Promise<{ p95Ms: Summary; relayouts: Summary; runs: UpdateRun[] }> {
  const runs: UpdateRun[] = [];
  // The whole row shares one time budget so a slow page cannot push the run past 10 minutes:
  // later repetitions are skipped (and the first one cut short) when it is spent.
  const deadline = performance.now() + budgetMs;
  for (let rep = 0; rep < reps && (rep === 0 || performance.now() < deadline); rep++) {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(readinessProbe(READY_CHECKS.ours));
      await page.goto(url);
      await page.waitForFunction(() => (window as { __benchReadyAt?: number }).__benchReadyAt !== undefined, null, { timeout: 60_000 });
      const profiling = profile !== undefined && rep === 0;
      const session = profiling ? await context.newCDPSession(page) : undefined;
      if (profiling && session) {
        await session.send('Profiler.enable');
        await session.send('Profiler.setSamplingInterval', { interval: 100 });
        await session.send('Profiler.start');
        await browser.startTracing(page, { path: profile.trace, screenshots: false });
      }
      const { durations, relayouts, driver } = await runUpdates(page, count, Math.max(1_000, deadline - performance.now()));
      if (profiling && session) {
        await browser.stopTracing();
        const { profile: cpu } = await session.send('Profiler.stop');
        writeFileSync(profile.cpuProfile, JSON.stringify(cpu));
      }
      runs.push({ p95Ms: percentile(durations, 95), relayouts, driver, events: durations.length });
    } finally {
      await context.close();
    }
  }
  return { p95Ms: summarize(runs.map((run) => run.p95Ms)), relayouts: summarize(runs.map((run) => run.relayouts)), runs };
}
