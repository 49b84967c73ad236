import { describe, expect, it } from 'vitest';
import { BILLING_TABLE_TITLES, billingOf, createBillingMeter } from 'azure-vm-lifecycle/billing';
import { simulate } from 'azure-vm-lifecycle/simulate';
import { createVm, runningVm } from './utils.js';

const HOUR = 3_600_000;

describe('billing', () => {
  it('bills a stopped VM and explains that deallocating stops the charge', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.powerOff' });
    vm.settle();
    const billing = billingOf(vm.snapshot());
    expect(billing.billed).toBe(true);
    expect(billing.table).toBe('seed-2018');
    expect(billing.reason).toContain('Stopped (allocated)');
  });

  it('disagrees on starting between the 2018 and 2023 tables, and names the table', () => {
    const vm = createVm();
    vm.wait(20_000);
    expect(vm.state()?.power).toBe('starting');
    expect(billingOf(vm.snapshot(), 'seed-2018')).toMatchObject({ billed: false, table: 'seed-2018' });
    expect(billingOf(vm.snapshot(), 'azure-2023')).toMatchObject({ billed: true, table: 'azure-2023' });
    expect(billingOf(vm.snapshot(), 'seed-2018').reason).toContain('2018');
  });

  it('follows the VM input billing table by default', () => {
    const vm = createVm({ billing: 'azure-2023' });
    vm.wait(20_000);
    expect(billingOf(vm.snapshot()).billed).toBe(true);
  });

  it('bills nothing once the VM is deleted', () => {
    const vm = runningVm();
    vm.send({ type: 'vm.delete' });
    vm.settle();
    expect(billingOf(vm.snapshot()).billed).toBe(false);
  });

  it('names both tables for display', () => {
    expect(BILLING_TABLE_TITLES['seed-2018']).toContain('2018');
    expect(BILLING_TABLE_TITLES['azure-2023']).toContain('2023');
  });
});

describe('the billing meter', () => {
  it('adds up billed time and cost while a VM runs', () => {
    const vm = createVm({ image: 'specialized', durations: { allocating: 1000, starting: 1000 } });
    const meter = createBillingMeter({ pricePerHour: 0.5 });
    vm.actor.subscribe((s) => meter.observe(s));
    meter.observe(vm.snapshot());
    vm.settle();
    vm.wait(2 * HOUR);
    const reading = meter.read(vm.clock.now() - vm.snapshot().context.clockOrigin);
    expect(reading.billedMs).toBe(2 * HOUR);
    expect(reading.totalMs).toBe(2 * HOUR + 2000);
    expect(reading.cost).toBeCloseTo(1.0, 10);
  });

  it('counts starting as billed with the 2023 table only', () => {
    const run = (table: 'seed-2018' | 'azure-2023') => {
      const vm = createVm({ image: 'specialized', durations: { allocating: 1000, starting: 30_000 } });
      const meter = createBillingMeter({ table });
      meter.observe(vm.snapshot());
      vm.actor.subscribe((s) => meter.observe(s));
      vm.settle();
      return meter.read().billedMs;
    };
    expect(run('seed-2018')).toBe(0);
    expect(run('azure-2023')).toBe(30_000);
  });

  it('rejects a negative price with a clear error', () => {
    expect(() => createBillingMeter({ pricePerHour: -1 })).toThrow('Invalid price per hour -1: expected a non-negative finite number.');
  });
});

describe('simulate', () => {
  it('shows that stopping a VM for 8 hours costs compute and deallocating it does not', () => {
    const eight = 8 * HOUR;
    const stopped = simulate([{ wait: 'settled' }, { type: 'vm.powerOff' }, { wait: 'settled' }, { wait: eight }], {}, { pricePerHour: 0.1 });
    const deallocated = simulate([{ wait: 'settled' }, { type: 'vm.deallocate' }, { wait: 'settled' }, { wait: eight }], {}, { pricePerHour: 0.1 });
    expect(stopped.totals['seed-2018'].billedMs - deallocated.totals['seed-2018'].billedMs).toBe(eight + 15_000 - 0);
    expect(stopped.totals['seed-2018'].cost).toBeGreaterThan(0.8);
    expect(deallocated.totals['seed-2018'].cost).toBeLessThan(0.01);
  });

  it('is deterministic and stamps every change with simulated ISO times', () => {
    const steps = [{ wait: 'settled' as const }, { type: 'vm.restart' as const }, { wait: 'settled' as const }];
    const a = simulate(steps, { name: 'web-1' });
    expect(simulate(steps, { name: 'web-1' })).toEqual(a);
    expect(a.timeline[0]).toMatchObject({ at: 0, time: '2025-01-01T00:00:00.000Z', cause: 'vm.create', power: 'creating' });
    expect(a.timeline.map((e) => `${e.cause}: ${e.power}/${e.osProvisioning ?? e.provisioning}`)).toEqual([
      'vm.create: creating/creating',
      'timer: starting/creating',
      'timer: running/osProvisioningInProgress',
      'timer: running/osProvisioningComplete',
      'timer: running/succeeded',
      'vm.restart: starting/updating',
      'timer: running/succeeded',
    ]);
  });

  it('records a refused operation in the timeline with Azure’s answer', () => {
    const run = simulate([{ type: 'vm.powerOff' }]);
    expect(run.timeline.at(-1)?.rejection?.message).toBe("Operation 'powerOff' is not allowed on VM 'myVM' since another operation is in progress.");
  });

  it('rejects a malformed wait step, naming it', () => {
    expect(() => simulate([{ wait: -5 }])).toThrow("simulate: steps[0].wait: got number -5; expected a number of ms from 0 on, or 'settled'.");
  });
});

