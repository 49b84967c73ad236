/**
 * The lifecycle of one Azure VM resource as an XState v5 statechart: two parallel regions,
 * `power` and `provisioning`, that coordinate by events drawn on the chart — the power region
 * announces an accepted operation (`operation.accepted`) and every state it reaches
 * (`power.running`, `power.stopped`, `power.deallocated`); provisioning reacts. Deletion is a
 * state of the whole resource. Pure: no HTTP, DOM or wire JSON.
 */
import { and, assign, createActor, enqueueActions, not, or, raise, setup, stateIn, type ActorOptions } from 'xstate';
import { readClock } from './clock.js';
import { COORDINATION_EVENT_TYPES, gateEvents } from './event-gate.js';
import { operationIdOf } from './ids.js';
import {
  changesRefusedWhileHibernated,
  faultApplies,
  faultError,
  isOperationEvent,
  operationInProgress,
  operationNameOf,
  OPERATION_PREEMPTED,
  PREEMPTED_BY_DEALLOCATE,
} from './operations.js';
import { validateFaultList, validateInput } from './settings.js';
import type {
  Durations,
  FaultCode,
  Operation,
  OperationName,
  PowerState,
  Timer,
  VmContext,
  VmEmitted,
  VmInput,
  VmMachineEvent,
} from './vm.types.js';

/** The regions of the VM, and the Spot eviction's own timer. */
export type Region = 'power' | 'provisioning' | 'eviction';

/** A power state the power region announces when it reaches it. */
type Announced = 'running' | 'stopped' | 'deallocated';

/** How long the named step takes for this VM now (its settings and the operation in progress), in ms. */
export function durationOf(context: Pick<VmContext, 'settings' | 'operation'>, delay: keyof Durations): number {
  const d = context.settings.durations;
  const current = operationInProgress(context.operation);
  switch (delay) {
    case 'deallocating':
      return d.deallocating + (current?.name === 'deallocate' && current.hibernate ? d.hibernating : 0);
    case 'starting':
      if (current?.fault === 'VMStartTimedOut') {
        return context.settings.osType === 'Windows' ? d.startTimeoutWindows : d.startTimeoutLinux;
      }
      return d.starting;
    case 'osProvisioning':
      if (current?.fault === 'OSProvisioningTimedOut') {
        return context.settings.osType === 'Windows' ? d.osProvisioningTimeoutWindows : d.osProvisioningTimeoutLinux;
      }
      return d.osProvisioning;
    default:
      return d[delay];
  }
}

/** Builds the context of a new VM; throws `VmInputError` for invalid input. */
export function createVmContext(input: VmInput | undefined, clockNow: number, wallNow: number = Date.now()): VmContext {
  const settings = validateInput(input, wallNow);
  const faults = validateFaultList(input?.faults);
  const createFault = faults.findIndex((code) => faultApplies(code, 'create', 'creating', settings));
  const fault = createFault >= 0 ? faults.splice(createFault, 1)[0] : undefined;
  const create: Operation = { name: 'create', id: operationIdOf(settings.vmId, 1), startTime: 0, status: 'InProgress' };
  if (fault) create.fault = fault;
  return {
    settings,
    operation: create,
    history: [],
    faults,
    error: null,
    provisioningTime: 0,
    now: 0,
    clockOrigin: clockNow,
    timers: { power: null, provisioning: null, eviction: null },
    operationCount: 1,
    powerWhileDeleting: null,
    generalized: false,
  };
}

type Args = { context: VmContext; self: Parameters<typeof readClock>[0] };

/** The timer of a step that starts now. */
function timerOf(context: Pick<VmContext, 'settings' | 'operation'>, delay: keyof Durations, now: number): Timer {
  return { delay, startedAt: now, dueAt: now + durationOf(context, delay) };
}

/** The VM's time now, ms since its start instant; never earlier than what it has seen. */
function tick({ context, self }: Args): number {
  return Math.max(context.now, readClock(self) - context.clockOrigin);
}

/** Ends the operation in progress with a status, moving it into the bounded history. */
function finish(context: VmContext, now: number, status: Operation['status'], error?: Operation['error']) {
  const current = operationInProgress(context.operation);
  if (!current) return {};
  const ended: Operation = { ...current, status, endTime: now };
  if (error) ended.error = error;
  // The last `historyLimit - 1` operations and this one (slice and push: the fastest copy).
  const dropped = context.history.length - context.settings.historyLimit + 1;
  const history = context.history.slice(Math.max(dropped, 0));
  history.push(ended);
  return { operation: ended, history };
}

