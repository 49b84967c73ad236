/**
 * Starting a VM actor at a known state — one read from a real VM's instance view — instead of
 * at create. Timed states resume with a full step's duration.
 */
import { createActor, type ActorOptions, type StateValue } from 'xstate';
import { VmInputError } from './settings.js';
import { operationIdOf } from './ids.js';
import { armPendingSteps, clockReading } from './persistence.js';
import { createVmContext, durationOf, vmMachine, type VmMachine } from './vm.machine.js';
import type { Durations, InitialState, Operation, OperationName, PowerState, ProvisioningState, VmInput, VmSettings } from './vm.types.js';

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

/** Power states a create can be in before the guest OS provisions: it still ends when the VM first runs. */
const CREATING_POWER: readonly PowerState[] = ['creating', 'starting', 'running', 'unknown'];
/** Power states while the guest OS provisions: running, or stopped from inside the guest meanwhile. */
const OS_PROVISIONING_POWER: readonly PowerState[] = ['running', 'stopping', 'stopped', 'unknown'];

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
  if (state.provisioningTime !== undefined && (typeof state.provisioningTime !== 'string' || Number.isNaN(Date.parse(state.provisioningTime)))) {
    throw new VmInputError('state.provisioningTime', state.provisioningTime, 'an ISO 8601 instant, as fromInstanceView gives it');
  }
  if (state.osProvisioning && state.provisioning !== 'creating') {
    throw new VmInputError('state.osProvisioning', state.osProvisioning, "nothing unless provisioning is 'creating'");
  }
  // A create ends when the VM first runs (or fails to allocate), or when its guest OS has
  // provisioned: any other power state while creating is a create that could never finish.
  const allowed = state.osProvisioning ? OS_PROVISIONING_POWER : CREATING_POWER;
  if (state.provisioning === 'creating' && !allowed.includes(state.power)) {
    const phase = state.osProvisioning ? `provisioning is 'creating' with ${state.osProvisioning}` : "provisioning is 'creating'";
    throw new VmInputError('state.power', state.power, `one of ${allowed.join(', ')} while ${phase}`);
  }
}

/** The state value a loaded state starts at. */
function stateValueOf(state: InitialState, settings: VmSettings): { value: StateValue; completesCreate: boolean } {
  if (state.provisioning === 'deleting') return { value: 'deleting', completesCreate: false };
  const power =
    state.power === 'hibernated'
      ? { deallocated: 'hibernated' }
      : state.power === 'deallocated'
        ? { deallocated: 'notHibernated' }
        : state.power === 'unknown' && state.provisioning === 'creating' && !state.osProvisioning
          ? 'creating'
          : state.power;
  if (state.provisioning === 'creating') {
    // Running while creating: the guest OS is provisioning (generalized image) or, for a
    // specialized image, the create has nothing left to do and completes now.
    const substate = state.osProvisioning ?? (state.power === 'running' ? (settings.image === 'generalized' ? 'osProvisioningInProgress' : null) : 'pending');
    if (substate === null) return { value: { exists: { power, provisioning: 'succeeded' } }, completesCreate: true };
    return { value: { exists: { power, provisioning: { creating: substate } } }, completesCreate: false };
  }
  if (state.provisioning === 'updating') {
    const changing = state.power === 'starting' || state.power === 'stopping' || state.power === 'deallocating';
    return { value: { exists: { power, provisioning: { updating: changing ? 'changingPowerState' : 'updatingModel' } } }, completesCreate: false };
  }
  return { value: { exists: { power, provisioning: state.provisioning } }, completesCreate: false };
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
  const context = createVmContext(options.input, clockReading(options.clock));
  const implied = impliedOperation(state);
  const { value, completesCreate } = stateValueOf(state, context.settings);
  context.operation = null;
  context.operationCount = 0;
  if (implied) {
    context.operationCount = 1;
    const operation: Operation = { name: implied, id: operationIdOf(context.settings.vmId, 1), startTime: 0, status: 'InProgress' };
    context.operation = completesCreate ? { ...operation, status: 'Succeeded', endTime: 0 } : operation;
    if (completesCreate) context.history = [context.operation];
  }
  // A failure read without an error code keeps none: the instance view then shows a bare ProvisioningState/failed.
  if (state.provisioning === 'failed') context.error = state.error ?? null;
  if (state.provisioning === 'deleting') context.powerWhileDeleting = state.power;
  if (state.generalized === true) context.generalized = true;
  // The outcome Azure stamped keeps its time (ms since the start instant; earlier is negative).
  if (state.provisioningTime !== undefined && (state.provisioning === 'succeeded' || state.provisioning === 'failed')) {
    context.provisioningTime = Date.parse(state.provisioningTime) - context.settings.startTime;
  }

  const snapshot = vmMachine.resolveState({ value, context });
  // Timed states were not entered, so their steps were never noted: note them as entry would.
  for (const node of snapshot._nodes) {
    const delay = node.after[0]?.delay as keyof Durations | undefined;
    if (delay === undefined) continue;
    const region = node.id.startsWith('vm.exists.power') ? 'power' : 'provisioning';
    context.timers[region] = { delay, startedAt: 0, dueAt: durationOf(context, delay) };
  }

  const actor = createActor(vmMachine, { ...options, snapshot, input: options.input });
  actor.start();
  armPendingSteps(actor, 0);
  return actor;
}
