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
