/**
 * The page's layout controls: "Present" (the chart, the operations and the narration alone, full
 * screen where the browser allows) and "Panels" (the side column shown or folded away, giving the
 * chart the width).
 */
import { byId } from './page-dom.js';

/** The layout controls the page drives. */
export interface LayoutPanel {
  /** Shows or folds the side column, as the "Panels" button does. */
  setPanels(open: boolean): void;
}

/** Binds both toggles; `onResize` runs after the chart's frame changed size. */
export function setupLayoutPanel(onResize: () => void): LayoutPanel {
  const present = byId<HTMLButtonElement>('present');
  const panels = byId<HTMLButtonElement>('panels-toggle');
  const side = byId('side');

  const setPresenting = (on: boolean): void => {
    document.body.dataset.present = String(on);
    present.setAttribute('aria-pressed', String(on));
    onResize();
  };
  present.addEventListener('click', () => {
    const on = document.body.dataset.present !== 'true';
    setPresenting(on);
    // Full screen is a bonus: a browser that refuses it still presents in the window.
    if (on && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => {});
    else if (!on && document.fullscreenElement) void document.exitFullscreen?.().catch(() => {});
  });
  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement && document.body.dataset.present === 'true') setPresenting(false);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.body.dataset.present === 'true' && !document.querySelector('dialog[open]')) setPresenting(false);
  });

  const setPanels = (open: boolean): void => {
    panels.setAttribute('aria-expanded', String(open));
    side.hidden = !open;
    document.body.dataset.panels = String(open);
    onResize();
  };
  panels.addEventListener('click', () => setPanels(panels.getAttribute('aria-expanded') !== 'true'));
  return { setPanels };
}
