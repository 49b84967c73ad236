/**
 * Time travel on the page: the status line a screen reader announces ("Power: running ·
 * Provisioning: succeeded"), the "paused at" marker with its way back to the present and its way
 * forward from the past, the step buttons, and ← / → anywhere but in a field or the chart.
 */
import type { Translator } from './i18n/index.js';
import { byId, setAttribute, setText } from './page-dom.js';
import type { TimeTravel } from './time-travel.js';
import { statusLine } from './vm-words.js';

/** What the panel needs from the page. */
export interface TravelHost {
  /** The page's time travel. */
  travel: TimeTravel;
  /** The page's language now. */
  t(): Translator;
  /** Sends the page back to the present or on from the past: the page redraws. */
  continueHere(): void;
}

/** Whether a key press belongs to the element it happened in (a field, a list, the chart). */
function keepsArrowKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, select, textarea, [contenteditable], [role="listbox"], [role="slider"], dialog, #chart-viewport') !== null;
}

/** Binds the panel; returns its render function. */
export function createTravelPanel(host: TravelHost): () => void {
  const { travel } = host;
  const status = byId('status-line');
  const marker = byId('paused-at');
  const back = byId<HTMLButtonElement>('step-back');
  const forward = byId<HTMLButtonElement>('step-forward');

  const render = (): void => {
    const t = host.t();
    setText(status, t.text(statusLine(travel.shown.snapshot())));
    const position = travel.position;
    marker.hidden = position === null;
    document.body.dataset.past = String(position !== null);
    const index = travel.currentIndex();
    const count = travel.instants().length;
    if (position !== null) {
      setText(byId('paused-at-text'), t('travel.pausedAt', { time: travel.shown.timeOf(position.at).slice(11, 23) }));
      setText(byId('paused-at-position'), t('travel.position', { index: index + 1, count }));
    }
    setAttribute(back, 'aria-disabled', String(index <= 0));
    setAttribute(forward, 'aria-disabled', String(position === null));
  };

  back.addEventListener('click', () => travel.stepBack());
  forward.addEventListener('click', () => travel.stepForward());
  byId('travel-now').addEventListener('click', () => travel.backToNow());
  byId('travel-continue').addEventListener('click', () => host.continueHere());
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || keepsArrowKeys(event.target)) return;
    if (event.key === 'ArrowLeft') {
      event.preventDefault();
      travel.stepBack();
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      travel.stepForward();
    }
  });
  return render;
}
