/**
 * Input defaults and validation: every option is checked before a VM actor exists, and an
 * invalid one is named together with the values Azure accepts.
 */
import type {
  BillingTable,
  Durations,
  EvictionPolicy,
  FaultCode,
  ImageKind,
  OsType,
  Priority,
  VmInput,
  VmSettings,
} from './vm.types.js';
import { MAX_ARMED_FAULTS } from './vm.types.js';
import { DEFAULT_SUBSCRIPTION_ID, defaultVmId, isGuid } from './ids.js';
import { describeValue, keyPath } from './describe-value.js';
import { validateResourceInput } from './resource-settings.js';

/** The step durations a VM uses unless its input overrides them, in ms (Azure's order of magnitude). */
export const DEFAULT_DURATIONS: Readonly<Durations> = {
  allocating: 20_000,
  starting: 30_000,
  stopping: 15_000,
  deallocating: 45_000,
  hibernating: 30_000,
  osProvisioning: 60_000,
  osProvisioningComplete: 5_000,
  updating: 10_000,
  deleting: 30_000,
  evictionNotice: 30_000,
  osProvisioningTimeoutLinux: 8 * 60_000,
  osProvisioningTimeoutWindows: 20 * 60_000,
  startTimeoutLinux: 8 * 60_000,
  startTimeoutWindows: 20 * 60_000,
};

/** The longest delay `setTimeout` keeps, in ms (2^31 − 1, about 24.8 days); it fires longer ones at once. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/** The largest `historyLimit`: a VM's history is copied on every finished operation and persisted with it. */
export const MAX_HISTORY_LIMIT = 1_000;

/** Every fault code the machine can be armed with. */
export const FAULT_CODES: readonly FaultCode[] = [
  'AllocationFailed',
  'OSProvisioningTimedOut',
  'OSProvisioningClientError',
  'VMStartTimedOut',
  'InternalOperationError',
  'OverconstrainedResumeFromHibernatedStateAllocationRequest',
  'SpotPriceGreaterThanProvidedMaxPrice',
];

const IMAGE_KINDS: readonly ImageKind[] = ['generalized', 'specialized'];
const OS_TYPES: readonly OsType[] = ['Linux', 'Windows'];
const PRIORITIES: readonly Priority[] = ['Regular', 'Spot', 'Low'];
const EVICTION_POLICIES: readonly EvictionPolicy[] = ['Deallocate', 'Delete'];
const BILLING_TABLES: readonly BillingTable[] = ['seed-2018', 'azure-2023'];
const INPUT_KEYS: readonly (keyof VmInput)[] = [
  'name',
  'resourceGroup',
  'image',
  'osType',
  'hibernationEnabled',
  'priority',
  'evictionPolicy',
  'durations',
  'faults',
  'startTime',
  'billing',
  'historyLimit',
  'subscriptionId',
  'vmId',
  'location',
  'vmSize',
  'tags',
  'hyperVGeneration',
  'osName',
  'osVersion',
  'maxPrice',
];

/**
 * Thrown for invalid VM input; names the option, what it held and what is accepted. The message
 * quotes at most 80 characters of a string (then says how long it was), with control and format
 * characters escaped as `\uXXXX`.
 */
export class VmInputError extends Error {
  /** The option at fault, as a path such as `durations.starting` (an odd name quoted: `durations["\u202e"]`). */
  readonly option: string;
  /** What Azure (or the model) accepts there. */
  readonly accepted: string;

  constructor(option: string, found: unknown, accepted: string) {
    super(`Invalid VM input '${option}': got ${describeValue(found)}; expected ${accepted}.`);
    this.name = 'VmInputError';
    this.option = option;
    this.accepted = accepted;
  }
}

/** An object literal (or `Object.create(null)`, or one from another realm): no array, Map, Date or class instance. */
function isPlainObject(value: unknown): value is Record<string | symbol, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function oneOf<T extends string>(option: string, value: unknown, accepted: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (accepted as readonly string[]).includes(value)) return value as T;
  throw new VmInputError(option, value, `one of ${accepted.map((a) => `"${a}"`).join(', ')}`);
}

