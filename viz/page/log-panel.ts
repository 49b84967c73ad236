/**
 * The log panel: entries in simulated time, newest on top, written at most once per frame.
 */
import { byId } from './page-dom.js';
import type { LogEntry } from './vm-log.js';

/** The list keeps no more than this many entries. */
const LOG_LIMIT = 300;

/** The log panel. */
export interface LogPanel {
  /** Queues entries (oldest first) for the next render. */
  push(...entries: LogEntry[]): void;
  /** Puts the queued entries on top and drops the oldest beyond the limit; the rest stay as they are. */
  render(): void;
}

/** Binds the panel to `#log`. */
export function createLogPanel(): LogPanel {
  const list = byId('log');
  // Entries not yet in the DOM, oldest first; the list itself is the record of the rest.
  const unshown: LogEntry[] = [];
  return {
    push(...entries) {
      unshown.push(...entries);
    },
    render() {
      if (unshown.length === 0) return;
      const fresh = document.createDocumentFragment();
      // Newest first, and no more than the list keeps.
      for (const entry of unshown.slice(-LOG_LIMIT).reverse()) {
        const li = document.createElement('li');
        li.dataset.kind = entry.kind;
        const time = document.createElement('time');
        time.dateTime = entry.time;
        // The time of day (UTC) is what tells entries apart; the full instant is in the tooltip.
        time.textContent = entry.time.slice(11, 23);
        time.title = entry.time;
        const text = document.createElement('span');
        text.textContent = entry.text;
        li.append(time, text);
        fresh.append(li);
      }
      unshown.length = 0;
      list.prepend(fresh);
      while (list.childElementCount > LOG_LIMIT) list.lastElementChild?.remove();
    },
  };
}
