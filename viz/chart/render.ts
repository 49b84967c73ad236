/**
 * Draws a laid-out chart as one SVG. Drawing happens once per mount; live updates only touch
 * attributes and classes of the elements indexed in {@link ChartView}.
 */
import type { ChartBox, ChartEdge, ChartGraph, ChartLayout, ChartNode, ChartPoint } from './chart.types.js';
import { CHART_CSS } from './chart-style.js';
import { labelLines } from './edge-label.js';
import { NOTE_JOINT } from './elk-graph.js';
import { METRICS } from './metrics.js';

const SVG = 'http://www.w3.org/2000/svg';

/** The drawn chart and the elements live updates touch. */
export interface ChartView {
  /** The root `<svg>` element. */
  svg: SVGSVGElement;
  /** The group of each state, by state id (it carries `data-state-id`). */
  states: Map<string, SVGGElement>;
  /** The arrow group and label lines of each transition, by edge id. */
  edges: Map<string, SVGElement[]>;
  /** The countdown text of each leaf state, by state id (inside a timed state, under any other). */
  countdowns: Map<string, SVGTextElement>;
  /** The note line of each state that has one, by state id. */
  notes: Map<string, SVGTextContentElement>;
  /** The label text of each labelled transition, by edge id (it carries `data-event`). */
  labels: Map<string, SVGTextElement>;
}

let chartCount = 0;
// The document being drawn into: the container's, so the same drawing serves a page's DOM and
// a DOM-less markup document (`chart-svg.ts`).
let owner: Document | undefined;

/**
 * Renders `layout` into `container`, replacing nothing else in it.
 * @example
 * const view = renderChart(document.querySelector('#chart')!, graph, layout);
 * view.states.get('vm.exists')?.dataset.active; // set by live updates
 */
