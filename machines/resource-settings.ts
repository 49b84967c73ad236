/**
 * The parts of a VM's input that only shape the resource Azure returns (location, size, tags,
 * the guest's generation and name) and the Spot billing profile: their defaults and validation.
 */
import { VmInputError } from './settings.js';
import { SPOT_ERRORS } from './spot.js';
import type { HyperVGeneration, Priority, VmInput, VmSettings } from './vm.types.js';

/** The resource settings {@link validateResourceInput} resolves. */
export type ResourceSettings = Pick<VmSettings, 'location' | 'vmSize' | 'hyperVGeneration' | 'tags' | 'osName' | 'osVersion' | 'maxPrice'>;

/** The region a VM is in unless its input says otherwise. */
export const DEFAULT_LOCATION = 'eastus';
/** The VM size unless the input says otherwise: a D-series v5 size, one of the sizes that support hibernation. */
export const DEFAULT_VM_SIZE = 'Standard_D2s_v5';
/** The Hyper-V generation unless the input says otherwise. */
export const DEFAULT_HYPER_V_GENERATION: HyperVGeneration = 'V2';

const HYPER_V_GENERATIONS: readonly HyperVGeneration[] = ['V1', 'V2'];
// Azure's region names (`eastus`, `westeurope`), or their display names as older examples write them (`West US`).
const LOCATION = /^[A-Za-z][A-Za-z0-9 ]{0,63}$/;
// `Standard_D2s_v5`, `Standard_A0`, `Basic_A1`.
const VM_SIZE = /^(Standard|Basic)_[A-Za-z0-9_-]{1,60}$/;
// Tag rules of "Use tags to organize your Azure resources" (MicrosoftDocs/azure-docs
// articles/azure-resource-manager/management/tag-resources.md): at most 50 pairs, names of at
// most 512 characters without < > % & \ ? /, values of at most 256 characters.
const MAX_TAGS = 50;
const MAX_TAG_NAME = 512;
const MAX_TAG_VALUE = 256;
const FORBIDDEN_TAG_NAME = /[<>%&\\?/]/;

/**
 * Checks the resource keys of a VM's input and fills in their defaults; refuses an eviction
 * policy or a max price on a VM that is not Spot, with Azure's code and message.
 *
 * @param input - the VM's input
 * @param priority - the VM's resolved priority
 * @returns the resolved resource settings
 * @throws {@link VmInputError} naming the first invalid key
 */
export function validateResourceInput(input: VmInput, priority: Priority): ResourceSettings {
  const spot = priority !== 'Regular';
  if (!spot && input.evictionPolicy !== undefined) {
    const { code, message } = SPOT_ERRORS.EvictionPolicyCanBeSetOnlyOnAzureSpotVirtualMachines;
    throw new VmInputError('evictionPolicy', input.evictionPolicy, `nothing for a Regular VM (Azure: ${code}, "${message}")`);
  }
  const settings: ResourceSettings = {
    location: validateText('location', input.location ?? DEFAULT_LOCATION, LOCATION, 'an Azure region such as "eastus" or "westeurope"'),
    vmSize: validateText('vmSize', input.vmSize ?? DEFAULT_VM_SIZE, VM_SIZE, 'a VM size such as "Standard_D2s_v5"'),
    hyperVGeneration: validateGeneration(input.hyperVGeneration),
  };
  if (input.tags !== undefined) settings.tags = validateTags(input.tags);
  if (input.osName !== undefined) settings.osName = validateText('osName', input.osName, /^.{1,256}$/, 'the guest OS name as the VM agent reports it, such as "ubuntu"');
  if (input.osVersion !== undefined) settings.osVersion = validateText('osVersion', input.osVersion, /^.{1,256}$/, 'the guest OS version as the VM agent reports it, such as "22.04"');
  if (input.maxPrice !== undefined) settings.maxPrice = validateMaxPrice(input.maxPrice, spot);
  return settings;
}

function validateText(option: string, value: unknown, pattern: RegExp, accepted: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new VmInputError(option, value, accepted);
  return value;
}

function validateGeneration(value: unknown): HyperVGeneration {
  if (value === undefined) return DEFAULT_HYPER_V_GENERATION;
  if (typeof value === 'string' && (HYPER_V_GENERATIONS as readonly string[]).includes(value)) return value as HyperVGeneration;
  throw new VmInputError('hyperVGeneration', value, 'one of "V1", "V2"');
}

function validateTags(tags: unknown): Record<string, string> {
  // A plain object only (no array, class instance or getter-laden proxy of another prototype).
  const prototype: unknown = typeof tags === 'object' && tags !== null ? Object.getPrototypeOf(tags) : undefined;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags) || (prototype !== null && prototype !== Object.prototype)) {
    throw new VmInputError('tags', tags, 'an object of tag names and string values');
  }
  if (Object.getOwnPropertySymbols(tags).length > 0) throw new VmInputError('tags', tags, 'an object of tag names and string values');
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) throw new VmInputError('tags', tags, `at most ${MAX_TAGS} tags`);
  for (const [name, value] of entries) {
    if (name.length === 0 || name.length > MAX_TAG_NAME || FORBIDDEN_TAG_NAME.test(name)) {
      throw new VmInputError(`tags.${name}`, name, `a tag name of 1–${MAX_TAG_NAME} characters without < > % & \\ ? /`);
    }
    if (typeof value !== 'string' || value.length > MAX_TAG_VALUE) {
      throw new VmInputError(`tags.${name}`, value, `a string of at most ${MAX_TAG_VALUE} characters`);
    }
  }
  const copy: Record<string, string> = {};
  for (const [name, value] of entries) copy[name] = value as string;
  return copy;
}

function validateMaxPrice(maxPrice: unknown, spot: boolean): number {
  if (!spot) {
    const { code, message } = SPOT_ERRORS.MaxPriceIsSupportedOnlyForAzureSpotVirtualMachines;
    throw new VmInputError('maxPrice', maxPrice, `nothing for a Regular VM (Azure: ${code}, "${message}")`);
  }
  if (typeof maxPrice !== 'number' || !Number.isFinite(maxPrice) || (maxPrice !== -1 && maxPrice <= 0)) {
    const { code, message } = SPOT_ERRORS.MaxPriceValueInvalid;
    throw new VmInputError('maxPrice', maxPrice, `-1 or a price in USD per hour greater than zero (Azure: ${code}, "${message}")`);
  }
  return maxPrice;
}

/**
 * Resolved settings as the input that gives them again (`validateInput(settingsAsInput(s))`
 * resolves to `s`): a Regular VM's eviction policy is a default Azure would refuse as input, so it
 * is left out. Anything that is not a settings object is returned as it is, for the caller's
 * validation to name.
 */
export function settingsAsInput(settings: unknown): unknown {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return settings;
  const { evictionPolicy: _default, ...rest } = settings as Record<string, unknown>;
  return (settings as Record<string, unknown>)['priority'] === 'Regular' ? rest : settings;
}
