import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { VirtualClock, vmMachine, type VmInput } from 'azure-vm-lifecycle';
import { createBillingMeter } from 'azure-vm-lifecycle/billing';
import { billingPanel, chartTimers, formatDuration, instanceViewPanel, meterText, operationRows, powerStateLine } from '../viz/page/vm-connect.js';
import { changeLines } from '../viz/page/log-entries.js';
import { translator } from '../viz/page/i18n/index.js';

const START = '2024-05-01T08:00:00.000Z';

function vm(input: VmInput = {}) {
  const clock = new VirtualClock();
  const actor = createActor(vmMachine, { clock, input: { startTime: START, ...input } }).start();
  return { actor, clock };
}

describe('the VM page panels', () => {
  it('show the instance view as Azure returns it, and its 404 body once the VM is deleted', () => {
    const { actor, clock } = vm();
    clock.runUntilIdle();
    const view = instanceViewPanel(actor.getSnapshot());
    expect(view.status).toBe(200);
    expect(JSON.parse(view.json).statuses.map((s: { code: string }) => s.code)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    expect(powerStateLine(actor.getSnapshot())).toBe('VM running');
    actor.send({ type: 'vm.delete' });
    clock.runUntilIdle();
    const gone = instanceViewPanel(actor.getSnapshot());
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.json)).toEqual({
      error: {
        code: 'ResourceNotFound',
        message: "The Resource 'Microsoft.Compute/virtualMachines/myVM' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      },
    });
    expect(powerStateLine(actor.getSnapshot())).toBe('');
  });

  it('badge a stopped VM billed and a deallocated one not billed, naming the table', () => {
    const { actor, clock } = vm();
    clock.runUntilIdle();
    actor.send({ type: 'vm.powerOff' });
    clock.runUntilIdle();
    expect(billingPanel(actor.getSnapshot(), 'seed-2018')).toMatchObject({ state: 'billed', text: 'Billed', tableTitle: '"Virtual machines lifecycle and states" (2018)' });
    actor.send({ type: 'vm.deallocate' });
    clock.runUntilIdle();
    expect(billingPanel(actor.getSnapshot(), 'azure-2023')).toMatchObject({ state: 'not-billed', text: 'Not billed', table: 'azure-2023' });
  });

  it('disagree on starting between the two tables', () => {
    const { actor, clock } = vm({ image: 'specialized' });
    clock.advance(20_000);
    expect(billingPanel(actor.getSnapshot(), 'seed-2018').state).toBe('not-billed');
    expect(billingPanel(actor.getSnapshot(), 'azure-2023').state).toBe('billed');
  });

  it('count down each region\'s timer on its active state', () => {
    const { actor, clock } = vm();
    clock.advance(5_000);
    expect(chartTimers(actor.getSnapshot(), 5_000)).toEqual([{ stateId: 'vm.exists.power.creating', dueAt: 20_000, now: 5_000, delay: 20_000 }]);
    clock.advance(15_000 + 30_000);
    expect(chartTimers(actor.getSnapshot(), 50_000)).toEqual([
      { stateId: 'vm.exists.provisioning.creating.osProvisioningInProgress', dueAt: 110_000, now: 50_000, delay: 60_000 },
    ]);
  });

  it('give the delay of the step in progress, so the chart labels a hibernating deallocate as long as it takes', () => {
    const { actor, clock } = vm({ hibernationEnabled: true });
    clock.runUntilIdle();
    actor.send({ type: 'vm.deallocate' });
    const plain = chartTimers(actor.getSnapshot(), clock.now()).find((timer) => timer.stateId === 'vm.exists.power.deallocating');
    clock.runUntilIdle();
    actor.send({ type: 'vm.start' });
    clock.runUntilIdle();
    actor.send({ type: 'vm.deallocate', hibernate: true });
    const hibernating = chartTimers(actor.getSnapshot(), clock.now()).find((timer) => timer.stateId === 'vm.exists.power.deallocating');
    expect(plain?.delay).toBeGreaterThan(0);
    expect(hibernating?.delay).toBeGreaterThan(plain?.delay ?? Infinity);
    expect((hibernating?.dueAt ?? 0) - clock.now()).toBe(hibernating?.delay);
  });

  it('count a Spot eviction down on the running state without relabelling its arrows', () => {
    const { actor, clock } = vm({ priority: 'Spot', evictionPolicy: 'Deallocate' });
    clock.runUntilIdle();
    actor.send({ type: 'vm.simulateEviction' });
    const eviction = chartTimers(actor.getSnapshot(), clock.now());
    expect(eviction).toEqual([expect.objectContaining({ stateId: 'vm.exists.power.running' })]);
    expect(eviction[0]).not.toHaveProperty('delay');
  });

  it('list operations newest first with simulated ISO times and their status', () => {
    const { actor, clock } = vm();
    clock.runUntilIdle();
    actor.send({ type: 'vm.powerOff' });
    const rows = operationRows(actor.getSnapshot());
    expect(rows.map((row) => [row.name, row.status])).toEqual([
      ['powerOff', 'InProgress'],
      ['create', 'Succeeded'],
    ]);
    expect(rows[1]?.startTime).toBe(START);
  });

  it('log region changes and operations ending between two snapshots', () => {
    const { actor, clock } = vm();
    clock.runUntilIdle();
    const before = actor.getSnapshot();
    actor.send({ type: 'vm.powerOff' });
    clock.runUntilIdle();
    const texts = changeLines(before, actor.getSnapshot()).map((line) => translator('en').text(line.message));
    expect(texts).toEqual(['Power: running → stopped', 'powerOff accepted', 'powerOff Succeeded']);
    expect(changeLines(before, actor.getSnapshot()).map((line) => translator('nl').text(line.message))).toEqual([
      'Energie: wordt uitgevoerd → gestopt',
      'powerOff geaccepteerd',
      'powerOff Succeeded',
    ]);
  });

  it('write billed time and cost at the price per hour', () => {
    expect(formatDuration(3_725_000)).toBe('1 h 02 min 05 s');
    const meter = createBillingMeter({ pricePerHour: 1.2 });
    const { actor, clock } = vm({ image: 'specialized' });
    meter.observe(actor.getSnapshot());
    clock.runUntilIdle();
    meter.observe(actor.getSnapshot());
    expect(meterText(meter.read(50_000 + 3_600_000), 1.2)).toBe('1 h 00 min 00 s billed of 1 h 00 min 50 s · $1.2000');
  });
});
