/**
 * Azure's instance-view JSON in: what Azure (REST, the JS SDK, `listAll`) says about a VM, read
 * back into the vocabulary of the state machine.
 */
import {
  HIBERNATED_STATUS,
  OS_PROVISIONING_STATUS,
  POWER_STATUS,
  POWER_UNKNOWN_CODE,
  PROVISIONING_STATUS,
  RESOURCE_PROVISIONING_STATE,
} from './codes.js';
import { InstanceViewError, describeValue, quote } from './instance-view-errors.js';
import { findJsonError } from './json-error-position.js';
import type { AzureError, OsProvisioningState, PowerState, ProvisioningState } from './vm.types.js';

/** What an instance view says about a VM, in the machine's vocabulary. */
export interface ParsedInstanceView {
  /** The power state; `hibernated` for `PowerState/deallocated` with `HibernationState/Hibernated`, `unknown` without a power status. */
  power: PowerState;
  /** The provisioning state, from the `ProvisioningState/*` status or else the resource's `provisioningState`. */
  provisioning: ProvisioningState;
  /** The OS-provisioning substate, present only with `ProvisioningState/creating/OSProvisioning…`. */
  osProvisioning?: OsProvisioningState;
  /** Whether `HibernationState/Hibernated` was reported (then `power` is `hibernated`). */
  hibernated: boolean;
  /** The error of `ProvisioningState/failed/<code>`: that code and the status's message (`''` without one). */
  error?: AzureError;
  /** The provisioning status's `time` as `Date#toISOString()` (UTC, millisecond precision), if it had one. */
  provisioningTime?: string;
}

type JsonObject = Record<string, unknown>;

/** The power states a `PowerState/*` code names, by its lower-cased suffix. `hibernated` needs a second status. */
const POWER_BY_SUFFIX: ReadonlyMap<string, PowerState> = new Map<string, PowerState>([
  ...(Object.entries(POWER_STATUS) as [PowerState, { code: string }][])
    .filter(([state]) => state !== 'hibernated')
    .map(([state, { code }]): [string, PowerState] => [suffixOf(code), state]),
  [suffixOf(POWER_UNKNOWN_CODE), 'unknown'],
]);

/** The provisioning states a `ProvisioningState/*` code names, by its lower-cased second segment. */
const PROVISIONING_BY_SEGMENT: ReadonlyMap<string, ProvisioningState> = new Map(
  (Object.entries(PROVISIONING_STATUS) as [ProvisioningState, { code: string }][]).map(
    ([state, { code }]): [string, ProvisioningState] => [suffixOf(code), state],
  ),
);

/** The OS-provisioning substates by the lower-cased third segment of `ProvisioningState/creating/…`. */
const OS_PROVISIONING_BY_SEGMENT: ReadonlyMap<string, OsProvisioningState> = new Map(
  (Object.entries(OS_PROVISIONING_STATUS) as [OsProvisioningState, { code: string }][]).map(
    ([state, { code }]): [string, OsProvisioningState] => [suffixOf(code), state],
  ),
);

/** The resource-level `provisioningState` strings, lower-cased. */
const PROVISIONING_BY_RESOURCE_STATE: ReadonlyMap<string, ProvisioningState> = new Map(
  (Object.entries(RESOURCE_PROVISIONING_STATE) as [ProvisioningState, string][]).map(
    ([state, text]): [string, ProvisioningState] => [text.toLowerCase(), state],
  ),
);

const POWER_FAMILY = 'powerstate';
const PROVISIONING_FAMILY = 'provisioningstate';
const HIBERNATION_FAMILY = familyOf(HIBERNATED_STATUS.code);
const LEVELS = ['Info', 'Warning', 'Error'] as const;
// ISO 8601 date-time with an explicit offset: without one, `Date.parse` would read local time.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

const POWER_CODES = [...new Set([...Object.values(POWER_STATUS).map((s) => s.code), POWER_UNKNOWN_CODE])];
const PROVISIONING_CODES = [
  ...Object.values(PROVISIONING_STATUS)
    .filter((s) => s !== PROVISIONING_STATUS.failed)
    .map((s) => s.code),
  ...Object.values(OS_PROVISIONING_STATUS).map((s) => s.code),
  `${PROVISIONING_STATUS.failed.code}/<ErrorCode>`,
];

