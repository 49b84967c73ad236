/**
 * Placeholder page: mounts the chart of a small built-in machine, with buttons that only send
 * events. `window.chartPage` lets browser tests drive the page and mount other machines.
 */
import { createMachine } from 'xstate';
import { mountChart, type ChartHandle } from './index.js';
import { kettleMachine } from './sample-machine.js';

declare global {
  interface Window {
    /** What browser tests reach for. */
    chartPage?: { handle: ChartHandle; mountChart: typeof mountChart; createMachine: typeof createMachine };
  }
}

const chartElement = document.querySelector('#chart');
const controls = document.querySelector('#controls');
if (!chartElement || !controls) throw new Error('index.html lacks #chart or #controls');

// `?thread=main` forces elk onto the main thread, for tests of the fallback.
const thread = new URLSearchParams(location.search).get('thread') === 'main' ? 'main' : 'auto';
const handle = mountChart(chartElement, { machine: kettleMachine, layout: { thread } });
window.chartPage = { handle, mountChart, createMachine };

for (const type of ['kettle.switchOn', 'kettle.switchOff', 'lid.open', 'lid.close', 'kettle.unplug'] as const) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = type;
  button.dataset.event = type;
  button.addEventListener('click', () => handle.actor.send({ type }));
  controls.append(button);
}

let wasHeating = false;
handle.actor.subscribe((snapshot) => {
  const heating = snapshot.matches({ plugged: { power: 'heating' } });
  // The timer starts on entering `heating`; other events must not restart the countdown.
  if (heating !== wasHeating) {
    handle.setTimers(heating ? [{ stateId: 'kettle.plugged.power.heating', dueAt: Date.now() + 4_000 }] : []);
  }
  wasHeating = heating;
});
