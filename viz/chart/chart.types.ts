/**
 * The vocabulary of the live chart: the graph read from a machine, its layout, and the timers
 * a caller can show. Everything here is plain data so it can cross into a Web Worker.
 */

/**
 * The kind of a state node, as XState names it.
 * - `atomic`: a leaf state
 * - `compound`: a state with child states, one active at a time
 * - `parallel`: a state whose children (regions) are all active together
 * - `final`: a state that completes its parent
 * - `history`: a pseudo-state remembering the last active child
 */
export type ChartNodeType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/** One state node of the chart. */
export interface ChartNode {
  /** XState's state node id, for example `vm.exists.power.running`. */
  id: string;
  /** The id of the parent state node; `null` for the machine's root. */
  parent: string | null;
  /** The keys from the root to this state, for `snapshot.matches`. */
  path: string[];
  /** The kind of state node. */
  type: ChartNodeType;
  /** The state's key, shown as its name. */
  label: string;
  /** The state's `description`, shown on hover. */
  description?: string;
  /** The id of the initial child, for compound states. */
  initial?: string;
  /** Whether this node is a region of a parallel state. */
  isRegion: boolean;
  /** Child ids in document order. */
  children: string[];
  /** Whether the state has delayed transitions, so it can show a countdown. */
  timed: boolean;
  /** A second line under the name (a billed mark in the lesson view, say). */
  note?: string;
  /** The state's `meta`, when it is plain data (the lesson view reads `meta.lesson`). */
  meta?: Record<string, unknown>;
}

/**
 * How a transition is triggered.
 * - `event`: an event sent to the actor
 * - `after`: a delay elapsed
 * - `always`: an eventless transition taken as soon as its guard holds
 */
export type ChartEdgeKind = 'event' | 'after' | 'always';

/** One transition of the chart. */
export interface ChartEdge {
  /** Unique within the graph: `<source id>|<event type>|<index among that event's transitions>`. */
  id: string;
  /** The id of the state the transition leaves. */
  source: string;
  /** The ids of the target states; the source itself for a targetless transition. */
  targets: string[];
  /** What triggers the transition. */
  kind: ChartEdgeKind;
  /** XState's event type (`xstate.after.*` for delays, empty for `always`). */
  eventType: string;
  /** The readable label: event, delay or `always`, then the guard in brackets. */
  label: string;
  /** The guard, rendered readably, without brackets. */
  guard?: string;
  /** Whether the transition has no target and only runs actions. */
  targetless: boolean;
  /** The transition's `meta`, when it is plain data (e.g. `{ operation: 'hibernate' }`). */
  meta?: Record<string, unknown>;
}

/** A machine's states and transitions, as plain data. */
export interface ChartGraph {
  /** The machine's id. */
  machineId: string;
  /** The id of the root state node. */
  root: string;
  /** Every state node, parents before their children. */
  nodes: ChartNode[];
  /** Every drawn transition. */
  edges: ChartEdge[];
}

/** A point in chart coordinates. */
export interface ChartPoint {
  /** Horizontal position in pixels. */
  x: number;
  /** Vertical position in pixels. */
  y: number;
}

/** A rectangle in absolute chart coordinates. */
export interface ChartBox extends ChartPoint {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** One routed arrow: a transition to one of its targets, or an initial marker's arrow. */
export interface ChartRoute {
  /** The id of the routed edge (a transition id, or `<parent id>|initial`). */
  edgeId: string;
  /** Every transition this arrow draws: transitions sharing source and target share one arrow. */
  edgeIds: string[];
  /** The target state of this arrow. */
  target: string;
  /** The polyline from source to target, in absolute coordinates. */
  points: ChartPoint[];
  /** Where the label goes, if this arrow carries it. */
  label?: ChartBox & {
    /** The label's text. */
    text: string;
  };
}

/**
 * Which engine produced a layout.
 * - `elk-worker`: elk in a Web Worker
 * - `elk`: elk on the calling thread
 * - `grid`: the deterministic fallback
 */
export type LayoutEngine = 'elk-worker' | 'elk' | 'grid';

/** A complete layout of a chart graph. */
export interface ChartLayout {
  /** Total width in pixels. */
  width: number;
  /** Total height in pixels. */
  height: number;
  /** The box of every state node, by id. */
  nodes: Record<string, ChartBox>;
  /** Initial-state markers (the dot) by the id of the parent whose initial they point to. */
  initialMarkers: Record<string, ChartPoint>;
  /** Routed arrows. */
  routes: ChartRoute[];
  /** The engine that produced the layout. */
  engine: LayoutEngine;
}

/** A pending delayed transition the chart should count down. */
export interface ChartTimer {
  /** The id of the timed state. */
  stateId: string;
  /** When the delay elapses, in the caller's clock (milliseconds). */
  dueAt: number;
  /** The caller's current time, same clock as `dueAt`; defaults to `Date.now()`. */
  now?: number;
  /**
   * The whole delay of the step in progress, in ms: the labels of the state's delayed
   * transitions then show it (a delay that depends on the operation, say) instead of the one
   * resolved when the chart was mounted.
   */
  delay?: number;
}
