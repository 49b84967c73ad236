/**
 * The VM page: one VM actor on a virtual clock, its chart, buttons for every operation and the
 * panels Azure would show. Glue only: the pure modules (`controls`, `vm-connect`, `vm-log`,
 * `new-vm-form`, `time-driver`) decide what to show; this file creates actors, listens, and
 * writes their answers into the DOM.
 */
import { and, createActor, createMachine, not, or, setup, stateIn, type Actor } from 'xstate';
import {
  createBillingMeter,
  FAULT_CODES,
  isFaultCode,
  VirtualClock,
  vmMachine,
  type BillingMeter,
  type BillingTable,
  type VmEvent,
  type VmInput,
  type VmSnapshot,
} from 'azure-vm-lifecycle';
import vmChartLayout from 'virtual:vm-chart-layout';
import { operationControls, refusalText, type OperationControl } from './controls.js';
import { billingPanel, chartTimers, instanceViewPanel, meterText, operationRows, powerStateLine, simulatedTime } from './vm-connect.js';
import { changesBetween, type LogEntry, type LogKind } from './vm-log.js';
import { DEFAULT_FIELDS, newVmInput, type NewVmFields } from './new-vm-form.js';
import { createTimeDriver, SPEEDS, type Speed } from './time-driver.js';
import { attachZoom, mountChart, ZOOM_STEP, type ChartHandle, type ZoomControl } from 'azure-vm-lifecycle/viz';
import { BILLING_BY_TABLE, byId } from './page-dom.js';

type VmActor = Actor<typeof vmMachine>;

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
const startPaused = params.has('paused');

let clock = new VirtualClock();
let actor: VmActor;
let meters: Record<BillingTable, BillingMeter>;
let table: BillingTable = 'seed-2018';
let pricePerHour = Number(byId<HTMLInputElement>('price').value) || 0;
let previous: VmSnapshot | undefined;
let zoom: ZoomControl | undefined;
let chart: ChartHandle | undefined;
// The driver steps whichever clock is current: "New VM" brings a fresh one.
const driver = createTimeDriver(
  {
    advance: (ms) => clock.advance(ms),
    advanceToNext: () => clock.advanceToNext(),
    runUntilIdle: (limit) => clock.runUntilIdle(limit),
    nextDueAt: () => clock.nextDueAt(),
  },
  initialSpeed,
);
// Entries not yet in the DOM, oldest first; the log list itself is the record of the rest.
const unshownLog: LogEntry[] = [];
const LOG_LIMIT = 300;

const elapsed = (): number => clock.now() - actor.getSnapshot().context.clockOrigin;
const now = (): string => simulatedTime(actor.getSnapshot(), elapsed());

function addLog(kind: LogKind, text: string, time = now()): void {
  unshownLog.push({ time, kind, text });
  schedulePanels();
}

function createVm(input: VmInput): VmActor {
  actor?.stop();
  clock = new VirtualClock();
  const next = createActor(vmMachine, { clock, input });
  next.on('operation.rejected', ({ operation, rejection }) => {
    addLog('rejected', `${operation.type} → ${rejection.status} ${rejection.code}: ${rejection.message}`);
  });
  next.on('event.ignored', ({ event, reason }) => addLog('ignored', `${event.type} had no effect: ${reason}`));
  meters = { 'seed-2018': createBillingMeter({ table: 'seed-2018', pricePerHour }), 'azure-2023': createBillingMeter({ table: 'azure-2023', pricePerHour }) };
  actor = next;
  previous = undefined;
  next.subscribe({ next: onSnapshot, error: (error) => addLog('rejected', String(error)) });
  next.start();
  const { settings } = next.getSnapshot().context;
  addLog('vm', `PUT ${settings.name}: ${settings.image} ${settings.osType} image, ${settings.priority}${settings.priority !== 'Regular' ? ` (eviction: ${settings.evictionPolicy})` : ''}${settings.hibernationEnabled ? ', hibernation enabled' : ''}`);
  return next;
}

function onSnapshot(snapshot: VmSnapshot): void {
  meters['seed-2018'].observe(snapshot);
  meters['azure-2023'].observe(snapshot);
  if (previous) unshownLog.push(...changesBetween(previous, snapshot, simulatedTime(snapshot, snapshot.context.now)));
  previous = snapshot;
  render(snapshot);
}

