import { afterEach, describe, expect, it } from 'vitest';
import { VmInputError, validateInput } from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { createVm } from './utils.js';

// `startTime` is read the same on every machine: an ISO string without an offset is UTC, as
// Azure's times are, never the time zone of the machine the code runs on.

const originalTz = process.env.TZ;

/** Runs `check` with the process in time zone `tz`, after proving the zone took effect. */
function inTimeZone(tz: string, offsetMinutes: number, check: () => void): void {
  process.env.TZ = tz;
  try {
    expect(new Date(Date.UTC(2025, 2, 1, 8)).getTimezoneOffset()).toBe(-offsetMinutes);
    check();
  } finally {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  }
}

function startOf(startTime: unknown): number {
  return validateInput({ startTime: startTime as string }, 0).startTime;
}

function refused(startTime: unknown): VmInputError {
  try {
    startOf(startTime);
  } catch (error) {
    expect(error).toBeInstanceOf(VmInputError);
    expect((error as VmInputError).option).toBe('startTime');
    return error as VmInputError;
  }
  return expect.unreachable(`accepted ${String(startTime)}`);
}

afterEach(() => {
  expect(process.env.TZ).toBe(originalTz);
});

describe('startTime', () => {
  it.each<[string, number]>([
    ['2025-03-01T08:00:00Z', Date.UTC(2025, 2, 1, 8)],
    ['2025-03-01T08:00:00.000Z', Date.UTC(2025, 2, 1, 8)],
    ['2025-03-01t08:00:00z', Date.UTC(2025, 2, 1, 8)],
    ['2025-03-01T09:00:00+01:00', Date.UTC(2025, 2, 1, 8)],
    ['2025-03-01T02:30:00-0530', Date.UTC(2025, 2, 1, 8)],
    ['2025-03-01T08:00:00.1234567+00:00', Date.UTC(2025, 2, 1, 8, 0, 0, 123)],
    ['2025-03-01 08:00:00Z', Date.UTC(2025, 2, 1, 8)],
    ['2025-03-01T08:00Z', Date.UTC(2025, 2, 1, 8)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, ms) => {
    expect(startOf(text)).toBe(ms);
  });

  it('reads Azure’s own status time, seven fraction digits and all, to the millisecond', () => {
    expect(startOf('2018-11-16T19:25:22.9719543+00:00')).toBe(Date.UTC(2018, 10, 16, 19, 25, 22, 971));
  });

  it.each<[string, string, number]>([
    ['Asia/Kolkata', '+05:30', 330],
    ['America/St_Johns', '−03:30', -210],
    ['Pacific/Kiritimati', '+14:00', 840],
  ])('reads a date-time without an offset as UTC in time zone %s (%s)', (tz, _offset, minutes) => {
    inTimeZone(tz, minutes, () => {
      // What JavaScript's own parser does here: the machine's zone.
      expect(Date.parse('2025-03-01T08:00:00')).not.toBe(Date.UTC(2025, 2, 1, 8));
      expect(startOf('2025-03-01T08:00:00')).toBe(Date.UTC(2025, 2, 1, 8));
      expect(startOf('2025-03-01T08:00')).toBe(Date.UTC(2025, 2, 1, 8));
      expect(startOf('2025-03-01 08:00:00.250')).toBe(Date.UTC(2025, 2, 1, 8, 0, 0, 250));
      expect(startOf('2025-03-01')).toBe(Date.UTC(2025, 2, 1));
    });
  });

  it('stamps the statuses of a VM started at a time without an offset in UTC, whatever the machine’s zone', () => {
    inTimeZone('Asia/Kolkata', 330, () => {
      const vm = createVm({ image: 'specialized', startTime: '2025-03-01T08:00:00' });
      vm.settle();
      const succeeded = toInstanceView(vm.snapshot()).statuses.find((s) => s.code === 'ProvisioningState/succeeded');
      expect(succeeded?.time).toBe('2025-03-01T08:00:50.0000000+00:00');
    });
  });

  it.each([
    'March 1, 2025',
    '03/01/2025',
    'Sat, 01 Mar 2025 08:00:00 GMT',
    '2025-03-01T08:00:00 +01:00',
    ' 2025-03-01T08:00:00Z',
    '2025-03-01T08:00:00Z ',
    '2025-3-1',
    '20250301T080000Z',
    '2025-02-29',
    '2025-02-30T00:00:00Z',
    '2025-13-01',
    '2025-00-10',
    '2025-03-00',
    '2025-03-01T24:00:00Z',
    '2025-03-01T08:60:00Z',
    '2025-03-01T08:00:60Z',
    '2025-03-01T08:00:00+24:00',
    '2025-03-01T08:00:00+01:60',
    '2025-03-01T08:00:00+01',
    '2025-03-01Z',
    '+010000-01-01T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '',
  ])('refuses %j', (text) => {
    expect(refused(text).message).toContain('expected a Date, whole epoch ms or an ISO 8601 date-time such as "2025-03-01T08:00:00Z" (UTC when it has no offset) in the years 0000–9999.');
  });

  it('accepts the first and last instants of the years 0000 to 9999, in every form', () => {
    const first = -62_167_219_200_000;
    const last = 253_402_300_799_999;
    expect(startOf('0000-01-01T00:00:00Z')).toBe(first);
    expect(startOf('9999-12-31T23:59:59.999Z')).toBe(last);
    expect(startOf(first)).toBe(first);
    expect(startOf(new Date(last))).toBe(last);
  });

  it.each<[string, unknown, string]>([
    ['a number before year 0000', -62_167_219_200_001, 'got number -62167219200001'],
    ['a number after year 9999', 253_402_300_800_000, 'got number 253402300800000'],
    ['a number beyond a Date’s range', 8.64e15 + 1, 'got number 8640000000000001'],
    ['a Date after year 9999', new Date(8.64e15), 'got a Date (+275760-09-13T00:00:00.000Z)'],
    ['an offset that crosses into year 10000', '9999-12-31T23:00:00-01:00', 'got "9999-12-31T23:00:00-01:00"'],
    ['an invalid Date', new Date(Number.NaN), 'got a Date (invalid)'],
    ['a fractional millisecond', 1.5, 'got number 1.5'],
    ['NaN', Number.NaN, 'got number NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'got number Infinity'],
    ['a BigInt', 0n, 'got bigint 0'],
    ['a boolean', true, 'got boolean true'],
    ['an object with a date', { date: '2025-03-01T08:00:00Z' }, 'got an object'],
  ])('refuses %s', (_what, startTime, got) => {
    expect(refused(startTime).message).toContain(got);
  });

  it('refuses a clock reading that is no instant when no startTime is given', () => {
    expect(() => validateInput({}, Number.NaN)).toThrow("Invalid VM input 'now': got number NaN;");
  });
});
