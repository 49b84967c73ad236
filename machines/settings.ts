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
import { DEFAULT_SUBSCRIPTION_ID, defaultVmId, isGuid } from './ids.js';

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
};

/** Every fault code the machine can be armed with. */
export const FAULT_CODES: readonly FaultCode[] = [
  'AllocationFailed',
  'OSProvisioningTimedOut',
  'OSProvisioningClientError',
  'VMStartTimedOut',
  'InternalOperationError',
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
];

/** Thrown for invalid VM input; names the option, what it held and what is accepted. */
export class VmInputError extends Error {
  /** The option at fault, as a path such as `durations.starting`. */
  readonly option: string;
  /** What Azure (or the model) accepts there. */
  readonly accepted: string;

  constructor(option: string, found: unknown, accepted: string) {
    super(`Invalid VM input '${option}': got ${describe(found)}; expected ${accepted}.`);
    this.name = 'VmInputError';
    this.option = option;
    this.accepted = accepted;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function oneOf<T extends string>(option: string, value: unknown, accepted: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (accepted as readonly string[]).includes(value)) return value as T;
  throw new VmInputError(option, value, `one of ${accepted.map((a) => `"${a}"`).join(', ')}`);
}

// Azure's naming rules for Microsoft.Compute/virtualMachines: no spaces, control characters or
// these characters; Linux 1–64 characters, Windows 1–15 (the computer name); neither may end with
// a period or hyphen; Windows names may contain no period and may not be all digits.
const FORBIDDEN_NAME_CHARACTERS = /[\s\p{Cc}~!@#$%^&*()=+_[\]{}\\|;:'",<>/?]/u;

function validateName(name: unknown, osType: OsType): string {
  const accepted =
    osType === 'Windows'
      ? "a Windows VM name of 1–15 characters, not all digits, without spaces, periods or ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \\ | ; : ' \" , < > / ?, not ending with a hyphen"
      : "a Linux VM name of 1–64 characters without spaces or ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \\ | ; : ' \" , < > / ?, not ending with a period or hyphen";
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
  if (typeof durations !== 'object' || durations === null || Array.isArray(durations)) {
    throw new VmInputError('durations', durations, `an object with any of ${Object.keys(DEFAULT_DURATIONS).join(', ')}`);
  }
  const resolved: Durations = { ...DEFAULT_DURATIONS };
  for (const [key, value] of Object.entries(durations)) {
    if (!(key in DEFAULT_DURATIONS)) {
      throw new VmInputError(`durations.${key}`, value, `no such duration; the durations are ${Object.keys(DEFAULT_DURATIONS).join(', ')}`);
    }
    if (value === undefined) continue;
    const positive = key === 'osProvisioningComplete';
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
      throw new VmInputError(
        `durations.${key}`,
        value,
        positive
          ? 'a positive finite number of milliseconds (OSProvisioningComplete is brief but visible)'
          : 'a non-negative finite number of milliseconds',
      );
    }
    resolved[key as keyof Durations] = value;
  }
  return resolved;
}

function validateFaults(faults: unknown): FaultCode[] {
  if (faults === undefined) return [];
  if (!Array.isArray(faults)) throw new VmInputError('faults', faults, `an array of ${FAULT_CODES.join(', ')}`);
  return faults.map((code, index) => oneOf(`faults[${index}]`, code, FAULT_CODES, 'InternalOperationError'));
}

function validateStartTime(startTime: unknown, now: number): number {
  if (startTime === undefined) return now;
  const ms =
    startTime instanceof Date
      ? startTime.getTime()
      : typeof startTime === 'string'
        ? Date.parse(startTime)
        : typeof startTime === 'number'
          ? startTime
          : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new VmInputError('startTime', startTime, 'a valid Date, an ISO 8601 date-time string or epoch milliseconds');
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
 * // VmInputError: Invalid VM input 'durations.starting': got number -5; expected a non-negative …
 * ```
 */
export function validateInput(input?: VmInput, now: number = Date.now()): VmSettings {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new VmInputError('input', input, 'an object of VM options, or nothing');
  }
  for (const key of Object.keys(input)) {
    if (!(INPUT_KEYS as readonly string[]).includes(key)) {
      throw new VmInputError(key, (input as Record<string, unknown>)[key], `no such option; the options are ${INPUT_KEYS.join(', ')}`);
    }
  }
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
  if (typeof historyLimit !== 'number' || !Number.isInteger(historyLimit) || historyLimit < 1) {
    throw new VmInputError('historyLimit', historyLimit, 'a whole number of at least 1');
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