export function renderChart(container: Element, graph: ChartGraph, layout: ChartLayout): ChartView {
  chartCount += 1;
  owner = container.ownerDocument;
  const markerId = `xc-arrow-${chartCount}`;
  const svg = element('svg', {
    class: 'xc-chart',
    width: fmt(layout.width),
    height: fmt(layout.height),
    viewBox: `0 0 ${fmt(layout.width)} ${fmt(layout.height)}`,
    // A group, not an image: its states and labels are focusable and read one by one.
    role: 'group',
    'aria-roledescription': 'statechart',
    'aria-label': `Statechart of ${graph.machineId}`,
    'data-machine-id': graph.machineId,
    'data-layout-engine': layout.engine,
  });
  const style = element('style', {});
  style.textContent = CHART_CSS;
  const defs = element('defs', {});
  const arrowhead = (id: string, head: SVGPathElement): SVGMarkerElement => {
    const marker = element('marker', {
      id,
      viewBox: '0 0 10 10',
      refX: '9',
      refY: '5',
      // In user space, so a flashing (thicker) arrow keeps its head size.
      markerUnits: 'userSpaceOnUse',
      markerWidth: '9',
      markerHeight: '9',
      orient: 'auto-start-reverse',
    });
    marker.append(head);
    return marker;
  };
  // A timed step ends in an open head: it reads on an arrow too short to show its dashes.
  const timedMarkerId = `${markerId}-timed`;
  defs.append(
    arrowhead(markerId, element('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'xc-arrowhead' })),
    arrowhead(timedMarkerId, element('path', { d: 'M 1 1 L 9 5 L 1 9 z', class: 'xc-arrowhead-timed' })),
  );
  svg.append(style, defs);

  const view: ChartView = { svg, states: new Map(), edges: new Map(), countdowns: new Map(), notes: new Map(), labels: new Map() };
  const stateLayer = element('g', { class: 'xc-states' });
  const edgeLayer = element('g', { class: 'xc-edges' });
  const labelLayer = element('g', { class: 'xc-labels' });
  // Boxes first (parents before children), arrows over them, labels on top so text stays legible.
  svg.append(stateLayer, edgeLayer, labelLayer);

  for (const node of graph.nodes) {
    const box = layout.nodes[node.id];
    if (!box) continue;
    const group = drawState(node, box, view);
    stateLayer.append(group);
    view.states.set(node.id, group);
  }

  const edgesById = new Map(graph.edges.map((edge) => [edge.id, edge]));
  const remember = (id: string, drawn: SVGElement): void => {
    view.edges.set(id, [...(view.edges.get(id) ?? []), drawn]);
  };
  for (const route of layout.routes) {
    const members = route.edgeIds.map((id) => edgesById.get(id)).filter((edge): edge is ChartEdge => edge !== undefined);
    const first = members[0];
    const kind = first ? (members.every((edge) => edge.kind === first.kind) ? first.kind : 'mixed') : 'initial';
    const group = element('g', {
      class: first ? 'xc-edge' : 'xc-edge xc-initial',
      'data-edge-id': route.edgeId,
      'data-edge-ids': route.edgeIds.join(' '),
      'data-kind': kind,
      'data-targetless': String(first?.targetless ?? false),
    });
    group.append(element('path', { d: roundedPath(route.points), 'marker-end': `url(#${kind === 'after' ? timedMarkerId : markerId})` }));
    edgeLayer.append(group);
    for (const id of route.edgeIds) remember(id, group);
    if (route.label && first) {
      const label = element('g', { class: 'xc-label', 'data-edge-id': route.edgeId });
      const { x, y, width, height } = route.label;
      label.append(element('rect', { x: fmt(x), y: fmt(y), width: fmt(width), height: fmt(height) }));
      const drawn = members.filter((edge) => edge.label !== '');
      const rows = drawn.flatMap((edge) => labelLines(edge)).filter((line, index) => index === 0 || !line.sameLine).length;
      const top = y + (height - rows * METRICS.labelLineHeight) / 2 + METRICS.labelLineHeight / 2;
      let row = -1;
      // One text per transition: it names its event (`data-event`), so a page can make it a button.
      for (const edge of drawn) {
        const text = element('text', {
          class: 'xc-op',
          x: fmt(x + width / 2),
          y: fmt(top + (row + 1) * METRICS.labelLineHeight),
          'data-edge-id': edge.id,
          'data-kind': edge.kind,
          ...(edge.kind === 'event' ? { 'data-event': edge.eventType } : {}),
        });
        for (const line of labelLines(edge)) {
          const continues = line.sameLine === true && row >= 0;
          if (!continues) row += 1;
          // A continued part flows after the previous one; only a new row sets its position.
          const position: Record<string, string> = continues ? {} : { x: fmt(x + width / 2), y: fmt(top + row * METRICS.labelLineHeight) };
          const span = element('tspan', {
            ...position,
            'data-edge-id': edge.id,
            class: line.guard ? 'xc-line xc-guard' : 'xc-line xc-trigger',
          });
          span.textContent = line.text;
          text.append(span);
          // Each transition flashes its own lines, not the whole stacked label.
          remember(edge.id, span);
        }
        label.append(text);
        view.labels.set(edge.id, text);
      }
      labelLayer.append(label);
    }
  }

  for (const [parentId, point] of Object.entries(layout.initialMarkers)) {
    edgeLayer.append(element('circle', { class: 'xc-initial-dot', cx: fmt(point.x), cy: fmt(point.y), r: '4.5', 'data-initial-of': parentId }));
  }

  container.append(svg);
  return view;
}

function drawState(node: ChartNode, box: ChartBox, view: ChartView): SVGGElement {
  const isContainer = node.children.length > 0;
  const kind = node.isRegion ? 'region' : isContainer ? (node.type === 'parallel' ? 'parallel' : 'compound') : node.type;
  const group = element('g', {
    class: `xc-state xc-${kind}`,
    'data-state-id': node.id,
    'data-type': node.type,
    'data-active': 'false',
    // Focusable so keyboard users can read descriptions; one state at a time is in the Tab order
    // and arrow keys move between them (see keyboard.ts).
    tabindex: '-1',
    role: 'img',
    'aria-label': [node.label, node.note, node.description].filter(Boolean).join(': '),
  });
  const title = element('title', {});
  title.textContent = node.description ? `${node.label} — ${node.description}` : node.label;
  group.append(title);
  group.append(
    element('rect', {
      class: 'xc-box',
      x: fmt(box.x),
      y: fmt(box.y),
      width: fmt(box.width),
      height: fmt(box.height),
      rx: isContainer ? '10' : '8',
    }),
  );
  if (node.type === 'final') {
    group.append(
      element('rect', {
        class: 'xc-final-inner',
        x: fmt(box.x + 3.5),
        y: fmt(box.y + 3.5),
        width: fmt(box.width - 7),
        height: fmt(box.height - 7),
        rx: '5',
      }),
    );
  }
  if (isContainer) {
    const header = element('text', { class: 'xc-header', x: fmt(box.x + 12), y: fmt(box.y + METRICS.headerHeight / 2 + 2) });
    header.textContent = node.label;
    group.append(header);
  } else {
    const nameY = box.y + METRICS.stateHeight / 2;
    const name = element('text', { class: 'xc-name', x: fmt(box.x + box.width / 2), y: fmt(nameY) });
    name.textContent = node.label;
    group.append(name);
    let below = nameY + METRICS.stateHeight / 2 - 3;
    const roomUnder = METRICS.stateHeight + (node.timed ? METRICS.countdownHeight : 0) + METRICS.noteHeight;
    if (node.note !== undefined && box.height + 0.5 < roomUnder) {
      // A board layout keeps the note on the name's line.
      const note = element('tspan', { class: 'xc-note' });
      note.textContent = `${NOTE_JOINT}${node.note}`;
      name.append(note);
      view.notes.set(node.id, note);
    } else if (node.note !== undefined) {
      const note = element('text', { class: 'xc-note', x: fmt(box.x + box.width / 2), y: fmt(below - 1) });
      note.textContent = node.note;
      group.append(note);
      view.notes.set(node.id, note);
      below += METRICS.noteHeight;
    }
    {
      // A timed state counts down inside its box; any other leaf under it (a Spot eviction's notice, say).
      const countdown = element('text', {
        class: node.timed ? 'xc-countdown' : 'xc-countdown xc-countdown-under',
        x: fmt(box.x + box.width / 2),
        y: fmt(node.timed ? below : box.y + box.height + 8),
      });
      group.append(countdown);
      view.countdowns.set(node.id, countdown);
    }
  }
  return group;
}

/** An orthogonal polyline with softly rounded corners. */
function roundedPath(points: ChartPoint[], radius = 6): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M ${fmt(first.x)} ${fmt(first.y)}`;
  for (let index = 0; index < rest.length; index += 1) {
    const corner = rest[index];
    const previous = points[index];
    const next = rest[index + 1];
    if (!corner || !previous) continue;
    if (!next) {
      d += ` L ${fmt(corner.x)} ${fmt(corner.y)}`;
      continue;
    }
    const r = Math.min(radius, distance(previous, corner) / 2, distance(corner, next) / 2);
    const before = towards(corner, previous, r);
    const after = towards(corner, next, r);
    d += ` L ${fmt(before.x)} ${fmt(before.y)} Q ${fmt(corner.x)} ${fmt(corner.y)} ${fmt(after.x)} ${fmt(after.y)}`;
  }
  return d;
}

function distance(a: ChartPoint, b: ChartPoint): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function towards(from: ChartPoint, to: ChartPoint, length: number): ChartPoint {
  const total = distance(from, to) || 1;
  return { x: from.x + ((to.x - from.x) * length) / total, y: from.y + ((to.y - from.y) * length) / total };
}

function element<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string>): SVGElementTagNameMap[K] {
  const node = (owner ?? document).createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