function send(control: OperationControl): void {
  const alert = byId('rejection');
  if (!control.allowed && control.refusal) {
    // Not sent: Azure would refuse it, so the page shows the answer instead.
    alert.textContent = refusalText(control.refusal);
    alert.className = control.refusal.kind === 'ignored' ? 'alert info' : 'alert';
    addLog(control.refusal.kind === 'ignored' ? 'ignored' : 'rejected', `${control.operation} not sent — ${refusalText(control.refusal)}`);
    return;
  }
  alert.textContent = '';
  sendEvent(control.event, control.operation);
}

function sendEvent(event: VmEvent, name: string): void {
  addLog('sent', name);
  actor.send(event);
  driver.afterAction();
}

// ---- rendering -------------------------------------------------------------------------------

const buttons = new Map<string, HTMLButtonElement>();

function renderButtons(snapshot: VmSnapshot): void {
  const host = byId('operations');
  for (const control of operationControls(snapshot)) {
    let button = buttons.get(control.key);
    if (!button) {
      button = document.createElement('button');
      button.type = 'button';
      button.dataset.operation = control.key;
      button.dataset.source = control.source;
      button.textContent = control.label;
      button.addEventListener('click', () => {
        // Read the controls at click time: the snapshot may have moved on since rendering.
        const current = operationControls(actor.getSnapshot()).find((candidate) => candidate.key === control.key);
        if (current) send(current);
      });
      host.append(button);
      buttons.set(control.key, button);
    }
    setAttribute(button, 'aria-label', control.accessibleName);
    // aria-disabled, not disabled: the button stays focusable and clickable to explain itself.
    setAttribute(button, 'aria-disabled', String(!control.allowed));
    setAttribute(button, 'title', control.refusal ? refusalText(control.refusal) : control.accessibleName);
  }
}

/**
 * Shows a snapshot. What a user acts on (buttons, instance view, power line, billing badge) is
 * written at once; the heavy panels wait for the next frame, so a burst of snapshots (a timer
 * cascade, instant speed) writes them once. Nothing here reads layout: each read would force the
 * whole page's layout between writes.
 */
function render(snapshot: VmSnapshot): void {
  renderButtons(snapshot);
  const view = instanceViewPanel(snapshot);
  setText(byId('instance-view'), view.json);
  setText(byId('instance-view-status'), view.status === 404 ? 'GET …/instanceView → 404' : 'GET …/instanceView → 200');
  setText(byId('power-state'), powerStateLine(snapshot));
  renderBilling(snapshot);
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
  const snapshot = actor.getSnapshot();
  renderHistory(snapshot);
  renderLog();
  setText(byId('faults'), snapshot.context.faults.length > 0 ? snapshot.context.faults.join(', ') : 'none');
  const { settings } = snapshot.context;
  setText(
    byId('vm-summary'),
    `${settings.name} · ${settings.resourceGroup} · ${settings.image} ${settings.osType} · ${settings.priority}${settings.hibernationEnabled ? ' · hibernation enabled' : ''}`,
  );
  chart?.setTimers(chartTimers(snapshot, elapsed()));
  followActive();
}

