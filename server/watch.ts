/**
 * The live feed the page listens to (Server-Sent Events at `/_emulator/events`): the list of VMs
 * whenever one changes, and for the VM being watched (`?vm=<resource id>`) its snapshot at every
 * change and each request about it.
 */
import type { ServerResponse } from 'node:http';
import type { Controller } from './control.js';
import type { Fleet, VmRecord } from './fleet.js';
import type { RequestLog } from './request-log.js';

interface Watcher {
  response: ServerResponse;
  vm: VmRecord | undefined;
}

/** The feed's hub: who watches, and what to send them. */
export class Watch {
  private readonly watchers = new Set<Watcher>();
  private listDirty = false;
  private readonly dirtyVms = new Set<VmRecord>();
  private flushScheduled = false;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly stops: (() => void)[] = [];
  // The request log is listened to only while someone watches: logging is on every request's path.
  private stopLogListening: (() => void) | undefined;

  constructor(
    fleet: Fleet,
    private readonly control: Controller,
    private readonly log: RequestLog,
  ) {
    this.stops.push(
      fleet.listen({
        changed: (record) => this.markDirty(record),
        removed: (record) => {
          this.markDirty(record);
          for (const watcher of this.watchers) if (watcher.vm === record) send(watcher.response, 'removed', { key: record.key });
        },
      }),
    );
    // Comments keep proxies and browsers from closing an idle stream.
    this.heartbeat = setInterval(() => {
      for (const watcher of this.watchers) watcher.response.write(': keep-alive\n\n');
    }, 15_000);
    this.heartbeat.unref();
  }

  /** Starts a stream for a response; the watched VM (if any) gets its snapshot and log at once. */
  open(response: ServerResponse, vm: VmRecord | undefined, backlog: unknown[]): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
    });
    // Reconnect a second after the emulator went away (the browser's default is several).
    response.write('retry: 1000\n\n');
    const watcher: Watcher = { response, vm };
    this.watchers.add(watcher);
    this.stopLogListening ??= this.log.listen((entry) => {
      let message: string | undefined;
      for (const each of this.watchers) if (each.vm && each.vm.key === entry.vm) each.response.write((message ??= format('request', entry)));
    });
    response.on('close', () => {
      this.watchers.delete(watcher);
      if (this.watchers.size > 0) return;
      this.stopLogListening?.();
      this.stopLogListening = undefined;
    });
    send(response, 'vms', this.control.vms());
    if (vm) {
      send(response, 'vm', snapshotOf(vm));
      for (const entry of backlog) send(response, 'request', entry);
    }
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const stop of this.stops) stop();
    this.stopLogListening?.();
    for (const watcher of this.watchers) watcher.response.end();
    this.watchers.clear();
  }

  private markDirty(record: VmRecord): void {
    if (this.watchers.size === 0) return;
    this.listDirty = true;
    this.dirtyVms.add(record);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    // Each message is formatted once, however many pages watch.
    const list = this.listDirty ? format('vms', this.control.vms()) : undefined;
    this.listDirty = false;
    const snapshots = new Map<VmRecord, string>();
    for (const watcher of this.watchers) {
      if (list) watcher.response.write(list);
      const { vm } = watcher;
      if (!vm || !this.dirtyVms.has(vm) || vm.actor.getSnapshot().status !== 'active') continue;
      let message = snapshots.get(vm);
      if (message === undefined) snapshots.set(vm, (message = format('vm', snapshotOf(vm))));
      watcher.response.write(message);
    }
    this.dirtyVms.clear();
  }
}

function snapshotOf(record: VmRecord): unknown {
  const { value, context, status } = record.actor.getSnapshot();
  return { key: record.key, snapshot: { value, context, status } };
}

function format(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function send(response: ServerResponse, event: string, data: unknown): void {
  response.write(format(event, data));
}
