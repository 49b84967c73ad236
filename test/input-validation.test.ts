import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { DEFAULT_DURATIONS, VmInputError, defaultVmId, validateInput, vmMachine, type VmInput } from 'azure-vm-lifecycle';

describe('validateInput', () => {
  it('fills every default', () => {
    expect(validateInput({}, 0)).toEqual({
      name: 'myVM',
      resourceGroup: 'myResourceGroup',
      image: 'generalized',
      osType: 'Linux',
      hibernationEnabled: false,
      priority: 'Regular',
      evictionPolicy: 'Deallocate',
      durations: DEFAULT_DURATIONS,
      billing: 'seed-2018',
      historyLimit: 50,
      startTime: 0,
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      vmId: defaultVmId('00000000-0000-0000-0000-000000000000', 'myResourceGroup', 'myVM', 0),
      location: 'eastus',
      vmSize: 'Standard_D2s_v5',
      hyperVGeneration: 'V2',
    });
  });

  it.each<[string, VmInput, string]>([
    ['a negative duration', { durations: { starting: -5 } }, "Invalid VM input 'durations.starting': got number -5; expected a number of milliseconds from 0 to 2147483647 (setTimeout fires longer delays at once)."],
    ['a zero OSProvisioningComplete', { durations: { osProvisioningComplete: 0 } }, "Invalid VM input 'durations.osProvisioningComplete': got number 0; expected a number of milliseconds above 0 (OSProvisioningComplete is brief but visible) and at most 2147483647 (setTimeout fires longer delays at once)."],
    ['an unknown duration', { durations: { booting: 5 } as never }, "Invalid VM input 'durations.booting': got number 5; expected no such duration;"],
    ['an unknown image kind', { image: 'custom' as never }, 'Invalid VM input \'image\': got "custom"; expected one of "generalized", "specialized".'],
    ['an unknown option', { size: 'Standard_B1s' } as never, "Invalid VM input 'size': got \"Standard_B1s\"; expected no such option; the options are name,"],
    ['a VM name with a space', { name: 'my vm' }, 'Invalid VM input \'name\': got "my vm"; expected a Linux VM name of 1–64 characters'],
    ['a VM name ending with a hyphen', { name: 'web-' }, "Invalid VM input 'name'"],
    ['a Windows name over 15 characters', { name: 'a-very-long-windows-name', osType: 'Windows' }, 'expected a Windows VM name of 1–15 characters'],
    ['an all-digit Windows name', { name: '12345', osType: 'Windows' }, "Invalid VM input 'name'"],
    ['a 65-character Linux name', { name: 'a'.repeat(65) }, "Invalid VM input 'name'"],
    ['an unknown fault', { faults: ['DiskFull'] as never }, "Invalid VM input 'faults[0]': got \"DiskFull\"; expected one of \"AllocationFailed\","],
    ['an invalid start time', { startTime: 'yesterday' }, "Invalid VM input 'startTime': got \"yesterday\"; expected a Date, whole epoch ms or an ISO 8601 date-time such as \"2025-03-01T08:00:00Z\" (UTC when it has no offset) in the years 0000–9999."],
    ['a history limit of 0', { historyLimit: 0 }, "Invalid VM input 'historyLimit': got number 0; expected a whole number from 1 to 1000."],
    ['an unknown billing table', { billing: '2024' as never }, 'expected one of "seed-2018", "azure-2023".'],
  ])('rejects %s, naming the option and the accepted values', (_what, input, message) => {
    expect(() => validateInput(input)).toThrow(VmInputError);
    expect(() => validateInput(input)).toThrow(message);
  });

  it('accepts Azure-valid names', () => {
    for (const name of ['a', 'web-1', 'web.prod.1', 'VM_x'.replace('_', '-'), 'x'.repeat(64)]) expect(validateInput({ name }).name).toBe(name);
    expect(validateInput({ name: 'WIN-01', osType: 'Windows' }).name).toBe('WIN-01');
  });

  it('says which option was wrong on the error object', () => {
    try {
      validateInput({ durations: { deleting: Number.NaN } });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'VmInputError', option: 'durations.deleting' });
    }
  });
});

describe('an actor created with invalid input', () => {
  it('ends in XState error status carrying the VmInputError', () => {
    const actor = createActor(vmMachine, { input: { image: 'custom' as never } });
    const errors: unknown[] = [];
    actor.subscribe({ error: (e) => errors.push(e) });
    actor.start();
    const snapshot = actor.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.error).toBeInstanceOf(VmInputError);
    expect(errors).toEqual([snapshot.error]);
  });
});
