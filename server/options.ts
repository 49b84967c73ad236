/**
 * The emulator's options, the same names for `serve --flag` and `createEmulator({ … })`, checked
 * with a message that says which option was wrong and what it accepts.
 */
import { DEFAULT_DURATIONS, describeValue } from '../machines/index.js';
import { CLOCK_MODES, type ClockMode } from './clocks.js';

/** Options of `createEmulator` and `serve`. */
export interface EmulatorOptions {
  /** The TCP port; 0 picks a free one. Default 4280. */
  port?: number;
  /** The address to listen on. Default `127.0.0.1`; any non-loopback address needs a `token`. */
  host?: string;
  /** Serve TLS with a generated self-signed CA (its certificate is written to a file; see `caPath`). Default false. */
  https?: boolean;
  /** How time passes: `real` (timers at `timeScale`), `step` (each poll advances a step), `instant`. Default `real`. */
  clock?: ClockMode;
  /** In `real` mode, the factor applied to Azure's step durations. Default 0.01. */
  timeScale?: number;
  /** A folder to keep every resource in (SQLite); without it, everything is in memory. */
  data?: string;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** Items per page of a list, beyond which `nextLink` pages. Default 100. */
  pageSize?: number;
  /** Where to write the CA certificate with `https`; default `<data>/tls/ca.pem`, or a new temporary folder. */
  caFile?: string;
  /**
   * Seconds of `Retry-After` to send on accepted operations and on polls of unfinished ones, to
   * test that your code honours it; none by default (the SDK then polls at `updateIntervalInMs`).
   */
  retryAfter?: number;
  /** The folder of the built live page served at `/`; default the package's own `dist-page/`. */
  pageDir?: string;
}

/** The options with every default filled in. */
export interface ResolvedOptions extends Required<Omit<EmulatorOptions, 'data' | 'token' | 'caFile' | 'retryAfter' | 'pageDir'>> {
  data: string | undefined;
  token: string | undefined;
  caFile: string | undefined;
  retryAfter: number | undefined;
  pageDir: string | undefined;
}

/** Thrown for an invalid option; names the option. */
export class EmulatorOptionError extends Error {
  /** The option at fault. */
  readonly option: string;
  constructor(option: string, message: string) {
    super(`Invalid option --${option}: ${message}`);
    this.name = 'EmulatorOptionError';
    this.option = option;
  }
}

/** The longest delay a platform timer keeps (setTimeout fires longer ones at once): no step may be longer. */
const MAX_STEP_MS = 2_147_483_647;

const KEYS = ['port', 'host', 'https', 'clock', 'timeScale', 'data', 'token', 'pageSize', 'caFile', 'retryAfter', 'pageDir'] as const;

/** Checks options and fills in defaults. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  for (const key of Object.keys(options)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new EmulatorOptionError(key, `no such option; the options are ${KEYS.join(', ')}.`);
  }
  const port = options.port ?? 4280;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EmulatorOptionError('port', `expected a whole number from 0 to 65535, got ${describeValue(port)}.`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') throw new EmulatorOptionError('host', 'expected a host name or address.');
  const clock = options.clock ?? 'real';
  if (!CLOCK_MODES.includes(clock)) throw new EmulatorOptionError('clock', `expected one of ${CLOCK_MODES.join(', ')}, got ${describeValue(clock)}.`);
  const timeScale = options.timeScale ?? 0.01;
  if (typeof timeScale !== 'number' || !Number.isFinite(timeScale) || timeScale <= 0) {
    throw new EmulatorOptionError('time-scale', `expected a positive number (1 = Azure's real durations), got ${describeValue(timeScale)}.`);
  }
  const [longest, longestMs] = Object.entries(DEFAULT_DURATIONS).reduce((a, b) => (b[1] > a[1] ? b : a));
  const maxTimeScale = MAX_STEP_MS / longestMs;
  if (timeScale > maxTimeScale) {
    throw new EmulatorOptionError(
      'time-scale',
      `expected at most ${Math.floor(maxTimeScale * 1000) / 1000} (the longest step, ${longest}, ${longestMs} ms in Azure, must stay within a timer's ${MAX_STEP_MS} ms), got ${describeValue(timeScale)}.`,
    );
  }
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new EmulatorOptionError('page-size', `expected a whole number of at least 1, got ${describeValue(pageSize)}.`);
  if (options.token !== undefined && (typeof options.token !== 'string' || options.token.length < 1)) {
    throw new EmulatorOptionError('token', 'expected a non-empty string.');
  }
  if (options.data !== undefined && (typeof options.data !== 'string' || options.data === '')) throw new EmulatorOptionError('data', 'expected a folder path.');
  if (options.pageDir !== undefined && (typeof options.pageDir !== 'string' || options.pageDir === '')) throw new EmulatorOptionError('page-dir', 'expected a folder path.');
  const { retryAfter } = options;
  if (retryAfter !== undefined && (!Number.isInteger(retryAfter) || retryAfter < 0 || retryAfter > 600)) {
    throw new EmulatorOptionError('retry-after', `expected whole seconds from 0 to 600, got ${describeValue(retryAfter)}.`);
  }
  return {
    port,
    host,
    https: options.https === true,
    clock,
    timeScale,
    data: options.data,
    token: options.token,
    pageSize,
    caFile: options.caFile,
    retryAfter,
    pageDir: options.pageDir,
  };
}

/** Reads `serve`'s command-line flags (`--port 0`, `--https`, `--clock=step` …) into options. */
export function parseServeArgs(args: readonly string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  const numbers: Record<string, 'port' | 'timeScale' | 'pageSize' | 'retryAfter'> = { port: 'port', 'time-scale': 'timeScale', 'page-size': 'pageSize', 'retry-after': 'retryAfter' };
  const strings: Record<string, 'host' | 'data' | 'token' | 'caFile' | 'pageDir'> = { host: 'host', data: 'data', token: 'token', 'ca-file': 'caFile', 'page-dir': 'pageDir' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new EmulatorOptionError(arg.replace(/^-+/, ''), `unexpected argument '${arg}'; see serve --help.`);
    const name = match[1]!;
    if (name === 'https') {
      options.https = true;
      continue;
    }
    const known = name in numbers || name in strings || name === 'clock';
    if (!known) throw new EmulatorOptionError(name, 'no such option; see serve --help.');
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new EmulatorOptionError(name, 'expected a value after it.');
    if (name === 'clock') options.clock = value as ClockMode;
    else if (name in numbers) {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) throw new EmulatorOptionError(name, `expected a number, got '${value}'.`);
      options[numbers[name]!] = number;
    } else options[strings[name]!] = value;
  }
  return options;
}

/** `serve --help`. */
export const SERVE_HELP = `Usage: azure-vm-lifecycle serve [options]

A local Azure Compute emulator: @azure/arm-compute and @azure/arm-resources talk to it as to ARM.

Options:
  --port N          TCP port (default 4280; 0 = any free port)
  --host H          address to listen on (default 127.0.0.1; others need --token)
  --https           serve TLS with a generated CA; its certificate's path is printed
  --clock MODE      real (default) | step (each poll advances a step) | instant
  --time-scale F    real mode: factor on Azure's durations (default 0.01)
  --data DIR        keep resources in DIR (SQLite); default: in memory
  --token T         require Authorization: Bearer T on every request
  --page-size N     items per list page before nextLink (default 100)
  --ca-file PATH    where --https writes its CA certificate
  --retry-after S   send Retry-After: S on operations and their polls (default: none)
  --page-dir DIR    serve the live page built in DIR (default: the package's dist-page)
`;
