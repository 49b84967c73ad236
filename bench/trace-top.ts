/**
 * Summarizes a Chrome performance trace (`browser.startTracing`): time and count per event name
 * on the page's main thread, so a report can say how much went to layout, style and script.
 *
 *   node --import tsx bench/trace-top.ts <trace.json> [rows]
 */
import { readFileSync } from 'node:fs';

/** The parts of a trace event read here. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Total ms and count of one event name. */
export interface TraceLine {
  /** The trace event's name (`Layout`, `UpdateLayoutTree`, `FunctionCall`, …). */
  name: string;
  /** Summed duration in ms (nested events count in their parents too). */
  ms: number;
  /** How many there were. */
  count: number;
}

/**
 * Time per event name on the page's threads — the renderer main thread (`CrRendererMain`) and
 * dedicated workers (where the layout runs) — named `thread | event`, largest first.
 */
export function summarizeTrace(events: readonly TraceEvent[], rows = 15): TraceLine[] {
  const threads = new Map<string, string>();
  for (const event of events) {
    const name = event.ph === 'M' && event.name === 'thread_name' ? event.args?.name : undefined;
    if (name === 'CrRendererMain' || name?.startsWith('DedicatedWorker')) threads.set(`${event.pid}:${event.tid}`, name);
  }
  const totals = new Map<string, TraceLine>();
  for (const event of events) {
    const thread = threads.get(`${event.pid}:${event.tid}`);
    if (event.ph !== 'X' || event.dur === undefined || !thread) continue;
    const key = `${thread} | ${event.name}`;
    const line = totals.get(key) ?? { name: key, ms: 0, count: 0 };
    line.ms += event.dur / 1_000;
    line.count += 1;
    totals.set(key, line);
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms).slice(0, rows);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: trace-top.ts <trace.json> [rows]');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  for (const line of summarizeTrace(events, Number(process.argv[3] ?? 15))) {
    process.stdout.write(`${line.ms.toFixed(1).padStart(9)} ms  ${String(line.count).padStart(6)}×  ${line.name}\n`);
  }
}