/** Writes only what changed: an unchanged write still queues mutation records and restyles. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

function setAttribute(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function renderBilling(snapshot: VmSnapshot): void {
  const billing = billingPanel(snapshot, table);
  const badge = byId('billing-badge');
  setText(badge, billing.text);
  setAttribute(badge, 'data-state', billing.state);
  setAttribute(byId('billing'), 'data-state', billing.state);
  setText(byId('billing-table'), `per ${billing.tableTitle}`);
  setText(byId('billing-reason'), billing.reason);
}

function renderMeter(): void {
  setText(byId('meter'), meterText(meters[table].read(Math.max(0, elapsed())), pricePerHour));
}

// The rows come from the history and the operation in progress; rebuilt only when either changes.
let shownHistory: { history: unknown; operation: unknown } | undefined;

function renderHistory(snapshot: VmSnapshot): void {
  const { history, operation } = snapshot.context;
  if (shownHistory?.history === history && shownHistory.operation === operation) return;
  shownHistory = { history, operation };
  const rows = operationRows(snapshot).map((row) => {
    const tr = document.createElement('tr');
    tr.dataset.operationId = row.id;
    const cells = [row.name, row.status, row.startTime.slice(11, 19), row.endTime?.slice(11, 19) ?? '—'];
    cells.forEach((text, index) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (index === 2) td.title = row.startTime;
      if (index === 3 && row.endTime) td.title = row.endTime;
      if (index === 1) {
        td.className = 'status';
        td.dataset.status = row.status;
        if (row.error) td.title = row.error;
      }
      if (index >= 2) td.className = 'when';
      tr.append(td);
    });
    return tr;
  });
  byId('history').replaceChildren(...rows);
}

/** Puts the new entries on top and drops the oldest beyond the limit; the rest stay as they are. */
function renderLog(): void {
  if (unshownLog.length === 0) return;
  const list = byId('log');
  const fresh = document.createDocumentFragment();
  // Newest first, and no more than the list keeps.
  for (const entry of unshownLog.slice(-LOG_LIMIT).reverse()) {
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
  unshownLog.length = 0;
  list.prepend(fresh);
  while (list.childElementCount > LOG_LIMIT) list.lastElementChild?.remove();
}

// ---- controls that are not operations --------------------------------------------------------

function setupTime(): void {
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
    button.textContent = speed === 'instant' ? 'Instant' : `${speed}×`;
    button.addEventListener('click', () => setSpeed(speed));
    group.append(button);
  }
  setSpeed(driver.speed);
  const pause = byId<HTMLButtonElement>('pause');
  const showPaused = (): void => {
    pause.setAttribute('aria-pressed', String(driver.paused));
    pause.textContent = driver.paused ? 'Resume' : 'Pause';
  };
  pause.addEventListener('click', () => {
    driver.paused = !driver.paused;
    showPaused();
  });
  driver.paused = startPaused;
  showPaused();
  byId('skip').addEventListener('click', () => {
    if (!driver.skipToNext()) addLog('ignored', 'No timer is pending.');
  });
  pageApi.setSpeed = setSpeed;

  let last = performance.now();
  const frame = (time: number): void => {
    driver.frame(time - last);
    last = time;
    byId('clock').textContent = `${now().slice(0, 19).replace('T', ' ')}  +${Math.floor(elapsed() / 1000)} s`;
    renderMeter();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function setupBilling(): void {
  const group = byId('tables');
  for (const option of ['seed-2018', 'azure-2023'] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.table = option;
    button.textContent = BILLING_BY_TABLE[option];
    button.addEventListener('click', () => {
      table = option;
      for (const other of group.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other.dataset.table === table));
      render(actor.getSnapshot());
      renderPanels();
      renderMeter();
    });
    group.append(button);
  }
  group.querySelector<HTMLButtonElement>('button[data-table="seed-2018"]')?.setAttribute('aria-pressed', 'true');
  group.querySelector<HTMLButtonElement>('button[data-table="azure-2023"]')?.setAttribute('aria-pressed', 'false');
  const price = byId<HTMLInputElement>('price');
  price.addEventListener('input', () => {
    const value = Number(price.value);
    if (!Number.isFinite(value) || value < 0) return;
    pricePerHour = value;
    for (const meter of Object.values(meters)) meter.setPricePerHour(value);
    renderMeter();
  });
}

function setupFaults(): void {
  const select = byId<HTMLSelectElement>('fault');
  for (const code of FAULT_CODES) select.append(new Option(code, code));
  byId('arm').addEventListener('click', () => {
    const code = select.value;
    if (isFaultCode(code)) sendEvent({ type: 'fault.arm', code }, `fault.arm ${code}`);
  });
  byId('clear-faults').addEventListener('click', () => sendEvent({ type: 'fault.clear' }, 'fault.clear'));
}

function readFields(form: HTMLFormElement): NewVmFields {
  const data = new FormData(form);
  const text = (name: string, fallback: string): string => {
    const value = data.get(name);
    return typeof value === 'string' ? value : fallback;
  };
  return {
    name: text('name', DEFAULT_FIELDS.name),
    image: text('image', DEFAULT_FIELDS.image) === 'specialized' ? 'specialized' : 'generalized',
    osType: text('osType', DEFAULT_FIELDS.osType) === 'Windows' ? 'Windows' : 'Linux',
    hibernationEnabled: data.get('hibernationEnabled') !== null,
    spot: data.get('spot') !== null,
    evictionPolicy: text('evictionPolicy', DEFAULT_FIELDS.evictionPolicy) === 'Delete' ? 'Delete' : 'Deallocate',
  };
}

function setupNewVm(): void {
  const form = byId<HTMLFormElement>('new-vm');
  const nameError = byId('vm-name-error');
  const formError = byId('vm-form-error');
  const nameInput = byId<HTMLInputElement>('vm-name');
  const check = (): ReturnType<typeof newVmInput> => {
    const result = newVmInput(readFields(form));
    nameError.textContent = !result.ok && result.field === 'name' ? result.message : '';
    formError.textContent = !result.ok && result.field !== 'name' ? result.message : '';
    nameInput.setAttribute('aria-invalid', String(!result.ok && result.field === 'name'));
    return result;
  };
  form.addEventListener('input', () => check());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = check();
    if (!result.ok) {
      (result.field === 'name' ? nameInput : byId<HTMLButtonElement>('create-vm')).focus();
      return;
    }
    pageApi.createVm(result.input);
  });
}

