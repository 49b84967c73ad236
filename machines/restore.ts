/**
 * Starting a VM actor at a known state — one read from a real VM's instance view — instead of
 * at create. Timed states resume with a full step's duration.
 */
import { createActor, type ActorOptions, type AnyActorRef } from 'xstate';
import { VmInputError } from './settings.js';
import { operationIdOf } from './ids.js';
import { createVmContext, durationOf, vmMachine, type VmMachine } from './vm.machine.js';
import type { Durations, InitialState, Operation, OperationName, PowerState, ProvisioningState, VmInput } from './vm.types.js';

const POWER_STATES: readonly PowerState[] = [
  'creating',
  'starting',
  'running',
  'stopping',
  'stopped',
  'deallocating',
  'deallocated',
  'hibernated',
  'unknown',
];
const PROVISIONING_STATES: readonly ProvisioningState[] = ['creating', 'updating', 'deleting', 'succeeded', 'failed'];

/** Options for {@link startVmAt}: the VM's input and XState's actor options. */
export interface StartVmAtOptions extends Pick<ActorOptions<VmMachine>, 'clock' | 'inspect' | 'id' | 'logger'> {
  /** The VM's input (name, image, durations …). */
  input?: VmInput;
}

/**
 * The operation a VM observed mid-operation is taken to be carrying out (model choice: the
 * instance view does not name it, so it is read from the two states).
 */
export function impliedOperation(state: InitialState): OperationName | null {
  switch (state.provisioning) {
    case 'creating':
      return 'create';
    case 'deleting':
      return 'delete';
    case 'updating':
      return state.power === 'starting'
        ? 'start'
        : state.power === 'stopping'
          ? 'powerOff'
          : state.power === 'deallocating'
            ? 'deallocate'
            : 'update';
    default:
      return null;
  }
}

function checkState(state: InitialState): void {
  if (!state || typeof state !== 'object') throw new VmInputError('state', state, 'an object like fromInstanceView returns');
  if (!POWER_STATES.includes(state.power)) throw new VmInputError('state.power', state.power, `one of ${POWER_STATES.join(', ')}`);
  if (!PROVISIONING_STATES.includes(state.provisioning)) {
    throw new VmInputError('state.provisioning', state.provisioning, `one of ${PROVISIONING_STATES.join(', ')}`);
  }
  // A delete preempts a create that is still allocating: the machine reaches creating + deleting.
  if (state.power === 'creating' && state.provisioning !== 'creating' && state.provisioning !== 'deleting') {
    throw new VmInputError('state.power', state.power, "a power state other than 'creating' unless provisioning is 'creating' or 'deleting'");
  }
  if (state.osProvisioning && state.provisioning !== 'creating') {
    throw new VmInputError('state.osProvisioning', state.osProvisioning, "nothing unless provisioning is 'creating'");
  }
}

/**
 * Creates and starts a VM actor at a known state, such as one `fromInstanceView` parsed from
 * a real VM. A provisioning state in progress is taken as the operation it implies
 * ({@link impliedOperation}); timed states begin a full step.
 *
 * @example
 * ```ts
 * const vm = startVmAt(fromInstanceView(json), { input: { name: 'web-1' }, clock: new VirtualClock() });
 * vm.send({ type: 'vm.start' });
 * ```
 */
export function startVmAt(state: InitialState, options: StartVmAtOptions = {}) {
  checkState(state);
  const clockNow = (options.clock as { now?: () => number } | undefined)?.now?.() ?? Date.now();
  const context = createVmContext(options.input, clockNow);
  const implied = impliedOperation(state);
  context.operation = null;
  context.operationCount = 0;
  if (implied) {
    context.operationCount = 1;
    const operation: Operation = { name: implied, id: operationIdOf(context.settings.vmId, 1), startTime: 0, status: 'InProgress' };
    context.operation = operation;
  }
  if (state.provisioning === 'failed') context.error = state.error ?? { code: 'InternalOperationError', message: '' };

  const power =
    state.power === 'hibernated'
      ? { deallocated: 'hibernated' }
      : state.power === 'deallocated'
        ? { deallocated: 'notHibernated' }
        : state.power === 'unknown' && state.provisioning === 'creating'
          ? 'creating'
          : state.power;
  const provisioning = state.provisioning === 'creating' ? { creating: state.osProvisioning ?? 'pending' } : state.provisioning;
  const snapshot = vmMachine.resolveState({ value: { exists: { power, provisioning } }, context });

  // Timed states were not entered, so their timers were never set: set them as entry would.
  const timed = snapshot._nodes.flatMap((node) => node.after.map((transition) => ({ node, transition })));
  for (const { node, transition } of timed) {
    const region = node.id.startsWith('vm.exists.power') ? 'power' : 'provisioning';
    const delay = transition.delay as keyof Durations;
    if (delay === 'updating' && implied !== 'update') continue;
    context.timers[region] = { delay, startedAt: 0, dueAt: durationOf(context, delay) };
  }

  const actor = createActor(vmMachine, { ...options, snapshot, input: options.input });
  actor.start();
  const scheduled = new Set<string>();
  for (const { transition } of timed) {
    if (scheduled.has(transition.eventType)) continue;
    scheduled.add(transition.eventType);
    const ms = durationOf(context, transition.delay as keyof Durations);
    actor.system.scheduler.schedule(actor as AnyActorRef, actor as AnyActorRef, { type: transition.eventType }, ms, transition.eventType);
  }
  // Eventless transitions run after an event: let the regions settle (a completed operation
  // whose power target is already reached completes now).
  actor.send({ type: 'operation.accepted' });
  return actor;
}