/** Records an operation accepted from a power state, taking the first armed fault that applies to it. */
function accepted(context: VmContext, event: VmMachineEvent, now: number, from: PowerState, name: OperationName) {
  let faults = context.faults;
  let fault: Operation['fault'];
  const index = faults.findIndex((code) => faultApplies(code, name, from, context.settings));
  if (index >= 0) {
    fault = faults[index];
    faults = [...faults.slice(0, index), ...faults.slice(index + 1)];
  }
  const count = context.operationCount + 1;
  const operation: Operation = { name, id: operationIdOf(context.settings.vmId, count), startTime: now, status: 'InProgress' };
  if (fault) operation.fault = fault;
  if (event.type === 'vm.deallocate' && event.hibernate === true) operation.hibernate = true;
  if (event.type === 'vm.powerOff' && event.skipShutdown === true) operation.skipShutdown = true;
  if (name === 'start' && from === 'hibernated') operation.resumingFromHibernation = true;
  return { operation, operationCount: count, faults, now };
}

/** Faults that fail an operation's allocation of hardware: the VM stays (or ends) without a host. */
const ALLOCATION_FAULTS: readonly FaultCode[] = [
  'AllocationFailed',
  'OverconstrainedResumeFromHibernatedStateAllocationRequest',
  'SpotPriceGreaterThanProvidedMaxPrice',
];

/** An update Azure accepts: nothing in progress, and no resize or disk or NIC change while hibernated. */
const UPDATE_ACCEPTED = and(['isIdle', or(['changesAllowedWhileHibernated', not(stateIn('#vm.exists.power.deallocated.hibernated'))])]);

const POWER_LEAVES: readonly [PowerState, string][] = [
  ['creating', '#vm.exists.power.creating'],
  ['starting', '#vm.exists.power.starting'],
  ['running', '#vm.exists.power.running'],
  ['stopping', '#vm.exists.power.stopping'],
  ['stopped', '#vm.exists.power.stopped'],
  ['deallocating', '#vm.exists.power.deallocating'],
  ['hibernated', '#vm.exists.power.deallocated.hibernated'],
  ['deallocated', '#vm.exists.power.deallocated.notHibernated'],
  ['unknown', '#vm.exists.power.unknown'],
];

/** The steps that take time, each a named delay of the chart: `after: { starting: … }`. */
const TIMED_STEPS = ['allocating', 'starting', 'stopping', 'deallocating', 'osProvisioning', 'osProvisioningComplete', 'updating', 'deleting', 'evictionNotice'] as const;
type TimedStep = (typeof TIMED_STEPS)[number];

const ANNOUNCEMENTS = {
  running: { type: 'power.running' },
  stopped: { type: 'power.stopped' },
  deallocated: { type: 'power.deallocated' },
} as const;

/** The power region's timed states, by the step each one waits for. */
type PowerStep = 'starting' | 'stopping' | 'deallocating';

/**
 * Actions of a power operation accepted in a power state: record it (noting the timed step it
 * enters, if any), then tell provisioning.
 */
const accept = (from: PowerState, step?: PowerStep) => [{ type: 'acceptOperation' as const, params: { from, step } }, 'announceAcceptance' as const];
/** Actions of an operation Azure accepts with nothing to change: record it, announce the state the VM is already in. */
const acceptNoChange = (from: PowerState, state: Announced) => [...accept(from), { type: 'announce' as const, params: { state } }];
/**
 * Notes when a timed step is due: the entry action of a timed state, and in the power region the
 * action of each transition into one (the accepting transitions note it with the operation, in
 * one context update).
 */
const timer = (region: 'power' | 'provisioning', delay: keyof Durations) => ({ type: 'startTimer' as const, params: { region, delay } });
/** Exit action of a timed state: forget its step. */
const clearTimer = (region: 'power' | 'provisioning') => ({ type: 'stopTimer' as const, params: { region } });

