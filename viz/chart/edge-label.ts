/**
 * Splits a transition label into lines: the trigger first, then the guard wrapped at its
 * `and`/`or` joints (and within long parameter lists), so long guards make labels taller rather
 * than the chart wider.
 */
import type { ChartEdge } from './chart.types.js';
import { METRICS, type MeasureText } from './metrics.js';

/** Longest guard line, in characters, before it wraps at the next joint. */
const GUARD_LINE_CHARS = 26;

/** One line of a transition label. */
export interface LabelLine {
  /** The text of the line. */
  text: string;
  /** Whether the line belongs to the guard (drawn muted). */
  guard: boolean;
  /** Whether this text continues the previous line (a short guard after its trigger). */
  sameLine?: boolean;
}

/** A guard term longer than this breaks inside its parameter list too. */
const LONG_PARAMS_CHARS = 44;

/** Labels up to this many characters keep the guard on the trigger's line. */
const ONE_LINE_CHARS = 24;

/** The lines of an edge's label. */
export function labelLines(edge: Pick<ChartEdge, 'label' | 'guard'>): LabelLine[] {
  if (!edge.guard) return [{ text: edge.label, guard: false }];
  const trigger = edge.label.slice(0, edge.label.length - edge.guard.length - 3);
  // A short guard such as [isIdle] fits beside its trigger; a line saved on many arrows is a
  // lot of height saved in a layered layout.
  if (edge.label.length <= ONE_LINE_CHARS) {
    return [
      { text: `${trigger} `, guard: false },
      { text: `[${edge.guard}]`, guard: true, sameLine: true },
    ];
  }
  // Break at `and`/`or`, and inside a long parameter list after its commas: guard params such
  // as hasFault(AllocationFailed, InternalOperationError) would otherwise set the label's width.
  const tokens = edge.guard
    .split(/(?= and | or )/)
    .flatMap((token) => (token.length > LONG_PARAMS_CHARS ? token.split(/(?<=, )/) : [token]));
  const lines: string[] = [];
  let current = '';
  for (const token of tokens) {
    if (current && (current + token).length > GUARD_LINE_CHARS) {
      lines.push(current);
      current = token.trimStart();
    } else {
      current += token;
    }
  }
  lines.push(current);
  const last = lines.length - 1;
  return [
    { text: trigger, guard: false },
    ...lines.map((line, index) => ({ text: `${index === 0 ? '[' : '\u2003'}${line}${index === last ? ']' : ''}`, guard: true })),
  ];
}

/** The size a label needs, padding included; several edges stack their lines. */
export function labelSize(
  edges: Pick<ChartEdge, 'label' | 'guard'> | readonly Pick<ChartEdge, 'label' | 'guard'>[],
  measure: MeasureText,
): { width: number; height: number } {
  const lines = joinLines((Array.isArray(edges) ? edges : [edges]).flatMap((edge: Pick<ChartEdge, 'label' | 'guard'>) => labelLines(edge)));
  const width = Math.max(...lines.map((line) => measure(line, METRICS.labelFont)));
  return { width: width + 2 * METRICS.labelPaddingX, height: lines.length * METRICS.labelLineHeight + 3 };
}

/** The text of each visual line, with continued parts joined. */
export function joinLines(lines: readonly LabelLine[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    if (line.sameLine && joined.length > 0) joined[joined.length - 1] += line.text;
    else joined.push(line.text);
  }
  return joined;
}
