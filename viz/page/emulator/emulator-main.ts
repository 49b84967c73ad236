/**
 * The live page in emulator mode (served by `azure-vm-lifecycle serve` at `/`): every VM of the
 * emulator, and the selected one's chart, instance view and requests, pushed by the server's
 * feed as your code drives them. Glue only: `emulator-feed.ts` decides what to show.
 */
import { createActor } from 'xstate';
import { VirtualClock, vmMachine } from 'azure-vm-lifecycle';
import vmChartLayout from 'virtual:vm-chart-layout';
import { mountChart, type ChartHandle } from 'azure-vm-lifecycle/viz';
import { chartTimers } from '../vm-connect.js';
import { byId } from '../page-dom.js';
import { instanceViewText, requestLine, selectedVm, vmRows, type FeedRequest, type FeedSnapshot, type FeedVm } from './emulator-feed.js';

/** What tests reach for. */
export interface EmulatorPage {
  /** Resolves once the chart is drawn. */
  ready: Promise<void>;
  /** The resource id shown, if any. */
  readonly selected: string | undefined;
  /** How many snapshots of the selected VM were shown. */
  readonly updates: number;
}

declare global {
  interface Window {
    /** The emulator page, for tests. */
    emulatorPage?: EmulatorPage;
  }
}

const params = new URLSearchParams(location.search);
const token = params.get('token');
let wanted = params.get('vm');
let vms: FeedVm[] = [];
let selected: string | undefined;
let feed: EventSource | undefined;
let updates = 0;

// The chart follows snapshots from the server: its own actor never runs (a clock nobody moves).
const idle = createActor(vmMachine, { clock: new VirtualClock(), input: {} }).start();
const chart: ChartHandle = mountChart(byId('chart'), { actor: idle, precomputed: vmChartLayout });

function connect(vm: string | undefined): void {
  feed?.close();
  const query = new URLSearchParams();
  if (vm) query.set('vm', vm);
  if (token) query.set('token', token);
  feed = new EventSource(`./_emulator/events?${query.toString()}`);
  selected = vm;
  setText(byId('selected-name'), vm ? vm.split('/').at(-1) ?? '' : '');
  byId('requests').replaceChildren();
  setText(byId('instance-view'), '');
  feed.addEventListener('open', () => setText(byId('connection'), 'Connected: the page follows the emulator live.'));
  feed.addEventListener('error', () => setText(byId('connection'), 'Disconnected from the emulator; retrying…'));
  feed.addEventListener('vms', (message) => showVms(JSON.parse((message as MessageEvent<string>).data) as FeedVm[]));
  feed.addEventListener('vm', (message) => showSnapshot((JSON.parse((message as MessageEvent<string>).data) as { snapshot: FeedSnapshot }).snapshot));
  feed.addEventListener('request', (message) => showRequest(JSON.parse((message as MessageEvent<string>).data) as FeedRequest));
}

function showVms(next: FeedVm[]): void {
  vms = next;
  const rows = vmRows(vms);
  setText(byId('vm-count'), `(${rows.length})`);
  byId('vms-empty').hidden = rows.length > 0;
  const body = byId('vm-rows');
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      tr.setAttribute('aria-selected', String(row.id === selected));
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'select';
      button.textContent = row.id;
      button.addEventListener('click', () => {
        wanted = row.id;
        connect(row.id);
      });
      const cell = document.createElement('td');
      cell.append(button);
      tr.append(cell, ...[row.power, row.provisioning, row.billed].map((text) => {
        const td = document.createElement('td');
        td.textContent = text;
        return td;
      }));
      return tr;
    }),
  );
  const shown = selectedVm(vms, wanted ?? null);
  if (shown?.id !== selected && (selected === undefined || !vms.some((vm) => vm.id === selected))) connect(shown?.id);
}

function showSnapshot(fed: FeedSnapshot): void {
  const snapshot = vmMachine.resolveState({ value: fed.value as never, context: fed.context });
  chart.update(snapshot);
  chart.setTimers(chartTimers(fed as never, fed.context.now));
  setText(byId('instance-view'), instanceViewText(fed));
  updates += 1;
}

function showRequest(request: FeedRequest): void {
  const line = requestLine(request);
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.dateTime = request.time;
  time.textContent = `${line.time} `;
  const status = document.createElement('span');
  status.className = 'status-code';
  status.dataset.ok = String(line.ok);
  status.textContent = ` → ${line.status}`;
  item.append(time, line.text, status);
  const list = byId('requests');
  list.prepend(item);
  while (list.childElementCount > 300) list.lastElementChild?.remove();
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

connect(wanted ?? undefined);
window.emulatorPage = {
  ready: chart.ready,
  get selected() {
    return selected;
  },
  get updates() {
    return updates;
  },
};
