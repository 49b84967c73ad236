/**
 * The chart panel: the VM's chart in a zoomable frame, the lesson / full-machine switch, "Follow"
 * keeping the active states in view, and the description of the state under the pointer or focus
 * in a tooltip beside it, under its plain name.
 */
import { attachZoom, toLessonGraph, ZOOM_STEP, type ChartBox, type ChartHandle, type ChartNode, type ZoomControl } from 'azure-vm-lifecycle/viz';
import { lessonWords } from './chart-words.js';
import type { Translator } from './i18n/index.js';
import { byId } from './page-dom.js';

/** The smallest scale "Follow" zooms out to in the full view: names stay readable. */
export const FOLLOW_MIN_SCALE = 0.75;

/** The chart panel. */
export interface ChartPanel {
  /** Binds the panel to a newly mounted chart (after a change of view, language or billing table). */
  attach(handle: ChartHandle): void;
  /**
   * Keeps the active states in view when "Follow" is on (or always when `force`): the lesson (or
   * any view when the host {@link ChartPanelHost.fitsWhole}) is shown whole; in the full view the active states of both regions, zooming out to
   * {@link FOLLOW_MIN_SCALE} at most, else the state that just changed, centred. Reads only the
   * layout's boxes and the frame's scroll position; called with the heavy panels.
   */
  follow(force?: boolean): void;
}

/** What the panel reads from the page. */
export interface ChartPanelHost {
  /** The page's language now. */
  t(): Translator;
  /** The billing table the marks follow. */
  table(): 'seed-2018' | 'azure-2023';
  /** The view switch was pressed. */
  onView(view: 'lesson' | 'full'): void;
  /** Whether every view is shown whole, fitted to the frame (an embedded page), not only the lesson. */
  fitsWhole?: boolean;
}