// Azure's naming rules for Microsoft.Compute/virtualMachines: no spaces, control characters or
// these characters; Linux 1–64 characters, Windows 1–15 (the computer name); neither may end with
// a period or hyphen; Windows names may contain no period and may not be all digits. Format
// characters (bidi overrides, zero-width ones) and lone surrogates are refused too: invisible in a
// name, they make two different names look the same.
const FORBIDDEN_NAME_CHARACTERS = /[\s\p{Cc}\p{Cf}\p{Cs}~!@#$%^&*()=+_[\]{}\\|;:'",<>/?]/u;

function validateName(name: unknown, osType: OsType): string {
  const accepted =
    osType === 'Windows'
      ? "a Windows VM name of 1–15 characters, not all digits, without spaces, control or format characters, periods or ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \\ | ; : ' \" , < > / ?, not ending with a hyphen"
      : "a Linux VM name of 1–64 characters without spaces, control or format characters or ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \\ | ; : ' \" , < > / ?, not ending with a period or hyphen";
  if (typeof name !== 'string') throw new VmInputError('name', name, accepted);
  const max = osType === 'Windows' ? 15 : 64;
  const invalid =
    name.length < 1 ||
    name.length > max ||
    FORBIDDEN_NAME_CHARACTERS.test(name) ||
    /[.-]$/.test(name) ||
    (osType === 'Windows' && (name.includes('.') || /^\d+$/.test(name)));
  if (invalid) throw new VmInputError('name', name, accepted);
  return name;
}

function validateDurations(durations: unknown): Durations {
  if (durations === undefined) return { ...DEFAULT_DURATIONS };
  if (!isPlainObject(durations)) {
    throw new VmInputError('durations', durations, `an object with any of ${Object.keys(DEFAULT_DURATIONS).join(', ')}`);
  }
  const resolved: Durations = { ...DEFAULT_DURATIONS };
  // Own keys only, symbols included: `toString` or `__proto__` are no durations.
  for (const key of Reflect.ownKeys(durations)) {
    const value = durations[key];
    if (typeof key !== 'string' || !Object.hasOwn(DEFAULT_DURATIONS, key)) {
      throw new VmInputError(keyPath('durations', key), value, `no such duration; the durations are ${Object.keys(DEFAULT_DURATIONS).join(', ')}`);
    }
    if (value === undefined) continue;
    const positive = key === 'osProvisioningComplete';
    if (typeof value !== 'number' || !(value <= MAX_DURATION_MS) || value < 0 || (positive && value === 0)) {
      throw new VmInputError(
        `durations.${key}`,
        value,
        `a number of milliseconds ${positive ? 'above 0 (OSProvisioningComplete is brief but visible) and at most' : 'from 0 to'} ${MAX_DURATION_MS} (setTimeout fires longer delays at once)`,
      );
    }
    resolved[key as keyof Durations] = value;
  }
  // A hibernating deallocation is one step of deallocating + hibernating.
  if (resolved.deallocating + resolved.hibernating > MAX_DURATION_MS) {
    throw new VmInputError('durations.hibernating', resolved.hibernating, `at most ${MAX_DURATION_MS} ms with durations.deallocating (${resolved.deallocating}) added`);
  }
  return resolved;
}

function validateFaults(faults: unknown): FaultCode[] {
  if (faults === undefined) return [];
  const accepted = `one of ${FAULT_CODES.map((a) => `"${a}"`).join(', ')}`;
  if (!Array.isArray(faults) || faults.length > MAX_ARMED_FAULTS) {
    throw new VmInputError('faults', faults, `an array of at most ${MAX_ARMED_FAULTS} fault codes, each ${accepted}`);
  }
  // An index loop, not map: map skips the holes of a sparse array.
  const codes: FaultCode[] = [];
  for (let index = 0; index < faults.length; index++) {
    const code: unknown = faults[index];
    if (!isFaultCode(code)) throw new VmInputError(`faults[${index}]`, code, accepted);
    codes.push(code);
  }
  return codes;
}

// ISO 8601 as RFC 3339 writes it (Azure's times, with up to 7 fraction digits), plus the
// date-only form, a space for the T, and offsets without a colon. Nothing else: JavaScript's
// Date.parse reads other forms, and ISO forms without an offset, in the machine's time zone.
const ISO_DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?(?:Z|([+-])(\d\d):?(\d\d))?)?$/i;

// Status times are written as RFC 3339, whose years have four digits: 0000-01-01 to 9999-12-31.
const EARLIEST_START = -62_167_219_200_000;
const LATEST_START = 253_402_300_799_999;

const START_TIME_ACCEPTED = 'a Date, whole epoch ms or an ISO 8601 date-time such as "2025-03-01T08:00:00Z" (UTC when it has no offset) in the years 0000–9999';

/** Epoch ms of an ISO 8601 date-time, read as UTC when it has no offset; NaN when it is not one. */
function parseIsoDateTime(text: string): number {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return Number.NaN;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part = '0') => +part);
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59 || +offsetHours > 23 || +offsetMinutes > 59) return Number.NaN;
  const offset = sign ? (sign === '-' ? -1 : 1) * (+offsetHours * 60 + +offsetMinutes) : 0;
  return date.getTime() + ((hour * 60 + minute - offset) * 60 + second) * 1000 + +fraction.slice(0, 3).padEnd(3, '0');
}

function validateStartTime(startTime: unknown, now: number): number {
  const ms =
    startTime === undefined
      ? now
      : startTime instanceof Date
        ? startTime.getTime()
        : typeof startTime === 'string'
          ? parseIsoDateTime(startTime)
          : typeof startTime === 'number'
            ? startTime
            : Number.NaN;
  if (!Number.isInteger(ms) || ms < EARLIEST_START || ms > LATEST_START) {
    throw new VmInputError(startTime === undefined ? 'now' : 'startTime', startTime ?? now, START_TIME_ACCEPTED);
  }
  return ms;
}

