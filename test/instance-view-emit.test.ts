/**
 * The exact instance view and billing of every reachable state, against tables written out
 * here from the 2018 specification and the 2023 docs (not from the package's own tables).
 */
import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import { FAULT_CODES, vmMachine, vmStateOf } from 'azure-vm-lifecycle';
import {
  azPowerState,
  toInstanceView,
  toProvisioningState,
  toStatusOnlyItem,
  toVirtualMachine,
} from 'azure-vm-lifecycle/json';
import { billingOf } from 'azure-vm-lifecycle/billing';
import { eventsFor, serializeVmState, type VmMachineSnapshot } from './graph-utils.js';
import { fromInstanceView } from 'azure-vm-lifecycle/parse';
import { runningVm } from './utils.js';

type Snapshot = VmMachineSnapshot;

const POWER: Record<string, object[]> = {
  creating: [],
  unknown: [],
  starting: [{ code: 'PowerState/starting', level: 'Info', displayStatus: 'VM starting' }],
  running: [{ code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' }],
  stopping: [{ code: 'PowerState/stopping', level: 'Info', displayStatus: 'VM stopping' }],
  stopped: [{ code: 'PowerState/stopped', level: 'Info', displayStatus: 'VM stopped' }],
  deallocating: [{ code: 'PowerState/deallocating', level: 'Info', displayStatus: 'VM deallocating' }],
  deallocated: [{ code: 'PowerState/deallocated', level: 'Info', displayStatus: 'VM deallocated' }],
  hibernated: [
    { code: 'PowerState/deallocated', level: 'Info', displayStatus: 'VM deallocated' },
    { code: 'HibernationState/Hibernated', level: 'Info', displayStatus: 'VM hibernated' },
  ],
};

function expectedProvisioning(snapshot: Snapshot): object {
  const state = vmStateOf(snapshot)!;
  // Azure writes 7 fractional digits and +00:00 ("2019-10-14T21:30:12.8051917+00:00", VirtualMachine_Get_InstanceView.json).
  const time = new Date(snapshot.context.settings.startTime + snapshot.context.provisioningTime).toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
  switch (state.osProvisioning ?? state.provisioning) {
    case 'osProvisioningInProgress':
      return { code: 'ProvisioningState/creating/OSProvisioningInprogress', level: 'Info', displayStatus: 'OS Provisioning In progress' };
    case 'osProvisioningComplete':
      return { code: 'ProvisioningState/creating/OSProvisioningComplete', level: 'Info', displayStatus: 'OS Provisioning Complete' };
    case 'creating':
      return { code: 'ProvisioningState/creating', level: 'Info', displayStatus: 'Creating' };
    case 'updating':
      return { code: 'ProvisioningState/updating', level: 'Info', displayStatus: 'Updating' };
    case 'deleting':
      return { code: 'ProvisioningState/deleting', level: 'Info', displayStatus: 'Deleting' };
    case 'succeeded':
      return { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time };
    default: {
      const error = snapshot.context.error!;
      return { code: `ProvisioningState/failed/${error.code}`, level: 'Error', displayStatus: 'Provisioning failed', message: error.message, time };
    }
  }
}

const BILLED = {
  'seed-2018': { creating: false, starting: false, running: true, stopping: true, stopped: true, deallocating: false, deallocated: false, hibernated: false, unknown: null },
  'azure-2023': { creating: false, starting: true, running: true, stopping: true, stopped: true, deallocating: false, deallocated: false, hibernated: false, unknown: null },
} as const;

function reachableStates(): Map<string, Snapshot> {
  const byState = new Map<string, Snapshot>();
  for (const input of [{ hibernationEnabled: true }, { image: 'specialized' as const, priority: 'Spot' as const, maxPrice: 0.05 }, { faults: ['OSProvisioningTimedOut' as const] }, { faults: ['OSProvisioningClientError' as const] }]) {
    for (const path of getShortestPaths(vmMachine, { input, events: eventsFor, serializeState: serializeVmState })) {
      const state = vmStateOf(path.state);
      if (!state) continue;
      const key = `${state.power} / ${state.osProvisioning ?? state.provisioning}${state.provisioning === 'failed' ? ` (${path.state.context.error?.code})` : ''}`;
      if (!byState.has(key)) byState.set(key, path.state);
    }
  }
  return byState;
}

describe('the instance view of every reachable state', () => {
  const states = reachableStates();

  it('covers every power state but unknown (reached only by loading) and every provisioning state', () => {
    const keys = [...states.keys()];
    for (const power of ['creating', 'starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'hibernated']) {
      expect(keys.some((k) => k.startsWith(`${power} /`))).toBe(true);
    }
    for (const provisioning of ['creating', 'osProvisioningInProgress', 'osProvisioningComplete', 'updating', 'deleting', 'succeeded', 'failed']) {
      expect(keys.some((k) => k.includes(`/ ${provisioning}`))).toBe(true);
    }
    for (const code of FAULT_CODES) expect(keys.some((k) => k.includes(`(${code})`))).toBe(true);
  });

  it.each([...states.entries()])('%s: statuses exactly as Azure returns them, keys in Azure\'s order, billing by both tables', (_key, snapshot) => {
    const state = vmStateOf(snapshot)!;
    // A generalized VM shows OSState/generalized after its power status.
    const generalized = snapshot.context.generalized ? [{ code: 'OSState/generalized', level: 'Info', displayStatus: 'VM generalized' }] : [];
    const expected = [expectedProvisioning(snapshot), ...POWER[state.power]!, ...generalized];
    const { statuses } = toInstanceView(snapshot);
    expect(statuses).toEqual(expected);
    // code, level, displayStatus[, message][, time], as every REST example orders them
    expect(JSON.stringify(statuses)).toBe(JSON.stringify(expected));
    expect(billingOf(snapshot, 'seed-2018').billed).toBe(BILLED['seed-2018'][state.power]);
    expect(billingOf(snapshot, 'azure-2023').billed).toBe(BILLED['azure-2023'][state.power]);
  });
});

describe('other views of the same state', () => {
  // azure-cli's get_vm_details (Azure/azure-cli src/azure-cli/azure/cli/command_modules/vm/custom.py):
  // ','.join([s.display_status for s in result.instance_view.statuses if s.code.startswith('PowerState/')])
  it('prints the az vm list -d power state from the power statuses', () => {
    const vm = runningVm({ hibernationEnabled: true });
    expect(azPowerState(toInstanceView(vm.snapshot()))).toBe('VM running');
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.settle();
    expect(azPowerState(toInstanceView(vm.snapshot()))).toBe('VM deallocated');
    expect(azPowerState({ statuses: [{ code: 'ProvisioningState/creating', level: 'Info', displayStatus: 'Creating' }] })).toBe('');
  });

  it('joins several power statuses with a bare comma and matches PowerState/ case-sensitively, as azure-cli does', () => {
    const view = {
      statuses: [
        { code: 'PowerState/running', level: 'Info' as const, displayStatus: 'VM running' },
        { code: 'powerstate/stopped', level: 'Info' as const, displayStatus: 'VM stopped' },
        { code: 'PowerState/deallocating', level: 'Info' as const, displayStatus: 'VM deallocating' },
      ],
    };
    expect(azPowerState(view)).toBe('VM running,VM deallocating');
  });

  it('gives the resource its properties.provisioningState and instance view', () => {
    const vm = runningVm({ name: 'web-1', resourceGroup: 'rg-1', priority: 'Spot' });
    vm.send({ type: 'vm.update' });
    expect(toProvisioningState(vm.snapshot())).toBe('Updating');
    expect(toVirtualMachine(vm.snapshot())).toMatchObject({
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-1/providers/Microsoft.Compute/virtualMachines/web-1',
      name: 'web-1',
      type: 'Microsoft.Compute/virtualMachines',
      properties: { provisioningState: 'Updating', priority: 'Spot', evictionPolicy: 'Deallocate', instanceView: { statuses: expect.any(Array) } },
    });
  });

  it('lists the VM as listAll with statusOnly does, and the parser reads it back', () => {
    const vm = runningVm({ name: 'web-2', hibernationEnabled: true });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.settle();
    const item = toStatusOnlyItem(vm.snapshot());
    expect(item).toEqual({
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/web-2',
      name: 'web-2',
      type: 'Microsoft.Compute/virtualMachines',
      properties: { instanceView: { statuses: toInstanceView(vm.snapshot()).statuses } },
    });
    expect(fromInstanceView(JSON.stringify(item))).toMatchObject({ power: 'hibernated', provisioning: 'succeeded', hibernated: true });
  });

  it('throws Azure 404 ResourceNotFound for the instance view of a deleted VM, inventing no statuses', () => {
    const vm = runningVm({ name: 'gone' });
    vm.send({ type: 'vm.delete' });
    vm.settle();
    expect(() => toInstanceView(vm.snapshot())).toThrow(
      "The Resource 'Microsoft.Compute/virtualMachines/gone' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    );
  });
});
