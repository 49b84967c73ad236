/**
 * The live page in emulator mode (served by `azure-vm-lifecycle serve` at `/`): every VM of the
 * emulator, and the selected one's chart, instance view and requests, pushed by the server's
 * feed as your code drives them. Glue only: `emulator-feed.ts` decides what to show.
 */
import { createActor } from 'xstate';
import { VirtualClock, vmMachine } from 'azure-vm-lifecycle';
import vmChartLayout, { lessonLayouts } from 'virtual:vm-chart-layout';
import { mountChart, type ChartHandle, type ChartViewKind } from 'azure-vm-lifecycle/viz';
import type { BillingTable } from 'azure-vm-lifecycle';
import { setupChartPanel } from '../chart-panel.js';
import { lessonWords } from '../chart-words.js';
import { chooseLanguage, LANGUAGE_CODES, message, translator, type Translator } from '../i18n/index.js';
import { applyTexts } from '../i18n-dom.js';
import { setupLanguagePanel } from '../language-panel.js';
import { bindToast } from '../toast.js';
import { byId, keepInAddress, setText } from '../page-dom.js';
import { chartTimers } from '../vm-connect.js';
import { instanceViewText, requestLine, selectedVm, vmRows, type FeedRequest, type FeedSnapshot, type FeedVm, type VmRow } from './emulator-feed.js';

/** What tests reach for. */
export interface EmulatorPage {
  /** Resolves once the chart is drawn. */
  ready: Promise<void>;
  /** The resource id shown, if any. */
  readonly selected: string | undefined;
  /** How many snapshots of the selected VM were shown. */
  readonly updates: number;
  /** How many times the feed (re)connected. */
  readonly connections: number;
}

declare global {
  interface Window {
    /** The emulator page, for tests. */
    emulatorPage?: EmulatorPage;
  }
}

type Connection = 'connecting' | 'connected' | 'disconnected';

const params = new URLSearchParams(location.search);
const token = params.get('token');
let wanted = params.get('vm');
let vms: FeedVm[] = [];
let selected: string | undefined;
let feed: EventSource | undefined;
let updates = 0;
/** Whether the feed said the watched VM was deleted. */
let watchedRemoved = false;
let connections = 0;
let connection: Connection = 'connecting';

const chosen = chooseLanguage(params.get('lang'), navigator.languages);
let t: Translator = translator(chosen.language);

const VIEWS: readonly ChartViewKind[] = ['lesson', 'full'];
const askedView = params.get('view');
// The lesson is the default, as on the VM page; `?view=full` shows every state and transition.
let chartView: ChartViewKind = VIEWS.find((view) => view === askedView) ?? 'lesson';
/** The snapshot last fed for the selected VM, drawn again when the chart is mounted anew. */
let lastFed: FeedSnapshot | undefined;
/** The billing table of the selected VM: the lesson marks each power state billed or not by it. */
const tableOf = (): BillingTable => lastFed?.context.settings.billing ?? 'seed-2018';

// The chart follows snapshots from the server: its own actor never runs (a clock nobody moves).
const idle = createActor(vmMachine, { clock: new VirtualClock(), input: {} }).start();
let chart: ChartHandle | undefined;
const chartPanel = setupChartPanel({
  t: () => t,
  table: tableOf,
  onView(view) {
    if (view === chartView) return;
    chartView = view;
    keepInAddress('view', view);
    foldForLesson();
    mountVmChart();
  },
});

/** Shows or folds the requests and instance view ("Panels"). */
function setPanels(open: boolean): void {
  byId('side-toggle').setAttribute('aria-expanded', String(open));
  byId('side').hidden = !open;
  document.body.dataset.panels = String(open);
}
// The frame changes size as the panels fold, the VM list grows or the window is resized: the
// lesson is fitted to it again (the full machine shows the active states again).
let refit = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(refit);
  refit = requestAnimationFrame(() => chartPanel.follow(true));
}).observe(byId('chart-viewport'));
byId('side-toggle').addEventListener('click', () => setPanels(byId('side-toggle').getAttribute('aria-expanded') !== 'true'));
// The lesson takes the page's width on a screen too narrow for it beside the panels, as on the VM page.
const foldForLesson = (): void => {
  if (innerWidth < 1700) setPanels(chartView !== 'lesson');
};
foldForLesson();

