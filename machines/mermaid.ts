/**
 * A statechart as a Mermaid `stateDiagram-v2`, drawn from the machine definition alone
 * (no actor, no snapshot), so documentation can show exactly what the code does.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { formatGuard, type GuardLike } from './guard-text.js';

/** How {@link toMermaid} draws a diagram. */
export interface MermaidOptions {
  /**
   * Where state descriptions go.
   * - `note` (default): a `note right of` the state
   * - `label`: under the state's name, inside its box (Mermaid's `id : text`); composite states, which
   *   Mermaid allows no such text, keep the note
   * - `none`: left out
   */
  descriptions?: 'note' | 'label' | 'none';
  /** The layout direction, Mermaid's `direction`; Mermaid's own default (top to bottom) when absent. */
  direction?: 'TB' | 'BT' | 'LR' | 'RL';
  /** Whether transitions without a target (actions only, no state change) are drawn as self-loops. Default `false`. */
  targetless?: boolean;
}

/** One transition as the diagram draws it. */
interface Edge {
  /** Mermaid id of the source. */
  from: string;
  /** Mermaid id of the target. */
  to: string;
  /** The edge label. */
  label: string;
}

/** The parts of an XState transition definition the diagram reads. */
interface TransitionShape {
  /** The event descriptor (`vm.start`, `xstate.after.…`, `` for `always`). */
  eventType: string;
  /** The resolved targets; absent for a targetless transition. */
  target?: readonly AnyStateNode[] | undefined;
  /** The guard as configured: a name, `{ type, params }`, or a function (inline or higher-order). */
  guard?: unknown;
  /** The delay of an `after` transition: a number of ms or a named delay. */
  delay?: number | string;
}

// Words Mermaid's stateDiagram lexer treats as keywords; an id equal to one gets a trailing `_`.
const RESERVED = new Set(['end', 'state', 'note', 'direction', 'class', 'classdef', 'style', 'as', 'click', 'hide', 'accdescr', 'acctitle']);
const INDENT = '  ';

/**
 * Draws a machine as a Mermaid `stateDiagram-v2`, walking `machine.root`.
 *
 * - every state is declared `state "key" as id`, where id is its path joined by `_` (unique and
 *   valid: other characters become `_`, and a clash gets a numeric suffix)
 * - compound states are `state id { … }` blocks starting `[*] --> initial`; the regions of a
 *   parallel state are separated by `--`; final states end in `id --> [*]`
 * - transitions are labelled with their event type; `after <delay>` for delayed ones (`ms` added
 *   to numbers), `always` for eventless ones, `onDone`/`onError` for done and error events, and a
 *   guard in brackets: `vm.start [isGeneralizedImage]`, `always [in(power.running) && !isSpot]`
 * - wildcard (`*`) transitions are skipped, as are targetless ones unless `targetless` is set
 * - each transition is written in the block of the innermost state containing both ends, so
 *   Mermaid places it there
 * - the root's children are drawn at the top level; the root becomes a box of its own only when
 *   it has transitions itself, which then start from that box
 *
 * @param machine - the machine to draw
 * @param options - how to draw it
 * @returns the diagram text, ending with a newline
 *
 * @example
 * ```ts
 * writeFileSync('docs/vm.mmd', toMermaid(vmMachine, { direction: 'LR' }));
 * ```
 */
