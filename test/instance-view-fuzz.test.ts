import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstanceViewError, contradictionOf, fromInstanceView, type ParsedInstanceView } from 'azure-vm-lifecycle/parse';
import { HIBERNATED_STATUS, OS_PROVISIONING_STATUS, POWER_STATUS, POWER_UNKNOWN_CODE, PROVISIONING_STATUS } from 'azure-vm-lifecycle';

// FUZZ_RUNS raises the count for a longer search; the default keeps the suite fast.
const RUNS = Math.max(2_000, Number(process.env['FUZZ_RUNS'] ?? 0) || 0);

const POWER_STATES = new Set(['creating', 'starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'hibernated', 'unknown']);
const PROVISIONING_STATES = new Set(['creating', 'updating', 'deleting', 'succeeded', 'failed']);
const FAULTS = ['AllocationFailed', 'OSProvisioningTimedOut', 'OSProvisioningClientError', 'VMStartTimedOut', 'InternalOperationError'];

type Json = unknown;

const time = fc.oneof(
  fc.constant(undefined),
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
);

type PowerState = ParsedInstanceView['power'];
type ProvisioningState = ParsedInstanceView['provisioning'];
type OsProvisioningState = ParsedInstanceView['osProvisioning'];

/** The power statuses of one valid view, from the code table, with the state they show. */
const powerStatuses = fc.constantFrom<{ state: PowerState; statuses: Json[] }>(
  { state: 'unknown', statuses: [] },
  { state: 'unknown', statuses: [{ code: POWER_UNKNOWN_CODE, level: 'Info' }] },
  ...Object.entries(POWER_STATUS).map(([state, s]) => ({
    state: state as PowerState,
    statuses: state === 'hibernated' ? [{ ...s, level: 'Info' }, { ...HIBERNATED_STATUS, level: 'Info' }] : [{ ...s, level: 'Info' }],
  })),
);

/** The provisioning status of one valid view, from the code table, with the state it shows. */
const provisioningStatus = fc.oneof(
  fc.constantFrom(
    ...(Object.entries(PROVISIONING_STATUS) as [ProvisioningState, { code: string }][])
      .filter(([state]) => state !== 'failed')
      .map(([state, status]) => ({ state, os: undefined as OsProvisioningState, status: status as Record<string, Json> })),
    ...Object.entries(OS_PROVISIONING_STATUS).map(([os, status]) => ({
      state: 'creating' as ProvisioningState,
      os: os as OsProvisioningState,
      status: { ...status } as Record<string, Json>,
    })),
  ),
  fc.constantFrom(...FAULTS).map((code) => ({
    state: 'failed' as ProvisioningState,
    os: undefined as OsProvisioningState,
    status: { ...PROVISIONING_STATUS.failed, code: `${PROVISIONING_STATUS.failed.code}/${code}`, level: 'Error', message: `${code}.` } as Record<string, Json>,
  })),
);

/** A valid instance view in one of the envelopes Azure and its SDK return. */
const validDocument = fc
  .record({
    power: powerStatuses,
    provisioning: provisioningStatus,
    time,
    other: fc.boolean(),
    envelope: fc.constantFrom('bare', 'resource', 'sdk', 'listAll'),
  })
  // Contradictory pairs are refused by design (instance-view-contradictions.test.ts).
  .filter(({ power, provisioning }) => contradictionOf({ power: power.state, provisioning: provisioning.state, ...(provisioning.os ? { osProvisioning: provisioning.os } : {}) }) === null)
  .map(({ power, provisioning, ...rest }) => ({ ...rest, power: power.statuses, provisioning: provisioning.status }))
  .chain(({ power, provisioning, time: t, other, envelope }) =>
    fc.shuffledSubarray([...power, { level: 'Info', ...provisioning, ...(t === undefined ? {} : { time: t }) }, ...(other ? [{ code: 'OSState/generalized', level: 'Info' }] : [])], { minLength: power.length + 1 + (other ? 1 : 0) }).map((statuses) => {
      const view = { computerName: 'myVM', vmAgent: { statuses: [{ code: 'ProvisioningState/succeeded' }] }, disks: [{ name: 'os', statuses: [{ code: 'ProvisioningState/updating' }] }], statuses };
      switch (envelope) {
        case 'resource':
          return { name: 'myVM', properties: { provisioningState: 'Succeeded', instanceView: view } } as Json;
        case 'sdk':
          return { name: 'myVM', provisioningState: 'Succeeded', instanceView: view } as Json;
        case 'listAll':
          return { name: 'myVM', id: '/x', properties: { instanceView: { statuses } } } as Json;
        default:
          return view as Json;
      }
    }),
  );

/** One change to a document, applied at the place (key or element) chosen by `at`. */
type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'duplicate'; at: number }
  | { kind: 'recase'; at: number; mask: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.anything(),
      fc.constantFrom<Json>(null, 42, '', [], {}, true, 'PowerState/bogus', 'ProvisioningState/failed', 'HibernationState/Hibernated', 'PowerState/stopped', 'ProvisioningState/updating', 'Warning', 'Fatal', new Date(Number.NaN), new Date(0), '2024-02-30T00:00:00Z'),
    ),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('recase' as const), at: fc.nat(), mask: fc.nat() }),
);

