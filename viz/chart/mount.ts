/**
 * Mounts a live chart of any XState 5 machine or running actor into an element.
 */
import { createActor, type AnyActorRef, type AnyStateMachine, type InspectionEvent, type Subscription } from 'xstate';
import type { ChartGraph, ChartLayout, ChartTimer } from './chart.types.js';
import { edgeIdOf, toChartGraph } from './graph.js';
import { actorDelayResolver } from './delays.js';
import { layoutGraph, layoutStats, type LayoutGraphOptions, type LayoutStats } from './layout.js';
import { layoutFitsGraph } from './layout-fit.js';
import { activeStateIds, flashEdges, showActive, showTimers, type MatchableSnapshot } from './live.js';
import { FONT_FAMILY, type MeasureText } from './metrics.js';
import { renderChart, type ChartView } from './render.js';

/** Options of {@link mountChart}: give a `machine` or a running `actor`. */
export interface MountChartOptions {
  /** The machine to draw; an actor is created (with `input`) and started for it. */
  machine?: AnyStateMachine;
  /** A running (or startable) actor of a state machine; the chart follows it. */
  actor?: AnyActorRef;
  /** Input for the actor created from `machine`. */
  input?: unknown;
  /** Where and how the layout is computed (once per machine and set of labels). */
  layout?: Omit<LayoutGraphOptions, 'measure'>;
  /**
   * A layout of this machine computed ahead of time (at build time, say), drawn as is when it
   * fits the machine's graph (same states, transitions and labels); otherwise ignored and the
   * layout computed, which loads elk only then.
   */
  precomputed?: ChartLayout;
  /**
   * The clock countdowns read, in the same unit and origin as the timers' `dueAt` (for a
   * simulated clock); without it, countdowns run on `Date.now()` from each timer's `now`.
   */
  now?: () => number;
}

/** Counters a benchmark reads to prove state changes cost no layout. */
export interface ChartStats {
  /** Layouts computed for this chart: 1, or 0 when another chart of the machine computed it or a precomputed one fit. */
  layouts: number;
  /** Live updates applied (snapshots shown). */
  updates: number;
  /** Transitions flashed. */
  flashes: number;
}

/** The handle {@link mountChart} returns. */
export interface ChartHandle {
  /** Resolves once the chart is drawn and shows the actor's current state. */
  ready: Promise<void>;
  /** The actor the chart follows (created from `machine` when no actor was given). */
  actor: AnyActorRef;
  /** The machine's states and transitions. */
  graph: ChartGraph;
  /** The layout, once ready. */
  readonly layout: ChartLayout | undefined;
  /** This chart's counters. */
  readonly stats: Readonly<ChartStats>;
  /** Shows a snapshot (the actor's current one by default); never lays out again. */
  update(snapshot?: MatchableSnapshot): void;
  /** Shows countdowns in timed states; an empty list clears them. */
  setTimers(timers: readonly ChartTimer[]): void;
  /**
   * Follows another running actor of the same machine, keeping the drawing (no new layout).
   * Delay labels keep the durations resolved for the first actor.
   * @throws TypeError when the actor runs a different machine
   */
  attach(actor: AnyActorRef): void;
  /** Removes the chart, stops listening, and stops the actor if the chart created it. */
  destroy(): void;
}

declare global {
  interface Window {
    /** Layout counters of every chart on the page, for benchmarks. */
    __chartStats?: LayoutStats;
  }
}

// Per machine, then per label text: labels of delays resolved from an actor's context can differ.
const layouts = new WeakMap<AnyStateMachine, Map<string, Promise<ChartLayout>>>();
// Marks the drawing (`data-layout-source`), so a page can tell a build-time layout from its own.
const precomputedLayouts = new WeakSet<ChartLayout>();

/**
 * Draws any XState 5 machine or running actor into `element` and keeps it live through XState's
 * inspection API: active states highlighted, transitions flashing as they are taken.
 * The layout is computed once per machine (off the main thread when possible), or taken from
 * `options.precomputed` when that fits the machine, in which case elk is never loaded.
 * @example
 * import { createActor } from 'xstate';
 * import { mountChart } from 'azure-vm-lifecycle/viz';
 *
 * const actor = createActor(vmMachine, { input }).start();
 * const chart = mountChart(document.querySelector('#chart')!, { actor });
 * await chart.ready;
 * actor.send({ type: 'vm.start' }); // the chart follows
 * chart.setTimers([{ stateId: 'vm.exists.power.starting', dueAt: Date.now() + 30_000 }]);
 */
