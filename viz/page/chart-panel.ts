/**
 * The chart panel: the VM's chart in a zoomable frame, "Follow" keeping the active states in
 * view, and the description of the state under the pointer or focus.
 */
import { attachZoom, ZOOM_STEP, type ChartHandle, type ZoomControl } from 'azure-vm-lifecycle/viz';
import type { Translator } from './i18n/index.js';
import { byId } from './page-dom.js';

/** The chart panel. */
export interface ChartPanel {
  /**
   * Scrolls the chart to the active states of both regions when they have moved out of view (and
   * "Follow" is on), or always when `force`. Reads only the layout's boxes and the frame's scroll
   * position; the page calls it with the heavy panels, once per frame at most.
   */
  follow(force?: boolean): void;
}

/** Binds the frame's controls to a mounted chart. */
export function setupChartPanel(handle: ChartHandle, t: () => Translator): ChartPanel {
  const viewport = byId('chart-viewport');
  const info = byId('state-info');
  const level = byId('zoom-level');
  const followBox = byId<HTMLInputElement>('follow');
  let zoom: ZoomControl | undefined;
  let followed = '';

  const panel: ChartPanel = {
    follow(force = false) {
      const layout = handle.layout;
      if (!zoom || !layout) return;
      const active = [...viewport.querySelectorAll('.xc-atomic[data-active="true"], .xc-final[data-active="true"]')].map(
        (node) => node.getAttribute('data-state-id') ?? '',
      );
      const key = active.join(' ');
      if (!force && (key === followed || !followBox.checked)) return;
      followed = key;
      const boxes = active.map((id) => layout.nodes[id]).filter((box) => box !== undefined);
      if (boxes.length === 0) return;
      const left = Math.min(...boxes.map((box) => box.x));
      const top = Math.min(...boxes.map((box) => box.y));
      const right = Math.max(...boxes.map((box) => box.x + box.width));
      const bottom = Math.max(...boxes.map((box) => box.y + box.height));
      const box = { x: left, y: top, width: right - left, height: bottom - top };
      if (force || !boxes.every((each) => zoom?.shows(each))) zoom.reveal(box);
    },
  };

  void handle.ready.then(() => {
    const svg = viewport.querySelector('svg');
    const layout = handle.layout;
    if (!svg || !layout) return;
    zoom = attachZoom(viewport, svg, layout, (scale) => {
      level.textContent = `${Math.round(scale * 100)} %`;
    });
    // Open on what matters: the active state of each region, at 1:1.
    panel.follow(true);
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
    info.append(name, ` — ${node.description ?? t()('chart.noDescription')}`);
  };
  viewport.addEventListener('pointerover', describe);
  viewport.addEventListener('focusin', describe);
  return panel;
}
