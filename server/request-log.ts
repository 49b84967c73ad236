/**
 * The log of ARM requests, newest last: what your code asked and what the emulator answered,
 * per VM, for the page.
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

/** A bounded log of requests. */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<(entry: RequestLogEntry) => void>();

  constructor(private readonly limit = 1_000) {}

  /** Adds an entry and tells listeners. */
  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    const full = { ...entry, seq: ++this.seq };
    this.entries.push(full);
    // Trimmed in halves, so adding stays cheap under load.
    if (this.entries.length > 2 * this.limit) this.entries.splice(0, this.entries.length - this.limit);
    for (const listener of this.listeners) listener(full);
  }

  /** The entries about one VM (or all), oldest first. */
  of(vm?: string): RequestLogEntry[] {
    const recent = this.entries.slice(-this.limit);
    return vm === undefined ? recent : recent.filter((entry) => entry.vm === vm);
  }

  /** Listens for new entries; returns a function that stops listening. */
  listen(listener: (entry: RequestLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.length = 0;
  }
}
