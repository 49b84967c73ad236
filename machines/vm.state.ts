/**
 * Reading a VM snapshot: which power, provisioning and OS-provisioning state it is in.
 * Works on any object of the snapshot's shape, live or persisted.
 */
import type { OsProvisioningState, PowerState, ProvisioningState, VmContext } from './vm.types.js';

/** The parts of a VM actor's snapshot the pure functions read. */
export interface VmSnapshot {
  /** The state value, e.g. `{ exists: { power: 'running', provisioning: 'succeeded' } }`, `'deleting'` or `'deleted'`. */
  value: unknown;
  /** The machine's context. */
  context: VmContext;
  /** The actor's status: `active`, `done` once deleted, `error` for invalid input. */
  status: string;
}

/** The state of the VM resource as the two regions see it; `null` once the VM is deleted. */
export interface VmStateSummary {
  /** The power state. */
  power: PowerState;
  /** The provisioning state. */
  provisioning: ProvisioningState;
  /** The OS-provisioning substate, while creating from a generalized image. */
  osProvisioning?: OsProvisioningState;
}

function childKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return Object.keys(value)[0];
  return undefined;
}

function regions(snapshot: VmSnapshot): { power: unknown; provisioning: unknown } | null {
  const value = snapshot.value;
  if (!value || typeof value !== 'object' || !('exists' in value)) return null;
  return (value as { exists: { power: unknown; provisioning: unknown } }).exists;
}

/** Whether the VM has been deleted (the resource is gone; Azure answers 404). */
export function isDeleted(snapshot: VmSnapshot): boolean {
  return snapshot.value === 'deleted';
}

/**
 * The state of both regions, or `null` once the VM is deleted.
 *
 * @example
 * ```ts
 * vmStateOf(actor.getSnapshot()); // { power: 'running', provisioning: 'succeeded' }
 * ```
 */
export function vmStateOf(snapshot: VmSnapshot): VmStateSummary | null {
  if (snapshot.value === 'deleting') return { power: snapshot.context.powerWhileDeleting ?? 'unknown', provisioning: 'deleting' };
  const exists = regions(snapshot);
  if (!exists) return null;
  const powerKey = childKey(exists.power);
  const power: PowerState =
    powerKey === 'deallocated' && childKey((exists.power as Record<string, unknown>).deallocated) === 'hibernated'
      ? 'hibernated'
      : ((powerKey ?? 'unknown') as PowerState);
  const provisioning = (childKey(exists.provisioning) ?? 'succeeded') as ProvisioningState;
  const summary: VmStateSummary = { power, provisioning };
  if (provisioning === 'creating') {
    const sub = childKey((exists.provisioning as Record<string, unknown>).creating);
    if (sub === 'osProvisioningInProgress' || sub === 'osProvisioningComplete') summary.osProvisioning = sub;
  }
  return summary;
}

/** A timed step the VM is waiting for, and the state node it is waiting in. */
export interface PendingStep {
  /** Whose step: a region's timed state, or a scheduled Spot eviction. */
  region: 'power' | 'provisioning' | 'eviction';
  /** The id of the state node whose step it is (for an eviction, the power state it will leave). */
  stateId: string;
  /** The named delay (`starting`, `deleting`, `evictionNotice` …). */
  delay: string;
  /** When the step began, ms since the VM's start instant. */
  startedAt: number;
  /** When it is due, ms since the VM's start instant. */
  dueAt: number;
}

/**
 * The steps the VM is waiting for, each with the state node it waits in: for countdowns on a
 * chart, and for anyone who wants to know when the VM will next change by itself.
 *
 * @example
 * ```ts
 * pendingSteps(vm.getSnapshot()); // [{ region: 'power', stateId: 'vm.exists.power.starting', delay: 'starting', startedAt: 20000, dueAt: 50000 }]
 * ```
 */
export function pendingSteps(snapshot: VmSnapshot, machineId = 'vm'): PendingStep[] {
  const state = vmStateOf(snapshot);
  if (!state) return [];
  const { timers } = snapshot.context;
  const steps: PendingStep[] = [];
  const powerPath = state.power === 'hibernated' ? 'deallocated.hibernated' : state.power === 'deallocated' ? 'deallocated.notHibernated' : state.power;
  const powerId = `${machineId}.exists.power.${powerPath}`;
  if (timers.power && state.provisioning !== 'deleting') steps.push({ region: 'power', stateId: powerId, ...timers.power });
  if (timers.provisioning) {
    const stateId =
      state.provisioning === 'deleting'
        ? `${machineId}.deleting`
        : state.osProvisioning
          ? `${machineId}.exists.provisioning.creating.${state.osProvisioning}`
          : `${machineId}.exists.provisioning.updating.updatingModel`;
    steps.push({ region: 'provisioning', stateId, ...timers.provisioning });
  }
  if (timers.eviction) steps.push({ region: 'eviction', stateId: powerId, ...timers.eviction });
  return steps;
}
