import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { createActor } from 'xstate';
import { OPERATION_EVENT_TYPES, VirtualClock, checkOperation, vmMachine } from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { billingOf } from 'azure-vm-lifecycle/billing';
import { toMermaid } from 'azure-vm-lifecycle/mermaid';
import { simulate } from 'azure-vm-lifecycle/simulate';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

function leaves(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.length ? children.flatMap(leaves) : [node];
}

describe('the README', () => {
  it('shows the chart the machine generates today', () => {
    const block = readme.match(/```mermaid\n([\s\S]*?)\n```/)?.[1];
    expect(block).toBe(toMermaid(vmMachine, { descriptions: 'none' }).trimEnd());
  });

  it('lists every state of the machine in its states table', () => {
    for (const node of leaves(vmMachine.root)) {
      const path = node.path.slice(node.path[0] === 'exists' ? 2 : 0).join('.');
      expect(readme).toContain(`| \`${path}\``);
    }
  });

  it('lists every operation event', () => {
    for (const type of OPERATION_EVENT_TYPES) expect(readme).toContain(`\`${type}\``);
  });

  it('shows what its first example really returns', () => {
    const clock = new VirtualClock();
    const vm = createActor(vmMachine, { clock, input: { name: 'web-1', image: 'generalized' } }).start();
    clock.runUntilIdle();
    vm.send({ type: 'vm.powerOff' });
    clock.runUntilIdle();
    const [provisioning, power] = toInstanceView(vm.getSnapshot()).statuses;
    expect(readme).toContain(`{ code: '${provisioning?.code}', level: '${provisioning?.level}', displayStatus: '${provisioning?.displayStatus}', time: '…' }`);
    expect(readme).toContain(`{ code: '${power?.code}', level: '${power?.level}', displayStatus: '${power?.displayStatus}' }`);
    const billing = billingOf(vm.getSnapshot());
    expect(readme).toContain(`{ billed: ${billing.billed}, reason: '${billing.reason.slice(0, 'Stopped (allocated)'.length)}: …', table: '${billing.table}' }`);
    const refusal = checkOperation(vm.getSnapshot(), { type: 'vm.restart' });
    expect(readme).toContain(`{ status: ${refusal?.status}, code: '${refusal?.code}', message: '${refusal?.message}' }`);
  });

  it('quotes what simulate really says of stopping versus deallocating for 8 hours', () => {
    const eightHours = 8 * 3_600_000;
    const run = (type: 'vm.powerOff' | 'vm.deallocate') =>
      simulate([{ wait: 'settled' }, { type }, { wait: 'settled' }, { wait: eightHours }], {}, { pricePerHour: 0.096 }).totals['seed-2018'];
    for (const type of ['vm.powerOff', 'vm.deallocate'] as const) {
      const { billedMs, cost } = run(type);
      expect(readme).toContain(`run('${type}').totals['seed-2018']`);
      expect(readme).toContain(`billedMs ${billedMs.toLocaleString('en-US')}`);
      expect(readme).toContain(`cost $${cost.toFixed(4)}`);
    }
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
