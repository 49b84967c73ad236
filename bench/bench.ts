/**
 * The whole benchmark as one function: every row measured against its baseline in the same run,
 * scaled down for the smoke test, returning the figures `run.ts` prints and writes.
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/browser/chromium.js';
import { servePage, type PageServer } from '../test/browser/page-server.js';
import { compareLoads, measureUpdates, type LoadComparison } from './browser-rows.js';
import { measurePersist, measureRps, measureSdkLifecycle, type PersistResult, type RpsResult } from './emulator-rows.js';
import { measureEventCost, type EventCostResult } from './event-cost.js';
import { measureFleetMemory, type FleetMemoryResult } from './fleet-memory.js';
import { measureLibrarySize, type LibrarySizeResult } from './library-size.js';
import { measureSharedClock, type SharedClockResult } from './shared-clock.js';
import { buildMermaidPage, buildOurPage } from './pages.js';
import { BENCH_OUT } from './paths.js';
import { median, summarize, type Summary } from './stats.js';

/** The keys of `results.json`, in the order the table shows them. */
export const RESULT_KEYS = [
  'event_cost_vs_floor',
  'event_cost_ratio',
  'shared_clock_ratio',
  'fleet_memory_ratio',
  'fleet_100k_heap_mb',
  'chart_ready_ratio',
  'chart_ready_lesson_ratio',
  'update_p95_ms',
  'relayouts_on_state_change',
  'page_initial_js_gz_kb',
  'mermaid_js_gz_kb',
  'library_entry_gz_kb',
  'emulator_rps_ratio',
  'sdk_lifecycle_step_ms',
  'persist_ops_ratio',
] as const;

/** One key of `results.json`. */
export type ResultKey = (typeof RESULT_KEYS)[number];

/** Names that select several rows at once (`BENCH_ROWS=emulator`). */
export const ROW_GROUPS: Readonly<Record<string, readonly ResultKey[]>> = {
  machine: ['event_cost_vs_floor', 'event_cost_ratio', 'shared_clock_ratio', 'library_entry_gz_kb'],
  browser: ['chart_ready_ratio', 'chart_ready_lesson_ratio', 'update_p95_ms', 'relayouts_on_state_change', 'page_initial_js_gz_kb', 'mermaid_js_gz_kb'],
  emulator: ['emulator_rps_ratio', 'sdk_lifecycle_step_ms', 'persist_ops_ratio'],
  fleet: ['fleet_memory_ratio', 'fleet_100k_heap_mb'],
};

/**
 * The rows a comma-separated list names (`emulator_rps_ratio,fleet`): row keys and group names;
 * an empty list is every row.
 * @throws RangeError naming the unknown entry and the valid ones
 */
export function selectRows(list: string | undefined): Set<ResultKey> {
  const names = (list ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) return new Set(RESULT_KEYS);
  const selected = new Set<ResultKey>();
  for (const name of names) {
    const group = ROW_GROUPS[name];
    if (group) for (const key of group) selected.add(key);
    else if ((RESULT_KEYS as readonly string[]).includes(name)) selected.add(name as ResultKey);
    else {
      throw new RangeError(`Unknown bench row '${name}': expected row keys (${RESULT_KEYS.join(', ')}) or groups (${Object.keys(ROW_GROUPS).join(', ')}), separated by commas.`);
    }
  }
  return selected;
}

/** A goal: the figure must be at most `max` (or at least `min`); neither means reported only. */
export interface Goal {
  /** The largest figure that meets the goal. */
  max?: number;
  /** The smallest figure that meets the goal. */
  min?: number;
}

/** The goals. */
export const GOALS: Readonly<Record<ResultKey, Goal>> = {
  event_cost_vs_floor: { max: 1.5 },
  event_cost_ratio: { max: 7 },
  shared_clock_ratio: { max: 1.5 },
  fleet_memory_ratio: { max: 2 },
  fleet_100k_heap_mb: { max: 1_000 },
  chart_ready_ratio: { max: 0.5 },
  chart_ready_lesson_ratio: { max: 0.5 },
  update_p95_ms: { max: 4 },
  relayouts_on_state_change: { max: 0 },
  page_initial_js_gz_kb: { max: 100 },
  mermaid_js_gz_kb: {},
  library_entry_gz_kb: { max: 10 },
  emulator_rps_ratio: { min: 0.6 },
  sdk_lifecycle_step_ms: { max: 50 },
  persist_ops_ratio: { min: 0.5 },
};

