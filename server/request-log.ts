/**
 * The log of ARM requests, newest last: what your code asked and what the emulator answered,
 * per VM, for the page. Adding is on every request's path: a ring of compact records, turned
 * into entries only when someone reads them.
 */

/** One request as logged. */
export interface RequestLogEntry {
  /** A running number. */
  seq: number;
  /** When it was answered, ISO 8601. */
  time: string;
  /** The HTTP method. */
  method: string;
  /** The path with its query. */
  url: string;
  /** The HTTP status answered. */
  status: number;
  /** The ARM error code, when the answer was an error. */
  code?: string;
  /** The key of the VM it concerned, when it concerned one. */
  vm?: string;
  /** How long answering took, in ms. */
  ms: number;
}

/** What is kept of a request until someone reads it. */
interface Logged {
  seq: number;
  at: number;
  method: string;
  url: string;
  status: number;
  code: string | undefined;
  vm: string | undefined;
  ms: number;
}

function toEntry(logged: Logged): RequestLogEntry {
  const entry: RequestLogEntry = { seq: logged.seq, time: new Date(logged.at).toISOString(), method: logged.method, url: logged.url, status: logged.status, ms: logged.ms };
  if (logged.code !== undefined) entry.code = logged.code;
  if (logged.vm !== undefined) entry.vm = logged.vm;
  return entry;
}

/** A bounded log of requests: the newest `limit` are kept. */
export class RequestLog {
  private readonly ring: (Logged | undefined)[];
  private seq = 0;
  private readonly listeners = new Set<(entry: RequestLogEntry) => void>();

  constructor(private readonly limit = 1_000) {
    this.ring = new Array<Logged | undefined>(limit);
  }

  /** Adds a request and tells listeners. */
  add(method: string, url: string, status: number, ms: number, code?: string, vm?: string): void {
    const logged: Logged = { seq: ++this.seq, at: Date.now(), method, url, status, code, vm, ms };
    this.ring[logged.seq % this.limit] = logged;
    if (this.listeners.size === 0) return;
    const entry = toEntry(logged);
    for (const listener of this.listeners) listener(entry);
  }

  /** The entries about one VM (or all), oldest first. */
  of(vm?: string): RequestLogEntry[] {
    const found: RequestLogEntry[] = [];
    for (let seq = Math.max(1, this.seq - this.limit + 1); seq <= this.seq; seq++) {
      const logged = this.ring[seq % this.limit];
      if (logged && logged.seq === seq && (vm === undefined || logged.vm === vm)) found.push(toEntry(logged));
    }
    return found;
  }

  /** Listens for new entries; returns a function that stops listening. */
  listen(listener: (entry: RequestLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets every entry. */
  clear(): void {
    this.ring.fill(undefined);
  }
}
