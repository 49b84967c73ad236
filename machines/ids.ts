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
// The lanes go straight into the GUID's digits: an operation id is made on every accepted operation.
const lanes = new Uint32Array(4);
function hash128(text: string): Uint32Array {
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
  lanes[0] = h1;
  lanes[1] = h2;
  lanes[2] = h3;
  lanes[3] = h4;
  return lanes;
}

/** Two hexadecimal digits of each byte value. */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Eight hexadecimal digits of a 32-bit lane. */
const hex8 = (n: number) => BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 0xff]! + BYTE_HEX[(n >>> 8) & 0xff]! + BYTE_HEX[n & 0xff]!;

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
  const [a, b, c, d] = hash128(parts.join('\u0000')) as unknown as [number, number, number, number];
  // 8-4-4-4-12 from the lanes a b c d: a | b's first 4 digits | 8 and b's last 3 | the variant
  // (10xx) and c's digits 2–4 | c's last 4, d.
  const high = hex8(b);
  const third = hex8(c);
  const variant = (((c >>> 28) & 0x3) | 0x8).toString(16);
  return `${hex8(a)}-${high.slice(0, 4)}-8${high.slice(5)}-${variant}${third.slice(1, 4)}-${third.slice(4)}${hex8(d)}`;
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
