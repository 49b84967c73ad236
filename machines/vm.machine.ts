/**
 * The lifecycle of one Azure VM resource as an XState v5 statechart: two parallel regions,
 * `power` and `provisioning`, coordinated by `stateIn` guards and one raised event, both drawn
 * on the chart. Pure: no HTTP, DOM or wire JSON.
 */
import { and, assign, createActor, enqueueActions, not, raise, setup, stateIn, type ActorOptions } from 'xstate';
import { readClock } from './clock.js';
import { operationIdOf } from './ids.js';
import {
  checkOperation,
  explainIgnored,
  faultApplies,
  faultError,
  isOperationEvent,
  operationInProgress,
  operationNameOf,
  OPERATION_PREEMPTED,
  PREEMPTED_BY_DEALLOCATE,
} from './operations.js';
import { isFaultCode, validateFaultList, validateInput, FAULT_CODES } from './settings.js';
import type {
  Durations,
  FaultCode,
  Operation,
  OperationName,
  PowerState,
  Timer,
  VmContext,
  VmEmitted,
  VmEvent,
  VmInput,
} from './vm.types.js';

/** The two regions of the VM. */
export type Region = 'power' | 'provisioning';

const POWER = '#vm.exists.power';
const PROVISIONING = '#vm.exists.provisioning';

const isDeleting = stateIn(`${PROVISIONING}.deleting`);

/** Actions of a power operation accepted from a power state: record it, then tell the provisioning region. */
const accept = (from: PowerState) => [{ type: 'acceptOperation' as const, params: { from } }, 'announceOperation' as const];

/** Guard: the operation in progress is one of these. */
const isOperation = (...names: OperationName[]) => ({ type: 'isOperation' as const, params: { names } });
/** Guard: the operation in progress was armed to fail with one of these faults. */
const hasFault = (...codes: FaultCode[]) => ({ type: 'hasFault' as const, params: { codes } });

/** How long the named step takes for this VM now, in ms. */
export function durationOf(context: VmContext, delay: keyof Durations): number {
  const d = context.settings.durations;
  const current = operationInProgress(context.operation);
  switch (delay) {
    case 'deallocating':
      return d.deallocating + (current?.name === 'deallocate' && current.hibernate ? d.hibernating : 0);
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
    timers: { power: null, provisioning: null },
    operationCount: 1,
    evictionScheduled: false,
  };
}

type Args = { context: VmContext; event: VmEvent; self: Parameters<typeof readClock>[0] };

function tick({ context, self }: Args): number {
  return Math.max(context.now, readClock(self) - context.clockOrigin);
}

/** Ends the operation in progress with a status, moving it into the bounded history. */
function finish(context: VmContext, now: number, status: Operation['status'], error?: Operation['error']) {
  const current = operationInProgress(context.operation);
  if (!current) return {};
  const ended: Operation = { ...current, status, endTime: now };
  if (error) ended.error = error;
  const history = [...context.history, ended];
  if (history.length > context.settings.historyLimit) history.splice(0, history.length - context.settings.historyLimit);
  return { operation: ended, history };
}

