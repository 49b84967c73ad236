/**
 * Azure-shaped identifiers that are deterministic: the same VM input gives the same `vmId` and
 * the same operation ids on every run, while different VMs never share an operation id.
 * Pure and runtime-independent (no `crypto`): the page, Node and the emulator compute the same.
 */

/** The subscription id used when the input names none: Azure's all-zero GUID. */
export const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a GUID in Azure's 8-4-4-4-12 hexadecimal form. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

// cyrb128: four 32-bit lanes of a multiplicative string hash; well mixed, fast, no dependencies.
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/**
 * A GUID derived from its parts: the same parts always give the same GUID. Its version nibble
 * is 8 (RFC 9562's custom, name-derived UUIDs) and its variant is RFC 4122's.
 *
 * @example
 * ```ts
 * deterministicGuid('vm', 'rg-1', 'web-1'); // always the same GUID for these parts
 * ```
 */
export function deterministicGuid(...parts: string[]): string {
  // A separator no part can contain keeps ('ab', 'c') apart from ('a', 'bc').
  const [a, b, c, d] = hash128(parts.join('\u0000')).map(hex) as [string, string, string, string];
  const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-8${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/**
 * The default `vmId` of a VM: derived from its subscription, resource group, name (ARM matches
 * both case-insensitively) and start instant, so a VM created again with the same input gets
 * the same id.
 */
export function defaultVmId(subscriptionId: string, resourceGroup: string, name: string, startTime: number): string {
  return deterministicGuid('Microsoft.Compute/virtualMachines', subscriptionId.toLowerCase(), resourceGroup.toLowerCase(), name.toLowerCase(), String(startTime));
}

/**
 * The id of a VM's n-th operation (1 = create): a GUID unique to the VM and the number, so two
 * VMs never share an operation id (the emulator's status URLs carry it) and reruns agree.
 */
export function operationIdOf(vmId: string, n: number): string {
  return deterministicGuid('operation', vmId.toLowerCase(), String(n));
}
