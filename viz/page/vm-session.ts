/**
 * The VM the page shows: one actor on its own virtual clock, replaced by "New VM". Panels read the
 * current actor and clock through the session, so a new VM needs no rewiring.
 */
import { createActor, type Actor } from 'xstate';
import { VirtualClock, vmMachine, type VmInput, type VmSnapshot } from 'azure-vm-lifecycle';
import { simulatedTime } from './vm-connect.js';
import type { LogKind } from './vm-log.js';

/** An actor of `vmMachine`. */
export type VmActor = Actor<typeof vmMachine>;

/** What the session tells the page about each VM. */
export interface VmSessionListener {
  /** A new VM was created (its actor not yet started). */
  created(actor: VmActor): void;
  /** The VM's snapshot changed. */
  snapshot(snapshot: VmSnapshot): void;
  /** Something to write in the log (refusals, ignored events, actor errors). */
  log(kind: LogKind, text: string): void;
}

/** The current VM and its clock. */
export interface VmSession {
  /** The VM actor shown now. */
  readonly actor: VmActor;
  /** Its virtual clock. */
  readonly clock: VirtualClock;
  /** Elapsed simulated ms since the VM's start. */
  elapsed(): number;
  /** The simulated instant now, ISO 8601. */
  now(): string;
  /** Stops the current VM and starts a new one on a fresh clock. */
  create(input: VmInput): VmActor;
}

/** Creates the session; the first VM comes with the first `create`. */
export function createVmSession(listener: VmSessionListener): VmSession {
  let clock = new VirtualClock();
  let actor: VmActor | undefined;
  const current = (): VmActor => {
    if (!actor) throw new Error('no VM has been created yet');
    return actor;
  };
  const session: VmSession = {
    get actor() {
      return current();
    },
    get clock() {
      return clock;
    },
    elapsed: () => clock.now() - current().getSnapshot().context.clockOrigin,
    now: () => simulatedTime(current().getSnapshot(), session.elapsed()),
    create(input) {
      actor?.stop();
      clock = new VirtualClock();
      const next = createActor(vmMachine, { clock, input });
      next.on('operation.rejected', ({ operation, rejection }) => {
        listener.log('rejected', `${operation.type} → ${rejection.status} ${rejection.code}: ${rejection.message}`);
      });
      next.on('event.ignored', ({ event, reason }) => listener.log('ignored', `${event.type} had no effect: ${reason}`));
      actor = next;
      listener.created(next);
      next.subscribe({ next: listener.snapshot, error: (error) => listener.log('rejected', String(error)) });
      next.start();
      return next;
    },
  };
  return session;
}
