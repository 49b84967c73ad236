/**
 * Property-based: random sequences of operations, faults and time, with every invariant of the
 * domain reference checked after each step. PROPERTY_RUNS raises the number of sequences.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import {
  FAULT_CODES,
  VirtualClock,
  checkOperation,
  explainIgnored,
  operationInProgress,
  vmMachine,
  vmStateOf,
  type OperationRejection,
  type PowerState,
  type VmEvent,
  type VmInput,
} from 'azure-vm-lifecycle';
import { toInstanceView } from 'azure-vm-lifecycle/json';
import { persistVm, restoreVm, type PersistedVm } from 'azure-vm-lifecycle/persist';
import { billingOf } from 'azure-vm-lifecycle/billing';
import { azureAnswers } from './operations-table.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

/** Billing as the two tables print it (blank cells filled per the model). */
const BILLED: Record<'seed-2018' | 'azure-2023', Record<PowerState, boolean | null>> = {
  'seed-2018': { creating: false, starting: false, running: true, stopping: true, stopped: true, deallocating: false, deallocated: false, hibernated: false, unknown: null },
  'azure-2023': { creating: false, starting: true, running: true, stopping: true, stopped: true, deallocating: false, deallocated: false, hibernated: false, unknown: null },
};
const TRANSITIONAL_POWER: PowerState[] = ['creating', 'starting', 'stopping', 'deallocating'];

type Step =
  | { kind: 'send'; event: VmEvent }
  | { kind: 'wait'; ms: number }
  | { kind: 'next' }
  | { kind: 'settle' }
  | { kind: 'persist'; clockStart: number };

/** Every event but delete, equally likely: operations (with their parameters), guest, platform, faults. */
const eventArb: fc.Arbitrary<VmEvent> = fc.constantFrom<VmEvent>(
  { type: 'vm.start' },
  { type: 'vm.powerOff' },
  { type: 'vm.powerOff', skipShutdown: true },
  { type: 'vm.deallocate' },
  { type: 'vm.deallocate', hibernate: true },
  { type: 'vm.restart' },
  { type: 'vm.redeploy' },
  { type: 'vm.reapply' },
  { type: 'vm.update' },
  { type: 'vm.update', changes: ['vmSize'] },
  { type: 'vm.update', changes: ['tags'] },
  { type: 'vm.simulateEviction' },
  { type: 'guest.shutdown' },
  { type: 'platform.evict' },
  { type: 'fault.clear' },
  ...FAULT_CODES.map((code): VmEvent => ({ type: 'fault.arm', code })),
);

// Operations mostly land on settled VMs (after 'settle'), sometimes mid-step ('next', 'wait');
// deletion ends a run, so it is rare enough for runs to explore before it.
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: eventArb.map((event): Step => ({ kind: 'send', event })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'send', event: { type: 'vm.delete' } }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 120_000 }).map((ms): Step => ({ kind: 'wait', ms })) },
  { weight: 3, arbitrary: fc.constant<Step>({ kind: 'next' }) },
  { weight: 5, arbitrary: fc.constant<Step>({ kind: 'settle' }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e9 }).map((clockStart): Step => ({ kind: 'persist', clockStart })) },
);

const inputArb: fc.Arbitrary<VmInput> = fc
  .record({
    image: fc.constantFrom('generalized' as const, 'specialized' as const),
    osType: fc.constantFrom('Linux' as const, 'Windows' as const),
    priority: fc.constantFrom('Regular' as const, 'Spot' as const),
    evictionPolicy: fc.constantFrom('Deallocate' as const, 'Delete' as const),
    hibernationEnabled: fc.boolean(),
    faults: fc.array(fc.constantFrom(...FAULT_CODES), { maxLength: 2 }),
    startTime: fc.constant('2025-06-01T00:00:00.000Z'),
  })
  // Azure refuses hibernation on Spot and an eviction policy on a Regular VM.
  .map(({ evictionPolicy, ...input }) => ({
    ...input,
    hibernationEnabled: input.priority === 'Regular' && input.hibernationEnabled,
    ...(input.priority === 'Regular' ? {} : { evictionPolicy }),
  }));

