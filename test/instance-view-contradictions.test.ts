/**
 * Every pair of power and provisioning status: the parser reads it, maps it, or refuses it naming
 * both statuses — and what it reads can be loaded with startVmAt without an operation that never
 * finishes. The pairs Azure documents: the provisioning and OS-provisioning tables of
 * MicrosoftDocs/azure-compute-docs `articles/virtual-machines/states-billing.md` ("OSProvisioningInProgress:
 * The VM is running and the initialization (setup) of the Guest OS is in progress"; "The Stopped
 * state might also be observed briefly during VM creation").
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock, vmStateOf } from 'azure-vm-lifecycle';
import { InstanceViewError, contradictionOf, fromInstanceView, startVmAt } from 'azure-vm-lifecycle/parse';

const POWER: Record<string, { code: string }[]> = {
  none: [],
  creating: [{ code: 'PowerState/creating' }],
  starting: [{ code: 'PowerState/starting' }],
  running: [{ code: 'PowerState/running' }],
  stopping: [{ code: 'PowerState/stopping' }],
  stopped: [{ code: 'PowerState/stopped' }],
  deallocating: [{ code: 'PowerState/deallocating' }],
  deallocated: [{ code: 'PowerState/deallocated' }],
  hibernated: [{ code: 'PowerState/deallocated' }, { code: 'HibernationState/Hibernated' }],
};

const PROVISIONING: Record<string, string> = {
  creating: 'ProvisioningState/creating',
  osProvisioningInProgress: 'ProvisioningState/creating/OSProvisioningInprogress',
  osProvisioningComplete: 'ProvisioningState/creating/OSProvisioningComplete',
  updating: 'ProvisioningState/updating',
  deleting: 'ProvisioningState/deleting',
  succeeded: 'ProvisioningState/succeeded',
  failed: 'ProvisioningState/failed/AllocationFailed',
};

type Verdict = 'read' | 'creating' | 'refused';
const r: Verdict = 'read';
const x: Verdict = 'refused';
const c: Verdict = 'creating';

// Rows: power status; columns in the order of PROVISIONING. `creating` = read as the model's
// allocating power state (Azure's brief Stopped during creation).
const TABLE: Record<string, Verdict[]> = {
  //            creating osInProg osCompl updating deleting succeeded failed
  none:         [r,       r,       r,      r,       r,       r,        r],
  creating:     [r,       x,       x,      x,       r,       x,        x],
  starting:     [r,       x,       x,      r,       r,       r,        r],
  running:      [r,       r,       r,      r,       r,       r,        r],
  stopping:     [c,       r,       r,      r,       r,       r,        r],
  stopped:      [c,       r,       r,      r,       r,       r,        r],
  deallocating: [x,       x,       x,      r,       r,       r,        r],
  deallocated:  [x,       x,       x,      r,       r,       r,        r],
  hibernated:   [x,       x,       x,      r,       r,       r,        r],
};

const cases = Object.entries(TABLE).flatMap(([power, verdicts]) =>
  Object.keys(PROVISIONING).map((provisioning, index) => [power, provisioning, verdicts[index]!] as const),
);

function view(power: string, provisioning: string) {
  return { statuses: [{ code: PROVISIONING[provisioning]!, level: 'Info' }, ...POWER[power]!.map((s) => ({ ...s, level: 'Info' }))] };
}

describe('every pair of power and provisioning status', () => {
  it('has a verdict for all 63 pairs', () => {
    expect(cases).toHaveLength(63);
  });

  it.each(cases.filter(([, , verdict]) => verdict === 'refused'))(
    'refuses %s with %s, naming both statuses',
    (power, provisioning) => {
      let error: unknown;
      try {
        fromInstanceView(view(power, provisioning));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InstanceViewError);
      const message = (error as InstanceViewError).message;
      expect(message).toContain(`"${PROVISIONING[provisioning]}" at $.statuses[0].code`);
      for (const { code } of POWER[power]!) expect(message).toContain(`"${code}"`);
      expect((error as InstanceViewError).path).toBe('$.statuses[1].code');
      expect((error as InstanceViewError).expected).toMatch(/^statuses that agree: /);
    },
  );

  it.each(cases.filter(([, , verdict]) => verdict !== 'refused'))(
    'reads %s with %s into a state startVmAt loads and settles',
    (power, provisioning, verdict) => {
      const parsed = fromInstanceView(view(power, provisioning));
      const expectedPower = verdict === 'creating' ? 'creating' : power === 'none' ? 'unknown' : power;
      expect(parsed.power).toBe(expectedPower);
      expect(contradictionOf(parsed)).toBeNull();

      const clock = new VirtualClock();
      const vm = startVmAt(parsed, { clock });
      clock.runUntilIdle();
      // Nothing is left waiting for a step that never comes.
      expect(vm.getSnapshot().context.operation?.status).not.toBe('InProgress');
      expect(clock.nextDueAt()).toBeNull();
    },
  );

  it('loads a VM seen stopped while being created as creating, and the create carries on to running', () => {
    const clock = new VirtualClock();
    const vm = startVmAt(fromInstanceView(view('stopped', 'creating')), { clock, input: { image: 'specialized' } });
    expect(vmStateOf(vm.getSnapshot())).toEqual({ power: 'creating', provisioning: 'creating' });
    clock.runUntilIdle();
    expect(vmStateOf(vm.getSnapshot())).toEqual({ power: 'running', provisioning: 'succeeded' });
    expect(vm.getSnapshot().context.operation).toMatchObject({ name: 'create', status: 'Succeeded' });
  });

  it('names the contradiction in words', () => {
    expect(() => fromInstanceView(view('deallocated', 'creating'))).toThrow(
      'Invalid instance view at $.statuses[1].code: found "PowerState/deallocated" besides "ProvisioningState/creating" at $.statuses[0].code, expected statuses that agree: a VM being created is not deallocated (power states while creating: none, "PowerState/creating", "PowerState/starting", "PowerState/running", "PowerState/stopping", "PowerState/stopped").',
    );
    expect(() => fromInstanceView(view('hibernated', 'osProvisioningInProgress'))).toThrow(
      'found "PowerState/deallocated" and "HibernationState/Hibernated" besides "ProvisioningState/creating/OSProvisioningInprogress" at $.statuses[0].code, expected statuses that agree: a VM whose guest OS is being provisioned runs (or was just shut down inside the guest).',
    );
    expect(() => fromInstanceView(view('creating', 'succeeded'))).toThrow(
      'expected statuses that agree: a VM allocating its hardware is being created (or deleted).',
    );
  });

  it('checks a resource-level provisioningState against the power status too', () => {
    expect(() =>
      fromInstanceView({ properties: { provisioningState: 'Creating', instanceView: { statuses: [{ code: 'PowerState/deallocated' }] } } }),
    ).toThrow('found "PowerState/deallocated" besides "Creating" at $.properties.provisioningState');
  });
});
