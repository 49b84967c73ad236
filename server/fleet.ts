/**
 * The emulator's resources: resource groups, VMs (one `vmMachine` actor each) and the index of
 * their operations. It adds names, ids and storage; whether an operation is allowed and what it
 * does is always the machine's answer.
 */
import { randomUUID } from 'node:crypto';
import { createActor, type Actor } from 'xstate';
import {
  vmMachine,
  type Operation,
  type OperationRejection,
  type VmInput,
  type VmMachine,
  type VmOperationEvent,
  type VmSnapshot,
} from '../machines/index.js';
import { toAsyncOperationStatus, type AsyncOperationStatus } from '../machines/json.js';
import { ArmError, resourceGroupNotFound } from './arm-error.js';
import type { ClockPolicy, EmulatorClock } from './clocks.js';
import type { GroupRow, Store, VmRow } from './store.js';
import { checkInput } from './vm-body.js';
import { persistVmState, restoreVmState } from './vm-persist.js';

/** A resource group. */
export interface Group extends GroupRow {
  /** Whether a delete of the group is under way (it goes once its VMs are gone). */
  deleting: boolean;
}

/** One VM of the emulator: its stored fields, and its running actor on its clock. */
export interface VmRecord extends Omit<VmRow, 'clockReading' | 'state'> {
  /** Its clock (shared in real mode). */
  clock: EmulatorClock;
  /** Its actor. */
  actor: Actor<VmMachine>;
  /** The refusal the machine emitted for the last operation sent, if it refused. */
  rejection: OperationRejection | null;
  /** Id of the newest operation already copied into the finished-operations index. */
  lastFinished: string | null;
}

/** An operation the machine accepted, with the snapshot at that instant. */
export interface Accepted {
  /** The operation as accepted. */
  operation: Operation;
  /** Its id as the emulator publishes it (unique across VMs). */
  id: string;
  /** The VM's snapshot right after accepting (before an instant clock runs it to the end). */
  snapshot: VmSnapshot;
}

/** What the fleet tells its listeners. */
export interface FleetListener {
  /** A VM's state changed (or it was created or restored). */
  changed?(record: VmRecord): void;
  /** A VM is gone (deleted, its group deleted, or reset). */
  removed?(record: VmRecord): void;
}

const groupKey = (subscriptionId: string, group: string): string => `${subscriptionId}/${group}`.toLowerCase();
const vmKey = (subscriptionId: string, group: string, vm: string): string => `${subscriptionId}/${group}/${vm}`.toLowerCase();
const FINISHED_LIMIT = 100_000;

/** The emulator's model of resources. */
export class Fleet {
  private readonly groups = new Map<string, Group>();
  private readonly vms = new Map<string, VmRecord>();
  private readonly operations = new Map<string, VmRecord>();
  private readonly finished = new Map<string, AsyncOperationStatus>();
  private readonly listeners = new Set<FleetListener>();
  private closing = false;
  /** VMs changed since they were last written to a durable store. */
  private readonly unwritten = new Set<VmRecord>();
  /** Answers waiting for the next write. */
  private readonly waiting: ((failure?: unknown) => void)[] = [];
  private flushScheduled = false;

  constructor(
    private readonly store: Store,
    private readonly clocks: ClockPolicy,
  ) {}

