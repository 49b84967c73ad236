import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock, VmInputError, deterministicGuid, isGuid, operationIdOf, validateInput, vmMachine, type VmInput } from 'azure-vm-lifecycle';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function operationIds(input: VmInput): string[] {
  const clock = new VirtualClock();
  const vm = createActor(vmMachine, { clock, input: { startTime: 0, ...input } }).start();
  clock.runUntilIdle();
  vm.send({ type: 'vm.powerOff' });
  clock.runUntilIdle();
  vm.send({ type: 'vm.start' });
  clock.runUntilIdle();
  return vm.getSnapshot().context.history.map((operation) => operation.id);
}

describe('identifiers', () => {
  it('gives every operation a GUID in Azure’s form, version 8 and RFC 4122 variant', () => {
    for (const id of operationIds({ name: 'web-1' })) expect(id).toMatch(GUID);
  });

  it('gives the same operation ids to the same input on every run', () => {
    expect(operationIds({ name: 'web-1' })).toEqual(operationIds({ name: 'web-1' }));
  });

  it('never gives two VMs the same operation id, not even their creates', () => {
    const ids = [
      ...operationIds({ name: 'web-1' }),
      ...operationIds({ name: 'web-2' }),
      ...operationIds({ name: 'web-1', resourceGroup: 'other' }),
      ...operationIds({ name: 'web-1', subscriptionId: '11111111-2222-3333-4444-555555555555' }),
      ...operationIds({ name: 'web-1', startTime: 1 }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('derives operation ids from the vmId, so a given vmId fixes them', () => {
    const vmId = '0f3a5b2c-1d4e-4f60-8a7b-9c0d1e2f3a4b';
    expect(operationIds({ name: 'a', vmId })).toEqual(operationIds({ name: 'b', vmId }));
    expect(operationIds({ name: 'a', vmId })[0]).toBe(operationIdOf(vmId, 1));
  });

  it('derives the default vmId case-insensitively from the resource group and name, as ARM matches them', () => {
    expect(validateInput({ name: 'Web-1', resourceGroup: 'RG', startTime: 0 }).vmId).toBe(
      validateInput({ name: 'web-1', resourceGroup: 'rg', startTime: 0 }).vmId,
    );
  });

  it('keeps parts apart: ("ab", "c") and ("a", "bc") give different GUIDs', () => {
    expect(deterministicGuid('ab', 'c')).not.toBe(deterministicGuid('a', 'bc'));
    expect(isGuid(deterministicGuid('x'))).toBe(true);
  });

  it.each<[string, VmInput]>([
    ['a subscription id that is not a GUID', { subscriptionId: 'my-subscription' }],
    ['a vmId that is not a GUID', { vmId: '1234' }],
    ['a vmId that is not a string', { vmId: 42 as never }],
  ])('rejects %s, naming the option', (_what, input) => {
    expect(() => validateInput(input)).toThrow(VmInputError);
    expect(() => validateInput(input)).toThrow(Object.keys(input)[0]!);
  });
});
