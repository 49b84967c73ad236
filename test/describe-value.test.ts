import { describe, expect, it } from 'vitest';
import { describeValue } from 'azure-vm-lifecycle';

describe('describeValue', () => {
  it.each<[string, unknown, string]>([
    ['a short string, quoted', 'web-1', '"web-1"'],
    ['a string with a right-to-left override, escaped', 'web\u202Eexe', '"web\\u202eexe"'],
    ['a string with a C1 control and DEL, escaped', '\u0085\u007F', '"\\u0085\\u007f"'],
    ['a string with the Unicode line separators, escaped', 'a\u2028b\u2029', '"a\\u2028b\\u2029"'],
    ['a string with an astral format character, escaped', '\u{E0001}', '"\\u{e0001}"'],
    ['a lone surrogate, escaped', '\uD800', '"\\ud800"'],
    ['a number', -5, 'number -5'],
    ['NaN', Number.NaN, 'number NaN'],
    ['a boolean', false, 'boolean false'],
    ['a BigInt', 10n, 'bigint 10'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['an array of one', [1], 'an array of 1 item'],
    ['an empty array', [], 'an array of 0 items'],
    ['a Date', new Date(0), 'a Date (1970-01-01T00:00:00.000Z)'],
    ['an invalid Date', new Date(Number.NaN), 'a Date (invalid)'],
    ['a symbol', Symbol('s'), 'a symbol'],
    ['a function', () => 1, 'a function'],
    ['an object with a throwing toString', { toString: () => { throw new Error('no'); } }, 'an object'],
  ])('describes %s', (_what, value, described) => {
    expect(describeValue(value)).toBe(described);
  });

  it('cuts a long string after 80 characters and says how long it was', () => {
    expect(describeValue('x'.repeat(100_000))).toBe(`"${'x'.repeat(80)}"… (100000 characters)`);
  });

  it('cuts a BigInt of many digits the same way', () => {
    expect(describeValue(10n ** 200n)).toBe(`bigint 1${'0'.repeat(79)}… (201 characters)`);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    expect(describeValue(`${'a'.repeat(79)}\u{1F600}b`)).toBe(`"${'a'.repeat(79)}"… (82 characters)`);
  });
});