export function mountChart(element: Element, options: MountChartOptions): ChartHandle {
  const given = options.actor;
  // `logic` is on XState's Actor class, not on the ActorRef interface.
  const machine = ((given as { logic?: unknown } | undefined)?.logic ?? options.machine) as AnyStateMachine | undefined;
  if (!machine || !('root' in machine)) {
    throw new TypeError('mountChart needs a state machine or an actor of one (options.machine or options.actor)');
  }
  const graph = toChartGraph(machine, { resolveDelay: actorDelayResolver(machine, options.actor) });
  const stats: ChartStats = { layouts: 0, updates: 0, flashes: 0 };
  let view: ChartView | undefined;
  let layout: ChartLayout | undefined;
  let destroyed = false;
  let timers: readonly ChartTimer[] = [];
  let clockOffsetMs = 0;
  let ticker: ReturnType<typeof setInterval> | undefined;

  // Set before the actor exists: XState reports inspection events from its constructor on.
  let actor: AnyActorRef | undefined = given;
  const onInspect = (event: InspectionEvent): void => {
    if (destroyed || !view || event.actorRef !== actor) return;
    if (event.type === '@xstate.microstep') {
      const ids = event._transitions.map((transition) => edgeIdOf(transition as unknown as Parameters<typeof edgeIdOf>[0]));
      stats.flashes += flashEdges(view, ids);
    } else if (event.type === '@xstate.snapshot') {
      handle.update(event.snapshot as unknown as MatchableSnapshot);
    }
  };

  let subscription: Subscription | undefined;
  if (given) {
    subscription = given.system.inspect(onInspect) as Subscription | undefined;
  } else {
    actor = createActor(machine, { input: options.input, inspect: onInspect });
    actor.start();
  }
  let liveActor = actor as AnyActorRef;
  let ownsActor = !given;

  const signature = graph.edges.map((edge) => edge.label).join('\n');
  let perMachine = layouts.get(machine);
  if (!perMachine) layouts.set(machine, (perMachine = new Map()));
  let computed = perMachine.get(signature);
  if (!computed) {
    if (options.precomputed && layoutFitsGraph(graph, options.precomputed)) {
      precomputedLayouts.add(options.precomputed);
      computed = Promise.resolve(options.precomputed);
    } else {
      stats.layouts += 1;
      computed = layoutGraph(graph, { ...options.layout, measure: canvasMeasure() });
    }
    perMachine.set(signature, computed);
  }
  if (typeof window !== 'undefined') window.__chartStats = layoutStats;

  const ready = computed.then((result) => {
    if (destroyed) return;
    layout = result;
    view = renderChart(element, graph, result);
    view.svg.setAttribute('data-layout-source', precomputedLayouts.has(result) ? 'precomputed' : 'computed');
    handle.update();
  });

  const readNow = options.now;
  const refreshTimers = (): void => {
    if (view) showTimers(view, timers, readNow ? readNow() - Date.now() : clockOffsetMs);
  };

  const handle: ChartHandle = {
    ready,
    get actor() {
      return liveActor;
    },
    graph,
    get layout() {
      return layout;
    },
    stats,
    update(snapshot) {
      if (!view) return;
      const current = snapshot ?? (liveActor.getSnapshot() as MatchableSnapshot);
      showActive(view, activeStateIds(graph, current));
      stats.updates += 1;
    },
    setTimers(next) {
      timers = next;
      const first = next[0];
      clockOffsetMs = first?.now === undefined ? 0 : first.now - Date.now();
      refreshTimers();
      if (next.length > 0 && ticker === undefined) {
        // A simulated clock may run faster than real time: tick often enough for whole seconds.
        ticker = setInterval(refreshTimers, readNow ? 100 : 250);
      } else if (next.length === 0 && ticker !== undefined) {
        clearInterval(ticker);
        ticker = undefined;
      }
    },
    attach(next) {
      const nextMachine = (next as { logic?: unknown }).logic;
      if (nextMachine !== machine) throw new TypeError('attach needs an actor of the machine the chart draws');
      subscription?.unsubscribe();
      if (ownsActor) liveActor.stop();
      ownsActor = false;
      actor = next;
      liveActor = next;
      subscription = next.system.inspect(onInspect) as Subscription | undefined;
      handle.setTimers([]);
      handle.update();
    },
    destroy() {
      destroyed = true;
      if (ticker !== undefined) clearInterval(ticker);
      subscription?.unsubscribe();
      if (ownsActor) liveActor.stop();
      view?.svg.remove();
      view = undefined;
    },
  };
  return handle;
}

/** Measures with the chart's real font when a canvas exists, so boxes fit their names. */
function canvasMeasure(): MeasureText | undefined {
  if (typeof document === 'undefined') return undefined;
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return undefined;
  return (text, fontSize) => {
    context.font = `500 ${fontSize}px ${FONT_FAMILY}`;
    return Math.ceil(context.measureText(text).width);
  };
}
