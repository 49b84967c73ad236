/**
 * Every real Azure body in test/fixtures/azure (sources in its README) parses to the state it shows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromInstanceView, type ParsedInstanceView } from 'azure-vm-lifecycle/parse';

const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/azure/${path}`, import.meta.url)), 'utf8'));

/** The body of one response of a REST example file. */
function responseBody(file: string, status: string): unknown {
  const example = fixture(`rest/${file}`) as { responses: Record<string, { body: unknown }> };
  const response = example.responses[status];
  if (!response) throw new Error(`${file} has no ${status} response`);
  return response.body;
}

/** The items of a list response. */
function listItems(file: string): unknown[] {
  return (responseBody(file, '200') as { value: unknown[] }).value;
}

const runningSucceeded = (provisioningTime: string): ParsedInstanceView => ({
  power: 'running',
  provisioning: 'succeeded',
  hibernated: false,
  provisioningTime,
});

describe('instance views from Azure/azure-rest-api-specs (Compute 2024-11-01 examples)', () => {
  it('reads VirtualMachine_Get_InstanceView.json as running and succeeded, ignoring the agent, disk and extension statuses', () => {
    expect(fromInstanceView(responseBody('VirtualMachine_Get_InstanceView.json', '200'))).toEqual(runningSucceeded('2019-10-14T21:30:12.805Z'));
  });

  it('reads VirtualMachine_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json as running and succeeded', () => {
    expect(fromInstanceView(responseBody('VirtualMachine_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json', '200'))).toEqual(
      runningSucceeded('2024-11-01T21:30:12.805Z'),
    );
  });

  it('reads the scale-set VM instance view, whose null message and time fields count as absent, as running and succeeded', () => {
    expect(fromInstanceView(responseBody('VirtualMachineScaleSetVM_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json', '200'))).toEqual(
      runningSucceeded('2020-06-05T04:59:58.185Z'),
    );
  });

  it('reads the same bodies as JSON text', () => {
    const text = JSON.stringify(responseBody('VirtualMachine_Get_InstanceView.json', '200'), null, 2);
    expect(fromInstanceView(text)).toEqual(runningSucceeded('2019-10-14T21:30:12.805Z'));
  });
});

describe('VM resources without an instance view from Azure/azure-rest-api-specs', () => {
  it.each(['VirtualMachine_Get.json', 'VirtualMachine_Get_AutoPlacedOnDedicatedHostGroup.json'])(
    'reads the plain GET of %s as succeeded with an unknown power state',
    (file) => {
      expect(fromInstanceView(responseBody(file, '200'))).toEqual({ power: 'unknown', provisioning: 'succeeded', hibernated: false });
    },
  );

  it.each([
    ['VirtualMachine_Create_WithHibernationEnabled.json', '201', 'creating'],
    ['VirtualMachine_Create_WithHibernationEnabled.json', '200', 'updating'],
    ['VirtualMachine_Create_FromASpecializedSharedImage.json', '201', 'creating'],
    ['VirtualMachine_Create_FromASpecializedSharedImage.json', '200', 'creating'],
    ['VirtualMachine_Create_WithVMSizeProperties.json', '201', 'creating'],
    ['VirtualMachine_Create_WithVMSizeProperties.json', '200', 'updating'],
  ] as const)('reads the PUT response of %s (%s) as provisioning %s with an unknown power state', (file, status, provisioning) => {
    expect(fromInstanceView(responseBody(file, status))).toEqual({ power: 'unknown', provisioning, hibernated: false });
  });

  it('reads every item of VirtualMachine_ListBySubscription_ByLocation.json as succeeded with an unknown power state', () => {
    const items = listItems('VirtualMachine_ListBySubscription_ByLocation.json');
    expect(items).toHaveLength(2);
    for (const item of items) expect(fromInstanceView(item)).toEqual({ power: 'unknown', provisioning: 'succeeded', hibernated: false });
  });

  it.each(['VirtualMachine_ListAll_MinimumSet_Gen.json', 'VirtualMachine_List_MinimumSet_Gen.json'])(
    'reads the items of %s, which carry only an id and a location, as succeeded (ARM assumes Succeeded without a provisioningState)',
    (file) => {
      const items = listItems(file);
      expect(items).toHaveLength(2);
      for (const item of items) expect(fromInstanceView(item)).toEqual({ power: 'unknown', provisioning: 'succeeded', hibernated: false });
    },
  );
});

describe('JSON from the Microsoft docs pages', () => {
  it('reads the PowerState example of states-billing.md as a running VM', () => {
    const status = fixture('docs/states-billing.power-state.json');
    expect(fromInstanceView({ statuses: [{ code: 'ProvisioningState/succeeded' }, status] }).power).toBe('running');
  });

  it('reads the REST instance view of a hibernated VM (hibernate-resume) as hibernated and succeeded', () => {
    expect(fromInstanceView(fixture('docs/hibernate-resume.rest-statuses.json'))).toEqual({
      power: 'hibernated',
      provisioning: 'succeeded',
      hibernated: true,
      provisioningTime: '2019-10-14T21:30:12.805Z',
    });
  });

  it('reads the az vm get-instance-view output of a hibernated VM (hibernate-resume), nulls and all, as hibernated', () => {
    expect(fromInstanceView(fixture('docs/hibernate-resume.cli-instance-view.json'))).toEqual({
      power: 'hibernated',
      provisioning: 'succeeded',
      hibernated: true,
      provisioningTime: '2022-04-17T02:39:51.122Z',
    });
  });
});
