/**
 * Azure's instance-view JSON in: what Azure (REST, the JS SDK, `listAll`) says about a VM, read
 * back into the vocabulary of the state machine.
 */
import {
  GENERALIZED_STATUS,
  HIBERNATED_STATUS,
  OS_PROVISIONING_STATUS,
  POWER_CREATING_CODE,
  POWER_STATUS,
  POWER_UNKNOWN_CODE,
  PROVISIONING_STATUS,
  RESOURCE_PROVISIONING_STATE,
} from './codes.js';
import { InstanceViewError, describeValue, quote } from './instance-view-errors.js';
import { findJsonError } from './json-error-position.js';
import { CREATING_POWER_CODES, contradictionOf, loadablePair } from './state-consistency.js';
import type { AzureError, OsProvisioningState, PowerState, ProvisioningState } from './vm.types.js';

/** What an instance view says about a VM, in the machine's vocabulary. */
export interface ParsedInstanceView {
  /**
   * The power state; `hibernated` for `PowerState/deallocated` with `HibernationState/Hibernated`,
   * `creating` for `PowerState/creating`, `unknown` without a power status (a VM resource without
   * an instance view has none).
   */
  power: PowerState;
  /** The provisioning state, from the `ProvisioningState/*` status or else the resource's `provisioningState`. */
  provisioning: ProvisioningState;
  /** The OS-provisioning substate, present only with `ProvisioningState/creating/OSProvisioning…`. */
  osProvisioning?: OsProvisioningState;
  /** Whether `HibernationState/Hibernated` was reported (then `power` is `hibernated`). */
  hibernated: boolean;
  /**
   * The error of `ProvisioningState/failed/<code>`: that code and the status's message (`''`
   * without one). Absent for a failed state Azure gave no error code (`ProvisioningState/failed`,
   * `provisioningState: "Failed"` or `"Canceled"`).
   */
  error?: AzureError;
  /** The provisioning status's `time` as `Date#toISOString()` (UTC, millisecond precision), if it had one. */
  provisioningTime?: string;
  /**
   * The provisioning state exactly as the document spelled it, when it is none of the model's
   * (`Migrating`, `Canceled`, …); `provisioning` then says how the model reads it: `Canceled` as
   * `failed` (a terminal state that is not success), any other as `updating` (in progress).
   */
  rawProvisioningState?: string;
  /** Whether `OSState/generalized` was reported (any casing): the VM has been generalized. */
  generalized?: boolean;
}

type JsonObject = Record<string, unknown>;