/**
 * The VM lifecycle statechart. One actor is one VM resource: starting the actor is Azure
 * accepting the create request; the actor is done when deletion completes.
 *
 * The actor reads time from the clock it is created with (`createActor(vmMachine, { clock })`),
 * so a {@link VirtualClock} or XState's `SimulatedClock` gives simulated status times.
 * Events are checked before they reach the statechart: a malformed one, or one of the events
 * the regions raise for each other, is refused with `operation.rejected` or `event.ignored`
 * and changes nothing.
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * import { vmMachine, VirtualClock } from 'azure-vm-lifecycle';
 * import { toInstanceView } from 'azure-vm-lifecycle/json';
 *
 * const clock = new VirtualClock();
 * const vm = createActor(vmMachine, { clock, input: { name: 'web-1', image: 'generalized' } }).start();
 * clock.runUntilIdle();
 * vm.send({ type: 'vm.deallocate' });
 * clock.runUntilIdle();
 * toInstanceView(vm.getSnapshot()).statuses.map((s) => s.code);
 * // ['ProvisioningState/succeeded', 'PowerState/deallocated']
 * ```
 */
const statechart = setup({
  types: {
    context: {} as VmContext,
    events: {} as VmMachineEvent,
    input: {} as VmInput | undefined,
    emitted: {} as VmEmitted,
  },
  delays: Object.fromEntries(TIMED_STEPS.map((step) => [step, ({ context }: { context: VmContext }) => durationOf(context, step)])) as Record<
    TimedStep,
    (args: { context: VmContext }) => number
  >,
  guards: {
    /** No user operation is in progress. */
    isIdle: ({ context }) => operationInProgress(context.operation) === null,
    /** A power operation Azure carries out now: nothing in progress, and the VM is not generalized ("you can't restart the VM"). */
    canChangePower: ({ context }) => operationInProgress(context.operation) === null && context.generalized !== true,
    /** A plain deallocate Azure carries out now: nothing in progress, or a start, restart or powerOff it preempts. */
    canDeallocate: ({ context, event }) => {
      if (event.type !== 'vm.deallocate' || event.hibernate === true || context.generalized === true) return false;
      const current = operationInProgress(context.operation);
      return current === null || PREEMPTED_BY_DEALLOCATE.includes(current.name);
    },
    /** A hibernate request Azure carries out now: hibernation enabled, nothing in progress, provisioning succeeded. */
    canHibernate: ({ context, event }) =>
      event.type === 'vm.deallocate' &&
      event.hibernate === true &&
      context.settings.hibernationEnabled &&
      context.error === null &&
      operationInProgress(context.operation) === null,
    /** A simulated eviction Azure accepts now: a Spot VM with nothing in progress. */
    canSimulateEviction: ({ context }) => context.settings.priority !== 'Regular' && operationInProgress(context.operation) === null,
    /** The operation in progress was armed to fail. */
    isFailing: ({ context }) => operationInProgress(context.operation)?.fault !== undefined,
    /**
     * Allocating hardware fails: create (AllocationFailed, SpotPriceGreaterThanProvidedMaxPrice,
     * InternalOperationError), or a start from deallocated.
     */
    allocationFails: ({ context }) => {
      const current = operationInProgress(context.operation);
      return (
        (current?.fault !== undefined && ALLOCATION_FAULTS.includes(current.fault)) ||
        (current?.name === 'create' && current.fault === 'InternalOperationError')
      );
    },
    /** Allocating fails while resuming a hibernated VM: it stays hibernated. */
    resumeFails: ({ context }) => {
      const current = operationInProgress(context.operation);
      return current?.fault !== undefined && ALLOCATION_FAULTS.includes(current.fault) && current.resumingFromHibernation === true;
    },
    /** The guest OS fails to provision (OSProvisioningTimedOut, OSProvisioningClientError). */
    osProvisioningFails: ({ context }) => {
      const fault = operationInProgress(context.operation)?.fault;
      return fault === 'OSProvisioningTimedOut' || fault === 'OSProvisioningClientError';
    },
    /** The deallocate in progress hibernates the VM. */
    isHibernating: ({ context }) => operationInProgress(context.operation)?.hibernate === true,
    /** The operation in progress is a redeploy: it powers the VM back on after moving it. */
    isRedeploying: ({ context }) => operationInProgress(context.operation)?.name === 'redeploy',
    /** The operation in progress is a reimage: it powers the VM back on with its new OS disk. */
    isReimaging: ({ context }) => operationInProgress(context.operation)?.name === 'reimage',
    /** The update changes nothing a hibernated VM refuses (size, disks, NICs). */
    changesAllowedWhileHibernated: ({ event }) => !changesRefusedWhileHibernated(event),
    /** The VM was created from a generalized image, so its guest OS provisions itself. */
    isGeneralizedImage: ({ context }) => context.settings.image === 'generalized',
    /** A Spot VM whose eviction deallocates it. */
    isEvictedToDeallocated: ({ context }) => context.settings.priority !== 'Regular' && context.settings.evictionPolicy === 'Deallocate',
    /** A Spot VM whose eviction deletes it. */
    isEvictedToDeletion: ({ context }) => context.settings.priority !== 'Regular' && context.settings.evictionPolicy === 'Delete',
  },
  actions: {
    /**
     * Records an operation accepted in a power state, taking the first armed fault that applies
     * to it, and notes when the timed step it enters is due (its length depends on the operation).
     */
    acceptOperation: assign(({ context, event, self }, params: { from: PowerState; step?: PowerStep }) => {
      const now = tick({ context, self });
      const update = isOperationEvent(event) ? accepted(context, event, now, params.from, operationNameOf(event)) : { now };
      if (params.step === undefined) return update;
      const operation = 'operation' in update ? update.operation : context.operation;
      return { ...update, timers: { ...context.timers, power: timerOf({ settings: context.settings, operation }, params.step, now) } };
    }),
    /** Tells the provisioning region that the power region accepted an operation. */
    announceAcceptance: raise({ type: 'operation.accepted' }),
    /** Records an accepted update or reapply (provisioning only; power does not change). */
    acceptModelUpdate: assign(({ context, event, self }) =>
      isOperationEvent(event) ? accepted(context, event, tick({ context, self }), 'unknown', operationNameOf(event)) : {},
    ),
    /** Announces the power state the power region reached, for the provisioning region. */
    announce: raise((_, params: { state: Announced }) => ANNOUNCEMENTS[params.state]),
    /** Ends the operation in progress `Succeeded` and stamps the provisioning outcome's time. */
    completeOperation: assign(({ context, self }) => {
      const now = tick({ context, self });
      return { now, provisioningTime: now, ...finish(context, now, 'Succeeded') };
    }),
    /** Ends the operation in progress `Failed` with the Azure error it was armed with. */
    failOperation: assign(({ context, self }) => {
      const now = tick({ context, self });
      const current = operationInProgress(context.operation);
      const code = current?.fault ?? 'InternalOperationError';
      const { settings } = context;
      const error = faultError(code, settings.name, {
        resumingFromHibernation: current?.resumingFromHibernation === true,
        operation: current?.name,
        vmSize: settings.vmSize,
        ...(settings.maxPrice !== undefined ? { maxPrice: settings.maxPrice } : {}),
      });
      return { now, provisioningTime: now, error, ...finish(context, now, 'Failed', error) };
    }),
    /** Marks the VM generalized (`OSState/generalized`): from now on it cannot be started. */
    markGeneralized: assign({ generalized: true }),
    /** Forgets the error once provisioning leaves `failed` (the next operation is under way). */
    clearError: assign({ error: null }),
    /** Notes when a region's timed step is due (for countdowns, invariants and restoring). */
    startTimer: assign(({ context, self }, params: { region: 'power' | 'provisioning'; delay: keyof Durations }) => {
      const now = tick({ context, self });
      return { now, timers: { ...context.timers, [params.region]: timerOf(context, params.delay, now) } };
    }),
    /**
     * Forgets a region's timed step once it is left, and notes the instant: a step that ends
     * without a user operation (a guest shutdown's `stopped`, an eviction's `deallocated`) moves
     * the VM's time too.
     */
    stopTimer: assign(({ context, self }, params: { region: 'power' | 'provisioning' }) => ({
      now: tick({ context, self }),
      timers: { ...context.timers, [params.region]: null },
    })),
    /**
     * Starts the deletion: a more recent operation preempts the one in progress, the power state
     * is kept as it was, a scheduled eviction is called off.
     */
    acceptDeletion: enqueueActions(({ context, event, self, enqueue, check }, params: { power?: PowerState }) => {
      const now = tick({ context, self });
      const preempted = finish(context, now, 'Canceled', { ...OPERATION_PREEMPTED });
      const base = { ...context, ...preempted };
      const power = params.power ?? context.powerWhileDeleting ?? POWER_LEAVES.find(([, id]) => check(stateIn(id) as never))?.[0] ?? 'unknown';
      enqueue.cancel('eviction');
      enqueue.assign({
        ...preempted,
        ...accepted(base, event, now, power, 'delete'),
        powerWhileDeleting: power,
        timers: { power: null, provisioning: null, eviction: null },
      });
    }),
    /** Ends the operation in progress `Canceled`: a plain deallocate preempts it. */
    preemptOperation: assign(({ context, self }) => {
      const now = tick({ context, self });
      return { now, ...finish(context, now, 'Canceled', { ...OPERATION_PREEMPTED }) };
    }),
    /**
     * Schedules the platform's eviction of a Spot VM after the eviction notice (`simulateEviction`
     * answers 204 at once: it is no long-running operation); a second request restarts the notice.
     */
    scheduleEviction: enqueueActions(({ context, self, enqueue }) => {
      const now = tick({ context, self });
      const due: Timer = { delay: 'evictionNotice', startedAt: now, dueAt: now + durationOf(context, 'evictionNotice') };
      enqueue.cancel('eviction');
      enqueue.assign({ now, timers: { ...context.timers, eviction: due } });
      enqueue.raise({ type: 'platform.evict' }, { id: 'eviction', delay: 'evictionNotice' });
    }),
    /**
     * Forgets the scheduled eviction once the platform evicted (when it came due, whether or not it
     * had an effect, or when the platform evicted before the notice ran out): its timer is called
     * off too, so no timer fires later without effect.
     */
    forgetEviction: enqueueActions(({ context, enqueue }) => {
      if (!context.timers.eviction) return;
      enqueue.cancel('eviction');
      enqueue.assign({ timers: { ...context.timers, eviction: null } });
    }),
    /** Arms a fault for the next operation it applies to (the event gate has checked the code and the queue's room). */
    armFault: assign(({ context, event }) => (event.type === 'fault.arm' ? { faults: [...context.faults, event.code] } : {})),
    /** Disarms every armed fault. */
    clearFaults: assign({ faults: [] }),
  },
}).createMachine({
  id: 'vm',
  description: 'One Azure virtual machine resource, from the create request until deletion completes.',
  context: ({ input, self }) => createVmContext(input, readClock(self)),
  // Read by the chart's lesson view: the events the regions raise for each other are not operations.
  meta: { internalEvents: [...COORDINATION_EVENT_TYPES] },
  initial: 'exists',
  on: {
    'fault.arm': { actions: 'armFault' },
    'fault.clear': { actions: 'clearFaults' },
    'platform.evict': { actions: 'forgetEviction' },
  },
  states: {
    exists: {
      description: 'The resource exists: Azure reports its power and provisioning states independently.',
      type: 'parallel',
      on: {
        'vm.delete': { target: 'deleting', actions: { type: 'acceptDeletion', params: {} } },
      },
      states: {
        power: {
          description: 'The power state: the last known state of the machine itself.',
          initial: 'creating',
          states: {
            creating: {
              description: 'Azure is allocating hardware for the new VM; there is no power status yet. Not billed.',
              entry: timer('power', 'allocating'),
              exit: clearTimer('power'),
              after: {
                allocating: [{ guard: 'allocationFails', target: 'deallocated', meta: { lesson: false } }, { target: 'starting', actions: timer('power', 'starting') }],
              },
            },
            starting: {
              description: 'The VM is booting (PowerState/starting). Billed per the 2023 table, not per the 2018 one.',
              exit: clearTimer('power'),
              after: {
                starting: [
                  { guard: 'resumeFails', target: 'deallocated.hibernated', meta: { lesson: false } },
                  { guard: 'allocationFails', target: 'deallocated', meta: { lesson: false } },
                  { target: 'running' },
                ],
              },
              on: {
                // Preempting a start is real, but the lesson view leaves it to the full one.
                'vm.deallocate': {
                  guard: 'canDeallocate',
                  target: 'deallocating',
                  actions: ['preemptOperation', ...accept('starting', 'deallocating')],
                  meta: { lesson: false },
                },
              },
            },
            running: {
              description: 'The normal working state of the VM (PowerState/running). Billed.',
              entry: { type: 'announce', params: { state: 'running' } },
              on: {
                'vm.start': { guard: 'isIdle', actions: acceptNoChange('running', 'running') },
                'vm.powerOff': { guard: 'isIdle', target: 'stopping', actions: accept('running', 'stopping') },
                'vm.reimage': { guard: 'isIdle', target: 'stopping', actions: accept('running', 'stopping') },
                'vm.deallocate': [
                  { guard: 'canHibernate', target: 'deallocating', actions: accept('running', 'deallocating'), meta: { operation: 'hibernate' } },
                  { guard: 'canDeallocate', target: 'deallocating', actions: accept('running', 'deallocating') },
                ],
                'vm.restart': { guard: 'isIdle', target: 'starting', actions: accept('running', 'starting') },
                'vm.redeploy': { guard: 'isIdle', target: 'stopping', actions: accept('running', 'stopping') },
                'vm.simulateEviction': { guard: 'canSimulateEviction', actions: 'scheduleEviction' },
                'guest.shutdown': { target: 'stopping', actions: timer('power', 'stopping') },
                'platform.evict': [
                  { guard: 'isEvictedToDeallocated', target: 'deallocating', actions: ['forgetEviction', timer('power', 'deallocating')] },
                  {
                    guard: 'isEvictedToDeletion',
                    target: '#vm.deleting',
                    actions: { type: 'acceptDeletion', params: { power: 'running' } },
                    // Crosses out of the power region: the lesson shows eviction by its deallocating arrow.
                    meta: { lesson: false },
                  },
                ],
              },
            },
            stopping: {
              description: 'The VM is shutting down but keeps its host (PowerState/stopping). Billed.',
              exit: clearTimer('power'),
              after: {
                stopping: [
                  { guard: 'isRedeploying', target: 'starting', actions: timer('power', 'starting') },
                  { guard: 'isReimaging', target: 'starting', actions: timer('power', 'starting') },
                  { target: 'stopped' },
                ],
              },
              on: {
                'vm.deallocate': {
                  guard: 'canDeallocate',
                  target: 'deallocating',
                  actions: ['preemptOperation', ...accept('stopping', 'deallocating')],
                  meta: { lesson: false },
                },
              },
            },
            stopped: {
              description:
                'Stopped (allocated): shut down from the guest OS or by powerOff; the hardware stays assigned and is billed (PowerState/stopped).',
              entry: { type: 'announce', params: { state: 'stopped' } },
              on: {
                'vm.start': { guard: 'canChangePower', target: 'starting', actions: accept('stopped', 'starting') },
                'vm.powerOff': { guard: 'canChangePower', actions: acceptNoChange('stopped', 'stopped') },
                'vm.deallocate': { guard: 'canDeallocate', target: 'deallocating', actions: accept('stopped', 'deallocating') },
                'vm.redeploy': { guard: 'canChangePower', target: 'starting', actions: accept('stopped', 'starting') },
                'vm.reimage': { guard: 'canChangePower', target: 'starting', actions: accept('stopped', 'starting') },
                'vm.generalize': { guard: 'isIdle', actions: [...acceptNoChange('stopped', 'stopped'), 'markGeneralized'] },
              },
            },
            deallocating: {
              description: 'The VM is being stopped and removed from its host (PowerState/deallocating). Not billed.',
              exit: clearTimer('power'),
              after: {
                deallocating: [{ guard: 'isHibernating', target: 'deallocated.hibernated' }, { target: 'deallocated' }],
              },
              on: {
                'vm.deallocate': { guard: 'canDeallocate', actions: accept('deallocating') },
              },
            },
            deallocated: {
              description: 'Stopped (deallocated): the VM is off and removed from its host (PowerState/deallocated). Not billed.',
              initial: 'notHibernated',
              entry: { type: 'announce', params: { state: 'deallocated' } },
              on: {
                'vm.deallocate': { guard: 'canDeallocate', actions: acceptNoChange('deallocated', 'deallocated') },
              },
              states: {
                notHibernated: {
                  description: 'Deallocated without saved memory; a start boots the OS afresh.',
                  meta: { lesson: { node: 'deallocated' } },
                  on: {
                    'vm.start': { guard: 'canChangePower', target: '#vm.exists.power.starting', actions: accept('deallocated', 'starting') },
                    'vm.reimage': { guard: 'canChangePower', target: '#vm.exists.power.starting', actions: accept('deallocated', 'starting') },
                    'vm.generalize': { guard: 'isIdle', actions: [...acceptNoChange('deallocated', 'deallocated'), 'markGeneralized'] },
                  },
                },
                hibernated: {
                  description:
                    'Hibernated (deallocated): memory saved to the OS disk (PowerState/deallocated + HibernationState/Hibernated). Not billed. A deallocate discards the saved memory: the VM is then plainly deallocated.',
                  on: {
                    'vm.start': { guard: 'isIdle', target: '#vm.exists.power.starting', actions: accept('hibernated', 'starting') },
                    // Discarding the saved memory is the full view's detail; the lesson keeps hibernated beside deallocated.
                    'vm.deallocate': {
                      guard: 'canDeallocate',
                      target: 'notHibernated',
                      actions: acceptNoChange('hibernated', 'deallocated'),
                      meta: { lesson: false },
                    },
                  },
                },
              },
            },
            unknown: {
              description: 'Azure reported no power state (rare); neither billed nor not billed is known.',
              on: {
                // A rare state: the lesson view shows it without its way out.
                'vm.start': { guard: 'isIdle', target: 'starting', actions: accept('unknown', 'starting'), meta: { lesson: false } },
                'vm.powerOff': { guard: 'isIdle', target: 'stopping', actions: accept('unknown', 'stopping'), meta: { lesson: false } },
                'vm.deallocate': { guard: 'canDeallocate', target: 'deallocating', actions: accept('unknown', 'deallocating'), meta: { lesson: false } },
              },
            },
          },
        },
        provisioning: {
          description: 'The provisioning state: the state of the last user-initiated control-plane operation.',
          // The lesson view draws it as a strip: it follows the power region's operations.
          meta: { lesson: { strip: true } },
          initial: 'creating',
          states: {
            creating: {
              description: 'The create request is being carried out (ProvisioningState/creating).',
              initial: 'pending',
              states: {
                pending: {
                  description: 'Allocating and booting: plain ProvisioningState/creating until the VM runs.',
                  meta: { lesson: { node: 'creating' } },
                  on: {
                    'power.running': [
                      { guard: 'isGeneralizedImage', target: 'osProvisioningInProgress' },
                      { target: '#vm.exists.provisioning.succeeded', actions: 'completeOperation' },
                    ],
                    'power.deallocated': { target: '#vm.exists.provisioning.failed', actions: 'failOperation' },
                  },
                },
                osProvisioningInProgress: {
                  description:
                    'The VM runs while its guest OS sets itself up (generalized image only): ProvisioningState/creating/OSProvisioningInprogress.',
                  meta: { lesson: { node: 'osProvisioning' } },
                  entry: timer('provisioning', 'osProvisioning'),
                  exit: clearTimer('provisioning'),
                  after: {
                    osProvisioning: [
                      { guard: 'osProvisioningFails', target: '#vm.exists.provisioning.failed', actions: 'failOperation' },
                      { target: 'osProvisioningComplete' },
                    ],
                  },
                },
                osProvisioningComplete: {
                  description:
                    'The guest OS is set up; brief, longer while extensions install: ProvisioningState/creating/OSProvisioningComplete.',
                  meta: { lesson: { node: 'osProvisioning' } },
                  entry: timer('provisioning', 'osProvisioningComplete'),
                  exit: clearTimer('provisioning'),
                  after: {
                    osProvisioningComplete: { target: '#vm.exists.provisioning.succeeded', actions: 'completeOperation' },
                  },
                },
              },
            },
            updating: {
              description:
                'An operation other than create or delete is being carried out (ProvisioningState/updating): a change of power state, or an update of the model.',
              meta: { lesson: { node: 'updating' } },
              initial: 'changingPowerState',
              states: {
                changingPowerState: {
                  description:
                    'Start, restart, powerOff, deallocate or redeploy: ends when the power region reaches the state the operation leads to.',
                  on: {
                    'power.running': [
                      { guard: 'isFailing', target: '#vm.exists.provisioning.failed', actions: 'failOperation' },
                      { target: '#vm.exists.provisioning.succeeded', actions: 'completeOperation' },
                    ],
                    'power.stopped': [
                      { guard: 'isFailing', target: '#vm.exists.provisioning.failed', actions: 'failOperation' },
                      { target: '#vm.exists.provisioning.succeeded', actions: 'completeOperation' },
                    ],
                    'power.deallocated': [
                      { guard: 'isFailing', target: '#vm.exists.provisioning.failed', actions: 'failOperation' },
                      { target: '#vm.exists.provisioning.succeeded', actions: 'completeOperation' },
                    ],
                  },
                },
                updatingModel: {
                  description: 'Update (PATCH) or reapply: the VM model changes; the power state does not.',
                  entry: timer('provisioning', 'updating'),
                  exit: clearTimer('provisioning'),
                  after: {
                    updating: [
                      { guard: 'isFailing', target: '#vm.exists.provisioning.failed', actions: 'failOperation' },
                      { target: '#vm.exists.provisioning.succeeded', actions: 'completeOperation' },
                    ],
                  },
                },
              },
            },
            succeeded: {
              description: 'The last operation completed (ProvisioningState/succeeded, with its time).',
              on: {
                'operation.accepted': 'updating',
                'vm.update': { guard: UPDATE_ACCEPTED, target: 'updating.updatingModel', actions: 'acceptModelUpdate' },
                'vm.reapply': { guard: 'isIdle', target: 'updating.updatingModel', actions: 'acceptModelUpdate' },
              },
            },
            failed: {
              description:
                'The last operation failed (ProvisioningState/failed/<code>, level Error). Not terminal: the next successful operation clears it.',
              exit: 'clearError',
              on: {
                'operation.accepted': 'updating',
                'vm.update': { guard: UPDATE_ACCEPTED, target: 'updating.updatingModel', actions: 'acceptModelUpdate' },
                'vm.reapply': { guard: 'isIdle', target: 'updating.updatingModel', actions: 'acceptModelUpdate' },
              },
            },
          },
        },
      },
    },
    deleting: {
      description:
        'The resource is being deleted (ProvisioningState/deleting); the power state keeps its last known value and nothing else is accepted.',
      entry: timer('provisioning', 'deleting'),
      exit: clearTimer('provisioning'),
      after: { deleting: { target: 'deleted', actions: 'completeOperation' } },
      on: {
        'vm.delete': { target: 'deleting', reenter: true, actions: { type: 'acceptDeletion', params: {} } },
      },
    },
    deleted: {
      description: 'Deletion completed: the resource is gone and Azure answers 404 ResourceNotFound.',
      type: 'final',
    },
  },
});