function checkInvariants(snapshot: ReturnType<typeof createVmRun>['actor'] extends { getSnapshot(): infer S } ? S : never, elapsed: number) {
  const state = vmStateOf(snapshot);
  if (!state) {
    expect(snapshot.status).toBe('done');
    return;
  }
  const { statuses } = toInstanceView(snapshot);
  // 1. exactly one provisioning status, at most one power status, hibernation only with deallocated
  const provisioning = statuses.filter((s) => s.code.startsWith('ProvisioningState/'));
  const power = statuses.filter((s) => s.code.startsWith('PowerState/'));
  const hibernation = statuses.filter((s) => s.code.startsWith('HibernationState/'));
  expect(provisioning).toHaveLength(1);
  expect(power.length).toBeLessThanOrEqual(1);
  if (hibernation.length) expect(power[0]?.code).toBe('PowerState/deallocated');
  // power statuses: Info, no time
  for (const s of [...power, ...hibernation]) {
    expect(s.level).toBe('Info');
    expect(s.time).toBeUndefined();
  }
  // 2. level Error exactly when provisioning failed, with a message
  const failed = state.provisioning === 'failed';
  expect(statuses.some((s) => s.level === 'Error')).toBe(failed);
  if (failed) expect(typeof provisioning[0]?.message).toBe('string');
  expect(snapshot.context.error !== null).toBe(failed);
  // 3. billing follows the table, in every power state
  for (const table of ['seed-2018', 'azure-2023'] as const) {
    expect(billingOf(snapshot, table).billed).toBe(BILLED[table][state.power]);
  }
  // 4. OS-provisioning substates only while creating from a generalized image
  if (state.osProvisioning) {
    expect(state.provisioning).toBe('creating');
    expect(snapshot.context.settings.image).toBe('generalized');
  }
  // 6. nothing is stuck: every timed step is due after now, and transitional states have one
  const { timers } = snapshot.context;
  for (const timer of [timers.power, timers.provisioning]) if (timer) expect(timer.dueAt).toBeGreaterThan(elapsed);
  const frozen = state.provisioning === 'deleting';
  if (TRANSITIONAL_POWER.includes(state.power) && !frozen) expect(timers.power).not.toBeNull();
  if (state.osProvisioning || state.provisioning === 'deleting') expect(timers.provisioning).not.toBeNull();
  if (operationInProgress(snapshot.context.operation)) expect(timers.power ?? timers.provisioning).not.toBeNull();
}

function createVmRun(input: VmInput) {
  const clock = new VirtualClock();
  const actor = createActor(vmMachine, { clock, input });
  const rejections: OperationRejection[] = [];
  const ignored: string[] = [];
  actor.on('operation.rejected', (e) => rejections.push(e.rejection));
  actor.on('event.ignored', (e) => ignored.push(e.reason));
  actor.start();
  return { clock, actor, rejections, ignored };
}