/**
 * Reads Azure's description of a VM into power and provisioning states.
 *
 * Accepted envelopes (each also as a JSON string of it):
 * - a bare instance view, REST `VirtualMachineInstanceView` (`{ statuses: [...], vmAgent, disks, … }`)
 * - a VM resource from REST (`{ properties: { provisioningState, instanceView: { statuses } } }`), which is
 *   also the shape of a `listAll` item with `statusOnly=true`
 * - the JS SDK's flattened `VirtualMachine` (`{ provisioningState, instanceView: { statuses } }`),
 *   whose status times are `Date`s
 *
 * Strict, because a wrong reading would put the machine in a state Azure never reported:
 * - the document, the instance view and each top-level status must be objects; `statuses` an array
 * - each top-level status: `code` a string; `level`, if given, `Info`, `Warning` or `Error`; `time`, if
 *   given, an ISO 8601 date-time with an offset (or a valid `Date`); `message`, if given, a string
 * - `PowerState/*`, `ProvisioningState/*` and `HibernationState/*` codes must be ones Azure defines;
 *   `ProvisioningState/failed` must carry its error code
 * - at most one power state, exactly one provisioning state (from a status, or else the resource's
 *   `provisioningState`), `HibernationState/Hibernated` only beside `PowerState/deallocated`
 *
 * Lenient, because Azure and its tools really send these:
 * - codes and `level` are compared case-insensitively (`OSProvisioningInprogress`, `osProvisioningComplete`)
 * - status codes of other families (`OSState/generalized`, …) are ignored, as are `displayStatus`
 *   (localizable) and everything outside the top-level `statuses` (`vmAgent`, `disks`, `extensions`
 *   reuse `ProvisioningState/*` codes for themselves, not for the VM)
 * - `null` counts as absent for the optional status fields, as some serializers write it
 * - the same power status twice is read once; the resource's `provisioningState` is not read when a
 *   `ProvisioningState/*` status is present (the status is the more precise of the two)
 * - levels are not checked against codes (`level` is informative; the code decides)
 *
 * `creating` is never returned as the power state: Azure shows no power status while allocating,
 * which reads as `unknown`.
 *
 * @param json - the parsed JSON value, an SDK object, or a JSON string of either
 * @returns the states the view describes
 * @throws {@link InstanceViewError} when the input is none of the accepted shapes; nothing else is thrown
 *
 * @example
 * ```ts
 * const vm = await client.virtualMachines.get(rg, name, { expand: 'instanceView' });
 * const { power, provisioning } = fromInstanceView(vm); // { power: 'running', provisioning: 'succeeded', … }
 * ```
 */
export function fromInstanceView(json: unknown): ParsedInstanceView {
  const document = typeof json === 'string' ? parseJson(json) : json;
  if (!isObject(document)) {
    throw new InstanceViewError(
      '$',
      describeValue(document),
      'an object: an instance view, a VM resource, or a JSON string of either',
    );
  }
  const { view, viewPath, resourceState } = locateInstanceView(document);
  return readStatuses(view, viewPath, resourceState);
}

/** The instance view inside a document, where it was, and the resource's own provisioning state. */
interface Located {
  /** The instance view object. */
  view: JsonObject;
  /** Its JSON path. */
  viewPath: string;
  /** The resource's `provisioningState` and its path, when the document is a resource. */
  resourceState?: { value: unknown; path: string };
}

/** Finds the instance view in any of the accepted envelopes. */
function locateInstanceView(document: JsonObject): Located {
  if (document['statuses'] !== undefined) return { view: document, viewPath: '$' };
  if (document['instanceView'] !== undefined) {
    // The SDK flattens `properties` into the resource object.
    const view = document['instanceView'];
    if (!isObject(view)) throw new InstanceViewError('$.instanceView', describeValue(view), 'an instance view object');
    return { view, viewPath: '$.instanceView', resourceState: resourceState(document, '$') };
  }
  if (document['properties'] !== undefined) {
    const properties = document['properties'];
    if (!isObject(properties)) {
      throw new InstanceViewError('$.properties', describeValue(properties), 'an object (the VM resource\'s properties)');
    }
    const view = properties['instanceView'];
    if (!isObject(view)) {
      throw new InstanceViewError(
        '$.properties.instanceView',
        describeValue(view),
        'an instance view object (GET the VM with $expand=instanceView, or listAll with statusOnly=true)',
      );
    }
    return {
      view,
      viewPath: '$.properties.instanceView',
      resourceState: resourceState(properties, '$.properties'),
    };
  }
  throw new InstanceViewError(
    '$.statuses',
    'undefined',
    'an array of statuses (or a VM resource with properties.instanceView, or an SDK VirtualMachine with instanceView)',
  );
}

