/**
 * Live updates of a drawn chart: which states are active, which transitions were just taken,
 * how long timed states have left. Only attributes, classes and countdown text change.
 */
import type { ChartGraph, ChartTimer } from './chart.types.js';
import type { ChartView } from './render.js';
import { countdown } from './countdown.js';

/** What live updates need from a snapshot: XState's `matches`. */
export interface MatchableSnapshot {
  /** Whether the snapshot is in the given state value. */
  matches(value: string | Record<string, unknown>): boolean;
}

/** The ids of the states a snapshot is in, the root included. */
export function activeStateIds(graph: ChartGraph, snapshot: MatchableSnapshot): Set<string> {
  const active = new Set<string>();
  for (const node of graph.nodes) {
    if (node.path.length === 0) {
      active.add(node.id);
      continue;
    }
    // A nested object rather than a dotted string, so keys containing dots still match.
    const value = node.path
      .slice(0, -1)
      .reduceRight<string | Record<string, unknown>>((inner, key) => ({ [key]: inner }), node.path.at(-1) ?? '');
    if (snapshot.matches(value)) active.add(node.id);
  }
  return active;
}

/** Marks exactly the given states active (`data-active="true"`). */
export function showActive(view: ChartView, active: ReadonlySet<string>): void {
  for (const [id, group] of view.states) {
    const value = active.has(id) ? 'true' : 'false';
    if (group.getAttribute('data-active') !== value) group.setAttribute('data-active', value);
  }
}

/**
 * Replays the flash animation on the arrows and labels of the given transitions.
 *
 * An arrow taken again while it still carries `xc-taken` toggles `xc-again`, which swaps in an
 * identical keyframes rule: a changed `animation-name` restarts the animation. Removing and
 * re-adding one class would need a layout read in between, and every read forces the whole
 * page's layout on each microstep.
 */
export function flashEdges(view: ChartView, edgeIds: Iterable<string>): number {
  let flashed = 0;
  for (const id of edgeIds) {
    for (const element of view.edges.get(id) ?? []) {
      if (element.classList.contains('xc-taken')) element.classList.toggle('xc-again');
      else element.classList.add('xc-taken');
      flashed += 1;
    }
  }
  return flashed;
}

/** Writes each timed state's countdown, and clears those without a timer. */
export function showTimers(view: ChartView, timers: readonly ChartTimer[], clockOffsetMs: number): void {
  const due = new Map(timers.map((timer) => [timer.stateId, timer.dueAt]));
  for (const [id, text] of view.countdowns) {
    const dueAt = due.get(id);
    const value = dueAt === undefined ? '' : `${countdown(dueAt, Date.now() + clockOffsetMs).text} left`;
    if (text.textContent !== value) text.textContent = value;
  }
}
