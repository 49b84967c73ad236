import { describe, expect, it } from 'vitest';
import { VmInputError, validateInput, type VmInput } from 'azure-vm-lifecycle';

// validateInput as a hostile caller meets it: values at and past every bound, keys that are
// object members, invisible characters, huge strings. Each refusal names the option.

const MAX_TIMER = 2 ** 31 - 1;

function refusal(input: unknown): VmInputError {
  try {
    validateInput(input as VmInput, 0);
  } catch (error) {
    expect(error).toBeInstanceOf(VmInputError);
    return error as VmInputError;
  }
  return expect.unreachable(`accepted ${String(input)}`);
}

describe('durations as a hostile caller gives them', () => {
  it('accepts 2^31 − 1 ms, the longest delay setTimeout keeps', () => {
    expect(validateInput({ durations: { starting: MAX_TIMER } }, 0).durations.starting).toBe(MAX_TIMER);
  });

  it.each([2 ** 31, 2 ** 40, Number.MAX_VALUE, Number.POSITIVE_INFINITY])('refuses %d ms, which setTimeout would fire after 1 ms', (ms) => {
    const error = refusal({ durations: { stopping: ms } });
    expect(error.option).toBe('durations.stopping');
    expect(error.message).toContain(`expected a number of milliseconds from 0 to ${MAX_TIMER} (setTimeout fires longer delays at once)`);
  });

  it('refuses a hibernating deallocation longer than 2^31 − 1 ms, deallocating and hibernating together', () => {
    expect(validateInput({ durations: { deallocating: MAX_TIMER - 10, hibernating: 10 } }, 0).durations.hibernating).toBe(10);
    const error = refusal({ durations: { deallocating: MAX_TIMER - 10, hibernating: 11 } });
    expect(error.option).toBe('durations.hibernating');
    expect(error.message).toContain(`expected at most ${MAX_TIMER} ms with durations.deallocating (${MAX_TIMER - 10}) added.`);
  });

  it.each(['toString', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])('refuses a duration named %s as no such duration', (key) => {
    const error = refusal({ durations: { [key]: 5 } });
    expect(error.option).toBe(`durations.${key}`);
    expect(error.message).toContain('expected no such duration; the durations are allocating, starting,');
  });

  it('refuses a __proto__ duration, as JSON.parse makes one', () => {
    const error = refusal(JSON.parse('{ "durations": { "__proto__": 5 } }'));
    expect(error.option).toBe('durations.__proto__');
    expect(error.message).toContain('no such duration');
  });

  it('refuses a symbol-named duration', () => {
    expect(refusal({ durations: { [Symbol('starting')]: 5 } }).option).toBe('durations[Symbol("starting")]');
  });

  it.each<[string, unknown]>([
    ['an array', [1000]],
    ['a Map', new Map([['starting', 1000]])],
    ['a Date', new Date(0)],
    ['a string', 'fast'],
  ])('refuses durations given as %s, rather than reading nothing from it', (_what, durations) => {
    expect(refusal({ durations }).option).toBe('durations');
  });

  it('refuses a duration given as a string of digits', () => {
    expect(refusal({ durations: { starting: '1000' } }).message).toContain('got "1000"');
  });
});

