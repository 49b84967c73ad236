/**
 * Toasts: messages laid over the page (refusals, link problems, a copied link), so that showing
 * one moves nothing else. Each stays until closed or replaced.
 */
import { byId } from './page-dom.js';

/** One toast: its box, shown or hidden, and the element its text goes in. */
export interface Toast {
  /** Shows the toast with this text (and a look: `info` for calm news). */
  show(text: string, tone?: 'alert' | 'info'): void;
  /** Hides it. */
  hide(): void;
  /** Whether it is shown. */
  readonly shown: boolean;
}

/** Binds a toast: `boxId` the box, `textId` the element the text goes in, `closeId` its close button. */
export function bindToast(boxId: string, textId: string, closeId: string): Toast {
  const box = byId(boxId);
  const text = byId(textId);
  const toast: Toast = {
    show(words, tone = 'alert') {
      box.hidden = false;
      box.dataset.tone = tone;
      text.textContent = words;
    },
    hide() {
      box.hidden = true;
      text.textContent = '';
    },
    get shown() {
      return !box.hidden;
    },
  };
  byId(closeId).addEventListener('click', () => toast.hide());
  return toast;
}