/** One measured row. */
export interface Row extends Summary {
  /** The row's goal. */
  goal: Goal;
  /** Whether the median meets the goal (`null` when there is none). */
  met: boolean | null;
  /** What the figure is and what it was measured against, in a few words. */
  note: string;
}

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Multiplies every count (events, actors, loads); 1 is the real benchmark. */
  scale?: number;
  /** Leave out the browser rows (no Chromium). */
  browser?: boolean;
  /** Only these rows (and the measurements behind them); every row by default. */
  rows?: ReadonlySet<ResultKey>;
  /** Profile the first live-update run into `bench/out/` (slows that run; for finding causes). */
  profile?: boolean;
  /** Called with each phase's name as it starts. */
  progress?: (phase: string) => void;
}

/** Everything one run measured. */
export interface BenchResults {
  /** The rows by key (absent when the row was left out). */
  rows: Partial<Record<ResultKey, Row>>;
  /** The raw measurements behind the rows: per-machine figures, scripts, module sizes. */
  details: {
    eventCost?: EventCostResult;
    fleetMemory?: FleetMemoryResult;
    sharedClock?: SharedClockResult;
    librarySize?: LibrarySizeResult;
    loads?: LoadComparison;
    lessonLoads?: LoadComparison;
    updates?: Awaited<ReturnType<typeof measureUpdates>>;
    emulatorRps?: RpsResult;
    sdkLifecycleMs?: number[];
    persist?: PersistResult;
  };
  /** The machine it ran on. */
  machine: { cpus: number; cpuModel: string; totalMemGb: number; node: string; scale: number };
  /** Wall time of the run, in seconds. */
  seconds: number;
}

const KB = 1_000;

function row(summary: Summary, key: ResultKey, note: string): Row {
  const goal = GOALS[key];
  const met = goal.max !== undefined ? summary.median <= goal.max : goal.min !== undefined ? summary.median >= goal.min : null;
  return { ...summary, goal, met, note };
}

function scaled(count: number, scale: number, least = 1): number {
  return Math.max(least, Math.round(count * scale));
}

/** A summary of bytes as kB (1 kB = 1 000 bytes, as Vite reports sizes). */
function kb(summary: Summary): Summary {
  return { ...summary, median: summary.median / KB, min: summary.min / KB, max: summary.max / KB };
}

/**
 * Runs every row. With `scale` 1: 6 000 events × 15 alternating batches, 3 alternating runs of
 * 16 000 VMs on one clock and one at a time, 3 alternating fleets of 100 000 actors, 7 alternating
 * cold loads of each page, 3 × 1 000 live updates.
 */