/**
 * The VM lifecycle statechart. One actor is one VM resource: starting the actor is Azure
 * accepting the create request; the actor is done when deletion completes.
 *
 * The actor reads time from the clock it is created with (`createActor(vmMachine, { clock })`),
 * so a {@link VirtualClock} or XState's `SimulatedClock` gives simulated status times. Every event
 * passes the machine's event gate first: a refused operation is answered with
 * `operation.rejected` (Azure's 400, 404 or 409), any other event without effect with
 * `event.ignored` and its reason; the events the regions raise for each other are refused from
 * outside senders. To store a VM and carry on later, use `persistVm` and `restoreVm`.
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * import { vmMachine, VirtualClock } from 'azure-vm-lifecycle';
 * import { toInstanceView } from 'azure-vm-lifecycle/json';
 *
 * const clock = new VirtualClock();
 * const vm = createActor(vmMachine, { clock, input: { name: 'web-1', image: 'generalized' } }).start();
 * clock.runUntilIdle();
 * vm.send({ type: 'vm.deallocate' });
 * clock.runUntilIdle();
 * toInstanceView(vm.getSnapshot()).statuses.map((s) => s.code);
 * // ['ProvisioningState/succeeded', 'PowerState/deallocated']
 * ```
 */
export const vmMachine = gateEvents(statechart);

/**
 * Creates (but does not start) a VM actor; every option may be left out, unlike XState's
 * `createActor`, which requires `input` for machines that take one.
 *
 * @example
 * ```ts
 * const vm = createVmActor({ clock: new VirtualClock(), input: { name: 'web-1' } }).start();
 * ```
 */
export function createVmActor(options: ActorOptions<typeof vmMachine> = {}) {
  return createActor(vmMachine, { ...options, input: options.input ?? {} });
}

/** The VM machine's type. */
export type VmMachine = typeof vmMachine;
