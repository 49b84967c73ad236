/**
 * Links that carry a VM's run: its input, the events it received and when, how long it ran, and
 * optionally the past instant the page showed. `?run=` holds them as base64url JSON; opening the
 * link replays them. Everything a link carries is checked before anything runs: a bad link is
 * answered with a message that says what was wrong and where, never a crash. Pure.
 */
import { FAULT_CODES, isFaultCode, OPERATION_EVENT_TYPES, validateInput, VmInputError, type VmEvent, type VmInput } from 'azure-vm-lifecycle';
import { message, type Message } from './i18n/index.js';
import type { Instant, RecordedStep } from './vm-run.js';

/** What a run link carries. */
export interface RunLink {
  /** The VM's input, its `startTime` pinned. */
  input: VmInput;
  /** The events it received, oldest first. */
  steps: RecordedStep[];
  /** How long the run had lasted (simulated ms since the VM's start) when the link was made. */
  end: number;
  /** The past instant the page showed, if it showed one. */
  at?: Instant;
}

/** The answer of {@link decodeRunLink}: the link, or what is wrong with it. */
export type RunLinkResult = { ok: true; link: RunLink } | { ok: false; problem: Message };

/** The only version of the format so far; a later one can still read this one. */
export const RUN_LINK_VERSION = 1;
/** The longest `run=` value read, in characters. */
export const MAX_LINK_LENGTH = 100_000;
/** The most steps a link may carry. */
export const MAX_STEPS = 2_000;
/** The longest run a link may carry: a year of simulated time, in ms. */
export const MAX_RUN_MS = 366 * 24 * 3_600_000;
/** The start instant of a link whose input names none, so that it replays the same everywhere. */
export const DEFAULT_LINK_START = '2025-01-01T00:00:00.000Z';

/** Event types a link may carry: everything the VM accepts from outside. */
export const LINK_EVENT_TYPES: readonly string[] = [...OPERATION_EVENT_TYPES, 'guest.shutdown', 'platform.evict', 'fault.arm', 'fault.clear'];

/** The extra fields each event type may have, and how to check them. */
const EVENT_FIELDS: Readonly<Record<string, Readonly<Record<string, (value: unknown) => Message | null>>>> = {
  'vm.powerOff': { skipShutdown: (value) => (typeof value === 'boolean' ? null : message('link.detail.boolean')) },
  'vm.deallocate': { hibernate: (value) => (typeof value === 'boolean' ? null : message('link.detail.boolean')) },
  'fault.arm': { code: (value) => (isFaultCode(value) ? null : message('link.detail.faultCode', { codes: FAULT_CODES.join(', ') })) },
};

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * The `run=` value for a link: base64url of `{ v, input, steps: [[at, event]…], end, at? }`.
 * @example
 * const value = encodeRunLink({ input: { name: 'web-1', startTime: '2025-01-01T00:00:00.000Z' }, steps: [], end: 115_000 });
 * `${location.pathname}?run=${value}`;
 */
export function encodeRunLink(link: RunLink): string {
  const json: Record<string, unknown> = {
    v: RUN_LINK_VERSION,
    input: link.input,
    steps: link.steps.map((step) => [step.at, step.event]),
    end: link.end,
  };
  if (link.at) json.at = [link.at.at, link.at.step];
  return toBase64Url(JSON.stringify(json));
}

const problem = (path: string, detail: Message): RunLinkResult => ({ ok: false, problem: message('link.problem', { path, detail }) });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isMs = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_RUN_MS;

const msDetail = (): Message => message('link.detail.ms', { max: MAX_RUN_MS });

