/**
 * Human-readable durations: delay labels on arrows and the countdown inside timed states.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Formats a delay for a transition label, in the largest units that keep it exact.
 * @example formatDelay(30_000) // "30 s"; formatDelay(480_000) // "8 min"; formatDelay(90_000) // "1 min 30 s"
 */
export function formatDelay(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return String(ms);
  if (ms === 0) return '0 s';
  if (ms % SECOND !== 0) return ms < SECOND ? `${ms} ms` : `${trimDecimals(ms / SECOND)} s`;
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['h', HOUR], ['min', MINUTE], ['s', SECOND]] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
  }
  return parts.join(' ');
}

/** The state of a countdown at one instant. */
export interface Countdown {
  /** Milliseconds left, never negative. */
  remainingMs: number;
  /** The remaining time as shown in the chart, for example `12 s` or `1 min 05 s`. */
  text: string;
}

/**
 * Computes what a countdown shows at `now`: whole seconds rounded up, so `0 s` appears only once
 * the delay has elapsed.
 * @example countdown(65_000, 0).text // "1 min 05 s"
 */
export function countdown(dueAt: number, now: number): Countdown {
  const remainingMs = Math.max(0, dueAt - now);
  const seconds = Math.ceil(remainingMs / SECOND);
  const minutes = Math.floor(seconds / 60);
  const text =
    minutes === 0 ? `${seconds} s` : `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return { remainingMs, text };
}

function trimDecimals(value: number): string {
  return String(Math.round(value * 100) / 100);
}