/** Mounts the chart in the chosen view and language, replacing the one drawn, showing the last snapshot. */
function mountVmChart(): ChartHandle {
  chart?.destroy();
  const lesson = chartView === 'lesson';
  const mounted = mountChart(byId('chart'), {
    actor: idle,
    precomputed: lesson ? lessonLayouts[t.language] : vmChartLayout,
    view: chartView,
    lesson: lessonWords(t.language, tableOf()),
  });
  chart = mounted;
  document.body.dataset.chartView = chartView;
  chartPanel.attach(mounted);
  void mounted.ready.then(() => {
    if (chart === mounted && lastFed) showSnapshot(lastFed, false);
  });
  return mounted;
}

function connect(vm: string | undefined): void {
  feed?.close();
  const query = new URLSearchParams();
  if (vm) query.set('vm', vm);
  if (token) query.set('token', token);
  const source = new EventSource(`./_emulator/events?${query.toString()}`);
  feed = source;
  selected = vm;
  watchedRemoved = false;
  byId('chart-panel').dataset.empty = String(vm === undefined);
  setText(byId('selected-name'), vm ? (vm.split('/').at(-1) ?? '') : '');
  clearRequests();
  setText(byId('instance-view'), '');
  source.addEventListener('open', () => {
    connections += 1;
    // The server sends the VM's snapshot and its logged requests again on every (re)connection.
    clearRequests();
    showConnection('connected');
  });
  source.addEventListener('error', () => showConnection('disconnected'));
  source.addEventListener('vms', (event) => showVms(JSON.parse((event as MessageEvent<string>).data) as FeedVm[]));
  source.addEventListener('vm', (event) => showSnapshot((JSON.parse((event as MessageEvent<string>).data) as { snapshot: FeedSnapshot }).snapshot));
  // Deleted: a VM of the same id created later is another VM, watched anew.
  source.addEventListener('removed', () => (watchedRemoved = true));
  source.addEventListener('request', (event) => showRequest(JSON.parse((event as MessageEvent<string>).data) as FeedRequest));
}

function showConnection(state: Connection): void {
  connection = state;
  const element = byId('connection');
  element.dataset.state = state;
  // What the page shows is the emulator as it last was: dimmed while it is away.
  document.body.dataset.connection = state;
  setText(element, t(`emulator.${state}`));
}

function showVms(next: FeedVm[]): void {
  vms = next;
  const rows = vmRows(vms);
  setText(byId('vm-count'), `(${rows.length})`);
  byId('vms-empty').hidden = rows.length > 0;
  byId('vm-rows').replaceChildren(...rows.map(rowOf));
  if (selected !== undefined && !watchedRemoved && vms.some((vm) => vm.id === selected)) return;
  // The VM shown is gone (or was never there): show the one asked for, else the first, else none.
  const shown = selectedVm(vms, wanted);
  if (shown?.id !== selected || watchedRemoved) connect(shown?.id);
}

function rowOf(row: VmRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.id = row.id;
  tr.setAttribute('aria-selected', String(row.id === selected));
  if (row.busy) tr.dataset.busy = 'true';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'select';
  button.title = row.id;
  // The id in full, muted, its VM's name standing out; it may wrap only after a slash.
  const prefix = row.id.slice(0, row.id.length - row.name.length);
  for (const part of prefix.split(/(?<=\/)/)) button.append(part, document.createElement('wbr'));
  const name = document.createElement('strong');
  name.textContent = row.id.slice(prefix.length);
  button.append(name);
  button.addEventListener('click', () => select(row.id));
  const cells = [button, code(row.power, 'power'), code(row.provisioning, 'provisioning'), billedBadge(row), code(row.operation, 'operation')];
  tr.append(
    ...cells.map((content) => {
      const td = document.createElement('td');
      td.append(content);
      return td;
    }),
  );
  return tr;
}

