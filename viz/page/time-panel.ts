/**
 * The time bar: speed, pause, skip to the next timer, and the simulated clock, advanced every
 * animation frame by the time driver.
 */
import type { Translator } from './i18n/index.js';
import { byId, setText } from './page-dom.js';
import { SPEEDS, type Speed, type TimeDriver } from './time-driver.js';

/** What the bar needs from the page. */
export interface TimeHost {
  /** Drives the current VM's clock. */
  driver: TimeDriver;
  /** Whether the page opens paused (`?paused`). */
  startPaused: boolean;
  /** The clock's text now. */
  clockText(): string;
  /** Called every frame after time advanced (the meter ticks). */
  onFrame(): void;
  /** Called when skip finds no timer. */
  onNothingToSkip(): void;
  /** The page's language now. */
  t(): Translator;
}

/** The time bar. */
export interface TimePanel {
  /** Sets the speed. */
  setSpeed(speed: Speed): void;
  /** Pauses or resumes time. */
  setPaused(paused: boolean): void;
  /** Writes the bar's words in the page's language. */
  renderWords(): void;
}

/** Binds the bar and starts the frame loop. */
export function setupTimePanel(host: TimeHost): TimePanel {
  const { driver } = host;
  const group = byId('speeds');
  const setSpeed = (speed: Speed): void => {
    driver.speed = speed;
    for (const button of group.querySelectorAll('button')) button.setAttribute('aria-pressed', String(button.dataset.speed === String(speed)));
    driver.afterAction();
  };
  for (const speed of SPEEDS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.speed = String(speed);
    button.textContent = `${speed}×`;
    button.addEventListener('click', () => setSpeed(speed));
    group.append(button);
  }
  setSpeed(driver.speed);
  const pause = byId<HTMLButtonElement>('pause');
  const showPaused = (): void => {
    pause.setAttribute('aria-pressed', String(driver.paused));
    setText(pause, host.t()(driver.paused ? 'time.resume' : 'time.pause'));
  };
  pause.addEventListener('click', () => {
    driver.paused = !driver.paused;
    showPaused();
  });
  driver.paused = host.startPaused;
  showPaused();
  byId('skip').addEventListener('click', () => {
    if (!driver.skipToNext()) host.onNothingToSkip();
  });

  const clock = byId('clock');
  let last = performance.now();
  const frame = (time: number): void => {
    driver.frame(time - last);
    last = time;
    clock.textContent = host.clockText();
    host.onFrame();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const renderWords = (): void => {
    showPaused();
    const instant = group.querySelector<HTMLButtonElement>('button[data-speed="instant"]');
    if (instant) setText(instant, host.t()('time.instant'));
  };
  renderWords();
  return {
    setSpeed,
    setPaused(paused) {
      driver.paused = paused;
      showPaused();
    },
    renderWords,
  };
}
