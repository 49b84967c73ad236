/**
 * Lays out a chart graph with elk: in a Web Worker when the browser has one, else on the calling
 * thread, and with {@link gridLayout} when elk fails entirely. Counts every computation.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ChartGraph, ChartLayout } from './chart.types.js';
import { fromElkLayout, toElkGraph, type LayoutArrangement } from './elk-graph.js';
import { gridLayout } from './grid-layout.js';
import { estimateTextWidth, type MeasureText } from './metrics.js';
import type { LayoutRequest, LayoutResponse } from './layout.worker.js';

/** Anything with elk's `layout` method; lets tests substitute a failing engine. */
export interface ElkLike {
  /** Lays out an elk graph. */
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** Options of {@link layoutGraph}. */
export interface LayoutGraphOptions {
  /** Measures label widths; defaults to an estimate that needs no DOM. */
  measure?: MeasureText;
  /**
   * Where elk runs.
   * - `auto` (default): a Web Worker when `Worker` exists, else the calling thread
   * - `worker`: a Web Worker only (falls back like `auto` when it fails)
   * - `main`: the calling thread
   */
  thread?: 'auto' | 'worker' | 'main';
  /** The elk used on the calling thread; defaults to `elkjs/lib/elk.bundled.js`. */
  elk?: ElkLike;
  /** Creates the layout worker; defaults to Vite's bundled `layout.worker.ts`. */
  createWorker?: () => Worker;
  /** Gives up on the worker after this many milliseconds (default 20 000). */
  workerTimeoutMs?: number;
  /** How states are arranged: `layered` (default) or `board` (compact, for a lesson). */
  arrangement?: LayoutArrangement;
}

/** Layout computations so far, in this page or process; live updates must not add to it. */
export interface LayoutStats {
  /** How many layouts were computed. */
  layouts: number;
  /** The engine of the last layout. */
  lastEngine?: ChartLayout['engine'];
  /** How long the last layout took, in milliseconds. */
  lastDurationMs?: number;
  /** Why the last fallback happened, if one did. */
  lastFallbackReason?: string;
}

/** The running totals of {@link layoutGraph}. */
export const layoutStats: LayoutStats = { layouts: 0 };

/**
 * Computes a layout: nested boxes for compound states, parallel regions side by side, routed
 * arrows with label positions. Never rejects: the grid layout is the last resort.
 * @example
 * const layout = await layoutGraph(toChartGraph(machine), { thread: 'main' });
 * layout.nodes['vm.exists']; // { x, y, width, height }
 */
export async function layoutGraph(graph: ChartGraph, options: LayoutGraphOptions = {}): Promise<ChartLayout> {
  const started = now();
  const measure = options.measure ?? estimateTextWidth;
  const input = toElkGraph(graph, measure, options.arrangement);
  const reasons: string[] = [];
  let layout: ChartLayout | undefined;

  const thread = options.thread ?? 'auto';
  if (thread !== 'main' && (options.createWorker || typeof Worker !== 'undefined')) {
    try {
      const laidOut = await layoutInWorker(input, options);
      layout = fromElkLayout(laidOut, 'elk-worker');
    } catch (error) {
      reasons.push(`worker: ${String(error)}`);
    }
  }
  if (!layout) {
    try {
      const elk = options.elk ?? (await defaultElk());
      layout = fromElkLayout(await elk.layout(input), 'elk');
    } catch (error) {
      reasons.push(`elk: ${String(error)}`);
    }
  }
  layout ??= gridLayout(graph, measure);

  layoutStats.layouts += 1;
  layoutStats.lastEngine = layout.engine;
  layoutStats.lastDurationMs = now() - started;
  if (reasons.length > 0) layoutStats.lastFallbackReason = reasons.join('; ');
  return layout;
}

let mainThreadElk: Promise<ElkLike> | undefined;

function defaultElk(): Promise<ElkLike> {
  // Loaded on demand: pages whose worker succeeds never download elk a second time.
  mainThreadElk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return mainThreadElk;
}

interface WorkerChannel {
  worker: Worker;
  pending: Map<number, { resolve: (graph: ElkNode) => void; reject: (error: Error) => void }>;
  broken?: Error;
}

let sharedChannel: WorkerChannel | undefined;
let nextRequestId = 1;

function openChannel(createWorker: () => Worker): WorkerChannel {
  const channel: WorkerChannel = { worker: createWorker(), pending: new Map() };
  channel.worker.onmessage = (message: MessageEvent<LayoutResponse>) => {
    const answer = message.data;
    const request = channel.pending.get(answer.id);
    if (!request) return;
    channel.pending.delete(answer.id);
    if (answer.ok) request.resolve(answer.graph);
    else request.reject(new Error(answer.error));
  };
  channel.worker.onerror = (event: ErrorEvent) => {
    // A worker that cannot load or crashes stays broken; later layouts skip it.
    event.preventDefault();
    channel.broken = new Error(`layout worker failed: ${event.message || 'could not start'}`);
    for (const request of channel.pending.values()) request.reject(channel.broken);
    channel.pending.clear();
  };
  return channel;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
}

function layoutInWorker(graph: ElkNode, options: LayoutGraphOptions): Promise<ElkNode> {
  // A custom worker factory gets its own channel, so tests cannot poison the shared one.
  const channel = options.createWorker ? openChannel(options.createWorker) : (sharedChannel ??= openChannel(defaultWorker));
  if (channel.broken) return Promise.reject(channel.broken);
  const id = nextRequestId++;
  const timeoutMs = options.workerTimeoutMs ?? 20_000;
  return new Promise<ElkNode>((resolve, reject) => {
    const timer = setTimeout(() => {
      channel.pending.delete(id);
      reject(new Error(`layout worker gave no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    channel.pending.set(id, {
      resolve: (laidOut) => {
        clearTimeout(timer);
        resolve(laidOut);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    channel.worker.postMessage({ id, graph } satisfies LayoutRequest);
  }).finally(() => {
    if (options.createWorker) channel.worker.terminate();
  });
}

function now(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}