export function toMermaid(machine: AnyStateMachine, options: MermaidOptions = {}): string {
  const descriptions = options.descriptions ?? 'note';
  const root = machine.root;
  const rootHasTransitions = collectTransitions(root).some((t) => t.target !== undefined || options.targetless);
  const ids = assignIds(root, machine.id, rootHasTransitions);

  // Group edges by the block that will hold them: the innermost compound/parallel state containing both ends.
  const edgesByScope = new Map<AnyStateNode, Edge[]>();
  for (const node of allNodes(root)) {
    for (const transition of collectTransitions(node)) {
      if (transition.eventType === '*') continue;
      const targets = transition.target ?? (options.targetless ? [node] : []);
      for (const target of targets) {
        const from = ids.get(node);
        const to = ids.get(target);
        if (from === undefined || to === undefined) continue; // the inline root has no box to draw to or from
        const scope = scopeOf(node, target);
        const edges = edgesByScope.get(scope) ?? [];
        edges.push({ from, to, label: transitionLabel(transition, machine.id) });
        edgesByScope.set(scope, edges);
      }
    }
  }

  const lines: string[] = ['stateDiagram-v2'];
  if (options.direction !== undefined) lines.push(`${INDENT}direction ${options.direction}`);
  const body = rootHasTransitions
    ? [`[*] --> ${ids.get(root) ?? ''}`, ...writeState(root, ids, edgesByScope, descriptions)]
    : writeChildren(root, ids, edgesByScope, descriptions);
  lines.push(...body.map((line) => INDENT + line));
  return `${lines.join('\n')}\n`;
}

/** Gives every drawn state a unique, valid Mermaid id: its path joined by `_`. */
function assignIds(root: AnyStateNode, machineId: string, drawRoot: boolean): Map<AnyStateNode, string> {
  const ids = new Map<AnyStateNode, string>();
  const used = new Set<string>();
  for (const node of allNodes(root)) {
    if (node === root && !drawRoot) continue;
    const base = mermaidId(node === root ? [machineId] : node.path);
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n += 1) id = `${base}_${n}`;
    used.add(id.toLowerCase());
    ids.set(node, id);
  }
  return ids;
}

/** Turns a state path into an id Mermaid's lexer reads as one word. */
export function mermaidId(path: readonly string[]): string {
  let id = path.map((key) => key.replace(/[^A-Za-z0-9_]/g, '_')).join('_');
  if (id === '' || /^[0-9]/.test(id)) id = `s_${id}`;
  if (RESERVED.has(id.toLowerCase())) id = `${id}_`;
  return id;
}

/** Writes a state: its declaration and, for compound and parallel states, its block. */
function writeState(
  node: AnyStateNode,
  ids: ReadonlyMap<AnyStateNode, string>,
  edgesByScope: ReadonlyMap<AnyStateNode, Edge[]>,
  descriptions: NonNullable<MermaidOptions['descriptions']>,
): string[] {
  const id = ids.get(node) ?? '';
  const label = node.type === 'history' ? (node.history === 'deep' ? 'H*' : 'H') : node.key;
  const lines = [`state "${escapeMermaidText(label)}" as ${id}`];
  if (node.type === 'compound' || node.type === 'parallel') {
    lines.push(`state ${id} {`, ...writeChildren(node, ids, edgesByScope, descriptions).map((l) => INDENT + l), '}');
  }
  if (node.description !== undefined && node.description !== '') {
    // Mermaid refuses a description on a composite state ("Group nodes can only have label"): those get a note.
    const composite = node.type === 'compound' || node.type === 'parallel';
    if (descriptions === 'label' && !composite) lines.push(`${id} : ${escapeMermaidText(node.description)}`);
    else if (descriptions !== 'none') {
      lines.push(`note right of ${id}`, ...node.description.split('\n').map((l) => INDENT + escapeMermaidText(l)), 'end note');
    }
  }
  return lines;
}