let followedStates = '';

/**
 * Scrolls the chart to the active states of both regions when they have moved out of view (and
 * "Follow" is on), or always when `force`. Reads only the layout's boxes and the frame's scroll
 * position, once per frame at most: it runs with the heavy panels.
 */
function followActive(force = false): void {
  const layout = chart?.layout;
  if (!zoom || !layout) return;
  const active = [...byId('chart-viewport').querySelectorAll('.xc-atomic[data-active="true"], .xc-final[data-active="true"]')].map(
    (node) => node.getAttribute('data-state-id') ?? '',
  );
  const key = active.join(' ');
  if (!force && (key === followedStates || !byId<HTMLInputElement>('follow').checked)) return;
  followedStates = key;
  const boxes = active.map((id) => layout.nodes[id]).filter((box) => box !== undefined);
  if (boxes.length === 0) return;
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  const box = { x: left, y: top, width: right - left, height: bottom - top };
  if (force || !boxes.every((each) => zoom?.shows(each))) zoom.reveal(box);
}

function setupChartFrame(handle: ChartHandle): void {
  const viewport = byId('chart-viewport');
  const info = byId('state-info');
  const level = byId('zoom-level');
  void handle.ready.then(() => {
    const svg = viewport.querySelector('svg');
    const layout = handle.layout;
    if (!svg || !layout) return;
    zoom = attachZoom(viewport, svg, layout, (scale) => {
      level.textContent = `${Math.round(scale * 100)} %`;
    });
    // Open on what matters: the active state of each region, at 1:1.
    followActive(true);
  });
  byId('zoom-in').addEventListener('click', () => zoom?.setScale(zoom.scale * ZOOM_STEP));
  byId('zoom-out').addEventListener('click', () => zoom?.setScale(zoom.scale / ZOOM_STEP));
  byId('zoom-reset').addEventListener('click', () => zoom?.setScale(1));
  byId('zoom-fit').addEventListener('click', () => zoom?.fit());
  const describe = (event: Event): void => {
    const target = (event.target as Element | null)?.closest?.('[data-state-id]');
    const id = target?.getAttribute('data-state-id');
    const node = id ? handle.graph.nodes.find((candidate) => candidate.id === id) : undefined;
    if (!node) return;
    info.replaceChildren();
    const name = document.createElement('strong');
    name.textContent = node.id;
    info.append(name, ` — ${node.description ?? 'no description'}`);
  };
  viewport.addEventListener('pointerover', describe);
  viewport.addEventListener('focusin', describe);
}

// ---- start -----------------------------------------------------------------------------------

const pageApi: VmPage = {
  get actor() {
    return actor;
  },
  get clock() {
    return clock;
  },
  get chart() {
    if (!chart) throw new Error('the chart is not mounted yet');
    return chart;
  },
  ready: Promise.resolve(),
  elapsed,
  setSpeed: () => {},
  createVm(input) {
    const next = createVm(input);
    byId('rejection').textContent = '';
    chart?.attach(next);
    render(next.getSnapshot());
    renderPanels();
    driver.afterAction();
  },
  mountChart,
  xstate: { createMachine, setup, and, or, not, stateIn },
};

const first = createVm({ name: DEFAULT_FIELDS.name });
chart = mountChart(byId('chart'), {
  actor: first,
  layout: { thread },
  ...(precomputed ? { precomputed } : {}),
  now: () => elapsed(),
});
pageApi.ready = chart.ready.then(() => {
  render(first.getSnapshot());
  renderPanels();
});
setupChartFrame(chart);
setupTime();
setupBilling();
setupFaults();
setupNewVm();
render(first.getSnapshot());
renderPanels();
window.vmPage = pageApi;
