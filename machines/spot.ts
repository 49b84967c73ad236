/**
 * Azure's errors for Spot input, word for word from "Error messages for Azure Spot Virtual
 * Machines and scale sets" (MicrosoftDocs/azure-compute-docs `articles/virtual-machines/error-codes-spot.md`).
 */
import type { AzureError } from './vm.types.js';

/** The Spot errors the model answers, by code. */
export const SPOT_ERRORS = {
  /** An eviction policy on a VM that is not Spot. */
  EvictionPolicyCanBeSetOnlyOnAzureSpotVirtualMachines: {
    code: 'EvictionPolicyCanBeSetOnlyOnAzureSpotVirtualMachines',
    message: 'Eviction policy can be set only on Azure Spot Virtual Machines.',
  },
  /** A max price on a VM that is not Spot. */
  MaxPriceIsSupportedOnlyForAzureSpotVirtualMachines: {
    code: 'MaxPriceIsSupportedOnlyForAzureSpotVirtualMachines',
    message: 'Max price is supported only for Azure Spot Virtual Machines.',
  },
  /** A max price that is neither -1 nor a decimal greater than zero. */
  MaxPriceValueInvalid: {
    code: 'MaxPriceValueInvalid',
    message:
      'Invalid max price value. The only supported values for max price are -1 or a decimal greater than zero. Max price value of -1 indicates the Azure Spot Virtual Machine will not be evicted for price reasons.',
  },
} as const satisfies Record<string, AzureError>;

/**
 * Azure's `SpotPriceGreaterThanProvidedMaxPrice`: an operation that would allocate a Spot VM whose
 * max price is below the current Spot price.
 *
 * @param operation - the operation, as Azure names it in messages
 * @param maxPrice - the VM's `billingProfile.maxPrice`, USD per hour
 * @param spotPrice - the current Spot price, USD per hour
 * @param vmSize - the VM size, such as `Standard_D2s_v5`
 * @returns the error, with Azure's message filled in
 */
export function spotPriceGreaterThanMaxPrice(operation: string, maxPrice: number, spotPrice: number, vmSize: string): AzureError {
  return {
    code: 'SpotPriceGreaterThanProvidedMaxPrice',
    message: `Unable to perform operation '${operation}' since the provided max price '${maxPrice} USD' is lower than the current spot price '${spotPrice} USD' for Azure Spot Virtual Machine size '${vmSize}'.`,
  };
}
