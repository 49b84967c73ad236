/**
 * Times as Azure writes them in Compute JSON: UTC with a `+00:00` offset, status and resource
 * times with 7 fractional digits (`"2019-10-14T21:30:12.8051917+00:00"`, `timeCreated`), the VM
 * agent's heartbeat in whole seconds (`"2019-10-14T23:11:22+00:00"`), as the REST examples of
 * Azure/azure-rest-api-specs show (`VirtualMachine_Get_InstanceView.json`, `VirtualMachine_Get.json`).
 * The model counts in milliseconds, so the last four digits are zeros.
 */

/**
 * An instant as Azure writes status times: `2025-03-01T08:01:55.0000000+00:00`.
 *
 * @param epochMs - the instant, ms since 1970
 * @param precision - `7` fractional digits (status and resource times, the default) or `0` (the VM agent's heartbeat)
 * @returns the ISO 8601 text with Azure's precision and offset
 * @example
 * ```ts
 * formatAzureTime(Date.UTC(2025, 2, 1, 8, 1, 55, 120)); // '2025-03-01T08:01:55.1200000+00:00'
 * ```
 */
export function formatAzureTime(epochMs: number, precision: 7 | 0 = 7): string {
  const iso = new Date(epochMs).toISOString(); // 2025-03-01T08:01:55.120Z
  const seconds = iso.slice(0, 19);
  return precision === 0 ? `${seconds}+00:00` : `${seconds}.${iso.slice(20, 23)}0000+00:00`;
}
