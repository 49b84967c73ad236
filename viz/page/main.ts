/**
 * The VM page: one VM's run on a virtual clock, its chart, buttons for every operation, the panels
 * Azure would show, time travel, scenarios, links and two languages. Glue only: time travel
 * (`time-travel.ts`) holds the run; each panel module binds its part of the page; the pure modules
 * decide what to show; this file wires them and tells the panels when to draw.
 */
import { and, createMachine, not, or, setup, stateIn } from 'xstate';
import { vmMachine, type VirtualClock, type VmEvent, type VmInput, type VmSnapshot } from 'azure-vm-lifecycle';
import { toMermaid } from 'azure-vm-lifecycle/mermaid';
import { mountChart, type ChartEdge, type ChartHandle, type ChartViewKind } from 'azure-vm-lifecycle/viz';
import vmChartLayout, { lessonLayouts } from 'virtual:vm-chart-layout';
import { createBillingPanel } from './billing-panel.js';
import { setupChartPanel, type ChartPanel } from './chart-panel.js';
import { embedMode, setupExportPanel } from './export-panel.js';
import { lessonWords } from './chart-words.js';
import { operationControls, type OperationControl } from './controls.js';
import { createFaultsPanel } from './faults-panel.js';
import { createHistoryPanel } from './history-panel.js';
import { chooseLanguage, LANGUAGE_CODES, message, translator, type Language, type Message, type Translator } from './i18n/index.js';
import { applyTexts } from './i18n-dom.js';
import { renderInstanceView } from './instance-view-panel.js';
import { setupLanguagePanel } from './language-panel.js';
import { setupLayoutPanel } from './layout-panel.js';
import { readOpenRequest, setupLinkPanel } from './link-panel.js';
import { createLogPanel } from './log-panel.js';
import { DEFAULT_FIELDS } from './new-vm-form.js';
import { setupNewVmPanel } from './new-vm-panel.js';
import { createOperationsPanel } from './operations-panel.js';
import { byId, setText } from './page-dom.js';
import { createScenarioPanel } from './scenario-panel.js';
import { createTimeDriver, SPEEDS, type Speed } from './time-driver.js';
import { setupTimePanel } from './time-panel.js';
import { createTimeTravel, type TimeTravel } from './time-travel.js';
import { bindToast } from './toast.js';
import { createTravelPanel } from './travel-panel.js';
import { chartTimers } from './vm-connect.js';
import { pinStartTime, type VmActor } from './vm-run.js';
import { summaryWords } from './vm-words.js';

