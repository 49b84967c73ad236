import { describe, expect, it } from 'vitest';
import { DEFAULT_DURATIONS, operationIdOf } from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { createVm, trackStates } from './utils.js';

describe('creating a VM', () => {
  it('shows plain Creating and no power status while hardware is allocated', () => {
    const vm = createVm();
    expect(vm.state()).toEqual({ power: 'creating', provisioning: 'creating' });
    expect(toInstanceView(vm.snapshot())).toEqual({
      hyperVGeneration: 'V2',
      statuses: [{ code: 'ProvisioningState/creating', level: 'Info', displayStatus: 'Creating' }],
    });
  });

  it('boots after the allocating delay, still plainly creating', () => {
    const vm = createVm();
    vm.wait(DEFAULT_DURATIONS.allocating - 1);
    expect(vm.state()?.power).toBe('creating');
    vm.wait(1);
    expect(vm.codes()).toEqual(['ProvisioningState/creating', 'PowerState/starting']);
  });

  it('passes through both OS-provisioning substates for a generalized image, with the VM running', () => {
    const vm = createVm({ image: 'generalized' });
    const seen: string[] = [];
    vm.actor.subscribe(() => seen.push(vm.codes().join(' + ')));
    vm.settle();
    expect([...new Set(seen)]).toEqual([
      'ProvisioningState/creating + PowerState/starting',
      'ProvisioningState/creating/OSProvisioningInprogress + PowerState/running',
      'ProvisioningState/creating/OSProvisioningComplete + PowerState/running',
      'ProvisioningState/succeeded + PowerState/running',
    ]);
  });

  it('skips OS provisioning for a specialized image and succeeds when the VM runs', () => {
    const vm = createVm({ image: 'specialized' });
    const seen: string[] = [];
    vm.actor.subscribe(() => seen.push(vm.codes().join(' + ')));
    vm.settle();
    expect([...new Set(seen)]).toEqual([
      'ProvisioningState/creating + PowerState/starting',
      'ProvisioningState/succeeded + PowerState/running',
    ]);
  });

  it('begins OS provisioning only after the power region has entered running', () => {
    const vm = createVm({ image: 'generalized' });
    const order = trackStates(vm);
    vm.wait(DEFAULT_DURATIONS.allocating + DEFAULT_DURATIONS.starting);
    const running = order.indexOf('enter vm.exists.power.running');
    const osProvisioning = order.indexOf('enter vm.exists.provisioning.creating.osProvisioningInProgress');
    expect(running).toBeGreaterThanOrEqual(0);
    expect(osProvisioning).toBeGreaterThan(running);
    expect(order.indexOf('exit vm.exists.provisioning.creating.pending')).toBeGreaterThan(running);
  });

  it('takes allocating + starting + OS provisioning + OSProvisioningComplete by default', () => {
    const vm = createVm();
    vm.settle();
    const d = DEFAULT_DURATIONS;
    expect(vm.snapshot().context.provisioningTime).toBe(d.allocating + d.starting + d.osProvisioning + d.osProvisioningComplete);
    expect(toInstanceView(vm.snapshot()).statuses[0]).toEqual({
      code: 'ProvisioningState/succeeded',
      level: 'Info',
      displayStatus: 'Provisioning succeeded',
      time: '2025-03-01T08:01:55.0000000+00:00',
    });
  });

  it('records the create operation as Succeeded with its start and end times', () => {
    const vm = createVm({ image: 'specialized', durations: { allocating: 1000, starting: 2000 } });
    vm.settle();
    expect(vm.snapshot().context.history).toEqual([
      { name: 'create', id: operationIdOf(vm.snapshot().context.settings.vmId, 1), startTime: 0, endTime: 3000, status: 'Succeeded' },
    ]);
  });

  it('uses durations from input', () => {
    const vm = createVm({ image: 'generalized', durations: { allocating: 1, starting: 2, osProvisioning: 3, osProvisioningComplete: 4 } });
    vm.wait(9);
    expect(vm.state()?.provisioning).toBe('creating');
    vm.wait(1);
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
  });
});
