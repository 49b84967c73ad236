/**
 * The VM page: one VM actor on a virtual clock, its chart, buttons for every operation and the
 * panels Azure would show. Glue only: each panel module binds its part of the page, the pure
 * modules (`controls`, `vm-connect`, `vm-log`, `new-vm-form`, `time-driver`) decide what to show;
 * this file creates the VM, listens, and tells the panels when to draw.
 */
import { and, createMachine, not, or, setup, stateIn } from 'xstate';
import type { VirtualClock, VmEvent, VmInput, VmSnapshot } from 'azure-vm-lifecycle';
import { mountChart, type ChartHandle } from 'azure-vm-lifecycle/viz';
import vmChartLayout from 'virtual:vm-chart-layout';
import { createBillingPanel } from './billing-panel.js';
import { setupChartPanel } from './chart-panel.js';
import { createFaultsPanel } from './faults-panel.js';
import { createHistoryPanel } from './history-panel.js';
import { renderInstanceView } from './instance-view-panel.js';
import { createLogPanel } from './log-panel.js';
import { DEFAULT_FIELDS } from './new-vm-form.js';
import { setupNewVmPanel } from './new-vm-panel.js';
import { createOperationsPanel } from './operations-panel.js';
import { byId, setText } from './page-dom.js';
import { setupTimePanel } from './time-panel.js';
import { createTimeDriver, SPEEDS, type Speed } from './time-driver.js';
import { chartTimers, simulatedTime } from './vm-connect.js';
import { changesBetween, type LogKind } from './vm-log.js';
import { createVmSession, type VmActor } from './vm-session.js';

/** What tests and benchmarks reach for. */
export interface VmPage {
  /** The VM actor shown now (replaced by "New VM"). */
  readonly actor: VmActor;
  /** Its virtual clock. */
  readonly clock: VirtualClock;
  /** The chart. */
  readonly chart: ChartHandle;
  /** Resolves once the chart is drawn. */
  ready: Promise<void>;
  /** Elapsed simulated ms since the VM's start. */
  elapsed(): number;
  /** Sets the speed of simulated time. */
  setSpeed(speed: Speed): void;
  /** Creates a new VM (replacing the current one) with this input. */
  createVm(input: VmInput): void;
  /** The chart API, to mount other machines beside the VM. */
  mountChart: typeof mountChart;
  /** XState's machine builders and guard combinators, for charts of other machines. */
  xstate: {
    createMachine: typeof createMachine;
    setup: typeof setup;
    and: typeof and;
    or: typeof or;
    not: typeof not;
    stateIn: typeof stateIn;
  };
}

declare global {
  interface Window {
    /** The VM page, for tests and benchmarks. */
    vmPage?: VmPage;
  }
}

const params = new URLSearchParams(location.search);
const initialSpeed = SPEEDS.find((speed) => String(speed) === params.get('speed')) ?? 10;
const thread = params.get('thread') === 'main' ? 'main' : 'auto';
// `?layout=compute` ignores the build-time layout and lays out in the browser, as other machines do.
const precomputed = params.get('layout') === 'compute' ? undefined : vmChartLayout;

const log = createLogPanel();
const addLog = (kind: LogKind, text: string): void => {
  log.push({ time: session.now(), kind, text });
  schedulePanels();
};
let previous: VmSnapshot | undefined;
const session = createVmSession({
  created() {
    billing.reset();
    previous = undefined;
  },
  snapshot(snapshot) {
    billing.observe(snapshot);
    if (previous) log.push(...changesBetween(previous, snapshot, simulatedTime(snapshot, snapshot.context.now)));
    previous = snapshot;
    render(snapshot);
  },
  log: addLog,
});
// The driver steps whichever clock is current: "New VM" brings a fresh one.
const driver = createTimeDriver(
  {
    advance: (ms) => session.clock.advance(ms),
    advanceToNext: () => session.clock.advanceToNext(),
    runUntilIdle: (limit) => session.clock.runUntilIdle(limit),
    nextDueAt: () => session.clock.nextDueAt(),
  },
  initialSpeed,
);