/** Binds the frame's controls; {@link ChartPanel.attach} gives it each chart. */
export function setupChartPanel(host: ChartPanelHost): ChartPanel {
  const viewport = byId('chart-viewport');
  const info = byId('state-info');
  const tip = byId('state-tip');
  const level = byId('zoom-level');
  const followBox = byId<HTMLInputElement>('follow');
  let handle: ChartHandle | undefined;
  let zoom: ZoomControl | undefined;
  let followed: string[] = [];
  let names = new Map<string, string>();

  const activeLeaves = (): string[] =>
    [...viewport.querySelectorAll('.xc-atomic[data-active="true"], .xc-final[data-active="true"]')].map((node) => node.getAttribute('data-state-id') ?? '');

  const panel: ChartPanel = {
    attach(next) {
      handle = next;
      zoom?.destroy();
      zoom = undefined;
      followed = [];
      names = plainNames(next, host);
      // The legend names only the kinds of line this chart draws.
      const conditions = next.graph.edges.some((edge) => edge.kind === 'always');
      for (const item of document.querySelectorAll<HTMLElement>('.legend [data-legend-kind="always"]')) item.hidden = !conditions;
      for (const button of document.querySelectorAll<HTMLButtonElement>('[data-chart-view]')) {
        button.setAttribute('aria-pressed', String(button.dataset.chartView === next.view));
      }
      void next.ready.then(() => {
        if (handle !== next) return;
        const svg = viewport.querySelector('svg');
        const layout = next.layout;
        if (!svg || !layout) return;
        zoom = attachZoom(viewport, svg, layout, (scale) => {
          level.textContent = `${Math.round(scale * 100)} %`;
        });
        // Open on what matters: the lesson whole, or the active state of each region at 1:1.
        panel.follow(true);
      });
    },
    follow(force = false) {
      const layout = handle?.layout;
      if (!zoom || !layout || !handle) return;
      if (handle.view === 'lesson' || host.fitsWhole === true) {
        if (force) zoom.fit();
        return;
      }
      const active = activeLeaves();
      const changed = active.join(' ') !== followed.join(' ');
      if (!force && (!changed || !followBox.checked)) return;
      const moved = active.filter((id) => !followed.includes(id));
      followed = active;
      const boxes = active.map((id) => layout.nodes[id]).filter((box): box is ChartBox => box !== undefined);
      if (boxes.length === 0) return;
      if (!force && boxes.every((box) => zoom?.shows(box))) return;
      const union = unionOf(boxes);
      const margin = 24;
      const fits = (scale: number): boolean =>
        (union.width + 2 * margin) * scale <= viewport.clientWidth && (union.height + 2 * margin) * scale <= viewport.clientHeight;
      if (!fits(zoom.scale)) {
        const needed = Math.min(1, viewport.clientWidth / (union.width + 2 * margin), viewport.clientHeight / (union.height + 2 * margin));
        if (needed >= FOLLOW_MIN_SCALE) zoom.setScale(Math.floor(needed * 100) / 100);
        else if (zoom.scale < FOLLOW_MIN_SCALE) zoom.setScale(FOLLOW_MIN_SCALE);
      }
      // Both regions when they fit; else the state that just changed, centred (never at an edge).
      const target = fits(zoom.scale) ? union : (layout.nodes[moved[0] ?? ''] ?? boxes[0] ?? union);
      zoom.reveal(target);
    },
  };

  byId('zoom-in').addEventListener('click', () => zoom?.setScale(zoom.scale * ZOOM_STEP));
  byId('zoom-out').addEventListener('click', () => zoom?.setScale(zoom.scale / ZOOM_STEP));
  byId('zoom-reset').addEventListener('click', () => zoom?.setScale(1));
  byId('zoom-fit').addEventListener('click', () => zoom?.fit());
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-chart-view]')) {
    button.addEventListener('click', () => host.onView(button.dataset.chartView === 'full' ? 'full' : 'lesson'));
  }

  const describe = (event: Event): void => {
    const target = (event.target as Element | null)?.closest?.('[data-state-id]');
    const id = target?.getAttribute('data-state-id');
    const node = id ? handle?.graph.nodes.find((candidate) => candidate.id === id) : undefined;
    if (!node || !target) return;
    const t = host.t();
    const name = names.get(node.id) ?? node.label;
    const description = node.description ?? t('chart.noDescription');
    info.replaceChildren();
    const strong = document.createElement('strong');
    strong.textContent = name;
    info.append(strong, ` — ${description}`);
    // The tooltip: beside the state, inside the frame.
    tip.replaceChildren();
    const title = document.createElement('strong');
    title.textContent = name;
    tip.append(title);
    const extra = [node.note, target.getAttribute('data-active') === 'true' ? t('chart.tooltipActive') : undefined].filter(Boolean).join(' · ');
    if (extra) {
      const line = document.createElement('span');
      line.className = 'tip-note';
      line.textContent = extra;
      tip.append(line);
    }
    const text = document.createElement('span');
    text.textContent = description;
    tip.append(text);
    tip.hidden = false;
    const frame = viewport.getBoundingClientRect();
    const box = (target.querySelector('.xc-box') ?? target).getBoundingClientRect();
    const panelBox = (tip.offsetParent ?? document.body).getBoundingClientRect();
    const width = tip.offsetWidth;
    const right = box.right + 8 + width <= frame.right;
    const left = right ? box.right + 8 : Math.max(frame.left + 4, box.left - 8 - width);
    const top = Math.min(Math.max(frame.top + 4, box.top), frame.bottom - tip.offsetHeight - 4);
    tip.style.left = `${left - panelBox.left}px`;
    tip.style.top = `${top - panelBox.top}px`;
  };
  const hide = (event: Event): void => {
    const to = (event as FocusEvent).relatedTarget as Element | null;
    if (to?.closest?.('[data-state-id]')) return;
    tip.hidden = true;
  };
  viewport.addEventListener('pointerover', describe);
  viewport.addEventListener('focusin', describe);
  viewport.addEventListener('pointerleave', () => (tip.hidden = true));
  viewport.addEventListener('focusout', hide);
  viewport.addEventListener('scroll', () => (tip.hidden = true), { passive: true });
  return panel;
}

/** The box around boxes. */
function unionOf(boxes: readonly ChartBox[]): ChartBox {
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Plain names of the drawn states: the lesson's words, and in the full view the lesson name of
 * the state a machine state is drawn as, with the machine's key where they differ
 * ("OS provisioning (osProvisioningComplete)"), never a dotted id.
 */
function plainNames(handle: ChartHandle, host: ChartPanelHost): Map<string, string> {
  const words = lessonWords(host.t().language, host.table());
  const lesson = handle.lesson ?? toLessonGraph(handle.machineGraph, words);
  const lessonNames = new Map(lesson.graph.nodes.map((node) => [node.id, node.label]));
  const names = new Map<string, string>();
  for (const node of handle.graph.nodes as ChartNode[]) {
    if (handle.view === 'lesson') {
      names.set(node.id, node.label);
      continue;
    }
    const lessonName = lessonNames.get(lesson.lessonOf[node.id] ?? '');
    const isSame = lessonName !== undefined && lesson.statesOf[lesson.lessonOf[node.id] ?? '']?.length === 1;
    names.set(node.id, lessonName === undefined ? node.label : isSame ? lessonName : `${lessonName} (${node.label})`);
  }
  return names;
}