export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const scale = options.scale ?? 1;
  const progress = options.progress ?? (() => {});
  const started = performance.now();
  const rows: BenchResults['rows'] = {};
  const details: BenchResults['details'] = {};
  const wanted = options.rows ?? new Set(RESULT_KEYS);
  const any = (...keys: ResultKey[]) => keys.some((key) => wanted.has(key));

  if (any('event_cost_vs_floor', 'event_cost_ratio')) {
    progress('event cost');
    const eventCost = measureEventCost({
      eventsPerBatch: scaled(6_000, scale, 6),
      batches: scaled(15, scale, 1),
      warmupBatches: scaled(3, scale, 1),
    });
    details.eventCost = eventCost;
    const { vm, baseline, floor } = eventCost.work;
    const work = (w: typeof vm) => `${w.microsteps.toFixed(1)} microsteps, ${w.events.toFixed(1)} events, ${w.assigns.toFixed(1)} assigns`;
    rows.event_cost_vs_floor = row(
      eventCost.vsFloor,
      'event_cost_vs_floor',
      `vmMachine ÷ the floor machine (2 nested parallel regions, one event moves both, an after timer raises one event, 2 assigns), ` +
        `same operation cycle on a VirtualClock, rotating batches; per operation: VM ${work(vm)}; floor ${work(floor)}`,
    );
    rows.event_cost_ratio = row(
      eventCost.ratio,
      'event_cost_ratio',
      // The work XState does per sent event explains most of the ratio: say it beside the figure.
      `vmMachine ns/event ÷ 2-region parallel machine, alternating batches; XState work per sent event: ` +
        `${vm.microsteps.toFixed(1)} microsteps and ${vm.events.toFixed(1)} processed events (timers, raised events) ` +
        `against ${baseline.microsteps.toFixed(1)} and ${baseline.events.toFixed(1)}`,
    );
  }

  if (any('shared_clock_ratio')) {
    progress('shared clock');
    const sharedClock = measureSharedClock({ actors: scaled(16_000, scale, 10), reps: scaled(3, scale, 1) });
    details.sharedClock = sharedClock;
    rows.shared_clock_ratio = row(
      sharedClock.ratio,
      'shared_clock_ratio',
      `ns per fired timer, ${sharedClock.actors} VMs on one VirtualClock (${sharedClock.peakPending} timers pending) ÷ each VM alone on its clock, ` +
        `alternating; the clock alone, ${sharedClock.actors} timers pending ÷ 1: ${sharedClock.clockOnlyRatio.median.toFixed(1)} (binary heap, O(log n))`,
    );
  }

  if (any('library_entry_gz_kb')) {
    progress('library size');
    const librarySize = await measureLibrarySize();
    details.librarySize = librarySize;
    rows.library_entry_gz_kb = row(
      summarize([librarySize.gzipBytes / KB]),
      'library_entry_gz_kb',
      'machines/index.ts bundled by Vite, minified by esbuild, xstate external, gzip -9 (deterministic: 1 build)',
    );
  }

  if (options.browser !== false && any(...ROW_GROUPS.browser!)) {
    progress('browser: building pages');
    const [ourDir, mermaidDir] = [await buildOurPage(), await buildMermaidPage()];
    const servers: PageServer[] = [];
    let browser: Browser | undefined;
    try {
      const ours = await servePage(ourDir);
      servers.push(ours);
      const mermaid = await servePage(mermaidDir);
      servers.push(mermaid);
      browser = await launchChromium();
      progress('browser: cold loads');
      const loads = await compareLoads(
        browser,
        { url: `${ours.url}index.html?view=full`, root: ourDir },
        { url: `${mermaid.url}index.html`, root: mermaidDir },
        scaled(7, scale, 1),
        options.profile ? BENCH_OUT : undefined,
      );
      details.loads = loads;
      rows.chart_ready_ratio = row(loads.ratio, 'chart_ready_ratio', 'our page in the full view (?view=full): navigation → chart interactive ÷ Mermaid page → SVG drawn, alternating cold loads');
      progress('browser: cold loads, lesson view');
      // The page's default view: the lesson, laid out at build time like the full one.
      const lessonLoads = await compareLoads(
        browser,
        { url: `${ours.url}index.html`, root: ourDir },
        { url: `${mermaid.url}index.html`, root: mermaidDir },
        scaled(7, scale, 1),
      );
      details.lessonLoads = lessonLoads;
      rows.chart_ready_lesson_ratio = row(
        lessonLoads.ratio,
        'chart_ready_lesson_ratio',
        'our page as it opens (the lesson view): navigation → chart interactive ÷ Mermaid page → SVG drawn, alternating cold loads',
      );
      rows.page_initial_js_gz_kb = row(kb(loads.oursJsGzip), 'page_initial_js_gz_kb', 'scripts (page + workers) requested before ready, gzip -9');
      rows.mermaid_js_gz_kb = row(kb(loads.mermaidJsGzip), 'mermaid_js_gz_kb', 'the same for the Mermaid page');
      progress('browser: live updates');
      const profile = options.profile
        ? { cpuProfile: join(BENCH_OUT, 'update.cpuprofile'), trace: join(BENCH_OUT, 'update-trace.json') }
        : undefined;
      const updates = await measureUpdates(browser, `${ours.url}index.html`, scaled(1_000, scale, 4), scaled(3, scale, 1), profile);
      details.updates = updates;
      const sent = updates.runs.map((run) => run.events).join('/');
      rows.update_p95_ms = row(updates.p95Ms, 'update_p95_ms', `actor.send → DOM shows it, p95 per run; events per run ${sent} of ${scaled(1_000, scale, 4)} (${updates.runs[0]?.driver ?? '?'})`);
      rows.relayouts_on_state_change = row(updates.relayouts, 'relayouts_on_state_change', 'window.__chartStats.layouts after − before, per run');
    } finally {
      await browser?.close();
      for (const server of servers) await server.close();
    }
  }

  if (any('emulator_rps_ratio')) {
    progress('emulator: request rate');
    const seconds = Math.max(0.2, 10 * scale);
    const rps = await measureRps(50, seconds, scaled(3, scale, 1));
    details.emulatorRps = rps;
    rows.emulator_rps_ratio = row(
      summarize(rps.ratios),
      'emulator_rps_ratio',
      `GET …/instanceView, 50 keep-alive connections, ${seconds} s of load on each per repetition in alternating 1 s slices, emulator ÷ bare node:http with the same JSON, each in its own process; ` +
        `emulator ${Math.round(Math.min(...rps.emulatorRps))}–${Math.round(Math.max(...rps.emulatorRps))} req/s, bare ${Math.round(Math.min(...rps.bareRps))}–${Math.round(Math.max(...rps.bareRps))} req/s, ${rps.errors} errors; ` +
        // CPU time per request is what the ratio would be on an idle machine: it does not depend on how others load the cores.
        `CPU per request: emulator ${Math.round(median(rps.emulatorCpuUs))} µs, bare ${Math.round(median(rps.bareCpuUs))} µs (bare ÷ emulator ${median(rps.cpuRatios).toFixed(2)}, ` +
        `${Math.min(...rps.cpuRatios).toFixed(2)}–${Math.max(...rps.cpuRatios).toFixed(2)})`,
    );
  }

  if (any('sdk_lifecycle_step_ms')) {
    progress('emulator: SDK lifecycle');
    const lifecycle = await measureSdkLifecycle(scaled(20, scale, 2));
    details.sdkLifecycleMs = lifecycle;
    rows.sdk_lifecycle_step_ms = row(
      summarize(lifecycle),
      'sdk_lifecycle_step_ms',
      '@azure/arm-compute 24.1: create, get, instanceView, powerOff, start, hibernate, a 409, start, restart, delete; step clock, polling interval 0',
    );
  }

  if (any('persist_ops_ratio')) {
    progress('emulator: persistence');
    const persist = await measurePersist(20, Math.max(0.2, 5 * scale), scaled(3, scale, 1));
    details.persist = persist;
    rows.persist_ops_ratio = row(
      summarize(persist.ratios),
      'persist_ops_ratio',
      `accepted operations/s (powerOff/start alternating on 20 VMs, instant clock) with --data (SQLite, WAL) ÷ in memory, alternating; ` +
        `--data ${Math.round(Math.min(...persist.durableOps))}–${Math.round(Math.max(...persist.durableOps))}/s, memory ${Math.round(Math.min(...persist.memoryOps))}–${Math.round(Math.max(...persist.memoryOps))}/s`,
    );
  }

  // Last: a 100 000-actor fleet leaves the heap large, which would tax the rows after it.
  if (any('fleet_memory_ratio', 'fleet_100k_heap_mb')) {
    progress('fleet memory');
    const fleet = measureFleetMemory({ actors: scaled(100_000, scale, 10), reps: scaled(3, scale, 1) });
    details.fleetMemory = fleet;
    rows.fleet_memory_ratio = row(fleet.ratio, 'fleet_memory_ratio', `retained heap per actor, ${fleet.actors} vmMachine ÷ as many 2-region actors, ABAB`);
    rows.fleet_100k_heap_mb = row(fleet.vmFleetMb, 'fleet_100k_heap_mb', `retained heap of ${fleet.actors} started VM actors, ${fleet.pendingTimersPerFleet} timers pending`);
  }

  const cpuList = cpus();
  return {
    rows,
    details,
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
      totalMemGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      scale,
    },
    seconds: (performance.now() - started) / 1_000,
  };
}
