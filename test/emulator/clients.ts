/**
 * The real Azure SDK clients pointed at an emulator, set up exactly as the README tells users:
 * over HTTPS trusting the emulator's CA, or over HTTP without the bearer-token policy.
 */
import { ComputeManagementClient, type VirtualMachine } from '@azure/arm-compute';
import { ResourceManagementClient } from '@azure/arm-resources';
import { bearerTokenAuthenticationPolicyName } from '@azure/core-rest-pipeline';
import type { Emulator } from 'azure-vm-lifecycle/emulator';

/** Any object with `getToken` is a credential; the emulator checks the token only when started with one. */
export const credential = (token = 'emulator') => ({
  getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});

/** A subscription id for tests. */
export const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';

/** Both clients for one subscription, and the options every `begin…`/poller call should get. */
export function clientsFor(emulator: Emulator, subscriptionId = SUBSCRIPTION, token?: string) {
  const https = emulator.url.startsWith('https:');
  const options = {
    endpoint: emulator.url,
    ...(https ? { tlsOptions: { ca: emulator.ca } } : { allowInsecureConnection: true }),
    retryOptions: { maxRetries: 0 },
  };
  const compute = new ComputeManagementClient(credential(token), subscriptionId, options);
  const resources = new ResourceManagementClient(credential(token), subscriptionId, options);
  if (!https) {
    compute.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
    resources.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
  }
  return { compute, resources };
}

/**
 * A VM as users pass it to `createOrUpdate` (24.x flattens `properties`): from a generalized
 * marketplace image, so it has an `osProfile`.
 */
export function linuxVm(extra: Partial<VirtualMachine> = {}): VirtualMachine {
  return {
    location: 'westeurope',
    hardwareProfile: { vmSize: 'Standard_D2s_v5' },
    storageProfile: {
      imageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
      osDisk: { createOption: 'FromImage' },
    },
    osProfile: { computerName: 'web', adminUsername: 'azureuser', linuxConfiguration: { disablePasswordAuthentication: true } },
    ...extra,
  };
}

/** The fast polling every `begin…` call of a test uses. */
export const FAST = { updateIntervalInMs: 0 };