/** The power states a `PowerState/*` code names, by its lower-cased suffix. `hibernated` needs a second status. */
const POWER_BY_SUFFIX: ReadonlyMap<string, PowerState> = new Map<string, PowerState>([
  ...(Object.entries(POWER_STATUS) as [PowerState, { code: string }][])
    .filter(([state]) => state !== 'hibernated')
    .map(([state, { code }]): [string, PowerState] => [suffixOf(code), state]),
  [suffixOf(POWER_CREATING_CODE), 'creating'],
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

/** ARM's third terminal provisioning state besides Succeeded and Failed. */
const CANCELED = 'canceled';

const POWER_FAMILY = 'powerstate';
const PROVISIONING_FAMILY = 'provisioningstate';
const HIBERNATION_FAMILY = familyOf(HIBERNATED_STATUS.code);
const LEVELS = ['Info', 'Warning', 'Error'] as const;
// ISO 8601 date-time with an explicit offset: without one, `Date.parse` would read local time.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;
// What marks a document as a VM resource (REST or the SDK's flattened form) rather than a bare view.
const VM_RESOURCE_TYPE = 'microsoft.compute/virtualmachines';
const VM_RESOURCE_ID = /\/providers\/microsoft\.compute\/virtualmachines\/[^/]+$/i;
const SDK_RESOURCE_KEYS = ['provisioningState', 'vmId', 'hardwareProfile', 'storageProfile'] as const;

const POWER_CODES = [
  ...new Set([...Object.values(POWER_STATUS).map((s) => s.code), POWER_CREATING_CODE, POWER_UNKNOWN_CODE]),
];
const PROVISIONING_CODES_EXPECTED =
  '"ProvisioningState/<state>" (such as "ProvisioningState/succeeded"), "ProvisioningState/failed[/<ErrorCode>]", ' +
  `${quote(OS_PROVISIONING_STATUS.osProvisioningInProgress.code)} or ${quote(OS_PROVISIONING_STATUS.osProvisioningComplete.code)}`;

/**
 * Reads Azure's description of a VM into power and provisioning states.
 *
 * Accepted envelopes (each also as a JSON string of it):
 * - a bare instance view, REST `VirtualMachineInstanceView` (`{ statuses: [...], vmAgent, disks, … }`)
 * - a VM resource from REST (`{ properties: { provisioningState, instanceView: { statuses } } }`), which is
 *   also the shape of a `listAll` item with `statusOnly=true`
 * - a VM resource **without** an instance view: a plain GET, the PUT response (`provisioningState:
 *   "Creating"`), a `list`/`listAll` item; its power state is `unknown`, and a resource without any
 *   `provisioningState` is `succeeded` ("If the resource returns no provisioningState, it is assumed
 *   to be Succeeded", Azure/azure-resource-manager-rpc `v1.0/Addendum.md`)
 * - the JS SDK's flattened `VirtualMachine` (`{ provisioningState, instanceView: { statuses } }`),
 *   whose status times are `Date`s
 *
 * Strict, because a wrong reading would put the machine in a state Azure never reported:
 * - the document, the instance view and each top-level status must be objects; `statuses` an array
 * - each top-level status: `code` a string; `level`, if given, `Info`, `Warning` or `Error`; `time`, if
 *   given, an ISO 8601 date-time with an offset (or a valid `Date`); `message`, if given, a string
 * - `PowerState/*` and `HibernationState/*` codes must be ones Azure defines
 * - at most one power state, exactly one provisioning state (from a status, or else the resource's
 *   `provisioningState`), `HibernationState/Hibernated` only beside `PowerState/deallocated`
 * - no contradiction between the power and provisioning statuses ({@link contradictionOf}): the
 *   error names both
 *
 * Lenient, because Azure and its tools really send these:
 * - `provisioningState` is a free string in the REST spec: `Canceled` reads as `failed`, any other
 *   unknown value (`Migrating`, …) as `updating`, and {@link ParsedInstanceView.rawProvisioningState}
 *   keeps it; the same for `ProvisioningState/<state>` codes; `ProvisioningState/failed` may come
 *   without an error code
 * - the brief *Stopped* Azure shows while creating reads as `creating` ({@link loadablePair})
 * - codes and `level` are compared case-insensitively (`OSProvisioningInprogress`, `osProvisioningComplete`)
 * - status codes of other families (`OSState/generalized`, …) are ignored, as are `displayStatus`
 *   (localizable) and everything outside the top-level `statuses` (`vmAgent`, `disks`, `extensions`
 *   reuse `ProvisioningState/*` codes for themselves, not for the VM)
 * - `null` counts as absent for the optional status fields and for `instanceView`, as some serializers write it
 * - the same power status twice is read once; the resource's `provisioningState` is not read when a
 *   `ProvisioningState/*` status is present (the status is the more precise of the two)
 * - levels are not checked against codes (`level` is informative; the code decides)
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
  return readDocument(locateInstanceView(document));
}

/** The instance view inside a document, where it was, and the resource's own provisioning state. */
interface Located {
  /** The instance view object; absent for a VM resource without one. */
  view?: JsonObject;
  /** The instance view's JSON path (where it would be, for a resource without one). */
  viewPath: string;
  /** Whether the document is a VM resource (which ARM lets omit its provisioning state). */
  resource: boolean;
  /** The resource's `provisioningState` and its path, when it has one. */
  resourceState?: { value: unknown; path: string };
}

/** Finds the instance view in any of the accepted envelopes. */
function locateInstanceView(document: JsonObject): Located {
  if (document['statuses'] !== undefined) return { view: document, viewPath: '$', resource: false };
  if (document['properties'] !== undefined) {
    const properties = document['properties'];
    if (!isObject(properties)) {
      throw new InstanceViewError('$.properties', describeValue(properties), 'an object (the VM resource\'s properties)');
    }
    const view = properties['instanceView'];
    const viewPath = '$.properties.instanceView';
    const state = resourceState(properties, '$.properties');
    if (view === undefined || view === null) return { viewPath, resource: true, ...(state && { resourceState: state }) };
    if (!isObject(view)) throw new InstanceViewError(viewPath, describeValue(view), 'an instance view object');
    return { view, viewPath, resource: true, ...(state && { resourceState: state }) };
  }
  const view = document['instanceView'];
  if (view !== undefined && view !== null) {
    // The SDK flattens `properties` into the resource object.
    if (!isObject(view)) throw new InstanceViewError('$.instanceView', describeValue(view), 'an instance view object');
    const state = resourceState(document, '$');
    return { view, viewPath: '$.instanceView', resource: true, ...(state && { resourceState: state }) };
  }
  if (view === null || isVmResource(document)) {
    const state = resourceState(document, '$');
    return { viewPath: '$.instanceView', resource: true, ...(state && { resourceState: state }) };
  }
  throw new InstanceViewError(
    '$.statuses',
    'undefined',
    'an array of statuses (or a VM resource: properties, an id of Microsoft.Compute/virtualMachines, or an SDK VirtualMachine)',
  );
}

/** Whether an object without `statuses`, `properties` or `instanceView` is still a VM resource. */
function isVmResource(document: JsonObject): boolean {
  const type = document['type'];
  const id = document['id'];
  return (
    (typeof type === 'string' && type.toLowerCase() === VM_RESOURCE_TYPE) ||
    (typeof id === 'string' && VM_RESOURCE_ID.test(id)) ||
    SDK_RESOURCE_KEYS.some((key) => document[key] !== undefined && document[key] !== null)
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
  /** Its code as given (or, for the resource's provisioning state, its value). */
  code: string;
  /** The JSON path of its `code`. */
  codePath: string;
  /** How error messages name it, when not by its quoted code. */
  label?: string;
}

/** A provisioning state read from a status code or the resource's `provisioningState`. */
interface ProvisioningReading {
  state: ProvisioningState;
  os?: OsProvisioningState;
  error?: AzureError;
  time?: string;
  raw?: string;
}

/** The statuses the parser reads from an instance view. */
interface StatusReadings {
  power?: Seen<PowerState>;
  provisioning?: Seen<ProvisioningReading>;
  hibernation?: Seen<true>;
  generalized?: Seen<true>;
}

/** Reads a located document into the parsed states. */
function readDocument(located: Located): ParsedInstanceView {
  const statusesPath = `${located.viewPath}.statuses`;
  const readings: StatusReadings = located.view ? readStatuses(located.view, statusesPath) : {};
  const { power, hibernation } = readings;
  const provisioning = readings.provisioning ?? readResourceState(located, statusesPath);

  if (hibernation !== undefined && power?.value !== 'deallocated') {
    throw new InstanceViewError(
      hibernation.codePath,
      power === undefined
        ? `${quote(hibernation.code)} without a PowerState status`
        : `${quote(hibernation.code)} besides ${quote(power.code)} at ${power.codePath}`,
      `${quote(HIBERNATED_STATUS.code)} only together with ${quote(POWER_STATUS.deallocated.code)}`,
    );
  }

  const { state, os, error, time, raw } = provisioning.value;
  const parsed: ParsedInstanceView = {
    power: hibernation !== undefined ? 'hibernated' : (power?.value ?? 'unknown'),
    provisioning: state,
    hibernated: hibernation !== undefined,
  };
  if (os !== undefined) parsed.osProvisioning = os;
  if (error !== undefined) parsed.error = error;
  if (time !== undefined) parsed.provisioningTime = time;
  if (raw !== undefined) parsed.rawProvisioningState = raw;
  if (readings.generalized !== undefined) parsed.generalized = true;

  const contradiction = contradictionOf(parsed);
  if (contradiction !== null && power !== undefined) {
    const powerCodes = hibernation ? `${quote(power.code)} and ${quote(hibernation.code)}` : quote(power.code);
    throw new InstanceViewError(
      power.codePath,
      `${powerCodes} besides ${provisioning.label ?? `${quote(provisioning.code)} at ${provisioning.codePath}`}`,
      `statuses that agree: ${contradiction}${
        state === 'creating' && os === undefined ? ` (power states while creating: ${CREATING_POWER_CODES.join(', ')})` : ''
      }`,
    );
  }
  return loadablePair(parsed);
}

/** Reads the top-level statuses of an instance view. */
function readStatuses(view: JsonObject, statusesPath: string): StatusReadings {
  const statuses = view['statuses'];
  if (!Array.isArray(statuses)) {
    throw new InstanceViewError(statusesPath, describeValue(statuses), 'an array of statuses');
  }
  const readings: StatusReadings = {};

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
      const { power } = readings;
      if (power !== undefined && power.value !== state) {
        throw new InstanceViewError(
          codePath,
          `${quote(code)} besides ${quote(power.code)} at ${power.codePath}`,
          'at most one PowerState status',
        );
      }
      readings.power ??= { value: state, code, codePath };
    } else if (family === PROVISIONING_FAMILY) {
      const read = readProvisioningCode(segments, message);
      if (read === undefined) {
        throw new InstanceViewError(codePath, `an unknown code ${quote(code)}`, PROVISIONING_CODES_EXPECTED);
      }
      const { provisioning } = readings;
      if (provisioning !== undefined) {
        throw new InstanceViewError(
          codePath,
          `${quote(code)} besides ${quote(provisioning.code)} at ${provisioning.codePath}`,
          'exactly one ProvisioningState status',
        );
      }
      readings.provisioning = { value: { ...read, ...(time === undefined ? {} : { time }) }, code, codePath };
    } else if (family === HIBERNATION_FAMILY) {
      if (code.toLowerCase() !== HIBERNATED_STATUS.code.toLowerCase()) {
        throw new InstanceViewError(codePath, `an unknown code ${quote(code)}`, quote(HIBERNATED_STATUS.code));
      }
      readings.hibernation ??= { value: true, code, codePath };
    } else if (code.toLowerCase() === GENERALIZED_STATUS.code.toLowerCase()) {
      readings.generalized ??= { value: true, code, codePath };
    }
    // Other families (OSState/specialized, …) describe things the machine does not model.
  });
  return readings;
}

