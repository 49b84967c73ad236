import { describe, expect, it } from 'vitest';
import { VmInputError } from 'azure-vm-lifecycle';
import { SimulationStepError, simulate, type SimulationStep } from 'azure-vm-lifecycle/simulate';

// A simulation is a program of steps; a bad one stops before anything runs, naming the step,
// rather than leaving a timeline that silently ends early.

function stepError(steps: unknown[]): SimulationStepError {
  try {
    simulate(steps as SimulationStep[]);
  } catch (error) {
    expect(error).toBeInstanceOf(SimulationStepError);
    return error as SimulationStepError;
  }
  return expect.unreachable('the steps ran');
}

const settled = { wait: 'settled' } as const;

describe('simulate refuses a bad step, naming its index and what was wrong', () => {
  it.each<[string, unknown, string, string]>([
    ['null', null, 'steps[1]', "got null; expected a VM event such as { type: 'vm.start' }, or a wait: { wait: ms } or { wait: 'settled' }."],
    ['a string', 'vm.start', 'steps[1]', 'got "vm.start"; expected a VM event'],
    ['an array', [{ type: 'vm.start' }], 'steps[1]', 'got an array of 1 item; expected a VM event'],
    ['an empty object', {}, 'steps[1]', 'got an object; expected a VM event such as { type: \'vm.start\' }, or a wait: { wait: ms } or { wait: \'settled\' }; it has neither type nor wait.'],
    ['both an event and a wait', { type: 'vm.start', wait: 5 }, 'steps[1]', 'got an object; expected a VM event such as { type: \'vm.start\' }, or a wait: { wait: ms } or { wait: \'settled\' }; not both.'],
    ['a negative wait', { wait: -5 }, 'steps[1].wait', "got number -5; expected a number of ms from 0 on, or 'settled'."],
    ['a NaN wait', { wait: Number.NaN }, 'steps[1].wait', 'got number NaN; expected a number of ms'],
    ['an infinite wait', { wait: Number.POSITIVE_INFINITY }, 'steps[1].wait', 'got number Infinity; expected a number of ms'],
    ['a wait given as a string of digits', { wait: '1000' }, 'steps[1].wait', 'got "1000"; expected a number of ms'],
    ['an unknown wait keyword', { wait: 'idle' }, 'steps[1].wait', `got "idle"; expected a number of ms from 0 on, or 'settled'.`],
    ['a wait with another field', { wait: 5, until: 'running' }, 'steps[1].until', 'got "running"; expected no such field; a wait has wait.'],
    ['an unknown event type', { type: 'vm.strat' }, 'steps[1].type', 'got "vm.strat"; expected one of "vm.start", "vm.powerOff",'],
    ['a non-string event type', { type: 42 }, 'steps[1].type', 'got number 42; expected one of "vm.start",'],
    ['an event type named like an object member', { type: 'toString' }, 'steps[1].type', 'got "toString"; expected one of'],
    ['an event the machine raises itself', { type: 'operation.accepted' }, 'steps[1].type', 'got "operation.accepted"; expected one of'],
    ['an XState event', { type: 'xstate.init' }, 'steps[1].type', 'got "xstate.init"; expected one of'],
    ['a misspelt field', { type: 'vm.deallocate', hibernat: true }, 'steps[1].hibernat', 'got boolean true; expected no such field; a vm.deallocate event has type, hibernate.'],
    ['a field of another event', { type: 'vm.start', hibernate: true }, 'steps[1].hibernate', 'got boolean true; expected no such field; a vm.start event has type.'],
    ['hibernate as a string', { type: 'vm.deallocate', hibernate: 'true' }, 'steps[1].hibernate', 'got "true"; expected true or false.'],
    ['skipShutdown as a number', { type: 'vm.powerOff', skipShutdown: 1 }, 'steps[1].skipShutdown', 'got number 1; expected true or false.'],
    ['a fault without a code', { type: 'fault.arm' }, 'steps[1].code', 'got undefined; expected one of "AllocationFailed",'],
    ['an unknown fault code', { type: 'fault.arm', code: 'DiskFull' }, 'steps[1].code', 'got "DiskFull"; expected one of "AllocationFailed",'],
    ['a BigInt fault code', { type: 'fault.arm', code: 409n }, 'steps[1].code', 'got bigint 409; expected one of'],
  ])('refuses %s', (_what, step, path, message) => {
    const error = stepError([settled, step, settled]);
    expect(error.index).toBe(1);
    expect(error.path).toBe(path);
    expect(error.message).toContain(`simulate: ${path}: ${message}`);
  });

  it('refuses a hole in a sparse steps array', () => {
    // eslint-disable-next-line no-sparse-arrays
    const error = stepError([settled, , settled]);
    expect(error.index).toBe(1);
    expect(error.message).toContain('simulate: steps[1]: got undefined; expected a VM event');
  });

  it('refuses a field with an invisible name, quoting it escaped', () => {
    const error = stepError([{ type: 'vm.start', ['\u202Ehibernate']: true }]);
    expect(error.path).toBe('steps[0]["\\u202ehibernate"]');
  });

  it('checks every step before running any, so a bad last step costs nothing', () => {
    const steps: unknown[] = Array.from({ length: 1000 }, () => ({ wait: 1000 }));
    steps.push({ wait: -1 });
    expect(stepError(steps).index).toBe(1000);
  });

  it('refuses a wait that would run past the last instant a Date holds', () => {
    const error = stepError([{ wait: 8.64e15 }]);
    expect(error.index).toBe(0);
    // The simulation starts on 2025-01-01: that much less is left.
    expect(error.message).toBe(
      `simulate: steps[0].wait: got number 8640000000000000; expected at most ${8.64e15 - Date.UTC(2025, 0, 1)} ms here: later instants are past a Date's range.`,
    );
    expect(simulate([{ wait: 8.64e15 - Date.UTC(2025, 0, 1) }]).durationMs).toBe(8.64e15 - Date.UTC(2025, 0, 1));
  });

  it('refuses steps that are not an array, and options that are not { pricePerHour, rounding }', () => {
    expect(() => simulate({ type: 'vm.start' } as never)).toThrow(new TypeError('simulate: expected steps as an array of steps, got an object.'));
    expect(() => simulate([], {}, { price: 1 } as never)).toThrow("simulate: expected options as { pricePerHour?: number, rounding?: 'exact' | 'minute' }, got an object.");
    expect(() => simulate([], {}, null as never)).toThrow("simulate: expected options as { pricePerHour?: number, rounding?: 'exact' | 'minute' }, got null.");
    expect(() => simulate([], {}, { pricePerHour: -1 })).toThrow('Invalid price per hour -1');
  });

  it('refuses input that is not an object of VM options, as the machine would', () => {
    expect(() => simulate([], 'web-1' as never)).toThrow(VmInputError);
    expect(() => simulate([], { name: 'web\u202E1' })).toThrow("Invalid VM input 'name': got \"web\\u202e1\"");
  });
});