/** The resource's `provisioningState`, if it has the key. */
function resourceState(holder: JsonObject, holderPath: string): Located['resourceState'] {
  const value = holder['provisioningState'];
  return value === undefined || value === null ? undefined : { value, path: `${holderPath}.provisioningState` };
}

/** A recognised status, with where it was. */
interface Seen<T> {
  /** What it means. */
  value: T;
  /** Its code as given. */
  code: string;
  /** The JSON path of its `code`. */
  codePath: string;
}

/** Reads the top-level statuses of an instance view. */
function readStatuses(view: JsonObject, viewPath: string, resource: Located['resourceState']): ParsedInstanceView {
  const statusesPath = `${viewPath}.statuses`;
  const statuses = view['statuses'];
  if (!Array.isArray(statuses)) {
    throw new InstanceViewError(statusesPath, describeValue(statuses), 'an array of statuses');
  }

  let power: Seen<PowerState> | undefined;
  let provisioning:
    | Seen<{ state: ProvisioningState; os?: OsProvisioningState; error?: AzureError; time?: string }>
    | undefined;
  let hibernation: Seen<true> | undefined;

  statuses.forEach((status: unknown, index) => {
    const statusPath = `${statusesPath}[${index}]`;
    if (!isObject(status)) {
      throw new InstanceViewError(statusPath, describeValue(status), 'a status object with a "code"');
    }
    const codePath = `${statusPath}.code`;
    const code = status['code'];
    if (typeof code !== 'string') {
      throw new InstanceViewError(codePath, describeValue(code), `a string such as ${quote(POWER_STATUS.running.code)}`);
    }
    checkLevel(status['level'], `${statusPath}.level`);
    const time = readTime(status['time'], `${statusPath}.time`);
    const message = readMessage(status['message'], `${statusPath}.message`);

    const segments = code.split('/');
    const family = (segments[0] ?? '').toLowerCase();
    if (family === POWER_FAMILY) {
      const state = segments.length === 2 ? POWER_BY_SUFFIX.get((segments[1] ?? '').toLowerCase()) : undefined;
      if (state === undefined) {
        throw new InstanceViewError(codePath, `an unknown code ${quote(code)}`, `one of ${POWER_CODES.map(quote).join(', ')}`);
      }
      if (power !== undefined && power.value !== state) {
        throw new InstanceViewError(
          codePath,
          `${quote(code)} besides ${quote(power.code)} at ${power.codePath}`,
          'at most one PowerState status',
        );
      }
      power ??= { value: state, code, codePath };
    } else if (family === PROVISIONING_FAMILY) {
      const read = readProvisioningCode(segments, message);
      if (read === undefined) {
        throw new InstanceViewError(codePath, `an unknown code ${quote(code)}`, `one of ${PROVISIONING_CODES.map(quote).join(', ')}`);
      }
      if (provisioning !== undefined) {
        throw new InstanceViewError(
          codePath,
          `${quote(code)} besides ${quote(provisioning.code)} at ${provisioning.codePath}`,
          'exactly one ProvisioningState status',
        );
      }
      provisioning = { value: { ...read, ...(time === undefined ? {} : { time }) }, code, codePath };
    } else if (family === HIBERNATION_FAMILY) {
      if (code.toLowerCase() !== HIBERNATED_STATUS.code.toLowerCase()) {
        throw new InstanceViewError(codePath, `an unknown code ${quote(code)}`, quote(HIBERNATED_STATUS.code));
      }
      hibernation ??= { value: true, code, codePath };
    }
    // Other families (OSState/*, …) describe things the machine does not model.
  });

  if (hibernation !== undefined && power?.value !== 'deallocated') {
    throw new InstanceViewError(
      hibernation.codePath,
      power === undefined
        ? `${quote(hibernation.code)} without a PowerState status`
        : `${quote(hibernation.code)} besides ${quote(power.code)} at ${power.codePath}`,
      `${quote(HIBERNATED_STATUS.code)} only together with ${quote(POWER_STATUS.deallocated.code)}`,
    );
  }

  const parsed: ParsedInstanceView = {
    power: hibernation !== undefined ? 'hibernated' : (power?.value ?? 'unknown'),
    provisioning: 'succeeded',
    hibernated: hibernation !== undefined,
  };
  if (provisioning !== undefined) {
    const { state, os, error, time } = provisioning.value;
    parsed.provisioning = state;
    if (os !== undefined) parsed.osProvisioning = os;
    if (error !== undefined) parsed.error = error;
    if (time !== undefined) parsed.provisioningTime = time;
  } else {
    parsed.provisioning = readResourceState(resource, statusesPath);
  }
  return parsed;
}