/**
 * Reads the segments of a `ProvisioningState/…` code; `undefined` for a shape Azure does not use.
 * - `ProvisioningState/<state>`: one of the model's states, `failed` without an error code, or a
 *   free string (see {@link readProvisioningText})
 * - `ProvisioningState/failed/<ErrorCode>`
 * - `ProvisioningState/creating/OSProvisioningInprogress|OSProvisioningComplete`
 */
function readProvisioningCode(segments: readonly string[], message: string | undefined): ProvisioningReading | undefined {
  const second = segments[1] ?? '';
  const detail = segments[2];
  if (second === '') return undefined;
  if (segments.length === 2) return readProvisioningText(second);
  const state = PROVISIONING_BY_SEGMENT.get(second.toLowerCase());
  if (segments.length !== 3 || detail === undefined || detail === '') return undefined;
  if (state === 'failed') return { state, error: { code: detail, message: message ?? '' } };
  if (state === 'creating') {
    const os = OS_PROVISIONING_BY_SEGMENT.get(detail.toLowerCase());
    return os === undefined ? undefined : { state, os };
  }
  return undefined;
}

/**
 * Reads a provisioning state given as text (the resource's `provisioningState`, or the second
 * segment of a status code). ARM's terminal states are Succeeded, Failed and Canceled; any other
 * is an operation in progress (Azure/azure-resource-manager-rpc `v1.0/Addendum.md`).
 */
