import { describe, expect, it } from 'vitest';
import { InstanceViewError, fromInstanceView, type ParsedInstanceView } from 'azure-vm-lifecycle/parse';
import type { FaultCode, OsProvisioningState, PowerState, ProvisioningState } from 'azure-vm-lifecycle';

const TIME = '2024-05-01T12:00:00.1234567+00:00';
const TIME_ISO = '2024-05-01T12:00:00.123Z';

const succeeded = { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: TIME };
const running = { code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' };

/** Runs the parser and returns the InstanceViewError it throws. */
function parseError(json: unknown): InstanceViewError {
  try {
    fromInstanceView(json);
  } catch (error) {
    if (error instanceof InstanceViewError) return error;
    throw error;
  }
  throw new Error('fromInstanceView accepted the input');
}

describe('power states', () => {
  const cases: [string, Record<string, unknown>[], PowerState, boolean][] = [
    ['PowerState/starting', [{ code: 'PowerState/starting' }], 'starting', false],
    ['PowerState/running', [{ code: 'PowerState/running' }], 'running', false],
    ['PowerState/stopping', [{ code: 'PowerState/stopping' }], 'stopping', false],
    ['PowerState/stopped', [{ code: 'PowerState/stopped' }], 'stopped', false],
    ['PowerState/deallocating', [{ code: 'PowerState/deallocating' }], 'deallocating', false],
    ['PowerState/deallocated', [{ code: 'PowerState/deallocated' }], 'deallocated', false],
    ['PowerState/deallocated with HibernationState/Hibernated', [{ code: 'PowerState/deallocated' }, { code: 'HibernationState/Hibernated', level: 'Info', displayStatus: 'VM hibernated' }], 'hibernated', true],
    ['HibernationState/Hibernated before PowerState/deallocated', [{ code: 'HibernationState/Hibernated' }, { code: 'PowerState/deallocated' }], 'hibernated', true],
    ['PowerState/unknown', [{ code: 'PowerState/unknown' }], 'unknown', false],
    ['no PowerState status', [], 'unknown', false],
  ];
  it.each(cases)('reads %s as its power state', (_name, powerStatuses, power, hibernated) => {
    const parsed = fromInstanceView({ statuses: [succeeded, ...powerStatuses.map((s) => ({ level: 'Info', ...s }))] });
    expect(parsed).toEqual({ power, provisioning: 'succeeded', hibernated, provisioningTime: TIME_ISO });
  });
});

describe('provisioning states', () => {
  const cases: [string, ProvisioningState, OsProvisioningState | undefined][] = [
    ['ProvisioningState/creating', 'creating', undefined],
    ['ProvisioningState/creating/OSProvisioningInprogress', 'creating', 'osProvisioningInProgress'],
    ['ProvisioningState/creating/OSProvisioningComplete', 'creating', 'osProvisioningComplete'],
    ['ProvisioningState/updating', 'updating', undefined],
    ['ProvisioningState/deleting', 'deleting', undefined],
    ['ProvisioningState/succeeded', 'succeeded', undefined],
  ];
  it.each(cases)('reads %s', (code, provisioning, osProvisioning) => {
    const expected: ParsedInstanceView = { power: 'running', provisioning, hibernated: false };
    if (osProvisioning !== undefined) expected.osProvisioning = osProvisioning;
    expect(fromInstanceView({ statuses: [{ code, level: 'Info' }, running] })).toEqual(expected);
  });

  const faults: FaultCode[] = ['AllocationFailed', 'OSProvisioningTimedOut', 'OSProvisioningClientError', 'VMStartTimedOut', 'InternalOperationError'];
  it.each(faults)('reads ProvisioningState/failed/%s as failed with that error code and the status message', (code) => {
    const status = { code: `ProvisioningState/failed/${code}`, level: 'Error', displayStatus: 'Provisioning failed', message: `${code} happened.`, time: TIME };
    expect(fromInstanceView({ statuses: [status, running] })).toEqual({
      power: 'running',
      provisioning: 'failed',
      hibernated: false,
      error: { code, message: `${code} happened.` },
      provisioningTime: TIME_ISO,
    });
  });

  it('gives a failed status without a message an empty error message', () => {
    const parsed = fromInstanceView({ statuses: [{ code: 'ProvisioningState/failed/AllocationFailed', level: 'Error' }] });
    expect(parsed.error).toEqual({ code: 'AllocationFailed', message: '' });
  });

  it.each([
    ['Creating', 'creating'],
    ['updating', 'updating'],
    ['DELETING', 'deleting'],
    ['Succeeded', 'succeeded'],
    ['Failed', 'failed'],
  ] as const)('falls back on the resource provisioningState %s when no status has one', (resourceState, provisioning) => {
    const parsed = fromInstanceView({ properties: { provisioningState: resourceState, instanceView: { statuses: [running] } } });
    expect(parsed).toEqual({ power: 'running', provisioning, hibernated: false });
  });

  it('prefers the ProvisioningState status over the resource provisioningState', () => {
    const parsed = fromInstanceView({ properties: { provisioningState: 'Updating', instanceView: { statuses: [succeeded, running] } } });
    expect(parsed.provisioning).toBe('succeeded');
  });
});

// The REST spec types `provisioningState` as a plain string; ARM's terminal states are Succeeded,
// Failed and Canceled, and any other value means in progress (Azure/azure-resource-manager-rpc
// v1.0/Addendum.md, "ProvisioningState property"); the 2023 table lists Migrating (MicrosoftDocs/
// azure-compute-docs articles/virtual-machines/states-billing.md).
describe('provisioning states beyond the model\'s', () => {
  it.each([
    ['Migrating', 'updating'],
    ['Canceled', 'failed'],
    ['canceled', 'failed'],
    ['Accepted', 'updating'],
    ['PreparingVMDisk', 'updating'],
  ] as const)('reads the resource provisioningState %s as %s and keeps the raw value', (raw, provisioning) => {
    expect(fromInstanceView({ properties: { provisioningState: raw } })).toEqual({
      power: 'unknown',
      provisioning,
      hibernated: false,
      rawProvisioningState: raw,
    });
  });

  it.each([
    ['ProvisioningState/migrating', 'updating', 'migrating'],
    ['ProvisioningState/Canceled', 'failed', 'Canceled'],
  ] as const)('reads the status %s as %s and keeps the raw state', (code, provisioning, raw) => {
    expect(fromInstanceView({ statuses: [{ code }, running] })).toEqual({ power: 'running', provisioning, hibernated: false, rawProvisioningState: raw });
  });

  it('reads ProvisioningState/failed without an error code as failed without an error', () => {
    expect(fromInstanceView({ statuses: [{ code: 'ProvisioningState/failed', level: 'Error', time: TIME }, running] })).toEqual({
      power: 'running',
      provisioning: 'failed',
      hibernated: false,
      provisioningTime: TIME_ISO,
    });
  });

  it('reads PowerState/creating, the Creating power state of the 2023 table, as creating', () => {
    expect(fromInstanceView({ statuses: [{ code: 'ProvisioningState/creating' }, { code: 'PowerState/creating' }] })).toEqual({
      power: 'creating',
      provisioning: 'creating',
      hibernated: false,
    });
  });
});

describe('VM resources without an instance view', () => {
  it.each([
    ['a REST resource', { name: 'myVM', properties: { provisioningState: 'Creating' } }, 'creating'],
    ['a REST resource with instanceView null', { properties: { provisioningState: 'Deleting', instanceView: null } }, 'deleting'],
    ['an SDK VirtualMachine', { name: 'myVM', provisioningState: 'Updating', hardwareProfile: { vmSize: 'Standard_D2s_v5' } }, 'updating'],
    ['an SDK VirtualMachine with instanceView null', { name: 'myVM', instanceView: null }, 'succeeded'],
    ['a list item with only an id', { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1', location: 'eastus' }, 'succeeded'],
    ['a list item with only a type', { type: 'Microsoft.Compute/virtualMachines', name: 'vm1' }, 'succeeded'],
    ['a resource with properties but no provisioningState', { properties: { vmId: '0' } }, 'succeeded'],
  ] as const)('reads %s: the provisioning state it has (ARM: none means Succeeded), power unknown', (_name, json, provisioning) => {
    expect(fromInstanceView(json)).toEqual({ power: 'unknown', provisioning, hibernated: false });
  });

  it('reads a resource whose instance view has no ProvisioningState status as Succeeded, as ARM assumes', () => {
    expect(fromInstanceView({ id: '/x', properties: { instanceView: { statuses: [running] } } })).toEqual({ power: 'running', provisioning: 'succeeded', hibernated: false });
  });
});

describe('envelopes', () => {
  const statuses = [succeeded, running];
  const expected: ParsedInstanceView = { power: 'running', provisioning: 'succeeded', hibernated: false, provisioningTime: TIME_ISO };
  const bare = {
    computerName: 'myVM',
    osName: 'ubuntu',
    vmAgent: { vmAgentVersion: '2.2.45', statuses: [{ code: 'ProvisioningState/failed/Whatever', level: 'Error', displayStatus: 'Not Ready' }] },
    disks: [{ name: 'osdisk', statuses: [{ code: 'ProvisioningState/updating', level: 'Info', time: TIME }] }],
    extensions: [{ name: 'CustomScript', statuses: [{ code: 'ProvisioningState/deleting', level: 'Info' }] }],
    hyperVGeneration: 'V2',
    statuses,
  };
  const resource = {
    id: '/subscriptions/0/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/myVM',
    name: 'myVM',
    type: 'Microsoft.Compute/virtualMachines',
    location: 'westeurope',
    properties: { vmId: '0', provisioningState: 'Succeeded', hardwareProfile: { vmSize: 'Standard_D2s_v5' }, instanceView: bare },
  };
  const sdk = {
    id: resource.id,
    name: 'myVM',
    provisioningState: 'Succeeded',
    instanceView: { ...bare, statuses: [{ ...succeeded, time: new Date(TIME_ISO) }, running] },
  };
  const listAllItem = { name: 'myVM', id: resource.id, properties: { instanceView: { statuses } } };

  it.each([
    ['a bare instance view', bare],
    ['a VM resource with properties.instanceView', resource],
    ['an SDK VirtualMachine with Date times', sdk],
    ['a listAll statusOnly item', listAllItem],
    ['a JSON string of a bare instance view', JSON.stringify(bare)],
    ['a JSON string of a VM resource', JSON.stringify(resource, null, 2)],
    ['a JSON string of a listAll statusOnly item', JSON.stringify(listAllItem)],
  ])('reads %s', (_name, json) => {
    expect(fromInstanceView(json)).toEqual(expected);
  });

  it('ignores the ProvisioningState codes of vmAgent, disks and extensions', () => {
    expect(fromInstanceView(bare).provisioning).toBe('succeeded');
  });

  it('ignores status families it does not model, such as OSState/specialized, and reads OSState/generalized', () => {
    const parsed = fromInstanceView({ statuses: [{ code: 'OSState/specialized', level: 'Info' }, succeeded, running, { code: 'Something/else' }] });
    expect(parsed).toEqual(expected);
    expect(fromInstanceView({ statuses: [{ code: 'OSState/generalized', level: 'Info' }, succeeded, running] })).toEqual({ ...expected, generalized: true });
  });
});

describe('case and form variants', () => {
  it.each([
    'ProvisioningState/creating/OSProvisioningInprogress',
    'ProvisioningState/creating/OSProvisioningInProgress',
    'provisioningstate/Creating/osprovisioninginprogress',
  ])('reads %s as OS provisioning in progress', (code) => {
    expect(fromInstanceView({ statuses: [{ code }] }).osProvisioning).toBe('osProvisioningInProgress');
  });

  it.each(['ProvisioningState/creating/OSProvisioningComplete', 'ProvisioningState/creating/osProvisioningComplete'])(
    'reads %s as OS provisioning complete',
    (code) => {
      expect(fromInstanceView({ statuses: [{ code }] }).osProvisioning).toBe('osProvisioningComplete');
    },
  );

  it('reads power and hibernation codes and levels in any case', () => {
    const parsed = fromInstanceView({ statuses: [{ code: 'POWERSTATE/Deallocated', level: 'info' }, { code: 'hibernationstate/hibernated' }, { code: 'provisioningState/Succeeded' }] });
    expect(parsed).toEqual({ power: 'hibernated', provisioning: 'succeeded', hibernated: true });
  });

  it('keeps the error code of a failed status as Azure spelled it', () => {
    expect(fromInstanceView({ statuses: [{ code: 'provisioningstate/FAILED/AllocationFailed' }] }).error?.code).toBe('AllocationFailed');
  });

  it('reads the same power status twice as one', () => {
    expect(fromInstanceView({ statuses: [running, succeeded, { code: 'PowerState/Running' }] }).power).toBe('running');
  });

  it('treats null optional fields as absent', () => {
    expect(fromInstanceView({ statuses: [{ code: 'ProvisioningState/succeeded', level: null, time: null, message: null }] })).toEqual({ power: 'unknown', provisioning: 'succeeded', hibernated: false });
  });

  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T14:00:00.5+02:00', '2024-05-01T12:00:00.500Z'],
    ['2024-05-01t12:00z', '2024-05-01T12:00:00.000Z'],
  ])('normalises the provisioning time %s to %s', (time, iso) => {
    expect(fromInstanceView({ statuses: [{ ...succeeded, time }] }).provisioningTime).toBe(iso);
  });
});

describe('errors', () => {
  const ok = [succeeded, running];
  const cases: [string, unknown, string, string][] = [
    ['a number document', 42, '$', 'Invalid instance view at $: found a number (42), expected an object: an instance view, a VM resource, or a JSON string of either.'],
    ['null', null, '$', 'Invalid instance view at $: found null, expected an object: an instance view, a VM resource, or a JSON string of either.'],
    ['an array document', [succeeded], '$', 'Invalid instance view at $: found an array of 1 item, expected an object: an instance view, a VM resource, or a JSON string of either.'],
    ['a JSON string of a string', '"{}"', '$', 'Invalid instance view at $: found a string ("{}"), expected an object: an instance view, a VM resource, or a JSON string of either.'],
    ['truncated JSON', '{"statuses": [{"code": "PowerState/run', '$', 'Invalid instance view at $: found a string that is not valid JSON (at line 1, column 39, offset 38: wanted the closing \'"\' of a string), expected a JSON object.'],
    ['JSON with a trailing comma', '{\n  "statuses": [\n    {"code": "PowerState/running"},\n  ]\n}', '$', 'Invalid instance view at $: found a string that is not valid JSON (at line 4, column 3, offset 56: wanted a value), expected a JSON object.'],
    ['an empty string', '', '$', 'Invalid instance view at $: found a string that is not valid JSON (at line 1, column 1, offset 0: wanted a value), expected a JSON object.'],
    ['an object without statuses', { name: 'myVM' }, '$.statuses', 'Invalid instance view at $.statuses: found undefined, expected an array of statuses (or a VM resource: properties, an id of Microsoft.Compute/virtualMachines, or an SDK VirtualMachine).'],
    ['statuses that are not an array', { statuses: { code: 'PowerState/running' } }, '$.statuses', 'Invalid instance view at $.statuses: found an object, expected an array of statuses.'],
        ['properties that are not an object', { properties: 'x' }, '$.properties', 'Invalid instance view at $.properties: found a string ("x"), expected an object (the VM resource\'s properties).'],
    ['an SDK instanceView that is not an object', { instanceView: [] }, '$.instanceView', 'Invalid instance view at $.instanceView: found an array of 0 items, expected an instance view object.'],
    ['resource statuses that are not an array', { properties: { instanceView: { statuses: 'none' } } }, '$.properties.instanceView.statuses', 'Invalid instance view at $.properties.instanceView.statuses: found a string ("none"), expected an array of statuses.'],
    ['a status that is not an object', { statuses: [succeeded, 'PowerState/running'] }, '$.statuses[1]', 'Invalid instance view at $.statuses[1]: found a string ("PowerState/running"), expected a status object with a "code".'],
    ['a code that is a number', { statuses: [succeeded, { code: 42 }] }, '$.statuses[1].code', 'Invalid instance view at $.statuses[1].code: found a number (42), expected a string such as "PowerState/running".'],
    ['a missing code', { properties: { instanceView: { statuses: [ok[0], ok[1], { level: 'Info' }] } } }, '$.properties.instanceView.statuses[2].code', 'Invalid instance view at $.properties.instanceView.statuses[2].code: found undefined, expected a string such as "PowerState/running".'],
    ['an unknown power state', { statuses: [succeeded, { code: 'PowerState/sleeping' }] }, '$.statuses[1].code', 'Invalid instance view at $.statuses[1].code: found an unknown code "PowerState/sleeping", expected one of "PowerState/starting", "PowerState/running", "PowerState/stopping", "PowerState/stopped", "PowerState/deallocating", "PowerState/deallocated", "PowerState/creating", "PowerState/unknown".'],
    ['an unknown OS-provisioning substate', { statuses: [{ code: 'ProvisioningState/creating/OSProvisioningStalled' }] }, '$.statuses[0].code', 'Invalid instance view at $.statuses[0].code: found an unknown code "ProvisioningState/creating/OSProvisioningStalled", expected "ProvisioningState/<state>" (such as "ProvisioningState/succeeded"), "ProvisioningState/failed[/<ErrorCode>]", "ProvisioningState/creating/OSProvisioningInprogress" or "ProvisioningState/creating/OSProvisioningComplete".'],
    ['a provisioning code with an empty state', { statuses: [{ code: 'ProvisioningState/' }] }, '$.statuses[0].code', 'Invalid instance view at $.statuses[0].code: found an unknown code "ProvisioningState/", expected "ProvisioningState/<state>" (such as "ProvisioningState/succeeded"), "ProvisioningState/failed[/<ErrorCode>]", "ProvisioningState/creating/OSProvisioningInprogress" or "ProvisioningState/creating/OSProvisioningComplete".'],
    ['a succeeded code with a third segment', { statuses: [{ code: 'ProvisioningState/succeeded/extra' }] }, '$.statuses[0].code', 'Invalid instance view at $.statuses[0].code: found an unknown code "ProvisioningState/succeeded/extra", expected "ProvisioningState/<state>" (such as "ProvisioningState/succeeded"), "ProvisioningState/failed[/<ErrorCode>]", "ProvisioningState/creating/OSProvisioningInprogress" or "ProvisioningState/creating/OSProvisioningComplete".'],
    ['a resource provisioningState that is not a string', { properties: { provisioningState: 3 } }, '$.properties.provisioningState', 'Invalid instance view at $.properties.provisioningState: found a number (3), expected a string such as "Succeeded".'],
    ['a resource instanceView that is not an object', { properties: { instanceView: 'x' } }, '$.properties.instanceView', 'Invalid instance view at $.properties.instanceView: found a string ("x"), expected an instance view object.'],
    ['two different power states', { statuses: [succeeded, running, { code: 'PowerState/stopped' }] }, '$.statuses[2].code', 'Invalid instance view at $.statuses[2].code: found "PowerState/stopped" besides "PowerState/running" at $.statuses[1].code, expected at most one PowerState status.'],
    ['two provisioning states', { statuses: [succeeded, running, { code: 'ProvisioningState/succeeded' }] }, '$.statuses[2].code', 'Invalid instance view at $.statuses[2].code: found "ProvisioningState/succeeded" besides "ProvisioningState/succeeded" at $.statuses[0].code, expected exactly one ProvisioningState status.'],
    ['no provisioning state at all', { statuses: [running] }, '$.statuses', 'Invalid instance view at $.statuses: found no ProvisioningState status, expected exactly one ProvisioningState status, or a resource with a provisioningState.'],
        ['a level outside Info, Warning, Error', { statuses: [{ ...succeeded, level: 'Fatal' }] }, '$.statuses[0].level', 'Invalid instance view at $.statuses[0].level: found a string ("Fatal"), expected one of "Info", "Warning", "Error".'],
    ['a time that is not a date', { statuses: [{ ...succeeded, time: 'yesterday' }] }, '$.statuses[0].time', 'Invalid instance view at $.statuses[0].time: found a string ("yesterday"), expected an ISO 8601 date-time with an offset, such as "2024-05-01T12:00:00.0000000+00:00", or a valid Date.'],
    ['a time without an offset', { statuses: [{ ...succeeded, time: '2024-05-01T12:00:00' }] }, '$.statuses[0].time', 'Invalid instance view at $.statuses[0].time: found a string ("2024-05-01T12:00:00"), expected an ISO 8601 date-time with an offset, such as "2024-05-01T12:00:00.0000000+00:00", or a valid Date.'],
    ['30 February', { statuses: [{ ...succeeded, time: '2024-02-30T12:00:00Z' }] }, '$.statuses[0].time', 'Invalid instance view at $.statuses[0].time: found a string ("2024-02-30T12:00:00Z"), expected an ISO 8601 date-time with an offset, such as "2024-05-01T12:00:00.0000000+00:00", or a valid Date.'],
    ['an invalid Date', { instanceView: { statuses: [{ ...succeeded, time: new Date(Number.NaN) }] } }, '$.instanceView.statuses[0].time', 'Invalid instance view at $.instanceView.statuses[0].time: found a Date (Invalid Date), expected an ISO 8601 date-time with an offset, such as "2024-05-01T12:00:00.0000000+00:00", or a valid Date.'],
    ['a time that is a number', { statuses: [{ ...succeeded, time: 1714564800000 }] }, '$.statuses[0].time', 'Invalid instance view at $.statuses[0].time: found a number (1714564800000), expected an ISO 8601 date-time with an offset, such as "2024-05-01T12:00:00.0000000+00:00", or a valid Date.'],
    ['a message that is not a string', { statuses: [{ code: 'ProvisioningState/failed/AllocationFailed', message: { text: 'x' } }] }, '$.statuses[0].message', 'Invalid instance view at $.statuses[0].message: found an object, expected a string.'],
    ['hibernation while running', { statuses: [succeeded, running, { code: 'HibernationState/Hibernated' }] }, '$.statuses[2].code', 'Invalid instance view at $.statuses[2].code: found "HibernationState/Hibernated" besides "PowerState/running" at $.statuses[1].code, expected "HibernationState/Hibernated" only together with "PowerState/deallocated".'],
    ['hibernation without a power state', { statuses: [succeeded, { code: 'HibernationState/Hibernated' }] }, '$.statuses[1].code', 'Invalid instance view at $.statuses[1].code: found "HibernationState/Hibernated" without a PowerState status, expected "HibernationState/Hibernated" only together with "PowerState/deallocated".'],
    ['an unknown hibernation state', { statuses: [succeeded, { code: 'HibernationState/Dozing' }] }, '$.statuses[1].code', 'Invalid instance view at $.statuses[1].code: found an unknown code "HibernationState/Dozing", expected "HibernationState/Hibernated".'],
  ];
  it.each(cases)('rejects %s with the path and a message saying what was found and expected', (_name, json, path, message) => {
    const error = parseError(json);
    expect(error.path).toBe(path);
    expect(error.message).toBe(message);
    expect(error.name).toBe('InstanceViewError');
    expect(error).toBeInstanceOf(Error);
  });

  it('keeps the SyntaxError of invalid JSON as the cause', () => {
    expect(parseError('{').cause).toBeInstanceOf(SyntaxError);
  });

  it('cuts long strings in the description of what was found', () => {
    const error = parseError({ statuses: [{ ...succeeded, level: 'x'.repeat(100) }] });
    expect(error.found).toBe(`a string ("${'x'.repeat(60)}"…)`);
  });
});