  /** Listens for changes; returns a function that stops listening. */
  listen(listener: FleetListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Loads what the store holds: groups, then every VM with its pending steps resumed with what
   * remained of them when the emulator stopped. The time it was down does not pass for the VMs:
   * a virtual clock stood still since its last stored reading; the shared real clock ran on
   * until `aliveAt`, the last reading the emulator stored while it ran.
   */
  restore(): void {
    const { groups, vms, aliveAt } = this.store.load();
    for (const row of groups) this.groups.set(row.key, { ...row, deleting: false });
    for (const row of vms) {
      const clock = this.clocks.clockFor(row.clockReading);
      const ranOn = this.clocks.shared && aliveAt !== undefined ? Math.max(0, aliveAt - row.clockReading) : 0;
      const actor = restoreVmState(row.state, clock, row.state.context.now + ranOn);
      const record = this.adopt(row, clock, actor);
      this.indexOperations(record);
    }
  }

  // ---- resource groups

  /** Creates or updates a group; `created` says which. */
  putGroup(subscriptionId: string, name: string, location: string, tags: Record<string, string>): { group: Group; created: boolean } {
    const key = groupKey(subscriptionId, name);
    const existing = this.groups.get(key);
    if (existing?.deleting) throw new ArmError(409, 'ResourceGroupBeingDeleted', `The resource group '${existing.name}' is in deprovisioning state and cannot perform this operation.`);
    if (existing && existing.location.toLowerCase() !== location.toLowerCase()) {
      throw new ArmError(409, 'InvalidResourceGroupLocation', `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`, 'location');
    }
    const group: Group = { key, subscriptionId, name: existing?.name ?? name, location: existing?.location ?? location, tags, deleting: false };
    this.groups.set(key, group);
    this.store.putGroup(toGroupRow(group));
    return { group, created: !existing };
  }

  /** A group, or undefined. */
  group(subscriptionId: string, name: string): Group | undefined {
    return this.groups.get(groupKey(subscriptionId, name));
  }

  /** Every group of a subscription, by name. */
  groupsOf(subscriptionId: string): Group[] {
    const prefix = `${subscriptionId}/`.toLowerCase();
    return [...this.groups.values()].filter((g) => g.key.startsWith(prefix)).sort((a, b) => a.key.localeCompare(b.key));
  }

  /**
   * Starts deleting a group: every VM in it gets a delete; the group goes when the last is gone.
   * Returns false when there was no such group.
   */
  deleteGroup(subscriptionId: string, name: string): boolean {
    const group = this.group(subscriptionId, name);
    if (!group) return false;
    group.deleting = true;
    for (const record of this.vmsOf(subscriptionId, name)) {
      try {
        this.operate(record, { type: 'vm.delete' });
      } catch (error) {
        if (!(error instanceof ArmError)) throw error;
      }
    }
    this.dropGroupIfEmpty(group);
    return true;
  }

  /** Whether a group is still being deleted; in step mode, its VMs then move a step. */
  groupDeletionPending(key: string): boolean {
    const group = this.groups.get(key);
    if (!group) return false;
    for (const record of this.vmsOf(group.subscriptionId, group.name)) this.read(record);
    return true;
  }

  // ---- virtual machines

  /** A VM, or undefined (also once deleted). */
  vm(subscriptionId: string, group: string, name: string): VmRecord | undefined {
    return this.vms.get(vmKey(subscriptionId, group, name));
  }

  /** The VMs of a subscription (of one group when given), in a stable order. */
  vmsOf(subscriptionId: string, group?: string): VmRecord[] {
    const prefix = group === undefined ? `${subscriptionId}/`.toLowerCase() : `${subscriptionId}/${group}/`.toLowerCase();
    const found: VmRecord[] = [];
    for (const [key, record] of this.vms) if (key.startsWith(prefix)) found.push(record);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Every VM, in a stable order. */
  allVms(): VmRecord[] {
    return [...this.vms.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Creates a VM: Azure accepts the create request; its actor starts. */
  createVm(subscriptionId: string, group: string, name: string, request: VmInput): Accepted {
    const owner = this.group(subscriptionId, group);
    if (!owner) throw resourceGroupNotFound(group);
    if (owner.deleting) throw new ArmError(409, 'ResourceGroupBeingDeleted', `The resource group '${owner.name}' is in deprovisioning state and cannot perform this operation.`);
    const clock = this.clocks.clockFor();
    const vmId = randomUUID();
    // The machine derives operation ids from the vmId: unique across the emulator's VMs.
    const input: VmInput = { ...request, resourceGroup: owner.name, subscriptionId, vmId, durations: { ...this.clocks.durations } };
    checkInput(input);
    const actor = createActor(vmMachine, { clock, input });
    const row: VmRow = {
      key: vmKey(subscriptionId, group, name),
      subscriptionId,
      resourceGroup: owner.name,
      name,
      vmId,
      input,
      clockReading: clock.now(),
      state: undefined as unknown as VmRow['state'],
    };
    const record = this.adopt(row, clock, actor);
    actor.start();
    const snapshot = actor.getSnapshot();
    const operation = snapshot.context.operation!;
    const accepted = { operation, snapshot, id: this.publish(record, operation) };
    this.clocks.afterAccepted(clock);
    return accepted;
  }

  /**
   * Sends an operation to a VM. The machine decides: its refusal becomes an `ArmError` with
   * Azure's status and code, its acceptance the operation with the emulator's id.
   */
  operate(record: VmRecord, event: VmOperationEvent): Accepted {
    const before = record.actor.getSnapshot().context.operationCount;
    this.request(record, event);
    const snapshot = record.actor.getSnapshot();
    const operation = snapshot.context.operation;
    if (!operation || snapshot.context.operationCount === before) {
      throw new ArmError(500, 'InternalServerError', `The VM '${record.name}' neither accepted nor refused '${event.type}'.`);
    }
    const accepted = { operation, snapshot, id: this.publish(record, operation) };
    this.clocks.afterAccepted(record.clock);
    return accepted;
  }

  /**
   * Sends a request Azure answers at once, without a long-running operation
   * (`simulateEviction`): the machine's refusal becomes an `ArmError`, else it was accepted.
   */
  request(record: VmRecord, event: VmOperationEvent): void {
    record.rejection = null;
    record.actor.send(event);
    const rejection = record.rejection as OperationRejection | null;
    if (rejection) throw new ArmError(rejection.status, rejection.code, rejection.message, rejection.target);
  }

  /**
   * A read of a VM, as it is now; in step mode, an operation in progress then moves to its next
   * step, so every step is seen once by whoever reads.
   */
  read(record: VmRecord): VmSnapshot {
    const snapshot = record.actor.getSnapshot();
    if (snapshot.context.operation?.status === 'InProgress') this.clocks.onPoll(record.clock);
    return snapshot;
  }

  /**
   * An operation's status by its published id, within a subscription, as it is now; in step
   * mode, an operation in progress then moves its VM a step. `undefined` for an unknown id.
   */
  pollOperation(subscriptionId: string, id: string): { status: AsyncOperationStatus; record: VmRecord } | undefined {
    const record = this.operations.get(id.toLowerCase());
    if (!record || record.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) return undefined;
    const status = this.findOperation(record, id);
    if (status?.status === 'InProgress') this.clocks.onPoll(record.clock);
    return status ? { status, record } : undefined;
  }

  /** The key of the VM an operation id belongs to, if known. */
  operationOwner(id: string): string | undefined {
    return this.operations.get(id.toLowerCase())?.key;
  }

  /** Removes every resource, in memory and in the store. */
  reset(): void {
    for (const record of [...this.vms.values()]) this.remove(record);
    this.groups.clear();
    this.operations.clear();
    this.finished.clear();
    this.store.clear();
  }

  /** Stops every actor (the store keeps their last state). */
  close(): void {
    this.flushWrites();
    this.closing = true;
    for (const record of this.vms.values()) record.actor.stop();
    this.clocks.dispose();
    this.store.close();
  }

  /** Gives a VM the size an accepted update sent, and stores it. */
  resize(record: VmRecord, vmSize: string): void {
    record.resizedTo = vmSize;
    this.persist(record);
  }

  /** Gives a VM the tags an update sent, and stores them. */
  retag(record: VmRecord, tags: Record<string, string>): void {
    record.updatedTags = { ...tags };
    this.persist(record);
  }

  /**
   * Writes every VM changed since the last write, in one transaction, then runs what waited for
   * it. Changes are written at the end of the event loop's turn, so the changes of every request
   * answered in that turn (and of the timers that fired in it) are committed together.
   */
  flushWrites(): void {
    this.flushScheduled = false;
    let failure: unknown;
    if (this.unwritten.size > 0) {
      const rows: VmRow[] = [];
      for (const record of this.unwritten) if (this.vms.get(record.key) === record) rows.push(this.toRow(record));
      this.unwritten.clear();
      try {
        this.store.putVms(rows);
      } catch (error) {
        failure = error;
      }
    }
    for (const callback of this.waiting.splice(0)) callback(failure);
  }

  /**
   * Runs `callback` once every change made so far is stored (at once when none waits), with the
   * error when storing failed: the emulator answers a request there, so that a client never hears
   * of a change the store does not have.
   */
  whenWritten(callback: (failure?: unknown) => void): void {
    if (this.unwritten.size === 0 && this.waiting.length === 0) {
      callback();
      return;
    }
    this.waiting.push(callback);
  }

  private markUnwritten(record: VmRecord): void {
    this.unwritten.add(record);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushWrites());
  }

  /** Stores a VM as it is now (its clock may have moved without a change of state). */
  persist(record: VmRecord): void {
    if (this.store.durable && this.vms.get(record.key) === record) this.store.putVm(this.toRow(record));
  }

  /** The published id of an operation: unique across the emulator's VMs. */
  publish(record: VmRecord, operation: Operation): string {
    const id = this.publishedId(record, operation);
    if (!this.operations.has(id)) {
      this.operations.set(id, record);
      if (this.operations.size > FINISHED_LIMIT) this.operations.delete(this.operations.keys().next().value!);
    }
    return id;
  }

  private findOperation(record: VmRecord, id: string): AsyncOperationStatus | undefined {
    const snapshot = record.actor.getSnapshot();
    const { operation, history } = snapshot.context;
    const internal = (op: Operation | null) => op !== null && this.publishedId(record, op) === id.toLowerCase();
    const found = internal(operation) ? operation : history.find((op) => internal(op));
    if (found) return toAsyncOperationStatus(snapshot, found)!;
    return this.finished.get(id.toLowerCase());
  }

  private publishedId(_record: VmRecord, operation: Operation): string {
    return operation.id.toLowerCase();
  }

  private adopt(row: VmRow, clock: EmulatorClock, actor: Actor<VmMachine>): VmRecord {
    const record: VmRecord = {
      key: row.key,
      subscriptionId: row.subscriptionId,
      resourceGroup: row.resourceGroup,
      name: row.name,
      vmId: row.vmId,
      updatedTags: row.updatedTags,
      resizedTo: row.resizedTo,
      input: row.input,
      clock,
      actor,
      rejection: null,
      lastFinished: null,
    };
    this.vms.set(record.key, record);
    actor.on('operation.rejected', ({ rejection }) => {
      record.rejection = rejection;
    });
    actor.subscribe({
      next: (snapshot) => this.onSnapshot(record, snapshot),
      error: (error) => {
        // Input is validated before the actor exists; an error here is a defect, kept visible.
        console.error(`VM ${record.key}: ${String(error)}`);
      },
    });
    return record;
  }

  private onSnapshot(record: VmRecord, snapshot: VmSnapshot): void {
    if (this.closing) return;
    this.keepFinished(record, snapshot);
    if (snapshot.status === 'done') {
      this.remove(record);
      return;
    }
    // In memory the actor is the only copy: no row to build. Stored, a VM's changes within one
    // request (an instant operation runs through every step) are written once, before the answer.
    if (this.store.durable) this.markUnwritten(record);
    for (const listener of this.listeners) listener.changed?.(record);
  }

  private toRow(record: VmRecord): VmRow {
    return {
      key: record.key,
      subscriptionId: record.subscriptionId,
      resourceGroup: record.resourceGroup,
      name: record.name,
      vmId: record.vmId,
      ...(record.updatedTags ? { updatedTags: record.updatedTags } : {}),
      ...(record.resizedTo ? { resizedTo: record.resizedTo } : {}),
      input: record.input,
      clockReading: record.clock.now(),
      state: persistVmState(record.actor),
    };
  }

  private keepFinished(record: VmRecord, snapshot: VmSnapshot): void {
    const { history } = snapshot.context;
    const seen = record.lastFinished === null ? -1 : history.findIndex((op) => op.id === record.lastFinished);
    for (let i = seen + 1; i < history.length; i++) {
      const op = history[i]!;
      this.finished.set(this.publishedId(record, op), toAsyncOperationStatus(snapshot, op)!);
      if (this.finished.size > FINISHED_LIMIT) this.finished.delete(this.finished.keys().next().value!);
    }
    if (history.length > 0) record.lastFinished = history[history.length - 1]!.id;
  }

  private indexOperations(record: VmRecord): void {
    const { operation, history } = record.actor.getSnapshot().context;
    for (const op of history) this.publish(record, op);
    if (operation) this.publish(record, operation);
    this.keepFinished(record, record.actor.getSnapshot());
  }

  private remove(record: VmRecord): void {
    if (this.vms.get(record.key) !== record) return;
    this.vms.delete(record.key);
    record.actor.stop();
    this.store.deleteVm(record.key);
    for (const listener of this.listeners) listener.removed?.(record);
    const group = this.groups.get(groupKey(record.subscriptionId, record.resourceGroup));
    if (group) this.dropGroupIfEmpty(group);
  }

  private dropGroupIfEmpty(group: Group): void {
    if (!group.deleting || this.vmsOf(group.subscriptionId, group.name).length > 0) return;
    this.groups.delete(group.key);
    this.store.deleteGroup(group.key);
  }
}

function toGroupRow(group: Group): GroupRow {
  return { key: group.key, subscriptionId: group.subscriptionId, name: group.name, location: group.location, tags: group.tags };
}
