/**
 * A chart as a standalone SVG file: the drawing {@link renderChart} makes, with one theme's
 * colours and the styles written in, so it looks the same in a slide, an image viewer or a
 * renderer outside the browser. Needs no DOM.
 */
import type { ChartGraph, ChartLayout } from './chart.types.js';
import { chartFileCss, chartPalette, type ChartTheme } from './chart-file-style.js';
import { METRICS } from './metrics.js';
import { renderChart } from './render.js';
import { MarkupDocument, type MarkupElement } from './svg-markup.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Options of {@link chartSvg}. */
export interface ChartSvgOptions {
  /** The colours: `light` (default) or `dark`. */
  theme?: ChartTheme;
  /** A heading drawn above the chart, also the file's `<title>`; none when absent. */
  title?: string;
  /** States drawn as active (highlighted), by id; none by default. */
  active?: Iterable<string>;
  /** Space around the chart, in pixels (default 16). */
  padding?: number;
}

/** A standalone SVG and its size. */
export interface ChartSvg {
  /** The SVG document, starting with the XML declaration. */
  svg: string;
  /** Its width in pixels. */
  width: number;
  /** Its height in pixels. */
  height: number;
}

/**
 * Draws a laid-out chart as a standalone SVG document: the styles resolved for one theme in its
 * own `<style>` (plain selectors, no variables), a painted background, fonts ending in
 * `sans-serif` so any renderer finds one, and the given states highlighted.
 * @example
 * const graph = toChartGraph(machine);
 * const { svg } = chartSvg(graph, await layoutGraph(graph, { thread: 'main' }), { theme: 'dark', title: 'Order' });
 * writeFileSync('order-dark.svg', svg);
 */
export function chartSvg(graph: ChartGraph, layout: ChartLayout, options: ChartSvgOptions = {}): ChartSvg {
  const theme = options.theme ?? 'light';
  // Checks the theme before drawing anything.
  const palette = chartPalette(theme);
  const padding = options.padding ?? 16;
  const document = new MarkupDocument();
  const container = document.createElementNS(SVG_NS, 'g');
  const view = renderChart(container as unknown as Element, graph, layout);
  const svg = view.svg as unknown as MarkupElement;

  const active = new Set(options.active ?? []);
  for (const [id, group] of view.states as unknown as Map<string, MarkupElement>) group.setAttribute('data-active', String(active.has(id)));
  // Nothing in a file takes focus or acts as a control. Every text is centred on its line, said
  // as an attribute too: renderers outside browsers (resvg) ignore `dominant-baseline` in CSS.
  const settle = (element: MarkupElement): void => {
    element.removeAttribute('tabindex');
    if (element.getAttribute('role') === 'button') element.removeAttribute('role');
    if (element.tagName === 'text') element.setAttribute('dominant-baseline', 'central');
    for (const child of element.childNodes) if (typeof child !== 'string') settle(child);
  };
  settle(svg);
  for (const [id, countdown] of view.countdowns as unknown as Map<string, MarkupElement>) {
    const group = countdown.parent;
    countdown.remove();
    // Nothing counts down in a file: a timed state's name (and its note) move into the middle of
    // the room the countdown leaves, as they sit in any other box.
    const box = layout.nodes[id];
    if (!box || !group) continue;
    const note = view.notes.get(id) as unknown as MarkupElement | undefined;
    const used = METRICS.stateHeight + (note?.tagName === 'text' ? METRICS.noteHeight : 0);
    const shift = (box.height - used) / 2;
    if (shift < 0.5) continue;
    for (const text of group.childNodes) {
      if (typeof text === 'string' || text.tagName !== 'text') continue;
      text.setAttribute('y', String(Math.round((Number(text.getAttribute('y')) + shift) * 10) / 10));
    }
  }

  const titleHeight = options.title ? METRICS.stateFont + 3 + 14 : 0;
  const width = Math.ceil(layout.width + 2 * padding);
  const height = Math.ceil(layout.height + 2 * padding + titleHeight);
  const [style, defs, ...layers] = svg.childNodes.filter((node): node is MarkupElement => typeof node !== 'string');
  if (!style || !defs) throw new Error('renderChart drew no <style> and <defs>');
  style.textContent = chartFileCss(theme);
  const drawing = document.createElementNS(SVG_NS, 'g');
  drawing.setAttribute('transform', `translate(${padding} ${padding + titleHeight})`);
  drawing.append(...layers);
  const background = document.createElementNS(SVG_NS, 'rect');
  for (const [name, value] of Object.entries({ class: 'xc-background', width: '100%', height: '100%', fill: palette.bg ?? 'none' })) {
    background.setAttribute(name, value);
  }
  svg.append(background);
  if (options.title) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = options.title;
    svg.prepend(title);
    const heading = document.createElementNS(SVG_NS, 'text');
    heading.setAttribute('class', 'xc-title');
    heading.setAttribute('x', String(padding));
    heading.setAttribute('y', String(padding + METRICS.stateFont + 3));
    heading.textContent = options.title;
    svg.append(heading);
  }
  svg.append(drawing);

  svg.setAttribute('xmlns', SVG_NS);
  // Spaces as drawn: renderers outside browsers otherwise drop the one before a note (" · Billed").
  svg.setAttribute('xml:space', 'preserve');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('data-theme', theme);
  if (options.title) svg.setAttribute('aria-label', options.title);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n`, width, height };
}
