/**
 * The one error that parsing an instance view throws: where in the JSON it went wrong,
 * what was there and what should have been.
 */

/**
 * An instance view (or a VM resource carrying one) that cannot be read.
 *
 * Every field is meant for people: `path` finds the spot in the document, `found` and
 * `expected` explain it, and `message` joins all three.
 *
 * @example
 * ```ts
 * try {
 *   fromInstanceView(json);
 * } catch (error) {
 *   if (error instanceof InstanceViewError) console.warn(error.path, error.found);
 * }
 * ```
 */
export class InstanceViewError extends Error {
  /** A JSON path to the value that is wrong, for example `$.properties.instanceView.statuses[2].code`. */
  readonly path: string;
  /** A short description of the value that was there, for example `a number (42)` or `undefined`. */
  readonly found: string;
  /** What was expected there, for example `a string such as "PowerState/running"`. */
  readonly expected: string;

  /**
   * @param path - JSON path to the offending value (`$` is the document itself)
   * @param found - what was there, as {@link describeValue} words it
   * @param expected - what should have been there, without a final full stop
   * @param options - the underlying error, if any (a `SyntaxError` from `JSON.parse`)
   */
  constructor(path: string, found: string, expected: string, options?: { cause?: unknown }) {
    super(`Invalid instance view at ${path}: found ${found}, expected ${expected}.`, options);
    this.name = 'InstanceViewError';
    this.path = path;
    this.found = found;
    this.expected = expected;
  }
}

/** Longest string quoted in full by {@link describeValue}; longer ones are cut, so messages stay one line. */
const MAX_QUOTED = 60;

/**
 * Describes a value in a few words for {@link InstanceViewError.found}.
 * - `undefined`, `null`
 * - `a string ("PowerState/x")`, cut with `…` after 60 characters
 * - `a number (42)`, `a boolean (true)`, `a bigint (1n)`
 * - `an array of 3 items`, `a Date (Invalid Date)`, `an object`, `a function`, `a symbol`
 *
 * @param value - anything
 * @returns a short description, starting with an article where English has one
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `a string (${quote(value)})`;
    case 'number':
      return `a number (${String(value)})`;
    case 'boolean':
      return `a boolean (${String(value)})`;
    case 'bigint':
      return `a bigint (${String(value)}n)`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      break;
  }
  if (Array.isArray(value)) return `an array of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (value instanceof Date) return `a Date (${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
  return 'an object';
}

/**
 * Quotes a string as JSON does, cutting it after {@link MAX_QUOTED} characters.
 *
 * @param text - the string to quote
 * @returns the quoted, possibly shortened string
 */
export function quote(text: string): string {
  return text.length > MAX_QUOTED ? `${JSON.stringify(text.slice(0, MAX_QUOTED))}…` : JSON.stringify(text);
}
