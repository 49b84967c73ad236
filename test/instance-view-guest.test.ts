/**
 * The guest's part of the instance view — computer name, VM agent, OS disk, Hyper-V generation —
 * against Azure's own examples: Azure/azure-rest-api-specs Compute 2024-11-01
 * `VirtualMachine_Get_InstanceView.json` (agent Ready) and
 * `VirtualMachineScaleSetVM_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json` (agent Not Ready),
 * and the instance view of a hibernated VM in MicrosoftDocs/azure-docs
 * `articles/virtual-machines/includes/hibernate-resume-platform-instructions.md` (no agent, no computer name).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agentStateOf, osDiskName, toInstanceView, VM_AGENT_VERSION } from 'azure-vm-lifecycle/json';
import { startVmAt } from 'azure-vm-lifecycle/parse';
import { VirtualClock } from 'azure-vm-lifecycle';
import { createVm, runningVm } from './utils.js';

type Body = Record<string, unknown> & { vmAgent: { vmAgentVersion: string; statuses: Record<string, unknown>[] } };
const example = (file: string): Body =>
  (JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/azure/rest/${file}`, import.meta.url)), 'utf8')) as { responses: { '200': { body: Body } } })
    .responses['200'].body;
const ready = example('VirtualMachine_Get_InstanceView.json');
const notReady = example('VirtualMachineScaleSetVM_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json');

/** A status without its time, to compare with an example of another instant. */
const timeless = <T extends { time?: unknown }>({ time: _time, ...rest }: T) => rest;

describe('the VM agent', () => {
  it('is Ready with the REST example\'s status, message and version while the VM runs', () => {
    const view = toInstanceView(runningVm({ osType: 'Windows', name: 'myVM' }).snapshot());
    expect(view.vmAgent?.vmAgentVersion).toBe(ready.vmAgent.vmAgentVersion);
    expect(VM_AGENT_VERSION).toBe(ready.vmAgent.vmAgentVersion);
    expect(view.vmAgent?.statuses.map(timeless)).toEqual(ready.vmAgent.statuses.map(timeless));
    expect(Object.keys(view.vmAgent!.statuses[0]!)).toEqual(Object.keys(ready.vmAgent.statuses[0]!));
  });

  it('is Not Ready, as the scale-set example of a fresh VM, while the VM boots', () => {
    const vm = createVm();
    vm.wait(20_000); // allocated: starting
    expect(vm.state()?.power).toBe('starting');
    const agent = toInstanceView(vm.snapshot()).vmAgent;
    expect(agent?.vmAgentVersion).toBe('Unknown');
    expect(agent?.statuses.map(timeless)).toEqual(notReady.vmAgent.statuses.map(timeless));
  });

  it('is Not Ready while the guest OS sets itself up during create', () => {
    const vm = createVm({ image: 'generalized' });
    vm.wait(50_000); // allocating 20 s + starting 30 s: OS provisioning in progress
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'creating', osProvisioning: 'osProvisioningInProgress' });
    expect(toInstanceView(vm.snapshot()).vmAgent?.statuses[0]?.displayStatus).toBe('Not Ready');
  });

  it('is Not Ready and unresponsive once the VM is stopped on its host', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    vm.settle();
    expect(toInstanceView(vm.snapshot()).vmAgent).toEqual({
      vmAgentVersion: 'Unknown',
      statuses: [
        { code: 'ProvisioningState/Unavailable', level: 'Warning', displayStatus: 'Not Ready', message: 'VM Agent is unresponsive.', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/) },
      ],
    });
  });

  it('stamps its status with the last instant the machine saw, in whole seconds as the examples do', () => {
    const vm = runningVm({ startTime: '2025-03-01T08:00:00.000Z', image: 'specialized' });
    expect(toInstanceView(vm.snapshot()).vmAgent?.statuses[0]?.time).toBe('2025-03-01T08:00:50+00:00');
  });

  it.each(['creating', 'deallocating', 'deallocated', 'hibernated', 'unknown'] as const)(
    'says what the agent shows while power is %s',
    (power) => {
      const expected = power === 'deallocating' ? 'unresponsive' : null;
      expect(agentStateOf({ power, provisioning: 'succeeded' })).toBe(expected);
    },
  );
});

describe('computer name, OS and Hyper-V generation', () => {
  it('reports the VM name as the computer name, and the OS only when the input names it', () => {
    const plain = toInstanceView(runningVm({ name: 'web-1' }).snapshot());
    expect(plain.computerName).toBe('web-1');
    expect(plain).not.toHaveProperty('osName');
    const named = toInstanceView(runningVm({ osName: 'ubuntu', osVersion: '22.04' }).snapshot());
    expect([named.osName, named.osVersion]).toEqual(['ubuntu', '22.04']);
  });

  it('shows no agent and no computer name for a hibernated VM, as the docs\' instance view of one', () => {
    const vm = runningVm({ hibernationEnabled: true });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.settle();
    const view = toInstanceView(vm.snapshot());
    expect(view).not.toHaveProperty('vmAgent');
    expect(view).not.toHaveProperty('computerName');
    expect(view.hyperVGeneration).toBe('V2');
    expect(view.disks).toHaveLength(1);
  });

  it('shows only the Hyper-V generation and the statuses while the hardware is allocated', () => {
    expect(Object.keys(toInstanceView(createVm({ hyperVGeneration: 'V1' }).snapshot()))).toEqual(['hyperVGeneration', 'statuses']);
  });

  it('keeps Azure\'s key order: computerName, osName, osVersion, vmAgent, disks, hyperVGeneration, statuses', () => {
    const view = toInstanceView(runningVm({ osName: 'ubuntu', osVersion: '22.04' }).snapshot());
    expect(Object.keys(view)).toEqual(['computerName', 'osName', 'osVersion', 'vmAgent', 'disks', 'hyperVGeneration', 'statuses']);
    const order = Object.keys(ready).filter((key) => key in view);
    expect(Object.keys(view)).toEqual(order);
  });
});

describe('the OS disk', () => {
  it('is named as Azure names a disk created with the VM, {vm}_OsDisk_1_{32 hex digits}', () => {
    const vm = runningVm({ name: 'testVM', vmId: 'd564d424-ff9b-40c9-87b5-c6636d8ea655' });
    // The docs' sample disk of a VM named testVM: testVM_OsDisk_1_d564d424ff9b40c987b5c6636d8ea655
    expect(osDiskName(vm.snapshot().context)).toBe('testVM_OsDisk_1_d564d424ff9b40c987b5c6636d8ea655');
  });

  it('has a Provisioning succeeded status dated when the create began, with the example\'s keys', () => {
    const vm = runningVm({ startTime: '2025-03-01T08:00:00.000Z' });
    const disk = toInstanceView(vm.snapshot()).disks?.[0];
    const exampleDisk = (ready['disks'] as { statuses: Record<string, unknown>[] }[])[0]!;
    expect(disk?.statuses).toEqual([{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: '2025-03-01T08:00:00.0000000+00:00' }]);
    expect(Object.keys(disk!.statuses[0]!)).toEqual(Object.keys(exampleDisk.statuses[0]!));
  });

  it('is shown for a VM loaded at a state, such as a deallocated one', () => {
    const vm = startVmAt({ power: 'deallocated', provisioning: 'succeeded' }, { clock: new VirtualClock() });
    expect(toInstanceView(vm.getSnapshot()).disks).toHaveLength(1);
  });
});
