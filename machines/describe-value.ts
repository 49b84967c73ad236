/**
 * How an error message shows the value it refused: briefly, on one line, and with every
 * invisible character spelled out, so a hostile value can neither flood a log nor reorder it (a
 * right-to-left override inside a quoted name would turn the rest of the line around).
 */

/** How many characters of a string (or of a number's digits) a message quotes. */
export const QUOTE_LIMIT = 80;

// Controls, format characters (bidi overrides and isolates, zero-width ones, the BOM) and the
// two Unicode line breaks JSON leaves as they are. Lone surrogates JSON already escapes.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** The first {@link QUOTE_LIMIT} characters of `text`, never ending inside a surrogate pair. */
function head(text: string): string {
  let end = Math.min(text.length, QUOTE_LIMIT);
  if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** What follows a cut text: an ellipsis and the whole text's length. */
function cutNote(kept: string, text: string): string {
  return kept.length < text.length ? `… (${text.length} characters)` : '';
}

/**
 * Quotes a string as JSON does, with control and format characters escaped as `\uXXXX`, cut after
 * {@link QUOTE_LIMIT} characters (never inside a surrogate pair) and then saying how long it was.
 *
 * @example
 * ```ts
 * quoteText('evil\u202Etxt.exe'); // '"evil\\u202etxt.exe"'
 * quoteText('a'.repeat(100));     // '"aaa…a"… (100 characters)'
 * ```
 */
export function quoteText(text: string): string {
  const kept = head(text);
  const quoted = JSON.stringify(kept).replace(INVISIBLE, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return quoted + cutNote(kept, text);
}

/**
 * Describes a value for an error message, safe for any value (BigInt, symbols, cycles):
 * - a string quoted by {@link quoteText}
 * - `number 5`, `boolean true`, `bigint 5` (digits cut like a string's)
 * - `undefined`, `null`, `an array of 3 items`, `a Date (…)`, `an object`, `a function`, `a symbol`
 *
 * @example
 * ```ts
 * describeValue('x'.repeat(200)); // '"xxxx…"… (200 characters)'
 * describeValue(10n);             // 'bigint 10'
 * ```
 */
export function describeValue(value: unknown): string {
  const type = typeof value;
  if (type === 'string') return quoteText(value as string);
  if (type === 'number' || type === 'boolean' || type === 'bigint') {
    const text = String(value);
    const kept = head(text);
    return `${type} ${kept}${cutNote(kept, text)}`;
  }
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value instanceof Date) return `a Date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/**
 * The path of a property as an error message shows it: a short identifier joined with a dot
 * (`durations.starting`), any other name quoted in brackets (`durations["\u202e"]`), a symbol as
 * `[Symbol("…")]`.
 *
 * @param parent - the path of the object holding the property (`''` at the top)
 * @param key - the property's name
 */
export function keyPath(parent: string, key: string | symbol): string {
  if (typeof key === 'string' && /^[A-Za-z_$][\w$]{0,79}$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${typeof key === 'symbol' ? `Symbol(${quoteText(key.description ?? '')})` : quoteText(key)}]`;
}
