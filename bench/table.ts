/**
 * The results as a plain-text table and as the `results.json` shape: each key's median at the top
 * level, the spread and the evidence beside it.
 */
import { RESULT_KEYS, type BenchResults, type Row } from './bench.js';

function figure(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function status(row: Row): string {
  const verdict = row.met === null ? 'reported' : row.met ? 'met' : 'MISSED';
  return row.noisy ? `${verdict}, NOISY (max/min ${figure(row.min > 0 ? row.max / row.min : Infinity)})` : verdict;
}

/** The results as an aligned table, one line per key, with the machine underneath. */
export function formatTable(results: BenchResults): string {
  const header = ['key', 'median', 'min', 'max', 'reps', 'goal', 'status'];
  const lines: string[][] = [header];
  for (const key of RESULT_KEYS) {
    const row = results.rows[key];
    if (!row) {
      lines.push([key, '-', '-', '-', '0', '', 'not run']);
      continue;
    }
    const goal = row.goal.max !== undefined ? `≤ ${figure(row.goal.max)}` : row.goal.min !== undefined ? `≥ ${figure(row.goal.min)}` : '(reported)';
    lines.push([key, figure(row.median), figure(row.min), figure(row.max), String(row.reps), goal, status(row)]);
  }
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  const text = lines.map((line) => line.map((cell, column) => (column === 0 || column === 6 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  text.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  text.push('');
  for (const key of RESULT_KEYS) {
    const row = results.rows[key];
    if (row) text.push(`${key}: ${row.note}`);
  }
  const { machine } = results;
  text.push(
    '',
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemGb} GB, node ${machine.node}, scale ${machine.scale}; ${results.seconds.toFixed(0)} s`,
  );
  return text.join('\n');
}

/** The `results.json` document: the keys' medians first, then rows, details and machine. */
export function toResultsJson(results: BenchResults): Record<string, unknown> {
  const figures: Record<string, number | null> = {};
  for (const key of RESULT_KEYS) figures[key] = results.rows[key]?.median ?? null;
  return { ...figures, rows: results.rows, details: results.details, machine: results.machine, seconds: results.seconds };
}