function sendEvent(event: VmEvent, name: string): void {
  addLog('sent', name);
  session.actor.send(event);
  driver.afterAction();
}

const operations = createOperationsPanel({ snapshot: () => session.actor.getSnapshot(), sendEvent, log: addLog });
const billing = createBillingPanel(() => {
  render(session.actor.getSnapshot());
  renderPanels();
  billing.renderMeter(session.elapsed());
});
const renderHistory = createHistoryPanel();
const renderFaults = createFaultsPanel(sendEvent);
let chart: ChartHandle | undefined;
let chartPanel: ReturnType<typeof setupChartPanel> | undefined;

/**
 * Shows a snapshot. What a user acts on (buttons, instance view, power line, billing badge) is
 * written at once; the heavy panels wait for the next frame, so a burst of snapshots (a timer
 * cascade, instant speed) writes them once. Nothing here reads layout: each read would force the
 * whole page's layout between writes.
 */
function render(snapshot: VmSnapshot): void {
  operations.render(snapshot);
  renderInstanceView(snapshot);
  billing.render(snapshot);
  schedulePanels();
}

let panelsFrame = 0;

function schedulePanels(): void {
  panelsFrame ||= requestAnimationFrame(renderPanels);
}

/** Writes the heavy panels from the current snapshot; cancels a pending frame when called directly. */
function renderPanels(): void {
  if (panelsFrame) cancelAnimationFrame(panelsFrame);
  panelsFrame = 0;
  const snapshot = session.actor.getSnapshot();
  renderHistory(snapshot);
  log.render();
  renderFaults(snapshot);
  const { settings } = snapshot.context;
  setText(
    byId('vm-summary'),
    `${settings.name} · ${settings.resourceGroup} · ${settings.image} ${settings.osType} · ${settings.priority}${settings.hibernationEnabled ? ' · hibernation enabled' : ''}`,
  );
  chart?.setTimers(chartTimers(snapshot, session.elapsed()));
  chartPanel?.follow();
}

function logCreated(actor: VmActor): void {
  const { settings } = actor.getSnapshot().context;
  addLog('vm', `PUT ${settings.name}: ${settings.image} ${settings.osType} image, ${settings.priority}${settings.priority !== 'Regular' ? ` (eviction: ${settings.evictionPolicy})` : ''}${settings.hibernationEnabled ? ', hibernation enabled' : ''}`);
}

// ---- start -----------------------------------------------------------------------------------

const pageApi: VmPage = {
  get actor() {
    return session.actor;
  },
  get clock() {
    return session.clock;
  },
  get chart() {
    if (!chart) throw new Error('the chart is not mounted yet');
    return chart;
  },
  ready: Promise.resolve(),
  elapsed: () => session.elapsed(),
  setSpeed: () => {},
  createVm(input) {
    const next = session.create(input);
    logCreated(next);
    operations.clearAlert();
    chart?.attach(next);
    render(next.getSnapshot());
    renderPanels();
    driver.afterAction();
  },
  mountChart,
  xstate: { createMachine, setup, and, or, not, stateIn },
};

const first = session.create({ name: DEFAULT_FIELDS.name });
logCreated(first);
chart = mountChart(byId('chart'), {
  actor: first,
  layout: { thread },
  ...(precomputed ? { precomputed } : {}),
  now: () => session.elapsed(),
});
pageApi.ready = chart.ready.then(() => {
  render(first.getSnapshot());
  renderPanels();
});
chartPanel = setupChartPanel(chart);
pageApi.setSpeed = setupTimePanel({
  driver,
  startPaused: params.has('paused'),
  clockText: () => `${session.now().slice(0, 19).replace('T', ' ')}  +${Math.floor(session.elapsed() / 1000)} s`,
  onFrame: () => billing.renderMeter(session.elapsed()),
  onNothingToSkip: () => addLog('ignored', 'No timer is pending.'),
});
setupNewVmPanel((input) => pageApi.createVm(input));
render(first.getSnapshot());
renderPanels();
window.vmPage = pageApi;
