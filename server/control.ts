/**
 * The emulator's control surface for tests, outside ARM's paths: health, reset, faults for a VM's
 * next operation, moving the clock, failing the next ARM requests with an HTTP error, and every
 * VM with its states. The same operations back `/_emulator/…` and the in-process API.
 */
import { FAULT_CODES, isFaultCode, type FaultCode } from '../machines/index.js';
import { ArmError, invalidParameter } from './arm-error.js';
import type { ClockPolicy } from './clocks.js';
import type { Fleet, VmRecord } from './fleet.js';
import type { RequestLog } from './request-log.js';
import type { Store } from './store.js';
import { summarize, type VmSummary } from './vm-summary.js';

/** An HTTP error to answer the next ARM requests with. */
export interface HttpFault {
  /** How many requests get it. */
  count: number;
  /** The status: 429, 500 or 503 (any 4xx/5xx is accepted). */
  status: number;
  /** Seconds for `Retry-After`; none when absent. */
  retryAfter?: number;
  /** ARM's error code; by default `TooManyRequests`, `InternalServerError` or `ServiceUnavailable`. */
  code?: string;
}

/** What `health` answers. */
export interface EmulatorHealth {
  /** Always `ok` while serving. */
  status: 'ok';
  /** The clock mode. */
  clock: ClockPolicy['mode'];
  /** Whether changes survive a restart (`--data`). */
  durable: boolean;
  /** How many VMs exist. */
  vms: number;
  /** HTTP faults still armed. */
  httpFaults: number;
}

const DEFAULT_CODES: Record<number, string> = { 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' };

const VM_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i;

/** The control operations over one fleet. */
export class Controller {
  private readonly httpFaults: HttpFault[] = [];

  constructor(
    private readonly fleet: Fleet,
    private readonly clocks: ClockPolicy,
    private readonly store: Store,
    private readonly log: RequestLog,
  ) {}

  /** The VM with this ARM resource id; 404 when there is none. */
  vmById(resourceId: unknown): VmRecord {
    if (typeof resourceId !== 'string') throw invalidParameter('Expected the VM\'s ARM resource id as a string, e.g. "/subscriptions/…/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm".', 'resourceId');
    const match = VM_ID.exec(resourceId);
    if (!match) throw invalidParameter(`'${resourceId}' is not a VM resource id (/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.Compute/virtualMachines/{name}).`, 'resourceId');
    const record = this.findVm(resourceId);
    if (!record) throw new ArmError(404, 'ResourceNotFound', `No VM '${resourceId}' exists in the emulator.`, 'resourceId');
    return record;
  }

  /** The VM of a resource id, if there is one (no error for a malformed id or a missing VM). */
  findVm(resourceId: string): VmRecord | undefined {
    const match = VM_ID.exec(resourceId);
    return match ? this.fleet.vm(match[1]!, match[2]!, match[3]!) : undefined;
  }

  /** Health. */
  health(): EmulatorHealth {
    return { status: 'ok', clock: this.clocks.mode, durable: this.store.durable, vms: this.fleet.allVms().length, httpFaults: this.httpFaults.reduce((n, f) => n + f.count, 0) };
  }

  /** Removes every resource group, VM, armed fault and logged request (and empties `--data`). */
  reset(): void {
    this.fleet.reset();
    this.httpFaults.length = 0;
    this.log.clear();
  }

  /** Every VM with its states. */
  vms(): VmSummary[] {
    return this.fleet.allVms().map(summarize);
  }

  /** Arms an Azure fault for the VM's next operation it applies to (the machine decides which). */
  armFault(resourceId: string, code: FaultCode): VmSummary {
    if (!isFaultCode(code)) throw invalidParameter(`Unknown fault code '${String(code)}'; expected one of ${FAULT_CODES.join(', ')}.`, 'code');
    const record = this.vmById(resourceId);
    record.actor.send({ type: 'fault.arm', code });
    return summarize(record);
  }

  /** Disarms every fault armed for the VM. */
  clearFaults(resourceId: string): VmSummary {
    const record = this.vmById(resourceId);
    record.actor.send({ type: 'fault.clear' });
    return summarize(record);
  }

  /**
   * Moves time forward: by `ms`, or to the next pending step (`'next'`); for one VM, or for every
   * VM (the shared clock in real mode, each VM's clock otherwise).
   */
  advance(by: number | 'next', resourceId?: string): VmSummary[] {
    if (by !== 'next' && (typeof by !== 'number' || !Number.isFinite(by) || by < 0)) {
      throw invalidParameter(`Expected a non-negative number of milliseconds or "next", got ${JSON.stringify(by)}.`, 'ms');
    }
    const records = resourceId === undefined ? this.fleet.allVms() : [this.vmById(resourceId)];
    const clocks = new Set(records.map((record) => record.clock));
    for (const clock of clocks) {
      if (by === 'next') clock.advanceToNext();
      else clock.advance(by);
    }
    if (this.clocks.mode === 'real') this.store.putClockOffset(this.clocks.offset);
    // Time moved without every VM changing state: store where each one's clock stands now.
    for (const record of records) this.fleet.persist(record);
    return records.filter((record) => record.actor.getSnapshot().status === 'active').map(summarize);
  }

  /** Answers the next `count` ARM requests with an HTTP error, to test retry code. */
  failNext(fault: HttpFault): void {
    if (!Number.isInteger(fault.count) || fault.count < 1) throw invalidParameter(`Expected a whole count of at least 1, got ${JSON.stringify(fault.count)}.`, 'count');
    if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
      throw invalidParameter(`Expected an HTTP error status (400–599, e.g. 429, 500, 503), got ${JSON.stringify(fault.status)}.`, 'status');
    }
    if (fault.retryAfter !== undefined && (typeof fault.retryAfter !== 'number' || !(fault.retryAfter >= 0))) {
      throw invalidParameter(`Expected Retry-After in seconds (a non-negative number), got ${JSON.stringify(fault.retryAfter)}.`, 'retryAfter');
    }
    this.httpFaults.push({ ...fault });
  }

  /** The injected error for this ARM request, if one is armed (and counts it). */
  takeHttpFault(): ArmError | undefined {
    const fault = this.httpFaults[0];
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.httpFaults.shift();
    const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
    const code = fault.code ?? DEFAULT_CODES[fault.status] ?? 'InjectedFault';
    return new ArmError(fault.status, code, `The emulator was asked to answer this request with HTTP ${fault.status}.`, undefined, headers);
  }
}
