/**
 * Azure's answers word for word, each test naming its Microsoft source.
 */
import { describe, expect, it } from 'vitest';
import {
  REJECTION_MESSAGES,
  RESUME_FROM_HIBERNATION_ERRORS,
  checkOperation,
  faultError,
  operationNameInMessages,
  resourceNotFound,
} from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { runningVm } from './utils.js';

describe('hibernation', () => {
  // MicrosoftDocs/azure-docs articles/virtual-machines/hibernate-resume-troubleshooting.md, "Common error codes"
  it('refuses to hibernate a VM without hibernation with Azure\'s full text', () => {
    const vm = runningVm();
    expect(checkOperation(vm.snapshot(), { type: 'vm.deallocate', hibernate: true })).toEqual({
      status: 409,
      code: 'OperationNotAllowed',
      message:
        'The Hibernate-Deallocate Operation can only be triggered on a VM that is enabled for hibernation. Enable the property additionalCapabilities.hibernationEnabled during VM creation, or after stopping and deallocating the VM.',
    });
  });

  // Same article: "Operation 'HibernateAndDeallocate' isn't allowed on VM 'Z0000ZYH000' since VM has extension …"
  it('names a hibernate request HibernateAndDeallocate inside messages, every other operation by its REST name', () => {
    expect(operationNameInMessages({ type: 'vm.deallocate', hibernate: true })).toBe('HibernateAndDeallocate');
    expect(operationNameInMessages({ type: 'vm.deallocate' })).toBe('deallocate');
    expect(operationNameInMessages({ type: 'vm.powerOff', skipShutdown: true })).toBe('powerOff');
    expect(REJECTION_MESSAGES.markedForDeletion(operationNameInMessages({ type: 'vm.deallocate', hibernate: true }), 'myVM')).toBe(
      "Operation 'HibernateAndDeallocate' is not allowed on VM 'myVM' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).",
    );
  });

  // Same article, "Unable to resume a VM"
  it('words an allocation failure of a resume from hibernation apart from a create\'s', () => {
    expect(faultError('AllocationFailed', 'myVM', { resumingFromHibernation: true })).toEqual({
      code: 'AllocationFailed',
      message: 'VM allocation failed from hibernated state due to insufficient capacity. Try again later or alternatively stop-deallocate the VM and try starting the VM.',
    });
    expect(faultError('AllocationFailed', 'myVM').message).toMatch(/^Allocation failed\. We do not have sufficient capacity/);
    expect(RESUME_FROM_HIBERNATION_ERRORS.OverconstrainedResumeFromHibernatedStateAllocationRequest).toEqual({
      code: 'OverconstrainedResumeFromHibernatedStateAllocationRequest',
      message:
        "Allocation failed. VM(s) with the following constraints can't be allocated, because the condition is too restrictive. Remove some constraints and try again. Constraints applied are: Networking Constraints (such as Accelerated Networking or IPv6), Resuming from hibernated state (retry starting the VM after some time or alternatively stop-deallocate the VM and try starting the VM again).",
    });
  });
});