describe('names with invisible characters', () => {
  const invisible: [string, string, string][] = [
    ['a right-to-left override', 'web\u202Eexe', 'web\\u202eexe'],
    ['a left-to-right embedding', 'web\u202A1', 'web\\u202a1'],
    ['a first-strong isolate', 'web\u20681', 'web\\u20681'],
    ['a pop directional isolate', 'web\u20691', 'web\\u20691'],
    ['a zero-width space', 'web\u200B1', 'web\\u200b1'],
    ['a zero-width non-joiner', 'web\u200C1', 'web\\u200c1'],
    ['a zero-width joiner', 'web\u200D1', 'web\\u200d1'],
    ['a byte-order mark', '\uFEFFweb', '\\ufeffweb'],
    ['a soft hyphen', 'web\u00AD1', 'web\\u00ad1'],
    ['an astral format character', 'web\u{E0001}1', 'web\\u{e0001}1'],
    ['a NUL', 'web\u00001', 'web\\u00001'],
    ['a DEL', 'web\u007F1', 'web\\u007f1'],
    ['a C1 control', 'web\u00851', 'web\\u00851'],
    ['a lone high surrogate', 'web\uD800', 'web\\ud800'],
    ['a lone low surrogate', '\uDC00web', '\\udc00web'],
  ];

  it.each(invisible)('refuses a VM name with %s, quoting it escaped', (_what, name, escaped) => {
    const error = refusal({ name });
    expect(error.option).toBe('name');
    expect(error.message).toContain(`got "${escaped}"; expected a Linux VM name of 1–64 characters without spaces, control or format characters`);
    expect(error.message).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}]/u);
  });

  it.each(invisible)('refuses a resource group name with %s, quoting it escaped', (_what, resourceGroup, escaped) => {
    const error = refusal({ resourceGroup });
    expect(error.option).toBe('resourceGroup');
    expect(error.message).toContain(`got "${escaped}"`);
    expect(error.message).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}]/u);
  });

  it('still accepts a name with a letter outside the BMP written as a surrogate pair', () => {
    expect(validateInput({ resourceGroup: 'rg-\u{1D49C}' }, 0).resourceGroup).toBe('rg-\u{1D49C}');
  });
});

describe('error messages quote at most 80 characters of a value', () => {
  const long = `${'x'.repeat(99_990)}\u202E123456789`;

  it.each<[string, VmInput]>([
    ['name', { name: long }],
    ['resourceGroup', { resourceGroup: long }],
    ['image', { image: long as never }],
    ['osType', { osType: long as never }],
    ['priority', { priority: long as never }],
    ['evictionPolicy', { evictionPolicy: long as never }],
    ['billing', { billing: long as never }],
    ['faults[0]', { faults: [long as never] }],
    ['startTime', { startTime: long }],
    ['durations.starting', { durations: { starting: long as never } }],
  ])('cuts the value of %s after 80 characters and says how long it was', (option, input) => {
    const error = refusal(input);
    expect(error.option).toBe(option);
    expect(error.message).toContain(`got "${'x'.repeat(80)}"… (100000 characters); expected`);
    expect(error.message).not.toContain('x'.repeat(81));
  });

  it('cuts an unknown option’s name and value, escaping what is invisible', () => {
    const key = `\u202E${'k'.repeat(500)}`;
    const error = refusal({ [key]: long });
    expect(error.option).toBe(`["\\u202e${'k'.repeat(79)}"… (501 characters)]`);
    expect(error.message).not.toContain('k'.repeat(80));
    expect(error.message).not.toContain('x'.repeat(81));
    expect(error.message.length).toBeLessThan(600);
  });

  it('never cuts between the two halves of a surrogate pair', () => {
    const error = refusal({ name: `${'a'.repeat(79)}\u{1F600}${'b'.repeat(100)}` });
    expect(error.message).toContain(`got "${'a'.repeat(79)}"… (181 characters)`);
  });
});

describe('the input object itself', () => {
  it.each<[string, unknown]>([
    ['an array', [{ name: 'web' }]],
    ['a Map', new Map([['name', 'web']])],
    ['a Date', new Date(0)],
    ['a class instance', new (class Options { name = 'web'; })()],
    ['a string', 'web'],
    ['a function', () => ({ name: 'web' })],
  ])('refuses %s as input', (_what, input) => {
    expect(refusal(input).option).toBe('input');
  });

  it('accepts an object without a prototype', () => {
    const input = Object.assign(Object.create(null) as VmInput, { name: 'web' });
    expect(validateInput(input, 0).name).toBe('web');
  });

  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__'])('refuses an option named %s as no such option', (key) => {
    const input = JSON.parse(`{ ${JSON.stringify(key)}: 1 }`) as VmInput;
    const error = refusal(input);
    expect(error.option).toBe(key);
    expect(error.message).toContain('expected no such option; the options are name,');
  });

  it('refuses a symbol-named option', () => {
    expect(refusal({ [Symbol.for('name')]: 'web' }).option).toBe('[Symbol("name")]');
  });

  it('reads no option inherited from Object.prototype', () => {
    Object.defineProperty(Object.prototype, 'osType', { value: 'Windows', configurable: true, writable: true });
    Object.defineProperty(Object.prototype, 'historyLimit', { value: -1, configurable: true, writable: true });
    try {
      const settings = validateInput({ name: 'web-server-with-a-long-name' }, 0);
      expect(settings.osType).toBe('Linux');
      expect(settings.historyLimit).toBe(50);
    } finally {
      delete (Object.prototype as Record<string, unknown>).osType;
      delete (Object.prototype as Record<string, unknown>).historyLimit;
    }
  });
});