describe(`invariants over ${RUNS} random runs`, () => {
  // XState warns when an event reaches an actor that is done; those warnings are expected here
  // (invariant 5 sends events after deletion) and are checked, not printed.
  let warnings: string[] = [];
  beforeEach(() => {
    warnings = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const warning of warnings) expect(warning).toMatch(/was sent to stopped actor|^Event: /);
  });

  it('hold after every step of every random sequence of operations, faults, time and restores from storage', () => {
    fc.assert(
      fc.property(inputArb, fc.array(stepArb, { minLength: 1, maxLength: 60 }), (input, steps) => {
        const { clock, actor, rejections, ignored } = createVmRun(input);
        const origin = actor.getSnapshot().context.clockOrigin;
        // A copy that was stored and restored (JSON, a new clock) at a random step, then lives the
        // same future: it must look exactly like the VM that never was.
        let copy: { actor: typeof actor; clock: VirtualClock } | null = null;
        let lastTime = '';
        let lastNow = 0;
        checkInvariants(actor.getSnapshot(), 0);
        for (const step of steps) {
          const before = actor.getSnapshot();
          if (step.kind === 'persist') {
            const source = copy?.actor ?? actor;
            const stored = JSON.parse(JSON.stringify(persistVm(source))) as PersistedVm;
            copy?.actor.stop();
            const copyClock = new VirtualClock(step.clockStart);
            copy = { actor: restoreVm(stored, { clock: copyClock }), clock: copyClock };
          } else if (step.kind === 'wait') {
            clock.advance(step.ms);
            copy?.clock.advance(step.ms);
          } else if (step.kind === 'next') {
            const fired = clock.advanceToNext();
            if (copy) expect(copy.clock.advanceToNext()).toBe(fired);
          } else if (step.kind === 'settle') {
            // Fire timers one at a time, both VMs in step, until none is pending.
            for (let fired = 0; fired < 50 && clock.advanceToNext(); fired++) {
              if (copy) {
                expect(copy.clock.advanceToNext()).toBe(true);
                expect(observe(copy.actor)).toEqual(observe(actor));
              }
            }
          } else {
            const answer = step.event.type.startsWith('vm.') ? azureAnswers(before, step.event as never) : undefined;
            const expected = step.event.type.startsWith('vm.') ? checkOperation(before, step.event as never) : undefined;
            const rejectedBefore = rejections.length;
            const ignoredBefore = ignored.length;
            const reason = step.event.type === 'guest.shutdown' || step.event.type === 'platform.evict' ? explainIgnored(before, step.event) : undefined;
            actor.send(step.event);
            copy?.actor.send(step.event);
            const after = actor.getSnapshot();
            if (before.status === 'done') {
              // 5. after deletion completes, nothing changes any more
              expect(after).toBe(before);
            } else if (expected !== undefined && answer !== undefined) {
              // The machine, checkOperation and an independent statement of Azure's rules agree
              const accepted =
                after.status === 'done' ||
                after.context.operationCount !== before.context.operationCount ||
                after.context.timers.eviction !== before.context.timers.eviction;
              expect({ event: step.event, accepted }).toEqual({ event: step.event, accepted: answer === 'accepted' });
              expect({ event: step.event, checkOperation: expected === null }).toEqual({ event: step.event, checkOperation: answer === 'accepted' });
              if (expected && answer !== 'accepted') {
                expect({ status: expected.status, code: expected.code }).toEqual({ status: answer.status, code: answer.code });
                expect(expected.message).toContain(answer.says);
                expect(rejections.slice(rejectedBefore)).toEqual([expected]);
                expect(after.value).toEqual(before.value);
              }
            } else if (reason !== undefined) {
              // explainIgnored and the machine agree on when the guest or the platform has no effect
              expect({ event: step.event, ignored: ignored.slice(ignoredBefore) }).toEqual({ event: step.event, ignored: reason === null ? [] : [reason] });
              if (reason !== null) expect(after.value).toEqual(before.value);
              else expect(after.value).not.toEqual(before.value);
            }
          }
          const snapshot = actor.getSnapshot();
          if (copy) expect(observe(copy.actor)).toEqual(observe(actor));
          if (snapshot.status === 'done') {
            checkInvariants(snapshot, 0);
            continue;
          }
          const elapsed = clock.now() - origin;
          checkInvariants(snapshot, elapsed);
          // 7. status times and the machine's clock never go backwards
          expect(snapshot.context.now).toBeGreaterThanOrEqual(lastNow);
          lastNow = snapshot.context.now;
          const time = toInstanceView(snapshot).statuses.find((s) => s.time)?.time;
          if (time) {
            expect(time >= lastTime).toBe(true);
            lastTime = time;
          }
        }
        actor.stop();
        copy?.actor.stop();
      }),
      { numRuns: RUNS },
    );
  }, 60_000 + RUNS * 60);
});

/** What an outsider sees of a VM and what decides its future (not the clock it runs on). */
function observe(vm: ReturnType<typeof createVmRun>['actor']) {
  const snapshot = vm.getSnapshot();
  const state = vmStateOf(snapshot);
  const { now: _now, clockOrigin: _origin, timers, ...context } = snapshot.context;
  return {
    status: snapshot.status,
    value: snapshot.value,
    statuses: state ? toInstanceView(snapshot).statuses : null,
    context,
    timers: { power: timers.power, provisioning: timers.provisioning, eviction: timers.eviction },
  };
}
