import { describe, expect, it } from 'vitest';
import { decodeRunLink, encodeRunLink, MAX_LINK_LENGTH, MAX_RUN_MS, type RunLink } from '../viz/page/run-link.js';
import { translator } from '../viz/page/i18n/index.js';

const en = translator('en');
const START = '2025-01-01T00:00:00.000Z';

const base64 = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
const problemOf = (value: string) => {
  const result = decodeRunLink(value);
  if (result.ok) throw new Error('the link was accepted');
  return en.text(result.problem);
};
const link = (overrides: Record<string, unknown>) => base64({ v: 1, input: { startTime: START }, steps: [], end: 0, ...overrides });

describe('run links', () => {
  it('carry the input, the steps, how long the run lasted and the instant shown, and read back the same', () => {
    const original: RunLink = {
      input: { name: 'café-1', resourceGroup: 'rg-été', hibernationEnabled: true, startTime: START },
      steps: [
        { at: 115_000, event: { type: 'vm.deallocate', hibernate: true } },
        { at: 200_000, event: { type: 'fault.arm', code: 'AllocationFailed' } },
        { at: 200_000, event: { type: 'vm.start' } },
      ],
      end: 8 * 3_600_000,
      at: { at: 200_000, step: 2 },
    };
    const value = encodeRunLink(original);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeRunLink(value)).toEqual({ ok: true, link: original });
  });

  it('pin a start instant when the input names none, so the run replays the same everywhere', () => {
    const result = decodeRunLink(base64({ v: 1, input: {}, steps: [], end: 0 }));
    expect(result.ok && result.link.input.startTime).toBe(START);
  });

  it.each([
    ['text that is not base64url', 'a+b/c=', 'This link could not be opened: the run= parameter is not base64url text. The page shows a new VM instead.'],
    ['base64url that is not JSON', Buffer.from('{"v":1,').toString('base64url'), /^the run= parameter does not hold JSON \(.+\)\.$/],
    ['a value too long to read', 'A'.repeat(MAX_LINK_LENGTH + 1), `the run= parameter is ${MAX_LINK_LENGTH + 1} characters long; at most ${MAX_LINK_LENGTH} are read.`],
    ['another version', link({ v: 2 }), 'v: expected 1, the version of run links this page reads.'],
    ['an unknown key', link({ speed: 10 }), 'speed: no such key; the keys are v, input, steps, end, at.'],
    ['invalid input', link({ input: { name: 'bad name!' } }), /^input\.name: Invalid VM input 'name': got "bad name!"; expected a Linux VM name/],
    ['input that is not an object', link({ input: [] }), 'input: expected an object.'],
    ['steps that are not a list', link({ steps: {} }), 'steps: expected a list.'],
    ['a step that is not a pair', link({ steps: [{ at: 0 }] }), 'steps[0]: expected [milliseconds, event].'],
    ['a negative time', link({ steps: [[-1, { type: 'vm.start' }]] }), `steps[0][0]: expected a whole number of milliseconds from 0 to ${MAX_RUN_MS}.`],
    ['time going backwards', link({ steps: [[5, { type: 'vm.start' }], [4, { type: 'vm.start' }]], end: 9 }), 'steps[1][0]: comes before the previous step, at 5 ms.'],
    ['an event the VM does not take from outside', link({ steps: [[0, { type: 'operation.accepted' }]] }), /^steps\[0\]\[1\]\.type: expected an event the VM accepts from outside: vm\.start, /],
    ['an unknown field of an event', link({ steps: [[0, { type: 'vm.start', hibernate: true }]] }), 'steps[0][1].hibernate: the event vm.start has no such field.'],
    ['a flag that is not a boolean', link({ steps: [[0, { type: 'vm.deallocate', hibernate: 'true' }]] }), 'steps[0][1].hibernate: expected true or false.'],
    ['an unknown fault', link({ steps: [[0, { type: 'fault.arm', code: 'Oops' }]] }), /^steps\[0\]\[1\]\.code: expected one of AllocationFailed, /],
    ['a fault without a code', link({ steps: [[0, { type: 'fault.arm' }]] }), /^steps\[0\]\[1\]\.code: expected one of /],
    ['an end before the last step', link({ steps: [[50, { type: 'vm.start' }]], end: 10 }), 'end: comes before the last step, at 50 ms.'],
    ['an instant that is not a pair', link({ at: 5 }), 'at: expected [milliseconds, steps sent].'],
    ['an instant outside the run', link({ steps: [[50, { type: 'vm.start' }]], end: 100, at: [60, 0] }), 'at: is not an instant of this run of 1 steps ending at 100 ms.'],
  ])('answer %s with what is wrong and where', (_what, value, expected) => {
    const text = problemOf(value);
    if (typeof expected === 'string' && expected.startsWith('This link')) expect(en('link.invalid', { problem: text })).toBe(expected);
    else expect(text).toMatch(typeof expected === 'string' ? new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : expected);
  });

  it('say what is wrong in Dutch too', () => {
    const result = decodeRunLink(link({ steps: [[5, { type: 'vm.start' }], [4, { type: 'vm.start' }]], end: 9 }));
    expect(!result.ok && translator('nl').text(result.problem)).toBe('steps[1][0]: valt vóór de vorige stap, op 5 ms.');
  });
});
