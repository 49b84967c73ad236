/**
 * The log panel: the run's entries in simulated time, newest on top, each an option of a listbox
 * that returns the page to its instant. Entries after the instant shown are marked as the future;
 * those at it are selected. One tab stop: ↑ / ↓, Home / End move between entries, Enter or Space
 * (or a click) returns to one. New entries are written at most once per frame.
 */
import type { Translator } from './i18n/index.js';
import type { LogEntry } from './log-entries.js';
import { byId, setAttribute } from './page-dom.js';
import { compareInstants, type Instant } from './vm-run.js';

/** The list keeps no more than this many entries in the page. */
const LOG_LIMIT = 300;

/** The log panel. */
export interface LogPanel {
  /** Queues an entry for the next render. */
  append(entry: LogEntry): void;
  /** Replaces every entry (a new run, a fork, another language). */
  replace(entries: readonly LogEntry[]): void;
  /** Writes the queued entries on top and drops the oldest beyond the limit. */
  render(): void;
  /** Marks the entries after `shown` as the future and those at `selected` as selected. */
  mark(shown: Instant, selected: Instant | undefined): void;
}

/** What the panel needs from the page. */
export interface LogHost {
  /** The page's language now. */
  t(): Translator;
  /** Returns the page to an entry's instant. */
  select(instant: Instant): void;
}

const instants = new WeakMap<Element, Instant>();

/** Binds the panel to `#log`. */
export function createLogPanel(host: LogHost): LogPanel {
  const list = byId('log');
  // Entries not yet in the page, oldest first; the list itself is the record of the rest.
  const unshown: LogEntry[] = [];
  let marks: { shown: Instant; selected: Instant | undefined } | undefined;

  const item = (entry: LogEntry, t: Translator): HTMLLIElement => {
    const li = document.createElement('li');
    li.setAttribute('role', 'option');
    li.tabIndex = -1;
    li.dataset.kind = entry.kind;
    li.dataset.at = String(entry.instant.at);
    li.dataset.step = String(entry.instant.step);
    instants.set(li, entry.instant);
    const time = document.createElement('time');
    time.dateTime = entry.time;
    // The time of day (UTC) is what tells entries apart; the full instant is in the tooltip.
    time.textContent = entry.time.slice(11, 23);
    time.title = t('travel.entry', { time: entry.time });
    const text = document.createElement('span');
    text.textContent = t.text(entry.message);
    li.append(time, text);
    return li;
  };

  const options = (): HTMLElement[] => [...list.querySelectorAll<HTMLElement>('li[role="option"]')];

  /** Keeps exactly one entry reachable by Tab: the selected one, else the newest (unless focus is in the list). */
  const keepOneTabStop = (): void => {
    if (list.contains(document.activeElement)) return;
    const all = options();
    const target = all.find((li) => li.getAttribute('aria-selected') === 'true') ?? all[0];
    for (const li of all) li.tabIndex = li === target ? 0 : -1;
  };

  const markAll = (): void => {
    if (!marks) return;
    const { shown, selected } = marks;
    for (const li of options()) {
      const instant = instants.get(li);
      if (!instant) continue;
      setAttribute(li, 'data-future', String(compareInstants(instant, shown) > 0));
      setAttribute(li, 'aria-selected', String(selected !== undefined && compareInstants(instant, selected) === 0));
    }
    keepOneTabStop();
  };

  const panel: LogPanel = {
    append(entry) {
      unshown.push(entry);
    },
    replace(entries) {
      unshown.length = 0;
      list.replaceChildren();
      unshown.push(...entries.slice(-LOG_LIMIT));
      panel.render();
    },
    render() {
      if (unshown.length === 0) return;
      const t = host.t();
      const fresh = document.createDocumentFragment();
      // Newest first, and no more than the list keeps.
      for (const entry of unshown.slice(-LOG_LIMIT).reverse()) fresh.append(item(entry, t));
      unshown.length = 0;
      list.prepend(fresh);
      while (list.childElementCount > LOG_LIMIT) list.lastElementChild?.remove();
      markAll();
    },
    mark(shown, selected) {
      marks = { shown, selected };
      markAll();
    },
  };

  list.addEventListener('click', (event) => {
    const li = (event.target as Element | null)?.closest('li[role="option"]');
    const instant = li ? instants.get(li) : undefined;
    if (instant) host.select(instant);
  });
  list.addEventListener('keydown', (event) => {
    const all = options();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (index: number): void => {
      const target = all[Math.max(0, Math.min(all.length - 1, index))];
      if (!target) return;
      for (const li of all) li.tabIndex = li === target ? 0 : -1;
      target.focus();
      event.preventDefault();
    };
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(all.length - 1);
    else if ((event.key === 'Enter' || event.key === ' ') && at >= 0) {
      event.preventDefault();
      const instant = instants.get(all[at] as HTMLElement);
      if (instant) host.select(instant);
    }
  });
  return panel;
}