/**
 * Checks VM input and returns it with every default filled in.
 * Throws {@link VmInputError} naming the first invalid option and the accepted values.
 *
 * @param input - the input an actor would be created with
 * @param now - epoch ms used when `startTime` is not given (default `Date.now()`)
 * @example
 * ```ts
 * validateInput({ name: 'web-1', osType: 'Windows' }); // ok
 * validateInput({ durations: { starting: -5 } });
 * // VmInputError: Invalid VM input 'durations.starting': got number -5; expected a number of milliseconds from 0 to 2147483647 …
 * ```
 */
export function validateInput(input?: VmInput, now: number = Date.now()): VmSettings {
  if (input === undefined || input === null) input = {};
  if (!isPlainObject(input)) throw new VmInputError('input', input, 'a plain object of VM options, or nothing');
  // Read own options only, into an object without a prototype: an option inherited (or polluted
  // into Object.prototype) is not given, and a key such as `toString` is unknown.
  const given: Record<string | symbol, unknown> = Object.create(null);
  for (const key of Reflect.ownKeys(input)) {
    const value = (input as Record<string | symbol, unknown>)[key];
    if (typeof key !== 'string' || !(INPUT_KEYS as readonly string[]).includes(key)) {
      throw new VmInputError(keyPath('', key), value, `no such option; the options are ${INPUT_KEYS.join(', ')}`);
    }
    // A default only for an option left out: null is refused rather than read as "not given".
    if (value === null) throw new VmInputError(key, value, 'a value, or the option left out');
    given[key] = value;
  }
  input = given as VmInput;
  const osType = oneOf('osType', input.osType, OS_TYPES, 'Linux');
  const priority = oneOf('priority', input.priority, PRIORITIES, 'Regular');
  const hibernationEnabled = input.hibernationEnabled ?? false;
  if (typeof hibernationEnabled !== 'boolean') {
    throw new VmInputError('hibernationEnabled', hibernationEnabled, 'true or false');
  }
  if (hibernationEnabled && priority !== 'Regular') {
    throw new VmInputError('hibernationEnabled', hibernationEnabled, "false for a Spot VM: Hibernation capability isn't supported for Spot VMs");
  }
  const historyLimit = input.historyLimit ?? 50;
  if (typeof historyLimit !== 'number' || !Number.isInteger(historyLimit) || historyLimit < 1 || historyLimit > MAX_HISTORY_LIMIT) {
    throw new VmInputError('historyLimit', historyLimit, `a whole number from 1 to ${MAX_HISTORY_LIMIT}`);
  }
  const resourceGroup = input.resourceGroup ?? 'myResourceGroup';
  if (typeof resourceGroup !== 'string' || !/^[-\w.()\p{L}\p{N}]{1,90}$/u.test(resourceGroup) || resourceGroup.endsWith('.')) {
    throw new VmInputError(
      'resourceGroup',
      resourceGroup,
      'a resource group name of 1–90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period',
    );
  }
  validateFaults(input.faults);
  const name = validateName(input.name ?? 'myVM', osType);
  const startTime = validateStartTime(input.startTime, now);
  const subscriptionId = input.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID;
  if (!isGuid(subscriptionId)) {
    throw new VmInputError('subscriptionId', subscriptionId, 'a GUID such as 00000000-0000-0000-0000-000000000000');
  }
  const vmId = input.vmId ?? defaultVmId(subscriptionId, resourceGroup, name, startTime);
  if (!isGuid(vmId)) throw new VmInputError('vmId', vmId, 'a GUID such as 0f3a5b2c-1d4e-4f60-8a7b-9c0d1e2f3a4b');
  return {
    name,
    resourceGroup,
    image: oneOf('image', input.image, IMAGE_KINDS, 'generalized'),
    osType,
    hibernationEnabled,
    priority,
    evictionPolicy: oneOf('evictionPolicy', input.evictionPolicy, EVICTION_POLICIES, 'Deallocate'),
    durations: validateDurations(input.durations),
    billing: oneOf('billing', input.billing, BILLING_TABLES, 'seed-2018'),
    historyLimit,
    startTime,
    subscriptionId: subscriptionId.toLowerCase(),
    vmId: vmId.toLowerCase(),
    ...validateResourceInput(input, priority),
  };
}

/** Validates the armed faults of an input; exported for the machine's context factory. */
export function validateFaultList(faults: unknown): FaultCode[] {
  return validateFaults(faults);
}

/** Whether a value is one of the fault codes. */
export function isFaultCode(value: unknown): value is FaultCode {
  return typeof value === 'string' && (FAULT_CODES as readonly string[]).includes(value);
}