function checkEvent(value: unknown, path: string): { event: VmEvent } | { error: RunLinkResult } {
  if (!isRecord(value)) return { error: problem(path, message('link.detail.object')) };
  const { type } = value;
  if (typeof type !== 'string' || !LINK_EVENT_TYPES.includes(type)) {
    return { error: problem(`${path}.type`, message('link.detail.eventType', { types: LINK_EVENT_TYPES.join(', ') })) };
  }
  const fields = EVENT_FIELDS[type] ?? {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'type') continue;
    const check = fields[key];
    if (!check) return { error: problem(`${path}.${key}`, message('link.detail.eventKey', { type })) };
    const wrong = check(field);
    if (wrong) return { error: problem(`${path}.${key}`, wrong) };
  }
  if (type === 'fault.arm' && value.code === undefined) {
    return { error: problem(`${path}.code`, message('link.detail.faultCode', { codes: FAULT_CODES.join(', ') })) };
  }
  return { event: value as unknown as VmEvent };
}

/**
 * Reads a `run=` value: checks the encoding, the JSON, the VM's input (with the package's own
 * `validateInput`), every step's time and event, and the instants, before anything runs.
 * @example
 * decodeRunLink('e30'); // { ok: false, problem: { key: 'link.problem', params: { path: 'v', … } } }
 */
export function decodeRunLink(value: string): RunLinkResult {
  if (value.length > MAX_LINK_LENGTH) {
    return { ok: false, problem: message('link.tooLong', { length: value.length, limit: MAX_LINK_LENGTH }) };
  }
  const text = fromBase64Url(value);
  if (text === null) return { ok: false, problem: message('link.notBase64') };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: message('link.notJson', { detail: (error as Error).message }) };
  }
  if (!isRecord(json)) return problem('run', message('link.detail.object'));
  for (const key of Object.keys(json)) {
    if (!['v', 'input', 'steps', 'end', 'at'].includes(key)) return problem(key, message('link.detail.unknownKey', { keys: 'v, input, steps, end, at' }));
  }
  if (json.v !== RUN_LINK_VERSION) return problem('v', message('link.detail.version', { version: RUN_LINK_VERSION }));

  if (!isRecord(json.input)) return problem('input', message('link.detail.object'));
  const input = { ...json.input } as VmInput;
  input.startTime ??= DEFAULT_LINK_START;
  try {
    validateInput(input);
  } catch (error) {
    if (!(error instanceof VmInputError)) throw error;
    return problem(`input.${error.option}`, message('link.detail.input', { detail: error.message }));
  }

  if (!Array.isArray(json.steps)) return problem('steps', message('link.detail.array'));
  if (json.steps.length > MAX_STEPS) return problem('steps', message('link.detail.tooMany', { limit: MAX_STEPS }));
  const steps: RecordedStep[] = [];
  for (const [index, pair] of (json.steps as unknown[]).entries()) {
    const path = `steps[${index}]`;
    if (!Array.isArray(pair) || pair.length !== 2) return problem(path, message('link.detail.pair'));
    const [at, event] = pair as [unknown, unknown];
    if (!isMs(at)) return problem(`${path}[0]`, msDetail());
    const previous = steps[index - 1];
    if (previous && at < previous.at) return problem(`${path}[0]`, message('link.detail.backwards', { previous: previous.at }));
    const checked = checkEvent(event, `${path}[1]`);
    if ('error' in checked) return checked.error;
    steps.push({ at, event: checked.event });
  }

  const lastAt = steps[steps.length - 1]?.at ?? 0;
  if (!isMs(json.end)) return problem('end', msDetail());
  if (json.end < lastAt) return problem('end', message('link.detail.endBeforeStep', { last: lastAt }));
  const link: RunLink = { input, steps, end: json.end };

  if (json.at !== undefined) {
    const pair = json.at;
    if (!Array.isArray(pair) || pair.length !== 2 || !isMs(pair[0]) || !Number.isInteger(pair[1]) || (pair[1] as number) < 0) {
      return problem('at', message('link.detail.instant'));
    }
    const instant: Instant = { at: pair[0] as number, step: pair[1] as number };
    const before = steps[instant.step - 1]?.at ?? 0;
    const next = steps[instant.step]?.at ?? json.end;
    if (instant.step > steps.length || instant.at < before || instant.at > next) {
      return problem('at', message('link.detail.instantOutside', { steps: steps.length, end: json.end }));
    }
    link.at = instant;
  }
  return { ok: true, link };
}