/** Reads the segments of a `ProvisioningState/…` code; `undefined` when Azure defines no such code. */
function readProvisioningCode(
  segments: readonly string[],
  message: string | undefined,
): { state: ProvisioningState; os?: OsProvisioningState; error?: AzureError } | undefined {
  const state = PROVISIONING_BY_SEGMENT.get((segments[1] ?? '').toLowerCase());
  const detail = segments[2];
  if (state === undefined) return undefined;
  if (state === 'failed') {
    // The error code is the only machine-readable reason; Azure always sends it.
    if (segments.length !== 3 || detail === undefined || detail === '') return undefined;
    return { state, error: { code: detail, message: message ?? '' } };
  }
  if (state === 'creating' && segments.length === 3) {
    const os = OS_PROVISIONING_BY_SEGMENT.get((detail ?? '').toLowerCase());
    return os === undefined ? undefined : { state, os };
  }
  return segments.length === 2 ? { state } : undefined;
}

/** Falls back on the resource's `provisioningState` when no status gave one. */
function readResourceState(resource: Located['resourceState'], statusesPath: string): ProvisioningState {
  const names = Object.values(RESOURCE_PROVISIONING_STATE).map(quote).join(', ');
  if (resource === undefined) {
    throw new InstanceViewError(
      statusesPath,
      'no ProvisioningState status',
      'exactly one ProvisioningState status, or a resource with a provisioningState',
    );
  }
  const state =
    typeof resource.value === 'string' ? PROVISIONING_BY_RESOURCE_STATE.get(resource.value.toLowerCase()) : undefined;
  if (state === undefined) {
    throw new InstanceViewError(resource.path, describeValue(resource.value), `one of ${names}`);
  }
  return state;
}

/** Checks an optional `level`. */
function checkLevel(level: unknown, path: string): void {
  if (level === undefined || level === null) return;
  if (typeof level === 'string' && LEVELS.some((known) => known.toLowerCase() === level.toLowerCase())) return;
  throw new InstanceViewError(path, describeValue(level), `one of ${LEVELS.map(quote).join(', ')}`);
}

/** Reads an optional `time` into `toISOString()` form. */
function readTime(time: unknown, path: string): string | undefined {
  if (time === undefined || time === null) return undefined;
  if (time instanceof Date) {
    if (!Number.isNaN(time.getTime())) return time.toISOString();
  } else if (typeof time === 'string') {
    const iso = isoInstant(time);
    if (iso !== undefined) return iso;
  }
  throw new InstanceViewError(
    path,
    describeValue(time),
    'an ISO 8601 date-time with an offset, such as "2024-05-01T12:00:00.0000000+00:00", or a valid Date',
  );
}

/** Validates an ISO 8601 date-time string, including the calendar (`Date.parse` rolls 30 February over). */
function isoInstant(text: string): string | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const dateValid =
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  const timeValid = (hour ?? 0) < 24 && (minute ?? 0) < 60 && (Number.isNaN(second) || (second ?? 0) < 60);
  const instant = Date.parse(text);
  return dateValid && timeValid && !Number.isNaN(instant) ? new Date(instant).toISOString() : undefined;
}

/** Reads an optional `message`. */
function readMessage(message: unknown, path: string): string | undefined {
  if (message === undefined || message === null) return undefined;
  if (typeof message === 'string') return message;
  throw new InstanceViewError(path, describeValue(message), 'a string');
}

/** Parses a JSON string, turning a syntax error into an {@link InstanceViewError} that says where it failed. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const position = findJsonError(text);
    const where =
      position === undefined
        ? cause instanceof Error
          ? cause.message
          : String(cause)
        : `at line ${position.line}, column ${position.column}, offset ${position.offset}: wanted ${position.wanted}`;
    throw new InstanceViewError('$', `a string that is not valid JSON (${where})`, 'a JSON object', { cause });
  }
}

/** Whether a value is a plain JSON-like object (not `null`, not an array). */
function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The lower-cased last segment of a status code (`running` of `PowerState/running`). */
function suffixOf(code: string): string {
  return (code.split('/').at(-1) ?? '').toLowerCase();
}

/** The lower-cased segment before the first `/` of a status code. */
function familyOf(code: string): string {
  return (code.split('/')[0] ?? '').toLowerCase();
}