describe('faults, history and the other options', () => {
  it('accepts up to 100 armed faults and refuses more, saying how many it got', () => {
    expect(validateInput({ faults: Array(100).fill('AllocationFailed') }, 0)).toBeDefined();
    const error = refusal({ faults: Array(101).fill('AllocationFailed') });
    expect(error.option).toBe('faults');
    expect(error.message).toContain('got an array of 101 items; expected an array of at most 100 fault codes');
  });

  it('refuses a hole in a sparse faults array instead of skipping it', () => {
    // eslint-disable-next-line no-sparse-arrays
    const error = refusal({ faults: [, 'AllocationFailed'] });
    expect(error.option).toBe('faults[0]');
    expect(error.message).toContain('got undefined; expected one of "AllocationFailed",');
  });

  it.each<[string, unknown, string]>([
    ['undefined', [undefined], 'got undefined'],
    ['a number', [409], 'got number 409'],
    ['a BigInt', [409n], 'got bigint 409'],
    ['an object', [{ code: 'AllocationFailed' }], 'got an object'],
    ['a fault code in lower case', ['allocationfailed'], 'got "allocationfailed"'],
  ])('refuses a fault given as %s', (_what, faults, got) => {
    const error = refusal({ faults });
    expect(error.option).toBe('faults[0]');
    expect(error.message).toContain(got);
  });

  it('refuses faults given as one string rather than an array', () => {
    expect(refusal({ faults: 'AllocationFailed' }).message).toContain('got "AllocationFailed"; expected an array of at most 100 fault codes');
  });

  it.each<[string, unknown]>([
    ['1001', 1001],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['2^53', 2 ** 53],
    ['1.5', 1.5],
    ['NaN', Number.NaN],
    ['"50"', '50'],
    ['-1', -1],
  ])('refuses a history limit of %s', (_what, historyLimit) => {
    const error = refusal({ historyLimit });
    expect(error.option).toBe('historyLimit');
    expect(error.message).toContain('expected a whole number from 1 to 1000');
  });

  it('keeps up to 1000 finished operations', () => {
    expect(validateInput({ historyLimit: 1000 }, 0).historyLimit).toBe(1000);
  });

  it.each<[keyof VmInput, unknown, string]>([
    ['hibernationEnabled', 'true', 'got "true"; expected true or false'],
    ['hibernationEnabled', 1, 'got number 1; expected true or false'],
    ['osType', 'linux', 'got "linux"; expected one of "Linux", "Windows"'],
    ['priority', { toString: () => 'Spot' }, 'got an object; expected one of "Regular", "Spot", "Low"'],
    ['evictionPolicy', ['Delete'], 'got an array of 1 item; expected one of "Deallocate", "Delete"'],
    ['image', Symbol('generalized'), 'got a symbol; expected one of "generalized", "specialized"'],
    ['billing', null, "got null; expected a value, or the option left out"],
    ['name', null, "got null; expected a value, or the option left out"],
    ['historyLimit', null, "got null; expected a value, or the option left out"],
    ['hibernationEnabled', null, "got null; expected a value, or the option left out"],
    ['name', 42, 'got number 42; expected a Linux VM name'],
    ['resourceGroup', '', 'got ""; expected a resource group name of 1–90'],
    ['resourceGroup', 'rg.', 'got "rg."; expected a resource group name'],
  ])('refuses %s given as %o', (option, value, message) => {
    const error = refusal({ [option]: value });
    expect(error.option).toBe(option);
    expect(error.message).toContain(message);
  });
});