/** Every place in a document a mutation can hit: a container and one of its keys. */
function places(value: Json, found: [Record<string, Json> | Json[], string | number][] = []): [Record<string, Json> | Json[], string | number][] {
  if (Array.isArray(value)) {
    value.forEach((item: Json, index) => {
      found.push([value, index]);
      places(item, found);
    });
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const record = value as Record<string, Json>;
    for (const key of Object.keys(record)) {
      found.push([record, key]);
      places(record[key], found);
    }
  }
  return found;
}

function recase(text: string, mask: number): string {
  return [...text].map((char, i) => ((mask >> (i % 31)) & 1 ? char.toUpperCase() : char.toLowerCase())).join('');
}

function mutate(document: Json, mutations: readonly Mutation[]): Json {
  const copy = structuredClone(document);
  for (const m of mutations) {
    const all = places(copy);
    const place = all[m.at % Math.max(all.length, 1)];
    if (place === undefined) continue;
    const [container, key] = place;
    const get = (): Json => (Array.isArray(container) ? container[key as number] : container[key as string]);
    const set = (v: Json): void => {
      if (Array.isArray(container)) container[key as number] = v;
      else container[key as string] = v;
    };
    if (m.kind === 'delete') {
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key as string];
    } else if (m.kind === 'replace') {
      set(m.value);
    } else if (m.kind === 'duplicate') {
      if (Array.isArray(container)) container.push(structuredClone(get()));
    } else {
      const current = get();
      if (typeof current === 'string') set(recase(current, m.mask));
    }
  }
  return copy;
}

/** Checks a result against the invariants of ParsedInstanceView. */
function expectWellFormed(parsed: ParsedInstanceView): void {
  expect(POWER_STATES.has(parsed.power)).toBe(true);
  expect(PROVISIONING_STATES.has(parsed.provisioning)).toBe(true);
  expect(parsed.hibernated).toBe(parsed.power === 'hibernated');
  if (parsed.power === 'creating') expect(['creating', 'deleting']).toContain(parsed.provisioning);
  expect(contradictionOf(parsed)).toBeNull();
  if (parsed.rawProvisioningState !== undefined) expect(['failed', 'updating']).toContain(parsed.provisioning);
  if (parsed.osProvisioning !== undefined) expect(parsed.provisioning).toBe('creating');
  if (parsed.error !== undefined) {
    expect(parsed.provisioning).toBe('failed');
    expect(typeof parsed.error.code).toBe('string');
    expect(parsed.error.code).not.toBe('');
    expect(typeof parsed.error.message).toBe('string');
  }
  if (parsed.provisioningTime !== undefined) expect(new Date(parsed.provisioningTime).toISOString()).toBe(parsed.provisioningTime);
}

/** Parses, and returns the result or the InstanceViewError; any other error fails the property. */
function parseOrInstanceViewError(json: Json): void {
  let parsed: ParsedInstanceView;
  try {
    parsed = fromInstanceView(json);
  } catch (error) {
    if (error instanceof InstanceViewError) {
      expect(error.path.startsWith('$')).toBe(true);
      expect(error.message).toBe(`Invalid instance view at ${error.path}: found ${error.found}, expected ${error.expected}.`);
      return;
    }
    throw error;
  }
  expectWellFormed(parsed);
}

describe(`instance-view fuzzing (${RUNS} runs per property)`, () => {
  it('parses every unmutated valid view without error', () => {
    fc.assert(
      fc.property(validDocument, fc.boolean(), (document, asString) => {
        expectWellFormed(fromInstanceView(asString ? JSON.stringify(document) : document));
      }),
      { numRuns: RUNS },
    );
  });

  it('returns a well-formed result or throws InstanceViewError for any mutated view, and never another error', () => {
    fc.assert(
      fc.property(validDocument, fc.array(mutation, { minLength: 1, maxLength: 4 }), (document, mutations) => {
        parseOrInstanceViewError(mutate(document, mutations));
      }),
      { numRuns: RUNS },
    );
  });

  it('returns a well-formed result or throws InstanceViewError for a mutated view sent as JSON cut at any offset', () => {
    fc.assert(
      fc.property(validDocument, fc.array(mutation, { maxLength: 3 }), fc.nat(), fc.boolean(), (document, mutations, cut, recased) => {
        let text = JSON.stringify(mutate(document, mutations)) ?? '';
        if (recased) text = recase(text, cut);
        parseOrInstanceViewError(text.slice(0, cut % (text.length + 1)));
      }),
      { numRuns: RUNS },
    );
  });
});
