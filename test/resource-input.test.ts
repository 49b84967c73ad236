/**
 * The resource keys of a VM's input and the Spot input Azure refuses. Spot texts word for word
 * from MicrosoftDocs/azure-compute-docs `articles/virtual-machines/error-codes-spot.md`; tag rules
 * from MicrosoftDocs/azure-docs `articles/azure-resource-manager/management/tag-resources.md`.
 */
import { describe, expect, it } from 'vitest';
import { SPOT_ERRORS, VmInputError, spotPriceGreaterThanMaxPrice, validateInput, type VmInput } from 'azure-vm-lifecycle';

describe('resource input', () => {
  it('takes location, size, tags, Hyper-V generation, guest OS and a Spot max price', () => {
    expect(
      validateInput({ location: 'westeurope', vmSize: 'Standard_B2s', tags: { env: 'dev' }, hyperVGeneration: 'V1', osName: 'ubuntu', osVersion: '22.04', priority: 'Spot', maxPrice: -1 }, 0),
    ).toMatchObject({ location: 'westeurope', vmSize: 'Standard_B2s', tags: { env: 'dev' }, hyperVGeneration: 'V1', osName: 'ubuntu', osVersion: '22.04', maxPrice: -1 });
  });

  it.each<[string, VmInput, string]>([
    ['a location with a slash', { location: 'east/us' }, "Invalid VM input 'location': got \"east/us\"; expected an Azure region such as \"eastus\" or \"westeurope\"."],
    ['a size without its tier', { vmSize: 'D2s_v5' }, "Invalid VM input 'vmSize': got \"D2s_v5\"; expected a VM size such as \"Standard_D2s_v5\"."],
    ['a Hyper-V generation V3', { hyperVGeneration: 'V3' as never }, "Invalid VM input 'hyperVGeneration': got \"V3\"; expected one of \"V1\", \"V2\"."],
    ['a tag name with a question mark', { tags: { 'why?': 'x' } }, "Invalid VM input 'tags.why?': got \"why?\"; expected a tag name of 1–512 characters without < > % & \\ ? /."],
    ['a tag value over 256 characters', { tags: { a: 'x'.repeat(257) } }, "Invalid VM input 'tags.a'"],
    ['51 tags', { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v'])) }, 'expected at most 50 tags.'],
    ['tags that are an array', { tags: [] as never }, "Invalid VM input 'tags': got an array of 0 items; expected an object of tag names and string values."],
    ['an empty OS name', { osName: '' }, "Invalid VM input 'osName'"],
  ])('rejects %s, naming the option', (_what, input, message) => {
    expect(() => validateInput(input)).toThrow(VmInputError);
    expect(() => validateInput(input)).toThrow(message);
  });
});

describe('Spot input Azure refuses', () => {
  it('refuses an eviction policy on a Regular VM with EvictionPolicyCanBeSetOnlyOnAzureSpotVirtualMachines', () => {
    expect(() => validateInput({ evictionPolicy: 'Delete' })).toThrow(
      'Invalid VM input \'evictionPolicy\': got "Delete"; expected nothing for a Regular VM (Azure: EvictionPolicyCanBeSetOnlyOnAzureSpotVirtualMachines, "Eviction policy can be set only on Azure Spot Virtual Machines.").',
    );
    expect(() => validateInput({ priority: 'Regular', evictionPolicy: 'Deallocate' })).toThrow(VmInputError);
  });

  it('accepts an eviction policy on Spot and on Low, the old name of Spot', () => {
    expect(validateInput({ priority: 'Spot', evictionPolicy: 'Delete' }).evictionPolicy).toBe('Delete');
    expect(validateInput({ priority: 'Low', evictionPolicy: 'Delete' }).evictionPolicy).toBe('Delete');
  });

  it('refuses a max price on a Regular VM with MaxPriceIsSupportedOnlyForAzureSpotVirtualMachines', () => {
    expect(() => validateInput({ maxPrice: 0.5 })).toThrow('(Azure: MaxPriceIsSupportedOnlyForAzureSpotVirtualMachines, "Max price is supported only for Azure Spot Virtual Machines.")');
  });

  it.each([0, -2, -0.5, Number.NaN, Number.POSITIVE_INFINITY, '0.1' as never])('refuses the max price %s with MaxPriceValueInvalid', (maxPrice) => {
    expect(() => validateInput({ priority: 'Spot', maxPrice })).toThrow(
      '-1 or a price in USD per hour greater than zero (Azure: MaxPriceValueInvalid, "Invalid max price value. The only supported values for max price are -1 or a decimal greater than zero. Max price value of -1 indicates the Azure Spot Virtual Machine will not be evicted for price reasons.")',
    );
  });

  it.each([-1, 0.00001, 2.5])('accepts the max price %s on a Spot VM', (maxPrice) => {
    expect(validateInput({ priority: 'Spot', maxPrice }).maxPrice).toBe(maxPrice);
  });

  it('words SpotPriceGreaterThanProvidedMaxPrice as Azure does', () => {
    expect(spotPriceGreaterThanMaxPrice('start', 0.01, 0.02, 'Standard_D2s_v5')).toEqual({
      code: 'SpotPriceGreaterThanProvidedMaxPrice',
      message: "Unable to perform operation 'start' since the provided max price '0.01 USD' is lower than the current spot price '0.02 USD' for Azure Spot Virtual Machine size 'Standard_D2s_v5'.",
    });
    expect(SPOT_ERRORS.EvictionPolicyCanBeSetOnlyOnAzureSpotVirtualMachines.message).toBe('Eviction policy can be set only on Azure Spot Virtual Machines.');
  });
});