function code(text: string, kind: string): HTMLElement {
  const element = document.createElement('code');
  element.className = kind;
  element.textContent = text;
  return element;
}

function billedBadge(row: VmRow): HTMLElement {
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.dataset.state = row.billed;
  badge.textContent = t(row.billed === 'billed' ? 'billing.billed' : row.billed === 'not-billed' ? 'billing.notBilled' : 'billing.unknown');
  return badge;
}

/** Shows another VM, and keeps it in the address so a reload shows it too. */
function select(id: string): void {
  wanted = id;
  keepInAddress('vm', id);
  connect(id);
  for (const tr of byId('vm-rows').querySelectorAll('tr')) tr.setAttribute('aria-selected', String(tr.dataset.id === id));
}

function showSnapshot(fed: FeedSnapshot, counted = true): void {
  const tableChanged = lastFed !== undefined && lastFed.context.settings.billing !== fed.context.settings.billing;
  lastFed = fed;
  // Another VM may bill by the other table: the lesson's marks follow it.
  if (tableChanged && chartView === 'lesson') mountVmChart();
  const snapshot = vmMachine.resolveState({ value: fed.value as never, context: fed.context });
  chart?.update(snapshot);
  chart?.setTimers(chartTimers(fed as never, fed.context.now));
  chartPanel.follow();
  setText(byId('instance-view'), instanceViewText(fed));
  if (counted) updates += 1;
}

function clearRequests(): void {
  byId('requests').replaceChildren();
  byId('requests-empty').hidden = selected === undefined;
}

function showRequest(request: FeedRequest): void {
  const line = requestLine(request);
  const item = document.createElement('li');
  item.title = `${request.method} ${request.url} → ${line.status} (${request.ms.toFixed(1)} ms)`;
  const time = document.createElement('time');
  time.dateTime = request.time;
  time.textContent = line.time;
  const method = document.createElement('span');
  method.className = 'method';
  method.textContent = line.method;
  const target = document.createElement('span');
  target.className = 'target';
  target.textContent = line.target;
  const status = document.createElement('span');
  status.className = 'status-code';
  status.dataset.ok = String(line.ok);
  status.textContent = line.status;
  item.append(time, method, target, status);
  const list = byId('requests');
  list.prepend(item);
  byId('requests-empty').hidden = true;
  while (list.childElementCount > 300) list.lastElementChild?.remove();
}

// A language the page does not speak is said so, in the language shown instead.
const notice = bindToast('notice', 'notice-text', 'notice-close');
const notices = [
  ...(chosen.unknown === undefined ? [] : [message('link.langUnknown', { lang: chosen.unknown, langs: LANGUAGE_CODES.join(', ') })]),
  ...(askedView !== null && askedView !== chartView ? [message('link.viewUnknown', { view: askedView, views: VIEWS.join(', ') })] : []),
];
const noticeText = (): string => notices.map((each) => t.text(each)).join(' ');

function setLanguage(language: typeof chosen.language): void {
  const changed = language !== t.language;
  t = translator(language);
  applyTexts(document, t);
  // The lesson's names are in the page's language.
  if (chart === undefined || changed) mountVmChart();
  if (notices.length > 0 && notice.shown) notice.show(noticeText());
  showConnection(connection);
  showVms(vms);
  renderLanguages(language);
}

const renderLanguages = setupLanguagePanel(chosen.language, setLanguage);
if (notices.length > 0) notice.show(noticeText());
setLanguage(chosen.language);
connect(wanted ?? undefined);
window.emulatorPage = {
  get ready() {
    return chart?.ready ?? Promise.resolve();
  },
  get selected() {
    return selected;
  },
  get updates() {
    return updates;
  },
  get connections() {
    return connections;
  },
};