/** Writes the inside of a block: initial arrow, children (regions split by `--`), edges, final arrows. */
function writeChildren(
  node: AnyStateNode,
  ids: ReadonlyMap<AnyStateNode, string>,
  edgesByScope: ReadonlyMap<AnyStateNode, Edge[]>,
  descriptions: NonNullable<MermaidOptions['descriptions']>,
): string[] {
  const children = Object.values(node.states) as AnyStateNode[];
  const edgeLines = (scope: AnyStateNode): string[] =>
    (edgesByScope.get(scope) ?? []).map((e) => `${e.from} --> ${e.to}${e.label === '' ? '' : ` : ${e.label}`}`);
  const lines: string[] = [];

  if (node.type === 'parallel') {
    children.forEach((region, index) => {
      if (index > 0) lines.push('--');
      lines.push(...writeState(region, ids, edgesByScope, descriptions));
    });
    // Edges between regions: Mermaid has no place for them outside a region, so they go after the last one.
    lines.push(...edgeLines(node));
    return lines;
  }

  const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
  const initialId = initial === undefined ? undefined : ids.get(initial);
  if (initialId !== undefined) lines.push(`[*] --> ${initialId}`);
  for (const child of children) lines.push(...writeState(child, ids, edgesByScope, descriptions));
  lines.push(...edgeLines(node));
  for (const child of children) {
    const childId = ids.get(child);
    if (child.type === 'final' && childId !== undefined) lines.push(`${childId} --> [*]`);
  }
  return lines;
}

/** Every transition a state defines, in configuration order, `always` last. */
function collectTransitions(node: AnyStateNode): TransitionShape[] {
  const transitions: TransitionShape[] = [];
  for (const list of node.transitions.values()) transitions.push(...(list as TransitionShape[]));
  transitions.push(...((node.always ?? []) as TransitionShape[]));
  return transitions;
}

/** The label of a transition: its trigger, then its guard in brackets. */
function transitionLabel(transition: TransitionShape, machineId: string): string {
  const trigger =
    transition.delay !== undefined
      ? `after ${typeof transition.delay === 'number' ? `${transition.delay}ms` : transition.delay}`
      : triggerName(transition.eventType);
  const guard = transition.guard === undefined ? '' : ` [${guardText(transition.guard, machineId)}]`;
  return escapeMermaidText(trigger + guard);
}

/**
 * Names the event that triggers a transition, in the words of the machine's configuration:
 * `always` for eventless transitions, `onDone` / `onError <actor>` for XState's done and error
 * events, the event type otherwise.
 */
export function triggerName(eventType: string): string {
  if (eventType === '') return 'always';
  if (eventType.startsWith('xstate.done.state.')) return 'onDone';
  if (eventType.startsWith('xstate.done.actor.')) return `onDone${actorName(eventType.slice('xstate.done.actor.'.length))}`;
  if (eventType.startsWith('xstate.error.actor.')) return `onError${actorName(eventType.slice('xstate.error.actor.'.length))}`;
  return eventType;
}

/** ` (id)` for an invoked actor the author named; nothing for XState's generated ids (`0.order.shipping`). */
function actorName(id: string): string {
  return /^\d+\./.test(id) ? '' : ` (${id})`;
}

/** A guard as text, with the machine's own id left out of `stateIn` paths. */
export function guardText(guard: unknown, machineId = ''): string {
  return formatGuard(guard as GuardLike, machineId);
}

/**
 * Makes text safe on one Mermaid line: `#` starts an entity code, `;` ends a statement, `"` ends a
 * label and a newline ends the line; each becomes Mermaid's `#code;` entity.
 */
export function escapeMermaidText(text: string): string {
  return text.replace(/[#;"\n]/g, (char) => `#${char.charCodeAt(0)};`);
}

/** The block a transition is written in: the innermost state that properly contains both ends. */
function scopeOf(source: AnyStateNode, target: AnyStateNode): AnyStateNode {
  const sourceAncestors = properAncestors(source);
  const targetAncestors = new Set(properAncestors(target));
  return sourceAncestors.find((a) => targetAncestors.has(a)) ?? source.machine.root;
}

/** A state's ancestors, innermost first, without itself. */
function properAncestors(node: AnyStateNode): AnyStateNode[] {
  const ancestors: AnyStateNode[] = [];
  for (let parent = node.parent; parent !== undefined; parent = parent.parent) ancestors.push(parent);
  return ancestors;
}

/** The state and all its descendants, depth first in document order. */
function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...(Object.values(node.states) as AnyStateNode[]).flatMap(allNodes)];
}

export { formatGuard, type GuardLike } from './guard-text.js';