describe('simulate runs every step', () => {
  it('answers operations after the VM is deleted with Azure’s 404, at the instant they were sent', () => {
    const run = simulate([settled, { type: 'vm.delete' }, settled, { wait: 60_000 }, { type: 'vm.start' }, { wait: 1_000 }, { type: 'vm.delete' }]);
    const [start, remove] = run.timeline.slice(-2);
    const deletedAt = run.timeline.find((entry) => entry.power === null)?.at ?? Number.NaN;
    expect(start).toMatchObject({
      at: deletedAt + 60_000,
      cause: 'vm.start',
      power: null,
      provisioning: null,
      statuses: null,
      rejection: {
        status: 404,
        code: 'ResourceNotFound',
        message: "The Resource 'Microsoft.Compute/virtualMachines/myVM' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      },
    });
    expect(remove).toMatchObject({ at: deletedAt + 61_000, cause: 'vm.delete', rejection: { status: 404 } });
    expect(run.durationMs).toBe(deletedAt + 61_000);
  });

  it('records a guest or platform event that had no effect, with the reason', () => {
    const run = simulate([settled, { type: 'vm.powerOff' }, settled, { wait: 5_000 }, { type: 'guest.shutdown' }]);
    expect(run.timeline.at(-1)).toMatchObject({
      cause: 'guest.shutdown',
      power: 'stopped',
      ignored: 'The guest OS can only shut itself down while the VM is running; the power state is stopped.',
    });
    const deleted = simulate([settled, { type: 'vm.delete' }, settled, { type: 'platform.evict' }]);
    expect(deleted.timeline.at(-1)).toMatchObject({ cause: 'platform.evict', power: null, ignored: 'The VM has been deleted.' });
  });

  it('stamps a refused operation with the instant it was sent, not the last change before it', () => {
    const run = simulate([settled, { wait: 10_000 }, { type: 'vm.simulateEviction' }]);
    const settledAt = run.timeline.at(-2)?.at ?? Number.NaN;
    expect(run.timeline.at(-1)).toMatchObject({ at: settledAt + 10_000, cause: 'vm.simulateEviction', rejection: { status: 409 } });
  });
});
