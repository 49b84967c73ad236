/**
 * Where a JSON text stops being valid JSON.
 * `JSON.parse` reports this in engine-specific words, sometimes without a position at all
 * ("Unexpected end of JSON input"), so a small scanner of RFC 8259 finds it instead.
 */

/** The first place a text departs from the JSON grammar. */
export interface JsonErrorPosition {
  /** Zero-based offset of the first character that cannot be accepted (the text's length at a premature end). */
  offset: number;
  /** One-based line of that offset. */
  line: number;
  /** One-based column of that offset, in UTF-16 code units. */
  column: number;
  /** What the grammar wanted there, for example `a value` or `"," or "}"`. */
  wanted: string;
}

/** Thrown inside the scanner to unwind to {@link findJsonError}. */
class Stop {
  constructor(
    readonly offset: number,
    readonly wanted: string,
  ) {}
}

/** Thrown inside the scanner when nesting is too deep to follow by recursion. */
class TooDeep {}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
// The scanner recurses per nesting level; past this depth it gives up rather than overflow the stack.
const MAX_DEPTH = 1_000;

/**
 * Finds where a text stops being valid JSON.
 *
 * @param text - the text `JSON.parse` rejected
 * @returns the first invalid position, or `undefined` if the text is valid JSON after all
 *   or nests deeper than the scanner follows
 */
export function findJsonError(text: string): JsonErrorPosition | undefined {
  let at = 0;
  let depth = 0;

  const skipWhitespace = (): void => {
    while (at < text.length && WHITESPACE.has(text.charAt(at))) at += 1;
  };
  const expect = (literal: string, wanted: string): void => {
    for (let i = 0; i < literal.length; i += 1) {
      if (text.charAt(at) !== literal.charAt(i)) throw new Stop(at, wanted);
      at += 1;
    }
  };
  const digits = (wanted: string): void => {
    if (!/[0-9]/.test(text.charAt(at))) throw new Stop(at, wanted);
    while (/[0-9]/.test(text.charAt(at))) at += 1;
  };
  const string = (): void => {
    expect('"', 'a string');
    for (;;) {
      if (at >= text.length) throw new Stop(at, 'the closing \'"\' of a string');
      const char = text.charAt(at);
      if (char === '"') {
        at += 1;
        return;
      }
      if (char === '\\') {
        at += 1;
        const escape = text.charAt(at);
        if (escape === 'u') {
          at += 1;
          for (let i = 0; i < 4; i += 1) {
            if (!/[0-9a-fA-F]/.test(text.charAt(at))) throw new Stop(at, 'four hex digits after "\\u"');
            at += 1;
          }
        } else if ('"\\/bfnrt'.includes(escape) && escape !== '') {
          at += 1;
        } else {
          throw new Stop(at, 'an escape character after "\\"');
        }
      } else if (char < ' ') {
        throw new Stop(at, 'no control character inside a string');
      } else {
        at += 1;
      }
    }
  };
  const number = (): void => {
    if (text.charAt(at) === '-') at += 1;
    if (text.charAt(at) === '0') at += 1;
    else digits('a digit');
    if (text.charAt(at) === '.') {
      at += 1;
      digits('a digit after "."');
    }
    if (text.charAt(at) === 'e' || text.charAt(at) === 'E') {
      at += 1;
      if (text.charAt(at) === '+' || text.charAt(at) === '-') at += 1;
      digits('a digit in the exponent');
    }
  };
  const value = (): void => {
    skipWhitespace();
    const char = text.charAt(at);
    if (char === '{') object();
    else if (char === '[') array();
    else if (char === '"') string();
    else if (char === '-' || /[0-9]/.test(char)) number();
    else if (char === 't') expect('true', 'a value');
    else if (char === 'f') expect('false', 'a value');
    else if (char === 'n') expect('null', 'a value');
    else throw new Stop(at, 'a value');
    skipWhitespace();
  };
  const nest = (): void => {
    depth += 1;
    if (depth > MAX_DEPTH) throw new TooDeep();
  };
  const object = (): void => {
    nest();
    expect('{', 'an object');
    skipWhitespace();
    if (text.charAt(at) === '}') {
      at += 1;
      depth -= 1;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text.charAt(at) !== '"') throw new Stop(at, 'a property name in double quotes');
      string();
      skipWhitespace();
      expect(':', '":" after a property name');
      value();
      if (text.charAt(at) === ',') {
        at += 1;
        continue;
      }
      expect('}', '"," or "}" after a property value');
      depth -= 1;
      return;
    }
  };
  const array = (): void => {
    nest();
    expect('[', 'an array');
    skipWhitespace();
    if (text.charAt(at) === ']') {
      at += 1;
      depth -= 1;
      return;
    }
    for (;;) {
      value();
      if (text.charAt(at) === ',') {
        at += 1;
        continue;
      }
      expect(']', '"," or "]" after an array element');
      depth -= 1;
      return;
    }
  };

  try {
    value();
    if (at < text.length) throw new Stop(at, 'the end of the text after the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof TooDeep) return undefined;
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return {
      offset: error.offset,
      line: before.split('\n').length,
      column: error.offset - lineStart + 1,
      wanted: error.wanted,
    };
  }
}