// "If my virtual machine ran for 6 minutes and 45 seconds, how much will I be billed? We bill for
// the full minutes that your virtual machine runs, so you will not be billed for any extra
// seconds. In this example, you'll be billed for 6 minutes." (Azure knowledge center,
// https://azure.microsoft.com/resources/knowledge-center/if-my-virtual-machine-ran-for-6-minutes-and-45/)
describe('billing in whole minutes', () => {
  it('bills a VM that ran 6 min 45 s for 6 min with rounding: minute, and exactly by default', () => {
    const steps = [{ wait: 'settled' }, { wait: 6 * 60_000 + 45_000 }, { type: 'vm.deallocate' }, { wait: 'settled' }] as const;
    const exact = simulate([...steps], { image: 'specialized' }, { pricePerHour: 0.6 });
    const minute = simulate([...steps], { image: 'specialized' }, { pricePerHour: 0.6, rounding: 'minute' });
    expect(exact.totals['seed-2018']).toMatchObject({ rounding: 'exact', billedMs: 6 * 60_000 + 45_000 });
    expect(minute.totals['seed-2018']).toMatchObject({ rounding: 'minute', billedMs: 6 * 60_000 });
    expect(minute.totals['seed-2018'].cost).toBeCloseTo(0.06, 10);
    // The 2023 table also bills the 30 s of starting: 7 min 15 s, billed 7 min.
    expect(minute.totals['azure-2023'].billedMs).toBe(7 * 60_000);
  });

  it('rounds each uninterrupted billed stretch down on its own', () => {
    const minute = createBillingMeter({ rounding: 'minute' });
    const exact = createBillingMeter();
    const vm = runningVm({ image: 'specialized' });
    for (const meter of [minute, exact]) {
      meter.observe(vm.snapshot());
      vm.actor.subscribe((snapshot) => meter.observe(snapshot));
    }
    // Runs of 1 min 50 s and 1 min 20 s, each ended by a deallocate: 1 min + 1 min, not 3 min 10 s → 3 min.
    for (const ran of [110_000, 80_000]) {
      vm.wait(ran);
      vm.send({ type: 'vm.deallocate' });
      vm.settle();
      vm.send({ type: 'vm.start' });
      vm.settle();
    }
    expect(exact.read(vm.snapshot().context.now).billedMs).toBe(190_000);
    expect(minute.read(vm.snapshot().context.now).billedMs).toBe(120_000);
    // The open stretch counts too, rounded down: 59 s more adds nothing, 60 s a minute.
    expect(minute.read(vm.snapshot().context.now + 59_999).billedMs).toBe(120_000);
    expect(minute.read(vm.snapshot().context.now + 60_000).billedMs).toBe(180_000);
  });

  it('refuses a rounding it does not know', () => {
    expect(createBillingMeter().read()).toMatchObject({ rounding: 'exact', billedMs: 0 });
    expect(() => createBillingMeter({ rounding: 'second' as never })).toThrow('Invalid billing rounding "second": expected "exact" or "minute".');
    expect(() => simulate([], {}, { rounding: 'hour' as never })).toThrow('simulate: options.rounding: got "hour"; expected "exact" or "minute".');
  });
});

// The specification's footnote to Stopped (billed*): "Voor software licenties op het exemplaar
// worden geen kosten in rekening gebracht." (seed-vm-lifecycle-nl.md; the knowledge center:
// "You are billed for allocated cores, but not for the software license").
it('says in the stopped state\'s billing reason that software licences are not charged', () => {
  const vm = runningVm();
  vm.send({ type: 'vm.powerOff' });
  vm.settle();
  expect(billingOf(vm.snapshot()).reason).toBe(
    'Stopped (allocated): the hardware stays assigned to the VM, so compute is still billed; deallocate to stop paying for it. Software licences on the instance are not charged. Disks and networking are billed separately in every state.',
  );
});
