/**
 * Mounts a live chart of any XState 5 machine or running actor into an element.
 */
import { createActor, type AnyActorRef, type AnyStateMachine, type InspectionEvent, type Subscription } from 'xstate';
import type { ChartEdge, ChartGraph, ChartLayout, ChartTimer } from './chart.types.js';
import { edgeIdOf, toChartGraph } from './graph.js';
import { actorDelayResolver } from './delays.js';
import { layoutGraph, layoutStats, type LayoutGraphOptions, type LayoutStats } from './layout.js';
import { layoutFitsGraph } from './layout-fit.js';
import { activeStateIds, flashEdges, showActive, showTimers, type MatchableSnapshot } from './live.js';
import { FONT_FAMILY, type MeasureText } from './metrics.js';
import { formatDelay } from './countdown.js';
import { renderChart, type ChartView } from './render.js';
import { rovingGroup, stateItems } from './keyboard.js';
import { toLessonGraph, type LessonGraph, type LessonGraphOptions } from './lesson.js';

/**
 * Which drawing of the machine a chart shows.
 * - `full`: every state and transition, with guards and timed steps as written
 * - `lesson`: the lifecycle as a teacher draws it ({@link toLessonGraph}), laid out compactly
 */
export type ChartViewKind = 'full' | 'lesson';

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
  /** Which drawing to show: `full` (default) or `lesson`. */
  view?: ChartViewKind;
  /** Words and options of the lesson view (state names, notes, operation words). */
  lesson?: LessonGraphOptions;
  /**
   * Called when a reader clicks a transition's label, or presses Enter or Space on it. When
   * given, the labels of event transitions become buttons (`role="button"`, one Tab stop, arrow
   * keys between them).
   */
  onEdgeActivate?: (edge: ChartEdge, label: SVGTextElement) => void;
  /** Which event transitions' labels become buttons when `onEdgeActivate` is given (default: all). */
  edgeActivatable?: (edge: ChartEdge) => boolean;
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
  /** The graph drawn: the machine's states and transitions, or its lesson. */
  graph: ChartGraph;
  /** Which drawing the chart shows. */
  view: ChartViewKind;
  /** Every state and transition of the machine (the same as `graph` in the full view). */
  machineGraph: ChartGraph;
  /** The lesson and how it maps to the machine, in the lesson view. */
  lesson: LessonGraph | undefined;
  /** The id of the drawn state showing a state of the machine (itself in the full view). */
  drawnStateOf(machineStateId: string): string | undefined;
  /**
   * Marks the labels of the transitions leaving the active states: `data-available="true"`
   * when `available(edge)` says it can fire now, `"false"` when it says not; other labels lose
   * the mark. Applied again on every update until replaced.
   */
  markAvailable(available: ((edge: ChartEdge) => boolean | undefined) | null): void;
  /**
   * Highlights (`data-highlight="true"`) the arrows and labels of the transitions leaving the
   * active states that `match` picks; `null` clears the highlight.
   */
  highlight(match: ((edge: ChartEdge) => boolean) | null): void;
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
  const machineGraph = toChartGraph(machine, { resolveDelay: actorDelayResolver(machine, options.actor) });
  const viewKind: ChartViewKind = options.view ?? 'full';
  if (viewKind !== 'full' && viewKind !== 'lesson') throw new TypeError(`mountChart: view must be 'full' or 'lesson', not ${String(viewKind)}`);
  const lesson = viewKind === 'lesson' ? toLessonGraph(machineGraph, options.lesson) : undefined;
  const graph = lesson?.graph ?? machineGraph;
  // Taken transitions of the machine, by the lesson arrow that draws them.
  const drawnEdgesOf = new Map<string, string[]>();
  if (lesson) {
    for (const [drawn, taken] of Object.entries(lesson.transitionsOf)) {
      for (const id of taken) drawnEdgesOf.set(id, [...(drawnEdgesOf.get(id) ?? []), drawn]);
    }
  }
  const toDrawnEdges = (ids: readonly string[]): string[] => (lesson ? ids.flatMap((id) => drawnEdgesOf.get(id) ?? []) : [...ids]);
  const drawnStateOf = (id: string): string | undefined => (lesson ? lesson.lessonOf[id] : id);
  let active = new Set<string>();
  const machineLeaves = new Set(machineGraph.nodes.filter((node) => node.children.length === 0).map((node) => node.id));
  const lessonParent = new Map(graph.nodes.map((node) => [node.id, node.parent]));
  // The lesson states of the active leaves, and their containers: a dissolved compound state
  // (deallocated, say) must not light the lesson state of its initial child.
  const lessonActive = (machineActive: ReadonlySet<string>): Set<string> => {
    const shown = new Set<string>();
    for (const id of machineActive) {
      if (!machineLeaves.has(id)) continue;
      for (let at = lesson?.lessonOf[id] ?? null; at; at = lessonParent.get(at) ?? null) shown.add(at);
    }
    return shown;
  };
  let available: ((edge: ChartEdge) => boolean | undefined) | null = null;
  let highlighted: ((edge: ChartEdge) => boolean) | null = null;
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
      stats.flashes += flashEdges(view, toDrawnEdges(ids));
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

  // The drawing's words size its boxes: a lesson in another language is another layout.
  const signature = [viewKind, ...graph.edges.map((edge) => edge.label), ...(lesson ? graph.nodes.map((node) => `${node.label}|${node.note ?? ''}`) : [])].join('\n');
  let perMachine = layouts.get(machine);
  if (!perMachine) layouts.set(machine, (perMachine = new Map()));
  let computed = perMachine.get(signature);
  if (!computed) {
    if (options.precomputed && layoutFitsGraph(graph, options.precomputed)) {
      precomputedLayouts.add(options.precomputed);
      computed = Promise.resolve(options.precomputed);
    } else {
      stats.layouts += 1;
      computed = layoutGraph(graph, { ...(lesson ? { arrangement: 'board' as const } : {}), ...options.layout, measure: canvasMeasure() });
    }
    perMachine.set(signature, computed);
  }
  if (typeof window !== 'undefined') window.__chartStats = layoutStats;

  const ready = computed.then((result) => {
    if (destroyed) return;
    layout = result;
    view = renderChart(element, graph, result);
    view.svg.setAttribute('data-layout-source', precomputedLayouts.has(result) ? 'precomputed' : 'computed');
    view.svg.setAttribute('data-view', viewKind);
    bindKeyboard(view, result);
    handle.update();
  });

  const readNow = options.now;
  const refreshTimers = (): void => {
    if (!view) return;
    const drawnTimers = lesson ? timers.flatMap((timer) => {
      const stateId = drawnStateOf(timer.stateId);
      return stateId ? [{ ...timer, stateId }] : [];
    }) : timers;
    showTimers(view, drawnTimers, readNow ? readNow() - Date.now() : clockOffsetMs);
  };

  // The trigger text each delayed transition's label was drawn with, to restore it.
  const drawnDelays = new Map<string, string>();
  /** Labels delayed transitions with the delay of the step in progress, where a timer gives it. */
  const showDelays = (): void => {
    if (!view || lesson) return;
    const delays = new Map(timers.flatMap((timer) => (timer.delay === undefined ? [] : [[timer.stateId, timer.delay] as const])));
    for (const edge of graph.edges) {
      if (edge.kind !== 'after') continue;
      const trigger = view.labels.get(edge.id)?.querySelector('.xc-trigger');
      if (!trigger) continue;
      const drawnText = drawnDelays.get(edge.id) ?? trigger.textContent ?? '';
      drawnDelays.set(edge.id, drawnText);
      const delay = delays.get(edge.source);
      const text = delay === undefined ? drawnText : `after ${formatDelay(delay)}${drawnText.endsWith(' ') ? ' ' : ''}`;
      if (trigger.textContent !== text) trigger.textContent = text;
    }
  };

  /** Whether an edge leaves a drawn state that is active now. */
  const leavesActive = (edge: ChartEdge): boolean => active.has(edge.source);
  const refreshMarks = (): void => {
    if (!view) return;
    const lit = new Set<Element>();
    const all = new Set<Element>();
    for (const edge of graph.edges) {
      const label = view.labels.get(edge.id);
      const elements = view.edges.get(edge.id) ?? [];
      const open = leavesActive(edge);
      const mark = open && available ? available(edge) : undefined;
      if (label) {
        if (mark === undefined) label.removeAttribute('data-available');
        else if (label.getAttribute('data-available') !== String(mark)) label.setAttribute('data-available', String(mark));
      }
      if (open && highlighted !== null && highlighted(edge)) for (const drawn of [label, ...elements]) if (drawn) lit.add(drawn);
      for (const drawn of [label, ...elements]) if (drawn) all.add(drawn);
    }
    // An arrow drawing several transitions is lit when any of them is.
    for (const drawn of all) {
      if (lit.has(drawn)) drawn.setAttribute('data-highlight', 'true');
      else if (drawn.hasAttribute('data-highlight')) drawn.removeAttribute('data-highlight');
    }
  };

  function bindKeyboard(drawn: ChartView, layout: ChartLayout): void {
    const leaves = new Set(graph.nodes.filter((node) => node.children.length === 0).map((node) => node.id));
    rovingGroup(stateItems(drawn.states, layout, (id) => leaves.has(id)));
    const activate = options.onEdgeActivate;
    if (!activate) return;
    const edgesById = new Map(graph.edges.map((edge) => [edge.id, edge]));
    const buttons = [];
    for (const route of layout.routes) {
      if (!route.label) continue;
      for (const id of route.edgeIds) {
        const label = drawn.labels.get(id);
        const edge = edgesById.get(id);
        if (!label || !edge || edge.kind !== 'event' || options.edgeActivatable?.(edge) === false) continue;
        label.setAttribute('role', 'button');
        label.setAttribute('aria-label', `${edge.label} (${edge.eventType})`);
        const fire = (): void => activate(edge, label);
        label.addEventListener('click', fire);
        label.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          fire();
        });
        buttons.push({ ...route.label, element: label as SVGElement });
      }
    }
    rovingGroup(buttons);
  }

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
      const machineActive = activeStateIds(machineGraph, current);
      active = lesson ? lessonActive(machineActive) : machineActive;
      showActive(view, active);
      refreshMarks();
      stats.updates += 1;
    },
    view: viewKind,
    machineGraph,
    lesson,
    drawnStateOf,
    markAvailable(next) {
      available = next;
      refreshMarks();
    },
    highlight(match) {
      highlighted = match;
      refreshMarks();
    },
    setTimers(next) {
      timers = next;
      showDelays();
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