/** What tests and benchmarks reach for. */
export interface VmPage {
  /** The VM actor shown now: the present, or the past one time travel shows. */
  readonly actor: VmActor;
  /** Its virtual clock. */
  readonly clock: VirtualClock;
  /** The page's time travel: the run, its log, the instant shown. */
  readonly travel: TimeTravel;
  /** The chart. */
  readonly chart: ChartHandle;
  /** Resolves once the chart is drawn. */
  ready: Promise<void>;
  /** Elapsed simulated ms since the shown VM's start. */
  elapsed(): number;
  /** Sets the speed of simulated time. */
  setSpeed(speed: Speed): void;
  /** Creates a new VM (a new run, replacing the current one) with this input. */
  createVm(input: VmInput): void;
  /** Shows the page in a language. */
  setLanguage(language: Language): void;
  /** Shows the chart in a view, as the view switch does (kept in the address). */
  setView(view: ChartViewKind): void;
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
// `?layout=compute` ignores the build-time layouts and lays out in the browser, as other machines do.
const computeLayout = params.get('layout') === 'compute';
const VIEWS: readonly ChartViewKind[] = ['lesson', 'full'];
const askedView = params.get('view');
// The lesson is the page's default: the lifecycle as it is taught.
let chartView: ChartViewKind = VIEWS.find((view) => view === askedView) ?? 'lesson';

// ---- language --------------------------------------------------------------------------------

const chosen = chooseLanguage(params.get('lang'), navigator.languages);
let t: Translator = translator(chosen.language);
const words = (): Translator => t;
const notice = bindToast('notice', 'notice-text', 'notice-close');
let noticeMessage: Message | undefined;
const showNotice = (shown: Message): void => {
  noticeMessage = shown;
  notice.show(t.text(shown));
};
if (chosen.unknown !== undefined) showNotice(message('link.langUnknown', { lang: chosen.unknown, langs: LANGUAGE_CODES.join(', ') }));
if (askedView !== null && askedView !== chartView) showNotice(message('link.viewUnknown', { view: askedView, views: VIEWS.join(', ') }));

// ---- the run ---------------------------------------------------------------------------------

const travel = createTimeTravel(pinStartTime({ name: DEFAULT_FIELDS.name }));
const elapsed = (): number => travel.shown.vm.clock.now();

// The driver steps the present's clock, and nothing while the past is shown.
const driver = createTimeDriver(
  {
    advance: (ms) => (travel.position === null ? travel.present.vm.clock.advance(ms) : undefined),
    advanceToNext: () => travel.position === null && travel.present.vm.clock.advanceToNext(),
    runUntilIdle: (limit) => (travel.position === null ? travel.present.vm.clock.runUntilIdle(limit) : 0),
    nextDueAt: () => (travel.position === null ? travel.present.vm.clock.nextDueAt() : null),
  },
  initialSpeed,
);

/** Sends an event to the VM; from the past, the run forks there first. */
function sendEvent(event: VmEvent): void {
  if (travel.position !== null) travel.continueHere();
  travel.present.vm.actor.send(event);
  driver.afterAction();
}

// ---- panels ----------------------------------------------------------------------------------

const log = createLogPanel({ t: words, select: (instant) => travel.restore(instant) });
const operations = createOperationsPanel({
  snapshot: () => travel.shown.snapshot(),
  sendEvent,
  log: (line) => travel.note(line),
  t: words,
  hover: (control) => chart?.highlight(control ? (edge) => controlOf(edge)?.key === control.key : null),
  controls: (snapshot) => controlsOf(snapshot),
});
const billing = createBillingPanel({
  meters: () => travel.shown.meters,
  t: words,
  onTableChange() {
    // The lesson marks each power state billed or not, per the table.
    if (chartView === 'lesson') mountVmChart();
    render(travel.shown.snapshot());
    renderPanels();
  },
});
const renderHistory = createHistoryPanel();
const renderFaults = createFaultsPanel(sendEvent);
const renderTravel = createTravelPanel({ travel, t: words, continueHere: () => travel.continueHere() });
let chart: ChartHandle | undefined;
let chartPanel: ChartPanel | undefined;

// The operation buttons of the shown snapshot, computed once per snapshot for the chart's labels.
let controlsFor: { snapshot: VmSnapshot; t: Translator; controls: OperationControl[] } | undefined;
function controlsOf(snapshot: VmSnapshot): OperationControl[] {
  if (controlsFor?.snapshot !== snapshot || controlsFor.t !== t) controlsFor = { snapshot, t, controls: operationControls(snapshot, t) };
  return controlsFor.controls;
}
const currentControls = (): OperationControl[] => controlsOf(travel.shown.snapshot());

/**
 * The operation button an arrow of the chart stands for: the one sending the arrow's event,
 * told apart by the transition's `meta.operation` where one event is two operations
 * (deallocate and hibernate).
 */
function controlOf(edge: ChartEdge): OperationControl | undefined {
  if (edge.kind !== 'event') return undefined;
  const candidates = currentControls().filter((control) => control.event.type === edge.eventType);
  const operation = edge.meta?.['operation'];
  return candidates.find((control) => control.key === operation) ?? candidates.find((control) => !Object.keys(control.event).some((key) => key !== 'type'));
}
let timePanel: ReturnType<typeof setupTimePanel> | undefined;
let exportPanel: ReturnType<typeof setupExportPanel> | undefined;
const scenarios = createScenarioPanel({
  travel,
  t: words,
  billing: () => ({ table: billing.table, pricePerHour: billing.pricePerHour }),
  pause: () => timePanel?.setPaused(true),
});
setupLinkPanel({ travel, scenarios, t: words });

/**
 * Shows a snapshot. What a user acts on (buttons, instance view, power line, billing badge, the
 * status line) is written at once; the heavy panels wait for the next frame, so a burst of
 * snapshots (a timer cascade, instant speed) writes them once. Nothing here reads layout.
 */
function render(snapshot: VmSnapshot): void {
  operations.render(snapshot);
  chart?.markAvailable((edge) => controlOf(edge)?.allowed);
  renderInstanceView(snapshot);
  billing.render(snapshot);
  renderTravel();
  schedulePanels();
}

let panelsFrame = 0;

function schedulePanels(): void {
  panelsFrame ||= requestAnimationFrame(renderPanels);
}

/** Writes the heavy panels from the shown snapshot; cancels a pending frame when called directly. */
function renderPanels(): void {
  if (panelsFrame) cancelAnimationFrame(panelsFrame);
  panelsFrame = 0;
  const snapshot = travel.shown.snapshot();
  renderHistory(snapshot);
  log.render();
  const instants = travel.instants();
  log.mark(travel.position ?? travel.present.now(), instants[travel.currentIndex()]);
  renderFaults(snapshot, t);
  setText(byId('vm-summary'), t.text(summaryWords(snapshot)));
  chart?.setTimers(chartTimers(snapshot, elapsed()));
  chartPanel?.follow();
  if (scenarios.open) scenarios.render();
}

/** Everything again: another VM is shown, or another language. */
function renderAll(): void {
  render(travel.shown.snapshot());
  renderPanels();
  billing.renderMeter(elapsed());
}

travel.subscribe((change) => {
  switch (change.type) {
    case 'snapshot':
      render(change.snapshot);
      break;
    case 'log-appended':
      log.append(change.entry);
      schedulePanels();
      break;
    case 'log-replaced':
      log.replace(travel.log);
      break;
    case 'shown':
      chart?.attach(travel.shown.vm.actor);
      renderAll();
      break;
  }
});

function setLanguage(language: Language): void {
  const changed = t.language !== language;
  t = translator(language);
  controlsFor = undefined;
  // The lesson speaks the page's language.
  if (changed && chart && chartView === 'lesson') mountVmChart();
  applyTexts(document, t);
  renderLanguages(language);
  billing.renderSwitch();
  timePanel?.renderWords();
  scenarios.renderWords();
  exportPanel?.renderWords();
  log.replace(travel.log);
  if (noticeMessage && notice.shown) notice.show(t.text(noticeMessage));
  renderAll();
}
const renderLanguages = setupLanguagePanel(chosen.language, (language) => setLanguage(language));

// ---- what the address asks for ----------------------------------------------------------------

const opening = readOpenRequest(params);
if (opening.problem) showNotice(opening.problem);
let startPaused = params.has('paused');
try {
  if (opening.request.kind === 'run') {
    const { link } = opening.request;
    travel.load(link.input, link.steps, link.end);
    if (link.at) travel.restore(link.at);
    // A link shows a moment: it stays there until the reader resumes.
    startPaused = true;
  } else if (opening.request.kind === 'scenario') {
    scenarios.show(opening.request.scenario, opening.request.index);
    startPaused = true;
  }
} catch (error) {
  showNotice(message('link.invalid', { problem: String(error instanceof Error ? error.message : error) }));
}

// ---- start -----------------------------------------------------------------------------------

const pageApi: VmPage = {
  get actor() {
    return travel.shown.vm.actor;
  },
  get clock() {
    return travel.shown.vm.clock;
  },
  travel,
  get chart() {
    if (!chart) throw new Error('the chart is not mounted yet');
    return chart;
  },
  ready: Promise.resolve(),
  elapsed,
  setSpeed: () => {},
  createVm(input) {
    operations.clearAlert();
    scenarios.close();
    travel.load(pinStartTime(input));
    driver.afterAction();
  },
  setLanguage,
  setView: (view) => showView(view),
  mountChart,
  xstate: { createMachine, setup, and, or, not, stateIn },
};

/** Shows the chart in another view, as the view switch does. */
function showView(view: ChartViewKind): void {
  if (!VIEWS.includes(view)) throw new TypeError(`unknown chart view '${String(view)}': use ${VIEWS.join(' or ')}`);
  if (view === chartView) return;
  chartView = view;
  // The address keeps the view, so "Copy link" and a reload show it too.
  const url = new URL(location.href);
  url.searchParams.set('view', view);
  history.replaceState(history.state, '', url);
  foldForLesson();
  mountVmChart();
  renderAll();
}

chartPanel = setupChartPanel({
  t: words,
  table: () => billing.table,
  onView: showView,
  // Embedded, the chart is shown whole in its frame in every view, after every mount.
  fitsWhole: embedMode(params) !== undefined,
});

/** Mounts the chart of the shown VM in the chosen view, replacing the one drawn. */
function mountVmChart(): ChartHandle {
  chart?.destroy();
  const lesson = chartView === 'lesson';
  const precomputed = computeLayout ? undefined : lesson ? lessonLayouts[t.language] : vmChartLayout;
  const mounted = mountChart(byId('chart'), {
    actor: travel.shown.vm.actor,
    layout: { thread },
    ...(precomputed ? { precomputed } : {}),
    now: () => elapsed(),
    view: chartView,
    lesson: lessonWords(t.language, billing.table),
    edgeActivatable: (edge) => controlOf(edge) !== undefined,
    onEdgeActivate(edge) {
      const control = controlOf(edge);
      // The same check and toast as the buttons: a refused arrow explains Azure's answer.
      if (control) operations.send(control);
    },
  });
  chart = mounted;
  document.body.dataset.chartView = chartView;
  chartPanel?.attach(mounted);
  void mounted.ready.then(() => {
    if (chart === mounted) render(travel.shown.snapshot());
  });
  return mounted;
}

chart = mountVmChart();
pageApi.ready = chart.ready.then(
  () => {
    byId('boot').hidden = true;
    renderAll();
    // From disk, a layout computed in the browser cannot load its engine: the chart falls back to
    // a plain grid, and the page says why.
    const stats = window.__chartStats;
    if (location.protocol === 'file:' && stats?.lastEngine === 'grid' && stats.lastFallbackReason) showNotice(message('boot.layoutFromDisk'));
  },
  (error: unknown) => {
    const box = byId('boot');
    setText(box, `${t(location.protocol === 'file:' ? 'boot.file' : 'boot.failed')} (${error instanceof Error ? error.message : String(error)})`);
    box.className = 'boot failed';
    box.setAttribute('role', 'alert');
  },
);
exportPanel = setupExportPanel({ chart: () => chart, fullMermaid: () => toMermaid(vmMachine), t: words }, params);
timePanel = setupTimePanel({
  driver,
  startPaused,
  clockText: () => `${travel.shown.timeOf(elapsed()).slice(0, 19).replace('T', ' ')}  +${Math.floor(elapsed() / 1000)} s`,
  onFrame: () => billing.renderMeter(elapsed()),
  onNothingToSkip: () => travel.note({ kind: 'ignored', message: message('log.noTimer') }),
  t: words,
});
pageApi.setSpeed = timePanel.setSpeed;
setupNewVmPanel((input) => pageApi.createVm(input));
const layoutPanel = setupLayoutPanel(() => chartPanel?.follow(true));
// The lesson takes the page's width on screens too narrow for it beside the panels (the lesson
// marks billing itself; "Panels" brings the column back).
const foldForLesson = (): void => {
  if (innerWidth < 1700) layoutPanel.setPanels(chartView !== 'lesson');
};
foldForLesson();
setLanguage(chosen.language);
window.vmPage = pageApi;
