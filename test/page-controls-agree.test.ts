import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { VirtualClock, vmMachine, type VmEmitted, type VmInput } from 'azure-vm-lifecycle';
import { operationControls } from '../viz/page/controls.js';

/**
 * The page decides from `checkOperation` whether to send; the machine decides from its
 * transitions. Walk short sequences of button presses (with time running out between them) and
 * check that every press the page would send is taken, and every press it holds back is one
 * the machine would refuse with the same answer.
 */
const INPUTS: VmInput[] = [{}, { hibernationEnabled: true }, { priority: 'Spot' }, { priority: 'Spot', evictionPolicy: 'Delete' }];
const KEYS = operationControls(createActor(vmMachine, { clock: new VirtualClock(), input: {} }).getSnapshot()).map((control) => control.key);

function replay(input: VmInput, presses: readonly { key: string; settle: boolean }[]) {
  const clock = new VirtualClock();
  const actor = createActor(vmMachine, { clock, input });
  const emitted: VmEmitted[] = [];
  actor.on('*', (event) => emitted.push(event));
  actor.start();
  clock.runUntilIdle();
  for (const press of presses) {
    const control = operationControls(actor.getSnapshot()).find((candidate) => candidate.key === press.key);
    if (!control) throw new Error(press.key);
    emitted.length = 0;
    actor.send(control.event);
    if (press.settle) clock.runUntilIdle();
  }
  return { actor, clock, emitted };
}

describe('the buttons and the machine', () => {
  it('agree on every press after up to two earlier presses, settled or mid-operation', () => {
    const disagreements: string[] = [];
    for (const input of INPUTS) {
      for (const first of KEYS) {
        for (const settleFirst of [true, false]) {
          for (const second of KEYS) {
            const { actor } = replay(input, [{ key: first, settle: settleFirst }]);
            const control = operationControls(actor.getSnapshot()).find((candidate) => candidate.key === second);
            // A deleted VM's actor is done and hears nothing; the page answers its 404 itself.
            if (!control || actor.getSnapshot().status === 'done') continue;
            const emitted: VmEmitted[] = [];
            actor.on('*', (event) => emitted.push(event));
            const before = JSON.stringify(actor.getSnapshot().value);
            actor.send(control.event);
            const refused = emitted.find((event) => event.type === 'operation.rejected' || event.type === 'event.ignored');
            const where = `${JSON.stringify(input)} ${first}${settleFirst ? '' : ' (in progress)'} → ${second} in ${before}`;
            if (control.allowed && refused) disagreements.push(`${where}: page sends, machine refuses: ${JSON.stringify(refused)}`);
            if (!control.allowed && !refused) disagreements.push(`${where}: page holds back, machine takes it`);
            if (!control.allowed && refused?.type === 'operation.rejected' && control.refusal?.kind === 'rejected') {
              if (refused.rejection.message !== control.refusal.rejection.message) {
                disagreements.push(`${where}: messages differ`);
              }
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