function readProvisioningText(text: string): ProvisioningReading {
  const known = PROVISIONING_BY_SEGMENT.get(text.toLowerCase()) ?? PROVISIONING_BY_RESOURCE_STATE.get(text.toLowerCase());
  if (known !== undefined) return { state: known };
  return text.toLowerCase() === CANCELED ? { state: 'failed', raw: text } : { state: 'updating', raw: text };
}

/** The provisioning state of a document without a `ProvisioningState/*` status. */
function readResourceState(located: Located, statusesPath: string): Seen<ProvisioningReading> {
  const { resourceState: state } = located;
  if (state === undefined) {
    if (located.resource) {
      // ARM: a resource that returns no provisioningState is assumed to be Succeeded.
      const holder = located.viewPath.replace(/\.instanceView$/, '');
      return { value: { state: 'succeeded' }, code: '', codePath: holder, label: `a resource without a provisioningState (Succeeded, as ARM assumes) at ${holder}` };
    }
    throw new InstanceViewError(
      statusesPath,
      'no ProvisioningState status',
      'exactly one ProvisioningState status, or a resource with a provisioningState',
    );
  }
  if (typeof state.value !== 'string') {
    throw new InstanceViewError(state.path, describeValue(state.value), 'a string such as "Succeeded"');
  }
  return { value: readProvisioningText(state.value), code: state.value, codePath: state.path };
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