describe('the tails Azure appends', () => {
  // Azure's 409 as recorded in hashicorp/terraform-provider-azurerm#28218; the rule is in the REST
  // spec's powerOff description (Azure/azure-rest-api-specs#31426).
  it('refers to aka.ms/vmpowerstates when a deallocated VM is powered off', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.deallocate' });
    vm.settle();
    expect(checkOperation(vm.snapshot(), { type: 'vm.powerOff' })?.message).toBe(
      "Operation 'powerOff' is not allowed on VM 'myVM' since the VM is either deallocated or marked to be deallocated. Please refer to https://aka.ms/vmpowerstates to learn about different VM power states.",
    );
  });

  // ARM's 404 as `az` prints it (Azure/azure-cli#15064).
  it('sends a 404 with ARM\'s link to aka.ms/ARMResourceNotFoundFix', () => {
    expect(resourceNotFound('vm1', 'FY')).toEqual({
      status: 404,
      code: 'ResourceNotFound',
      message: "The Resource 'Microsoft.Compute/virtualMachines/vm1' under resource group 'FY' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    });
  });

  // Azure's answer as recorded in Azure/aks-engine#3694; the first three sentences are those of
  // MicrosoftDocs/SupportArticles-docs support/azure/virtual-machines/windows/error-messages.md.
  it('links OSProvisioningTimedOut to the Windows and Linux VM lifecycle pages', () => {
    expect(faultError('OSProvisioningTimedOut', 'k8s-master-30918674-2').message).toBe(
      "OS Provisioning for VM 'k8s-master-30918674-2' did not finish in the allotted time. The VM may still finish provisioning successfully. Please check provisioning state later. For details on how to check current provisioning state of Windows VMs, refer to https://aka.ms/WindowsVMLifecycle and Linux VMs, refer to https://aka.ms/LinuxVMLifecycle.",
    );
  });
});

describe('a power state that is changing', () => {
  // MicrosoftDocs/SupportArticles-docs support/azure/virtual-machines/windows/error-messages.md:
  // "An ongoing operation is changing power state of Virtual Machine {0} to {1}. Please perform operation {2} after some time."
  it('has Azure\'s documented text, with the VM, the target power state and the operation filled in', () => {
    expect(REJECTION_MESSAGES.ongoingPowerChange('start', 'myVM', 'stopped')).toBe(
      'An ongoing operation is changing power state of Virtual Machine myVM to stopped. Please perform operation start after some time.',
    );
  });
});

describe('answers wired into the machine', () => {
  const hibernated = () => {
    const vm = runningVm({ hibernationEnabled: true, name: 'web-1' });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    vm.settle();
    return vm;
  };
  const failed = (vm: ReturnType<typeof runningVm>) => toInstanceView(vm.snapshot()).statuses[0];

  // Troubleshooting hibernation in Azure, "Unable to resume a VM" (both rows).
  it('fails a resume from hibernation without capacity with the hibernation article\'s AllocationFailed text', () => {
    const vm = hibernated();
    vm.send({ type: 'fault.arm', code: 'AllocationFailed' });
    vm.send({ type: 'vm.start' });
    vm.settle();
    expect(vm.state()?.power).toBe('hibernated');
    expect(failed(vm)).toMatchObject({ code: 'ProvisioningState/failed/AllocationFailed', message: RESUME_FROM_HIBERNATION_ERRORS.AllocationFailed.message });
  });

  it('fails a resume under networking constraints with OverconstrainedResumeFromHibernatedStateAllocationRequest, and stays hibernated', () => {
    const vm = hibernated();
    vm.send({ type: 'fault.arm', code: 'OverconstrainedResumeFromHibernatedStateAllocationRequest' });
    vm.send({ type: 'vm.start' });
    vm.settle();
    expect(vm.state()).toEqual({ power: 'hibernated', provisioning: 'failed' });
    expect(vm.snapshot().context.history.at(-1)?.error).toEqual(RESUME_FROM_HIBERNATION_ERRORS.OverconstrainedResumeFromHibernatedStateAllocationRequest);
    // It waits for a resume: a start from plainly deallocated does not take it.
    const plain = runningVm();
    plain.send({ type: 'vm.deallocate' });
    plain.settle();
    plain.send({ type: 'fault.arm', code: 'OverconstrainedResumeFromHibernatedStateAllocationRequest' });
    plain.send({ type: 'vm.start' });
    plain.settle();
    expect(plain.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
  });

  it('names a hibernate request HibernateAndDeallocate in the 409 it gets while the VM is deleted', () => {
    const vm = runningVm({ hibernationEnabled: true });
    vm.send({ type: 'vm.delete' });
    vm.send({ type: 'vm.deallocate', hibernate: true });
    expect(vm.rejections.at(-1)?.message).toBe(
      "Operation 'HibernateAndDeallocate' is not allowed on VM 'myVM' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).",
    );
  });

  // error-messages.md: "An ongoing operation is changing power state of Virtual Machine {0} to {1}.
  // Please perform operation {2} after some time."
  it('answers a start while the guest shuts itself down with the ongoing power change text', () => {
    const vm = runningVm({ name: 'web-1' });
    vm.send({ type: 'guest.shutdown' });
    vm.send({ type: 'vm.start' });
    vm.send({ type: 'vm.redeploy' });
    expect(vm.rejections.map((r) => [r.status, r.code, r.message])).toEqual([
      [409, 'OperationNotAllowed', 'An ongoing operation is changing power state of Virtual Machine web-1 to stopped. Please perform operation start after some time.'],
      [409, 'OperationNotAllowed', 'An ongoing operation is changing power state of Virtual Machine web-1 to stopped. Please perform operation redeploy after some time.'],
    ]);
  });

  it('answers a start during a Spot eviction with the power change to deallocated', () => {
    const vm = runningVm({ name: 'spot-1', priority: 'Spot' });
    vm.send({ type: 'platform.evict' });
    vm.send({ type: 'vm.start' });
    expect(vm.rejections.at(-1)?.message).toBe(
      'An ongoing operation is changing power state of Virtual Machine spot-1 to deallocated. Please perform operation start after some time.',
    );
  });

  // MicrosoftDocs/azure-compute-docs articles/virtual-machines/error-codes-spot.md:
  // "Unable to perform operation '{0}' since the provided max price '{1} USD' is lower than the
  // current spot price '{2} USD' for Azure Spot Virtual Machine size '{3}'."
  it('fails a Spot start whose max price is below the Spot price with SpotPriceGreaterThanProvidedMaxPrice; the VM stays deallocated', () => {
    const vm = runningVm({ priority: 'Spot', maxPrice: 0.05, vmSize: 'Standard_D4s_v5' });
    vm.send({ type: 'vm.deallocate' });
    vm.settle();
    vm.send({ type: 'fault.arm', code: 'SpotPriceGreaterThanProvidedMaxPrice' });
    vm.send({ type: 'vm.start' });
    vm.settle();
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'failed' });
    expect(failed(vm)).toMatchObject({
      code: 'ProvisioningState/failed/SpotPriceGreaterThanProvidedMaxPrice',
      level: 'Error',
      message: "Unable to perform operation 'start' since the provided max price '0.05 USD' is lower than the current spot price '0.05001 USD' for Azure Spot Virtual Machine size 'Standard_D4s_v5'.",
    });
  });

  it('never refuses a Spot VM without a max price (-1) for price: the fault waits', () => {
    const vm = runningVm({ priority: 'Spot', maxPrice: -1 });
    vm.send({ type: 'vm.deallocate' });
    vm.settle();
    vm.send({ type: 'fault.arm', code: 'SpotPriceGreaterThanProvidedMaxPrice' });
    vm.send({ type: 'vm.start' });
    vm.settle();
    expect(vm.state()).toEqual({ power: 'running', provisioning: 'succeeded' });
    expect(vm.snapshot().context.faults).toEqual(['SpotPriceGreaterThanProvidedMaxPrice']);
  });

  it('fails a Spot create with the operation named create', () => {
    const vm = runningVm({ priority: 'Spot', maxPrice: 0.1, faults: ['SpotPriceGreaterThanProvidedMaxPrice'] });
    expect(vm.state()).toEqual({ power: 'deallocated', provisioning: 'failed' });
    expect(failed(vm)?.message).toBe(
      "Unable to perform operation 'create' since the provided max price '0.1 USD' is lower than the current spot price '0.10001 USD' for Azure Spot Virtual Machine size 'Standard_D2s_v5'.",
    );
  });
});