/**
 * The VM lifecycle statechart. One actor is one VM resource: starting the actor is Azure
 * accepting the create request; the actor is done when deletion completes.
 *
 * The actor reads time from the clock it is created with (`createActor(vmMachine, { clock })`),
 * so a {@link VirtualClock} or XState's `SimulatedClock` gives simulated status times.
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * import { vmMachine, VirtualClock, toInstanceView } from 'azure-vm-lifecycle';
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
export const vmMachine = setup({
  types: {
    context: {} as VmContext,
    events: {} as VmEvent,
    input: {} as VmInput | undefined,
    emitted: {} as VmEmitted,
  },
  delays: {
    allocating: ({ context }) => durationOf(context, 'allocating'),
    starting: ({ context }) => durationOf(context, 'starting'),
    stopping: ({ context }) => durationOf(context, 'stopping'),
    deallocating: ({ context }) => durationOf(context, 'deallocating'),
    osProvisioning: ({ context }) => durationOf(context, 'osProvisioning'),
    osProvisioningComplete: ({ context }) => durationOf(context, 'osProvisioningComplete'),
    updating: ({ context }) => durationOf(context, 'updating'),
    deleting: ({ context }) => durationOf(context, 'deleting'),
    evictionNotice: ({ context }) => durationOf(context, 'evictionNotice'),
  },
  guards: {
    /** No user operation is in progress. */
    isIdle: ({ context }) => operationInProgress(context.operation) === null,
    /** The operation in progress is one of these. */
    isOperation: ({ context }, params: { names: OperationName[] }) => {
      const current = operationInProgress(context.operation);
      return current !== null && params.names.includes(current.name);
    },
    /** The operation in progress was armed to fail with one of these faults. */
    hasFault: ({ context }, params: { codes: FaultCode[] }) => {
      const fault = operationInProgress(context.operation)?.fault;
      return fault !== undefined && params.codes.includes(fault);
    },
    /** A plain deallocate that Azure carries out now: idle, or preempting start, restart or powerOff. */
    canDeallocateNow: ({ context, event }) => {
      if (event.type !== 'vm.deallocate' || event.hibernate === true) return false;
      const current = operationInProgress(context.operation);
      return current === null || PREEMPTED_BY_DEALLOCATE.includes(current.name);
    },
    /** The deallocate request asks to hibernate. */
    isHibernateRequest: ({ event }) => event.type === 'vm.deallocate' && event.hibernate === true,
    /** The VM was created with hibernation enabled. */
    isHibernationEnabled: ({ context }) => context.settings.hibernationEnabled,
    /** The deallocate in progress hibernates the VM. */
    isHibernating: ({ context }) => {
      const current = operationInProgress(context.operation);
      return current?.name === 'deallocate' && current.hibernate === true;
    },
    /** The start in progress resumes a hibernated VM. */
    isResumingFromHibernation: ({ context }) => operationInProgress(context.operation)?.resumingFromHibernation === true,
    /** The operation in progress is a redeploy (it powers the VM back on after moving it). */
    isRedeploying: ({ context }) => operationInProgress(context.operation)?.name === 'redeploy',
    /** The VM was created from a generalized image, so its guest OS provisions itself. */
    isGeneralizedImage: ({ context }) => context.settings.image === 'generalized',
    /** The VM is a Spot (or legacy Low priority) VM. */
    isSpot: ({ context }) => context.settings.priority !== 'Regular',
    /** An evicted Spot VM is deleted rather than deallocated. */
    isEvictionPolicyDelete: ({ context }) => context.settings.evictionPolicy === 'Delete',
  },
  actions: {
    /** Records an accepted operation, taking the first armed fault that applies to it. */
    acceptOperation: assign((args, params: { from?: PowerState; name?: OperationName }) => {
      const { context, event } = args;
      if (!params.name && !isOperationEvent(event)) return {};
      const now = tick(args as Args);
      const name = params.name ?? operationNameOf(event as Parameters<typeof operationNameOf>[0]);
      const index = context.faults.findIndex((code) => faultApplies(code, name, params.from ?? 'unknown', context.settings));
      const faults = [...context.faults];
      const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
      const count = context.operationCount + 1;
      const operation: Operation = { name, id: operationIdOf(context.settings.vmId, count), startTime: now, status: 'InProgress' };
      if (fault) operation.fault = fault;
      if (event.type === 'vm.deallocate' && event.hibernate) operation.hibernate = true;
      if (event.type === 'vm.powerOff' && event.skipShutdown) operation.skipShutdown = true;
      if (name === 'start' && params.from === 'hibernated') operation.resumingFromHibernation = true;
      return { operation, operationCount: count, faults, now };
    }),
    /** Tells the provisioning region that a power operation was accepted. */
    announceOperation: raise({ type: 'operation.accepted' }),
    /** Ends the operation in progress `Succeeded`. */
    completeOperation: assign((args) => {
      const now = tick(args as Args);
      return { now, ...finish(args.context, now, 'Succeeded') };
    }),
    /** Ends the operation in progress `Failed` with the Azure error it was armed with. */
    failOperation: assign((args) => {
      const now = tick(args as Args);
      const { context } = args;
      const code = operationInProgress(context.operation)?.fault ?? 'InternalOperationError';
      const error = faultError(code, context.settings.name);
      return { now, error, ...finish(context, now, 'Failed', error) };
    }),
    /** Ends the operation in progress `Canceled`: a more recent one preempts it. */
    preemptOperation: assign((args) => {
      const now = tick(args as Args);
      return { now, ...finish(args.context, now, 'Canceled', { ...OPERATION_PREEMPTED }) };
    }),
    /** Stamps the time of a provisioning outcome (the `time` of succeeded and failed statuses). */
    stampProvisioningTime: assign((args) => {
      const now = tick(args as Args);
      return { now, provisioningTime: now };
    }),
    /** Forgets the error once provisioning leaves `failed` (the next operation is under way). */
    clearError: assign({ error: null }),
    /** Notes when a region's timed step is due (for countdowns and the no-stuck-state invariant). */
    startTimer: assign((args, params: { region: Region; delay: keyof Durations; onlyFor?: OperationName[] }) => {
      const { context } = args;
      const now = tick(args as Args);
      const current = operationInProgress(context.operation);
      if (params.onlyFor && !(current && params.onlyFor.includes(current.name))) {
        return { now, timers: { ...context.timers, [params.region]: null } };
      }
      const timer: Timer = { delay: params.delay, startedAt: now, dueAt: now + durationOf(context, params.delay) };
      return { now, timers: { ...context.timers, [params.region]: timer } };
    }),
    /** Forgets a region's timed step once it is left (or frozen by a deletion). */
    stopTimer: assign(({ context }, params: { region: Region }) => ({
      timers: { ...context.timers, [params.region]: null },
    })),
    /** Schedules the platform's eviction of a Spot VM after the eviction notice. */
    scheduleEviction: enqueueActions(({ enqueue }) => {
      enqueue.assign({ evictionScheduled: true });
      enqueue.raise({ type: 'platform.evict' }, { id: 'eviction', delay: 'evictionNotice' });
    }),
    /** Cancels a scheduled eviction (the VM is being deleted). */
    cancelEviction: enqueueActions(({ enqueue }) => {
      enqueue.cancel('eviction');
      enqueue.assign({ evictionScheduled: false });
    }),
    /** Notes that the eviction happened. */
    recordEviction: assign({ evictionScheduled: false }),
    /** Arms a fault for the next operation it applies to. */
    armFault: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'fault.arm') return;
      if (!isFaultCode(event.code)) {
        enqueue.emit({
          type: 'event.ignored',
          event,
          reason: `Unknown fault code ${JSON.stringify(event.code)}; expected one of ${FAULT_CODES.join(', ')}.`,
        });
        return;
      }
      enqueue.assign({ faults: [...context.faults, event.code] });
    }),
    /** Disarms every armed fault. */
    clearFaults: assign({ faults: [] }),
    /**
     * Answers an event no region took: a refused operation gets Azure's error, a guest or
     * platform event says why it had no effect. Parallel regions each look for a transition, so
     * this also runs when the other region took the event; it then finds nothing to report.
     */
    reportUnhandled: enqueueActions(({ event, self, enqueue }) => {
      if (event.type.startsWith('xstate.') || event.type === 'operation.accepted') return;
      // Pure transitions (xstate/graph, `transition()`) run with an inert `self` that has no
      // snapshot: there is nobody to answer then.
      const snapshot = self.getSnapshot() as unknown as Parameters<typeof checkOperation>[0] | undefined;
      if (!snapshot?.context) return;
      if (isOperationEvent(event)) {
        const rejection = checkOperation(snapshot, event);
        if (rejection) enqueue.emit({ type: 'operation.rejected', operation: event, rejection });
        return;
      }
      if (event.type === 'platform.evict') enqueue.assign({ evictionScheduled: false });
      if (event.type === 'guest.shutdown' || event.type === 'platform.evict') {
        const reason = explainIgnored(snapshot, event);
        if (reason) enqueue.emit({ type: 'event.ignored', event, reason });
        return;
      }
      enqueue.emit({
        type: 'event.ignored',
        event,
        reason: `Unknown event type ${JSON.stringify((event as { type: unknown }).type)}; the VM accepts vm.*, guest.shutdown, platform.evict, fault.arm and fault.clear.`,
      });
    }),
  },
}).createMachine({
  id: 'vm',
  description: 'One Azure virtual machine resource, from the create request until deletion completes.',
  context: ({ input, self }) => createVmContext(input, readClock(self)),
  initial: 'exists',
  on: {
    'fault.arm': { actions: 'armFault' },
    'fault.clear': { actions: 'clearFaults' },
    '*': { actions: 'reportUnhandled' },
  },
  states: {
    exists: {
      description: 'The resource exists: Azure reports its power and provisioning states independently.',
      type: 'parallel',
      states: {
        power: {
          description: 'The power state: the last known state of the machine itself.',
          initial: 'creating',
          states: {
            creating: {
              description: 'Azure is allocating hardware for the new VM; there is no power status yet. Not billed.',
              entry: { type: 'startTimer', params: { region: 'power', delay: 'allocating' } },
              exit: { type: 'stopTimer', params: { region: 'power' } },
              after: {
                allocating: [
                  {
                    guard: and([not(isDeleting), hasFault('AllocationFailed', 'InternalOperationError')]),
                    target: 'deallocated',
                  },
                  { guard: not(isDeleting), target: 'starting' },
                ],
              },
            },
            starting: {
              description: 'The VM is booting (PowerState/starting). Billed per the 2023 table, not per the 2018 one.',
              entry: { type: 'startTimer', params: { region: 'power', delay: 'starting' } },
              exit: { type: 'stopTimer', params: { region: 'power' } },
              after: {
                starting: [
                  {
                    guard: and([not(isDeleting), hasFault('AllocationFailed'), 'isResumingFromHibernation']),
                    target: 'deallocated.hibernated',
                  },
                  { guard: and([not(isDeleting), hasFault('AllocationFailed')]), target: 'deallocated' },
                  { guard: not(isDeleting), target: 'running' },
                ],
              },
              on: {
                'vm.deallocate': {
                  guard: 'canDeallocateNow',
                  target: 'deallocating',
                  actions: ['preemptOperation', ...accept('starting')],
                },
              },
            },
            running: {
              description: 'The normal working state of the VM (PowerState/running). Billed.',
              on: {
                'vm.start': { guard: 'isIdle', actions: accept('running') },
                'vm.powerOff': {
                  guard: 'isIdle',
                  target: 'stopping',
                  actions: accept('running'),
                },
                'vm.deallocate': [
                  {
                    guard: and(['isHibernateRequest', 'isHibernationEnabled', 'isIdle', stateIn(`${PROVISIONING}.succeeded`)]),
                    target: 'deallocating',
                    actions: accept('running'),
                  },
                  {
                    guard: and([not('isHibernateRequest'), 'isIdle']),
                    target: 'deallocating',
                    actions: accept('running'),
                  },
                ],
                'vm.restart': {
                  guard: 'isIdle',
                  target: 'starting',
                  actions: accept('running'),
                },
                'vm.redeploy': {
                  guard: 'isIdle',
                  target: 'stopping',
                  actions: accept('running'),
                },
                'vm.simulateEviction': {
                  guard: and(['isIdle', 'isSpot']),
                  actions: [{ type: 'acceptOperation', params: { from: 'running' } }, 'completeOperation', 'scheduleEviction'],
                },
                'guest.shutdown': { guard: not(isDeleting), target: 'stopping' },
                'platform.evict': {
                  guard: and(['isSpot', not('isEvictionPolicyDelete'), not(isDeleting)]),
                  target: 'deallocating',
                  actions: 'recordEviction',
                },
              },
            },
            stopping: {
              description: 'The VM is shutting down but keeps its host (PowerState/stopping). Billed.',
              entry: { type: 'startTimer', params: { region: 'power', delay: 'stopping' } },
              exit: { type: 'stopTimer', params: { region: 'power' } },
              after: {
                stopping: [
                  { guard: and([not(isDeleting), 'isRedeploying']), target: 'starting' },
                  { guard: not(isDeleting), target: 'stopped' },
                ],
              },
              on: {
                'vm.deallocate': {
                  guard: 'canDeallocateNow',
                  target: 'deallocating',
                  actions: ['preemptOperation', ...accept('stopping')],
                },
              },
            },
            stopped: {
              description:
                'Stopped (allocated): shut down from the guest OS or by powerOff; the hardware stays assigned and is billed (PowerState/stopped).',
              on: {
                'vm.start': {
                  guard: 'isIdle',
                  target: 'starting',
                  actions: accept('stopped'),
                },
                'vm.powerOff': { guard: 'isIdle', actions: accept('stopped') },
                'vm.deallocate': {
                  guard: and([not('isHibernateRequest'), 'isIdle']),
                  target: 'deallocating',
                  actions: accept('stopped'),
                },
                'vm.redeploy': {
                  guard: 'isIdle',
                  target: 'starting',
                  actions: accept('stopped'),
                },
              },
            },
            deallocating: {
              description: 'The VM is being stopped and removed from its host (PowerState/deallocating). Not billed.',
              entry: { type: 'startTimer', params: { region: 'power', delay: 'deallocating' } },
              exit: { type: 'stopTimer', params: { region: 'power' } },
              after: {
                deallocating: [
                  { guard: and([not(isDeleting), 'isHibernating']), target: 'deallocated.hibernated' },
                  { guard: not(isDeleting), target: 'deallocated' },
                ],
              },
              on: {
                'vm.deallocate': {
                  guard: and([not('isHibernateRequest'), 'isIdle']),
                  actions: accept('deallocating'),
                },
              },
            },
            deallocated: {
              description: 'Stopped (deallocated): the VM is off and removed from its host (PowerState/deallocated). Not billed.',
              initial: 'notHibernated',
              on: {
                'vm.deallocate': {
                  guard: and([not('isHibernateRequest'), 'isIdle']),
                  actions: accept('deallocated'),
                },
              },
              states: {
                notHibernated: {
                  description: 'Deallocated without saved memory; a start boots the OS afresh.',
                  on: {
                    'vm.start': {
                      guard: 'isIdle',
                      target: `${POWER}.starting`,
                      actions: accept('deallocated'),
                    },
                  },
                },
                hibernated: {
                  description:
                    'Hibernated (deallocated): memory saved to the OS disk (PowerState/deallocated + HibernationState/Hibernated). Not billed.',
                  on: {
                    'vm.start': {
                      guard: 'isIdle',
                      target: `${POWER}.starting`,
                      actions: accept('hibernated'),
                    },
                  },
                },
              },
            },
            unknown: {
              description: 'Azure reported no power state (rare); neither billed nor not billed is known.',
              on: {
                'vm.start': {
                  guard: 'isIdle',
                  target: 'starting',
                  actions: accept('unknown'),
                },
                'vm.powerOff': {
                  guard: 'isIdle',
                  target: 'stopping',
                  actions: accept('unknown'),
                },
                'vm.deallocate': {
                  guard: and([not('isHibernateRequest'), 'isIdle']),
                  target: 'deallocating',
                  actions: accept('unknown'),
                },
              },
            },
          },
        },
        provisioning: {
          description: 'The provisioning state: the state of the last user-initiated control-plane operation.',
          initial: 'creating',
          on: {
            // Without `reenter`: from `deleting` this still exits and re-enters `deleting` (the
            // transition's domain is this region), and a re-entering region of a parallel state
            // would reset its sibling region too.
            'vm.delete': {
              target: '.deleting',
              actions: [
                'preemptOperation',
                { type: 'acceptOperation', params: {} },
                { type: 'stopTimer', params: { region: 'power' } },
                'cancelEviction',
              ],
            },
            'platform.evict': {
              guard: and(['isSpot', 'isEvictionPolicyDelete', stateIn(`${POWER}.running`), not(isDeleting)]),
              target: '.deleting',
              // The platform's deletion is a delete in progress: other operations get Azure's
              // marked-for-deletion answer, exactly as during a user's delete.
              actions: ['preemptOperation', 'recordEviction', { type: 'acceptOperation', params: { name: 'delete' } }],
            },
          },
          states: {
            creating: {
              description: 'The create request is being carried out (ProvisioningState/creating).',
              initial: 'pending',
              states: {
                pending: {
                  description: 'Allocating and booting: plain ProvisioningState/creating until the VM runs.',
                  always: [
                    {
                      guard: and([stateIn(`${POWER}.running`), 'isGeneralizedImage']),
                      target: 'osProvisioningInProgress',
                    },
                    { guard: stateIn(`${POWER}.running`), target: `${PROVISIONING}.succeeded`, actions: 'completeOperation' },
                    { guard: stateIn(`${POWER}.deallocated`), target: `${PROVISIONING}.failed`, actions: 'failOperation' },
                  ],
                },
                osProvisioningInProgress: {
                  description:
                    'The VM runs while its guest OS sets itself up (generalized image only): ProvisioningState/creating/OSProvisioningInprogress.',
                  entry: { type: 'startTimer', params: { region: 'provisioning', delay: 'osProvisioning' } },
                  exit: { type: 'stopTimer', params: { region: 'provisioning' } },
                  after: {
                    osProvisioning: [
                      {
                        guard: hasFault('OSProvisioningTimedOut', 'OSProvisioningClientError'),
                        target: `${PROVISIONING}.failed`,
                        actions: 'failOperation',
                      },
                      { target: 'osProvisioningComplete' },
                    ],
                  },
                },
                osProvisioningComplete: {
                  description:
                    'The guest OS is set up; brief, longer while extensions install: ProvisioningState/creating/OSProvisioningComplete.',
                  entry: { type: 'startTimer', params: { region: 'provisioning', delay: 'osProvisioningComplete' } },
                  exit: { type: 'stopTimer', params: { region: 'provisioning' } },
                  after: {
                    osProvisioningComplete: { target: `${PROVISIONING}.succeeded`, actions: 'completeOperation' },
                  },
                },
              },
            },
            updating: {
              description:
                'An operation other than create or delete is being carried out: start, restart, powerOff, deallocate, redeploy, reapply, update (ProvisioningState/updating).',
              entry: { type: 'startTimer', params: { region: 'provisioning', delay: 'updating', onlyFor: ['update', 'reapply'] } },
              exit: { type: 'stopTimer', params: { region: 'provisioning' } },
              always: [
                {
                  guard: and([
                    stateIn(`${POWER}.running`),
                    isOperation('start', 'restart', 'redeploy'),
                    not(hasFault('VMStartTimedOut', 'InternalOperationError')),
                  ]),
                  target: 'succeeded',
                  actions: 'completeOperation',
                },
                {
                  guard: and([stateIn(`${POWER}.running`), isOperation('start', 'restart', 'redeploy')]),
                  target: 'failed',
                  actions: 'failOperation',
                },
                {
                  guard: and([
                    stateIn(`${POWER}.stopped`),
                    isOperation('powerOff'),
                    not(hasFault('InternalOperationError')),
                  ]),
                  target: 'succeeded',
                  actions: 'completeOperation',
                },
                {
                  guard: and([
                    stateIn(`${POWER}.deallocated`),
                    isOperation('deallocate'),
                    not(hasFault('InternalOperationError')),
                  ]),
                  target: 'succeeded',
                  actions: 'completeOperation',
                },
                {
                  guard: and([stateIn(`${POWER}.stopped`), isOperation('powerOff')]),
                  target: 'failed',
                  actions: 'failOperation',
                },
                {
                  guard: and([stateIn(`${POWER}.deallocated`), isOperation('deallocate', 'start')]),
                  target: 'failed',
                  actions: 'failOperation',
                },
              ],
              after: {
                updating: [
                  {
                    guard: and([
                      isOperation('update', 'reapply'),
                      not(hasFault('InternalOperationError')),
                    ]),
                    target: 'succeeded',
                    actions: 'completeOperation',
                  },
                  { guard: isOperation('update', 'reapply'), target: 'failed', actions: 'failOperation' },
                ],
              },
            },
            deleting: {
              description: 'The resource is being deleted (ProvisioningState/deleting); the power state keeps its last known value.',
              entry: { type: 'startTimer', params: { region: 'provisioning', delay: 'deleting' } },
              exit: { type: 'stopTimer', params: { region: 'provisioning' } },
              after: { deleting: { target: '#vm.deleted', actions: 'completeOperation' } },
            },
            succeeded: {
              description: 'The last operation completed (ProvisioningState/succeeded, with its time).',
              entry: 'stampProvisioningTime',
              on: {
                'operation.accepted': { guard: not('isIdle'), target: 'updating' },
                'vm.update': { guard: 'isIdle', target: 'updating', actions: { type: 'acceptOperation', params: {} } },
                'vm.reapply': { guard: 'isIdle', target: 'updating', actions: { type: 'acceptOperation', params: {} } },
              },
            },
            failed: {
              description:
                'The last operation failed (ProvisioningState/failed/<code>, level Error). Not terminal: the next successful operation clears it.',
              entry: 'stampProvisioningTime',
              exit: 'clearError',
              on: {
                'operation.accepted': { guard: not('isIdle'), target: 'updating' },
                'vm.update': { guard: 'isIdle', target: 'updating', actions: { type: 'acceptOperation', params: {} } },
                'vm.reapply': { guard: 'isIdle', target: 'updating', actions: { type: 'acceptOperation', params: {} } },
              },
            },
          },
        },
      },
    },
    deleted: {
      description: 'Deletion completed: the resource is gone and Azure answers 404 ResourceNotFound.',
      type: 'final',
    },
  },
});

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
