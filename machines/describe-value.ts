/**
 * A value as error messages quote it: safe for any value (BigInt, symbols, cycles), never longer
 * than about 80 characters, so a hostile input cannot flood a log.
 */

/** How many characters of a string or JSON text a message quotes. */
export const QUOTE_LIMIT = 80;

function clip(text: string): string {
  if (text.length <= QUOTE_LIMIT) return text;
  return `${text.slice(0, QUOTE_LIMIT)}… (${text.length} characters)`;
}

/**
 * Describes a value for an error message: strings quoted as JSON (control and format characters
 * escaped), other values by kind and value, at most {@link QUOTE_LIMIT} characters of text.
 *
 * @example
 * ```ts
 * describeValue('x'.repeat(200)); // '"xxxx…" (202 characters)'
 * describeValue(10n);             // 'bigint 10'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return clip(JSON.stringify(value).replace(/[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    case 'number':
    case 'boolean':
    case 'bigint':
      return clip(`${typeof value} ${String(value)}`);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
  }
}
