/**
 * Taking a chart away: `chartSvg` writes a standalone SVG file of any laid-out chart, and
 * `chartToMermaid` writes any chart graph as Mermaid text.
 */
import { DOMParser, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { vmMachine } from 'azure-vm-lifecycle';
import { toMermaid } from 'azure-vm-lifecycle/mermaid';
import { chartPalette, chartSvg, chartToMermaid, layoutGraph, toChartGraph, type ChartGraph, type ChartLayout } from 'azure-vm-lifecycle/viz';
import { lifecycleMachine } from './fixtures/lifecycle-machine.js';
import { loadMermaid, type Mermaid } from './mermaid-parser.js';
import { CHART_CSS } from '../viz/chart/chart-style.js';

/** Parses XML strictly: any error or warning fails the test. */
function parseXml(text: string): XmlDocument {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`not well-formed XML (${level}): ${message}`);
    },
  }).parseFromString(text, 'image/svg+xml');
}

function elements(document: XmlDocument, tag: string): XmlElement[] {
  return Array.from(document.getElementsByTagName(tag));
}

let graph: ChartGraph;
let layout: ChartLayout;
let mermaid: Mermaid;

beforeAll(async () => {
  graph = toChartGraph(vmMachine);
  layout = await layoutGraph(graph, { thread: 'main' });
  mermaid = await loadMermaid();
});

describe('chartSvg', () => {
  it('writes well-formed SVG with a group, box and name for every state of the graph', () => {
    const document = parseXml(chartSvg(graph, layout).svg);
    const root = document.documentElement!;
    expect(root.tagName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const groups = new Map(elements(document, 'g').filter((g) => g.hasAttribute('data-state-id')).map((g) => [g.getAttribute('data-state-id'), g]));
    expect([...groups.keys()].sort()).toEqual(graph.nodes.map((node) => node.id).sort());
    for (const node of graph.nodes) {
      const group = groups.get(node.id)!;
      const name = elements(document, 'text').find((text) => text.parentNode === group && /xc-(name|header)/.test(text.getAttribute('class') ?? ''));
      expect(name?.textContent, node.id).toBe(node.label);
    }
  });

  it('sizes the file to the layout plus its padding and the title band', () => {
    const plain = chartSvg(graph, layout, { padding: 10 });
    expect([plain.width, plain.height]).toEqual([Math.ceil(layout.width + 20), Math.ceil(layout.height + 20)]);
    const titled = chartSvg(graph, layout, { padding: 10, title: 'VM' });
    expect(titled.height).toBeGreaterThan(plain.height);
    const root = parseXml(titled.svg).documentElement!;
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${titled.width} ${titled.height}`);
  });

  it('writes one theme’s colours into its own stylesheet: no variables, no media queries, the background painted', () => {
    for (const theme of ['light', 'dark'] as const) {
      const document = parseXml(chartSvg(graph, layout, { theme }).svg);
      const css = elements(document, 'style')[0]?.textContent ?? '';
      expect(css).not.toMatch(/var\(|@media|@keyframes|:focus/);
      expect(css).toContain(`.xc-chart text { fill: ${chartPalette(theme).text}; }`);
      const background = elements(document, 'rect').find((rect) => rect.getAttribute('class') === 'xc-background');
      expect(background?.getAttribute('fill')).toBe(chartPalette(theme).bg);
      expect(document.documentElement!.getAttribute('data-theme')).toBe(theme);
    }
  });

  it('takes each theme’s colours from the live chart’s stylesheet: its variables, and the dark ones under prefers-color-scheme', () => {
    const light = chartPalette('light');
    const dark = chartPalette('dark');
    expect(CHART_CSS).toContain(`--xc-bg: ${light.bg};`);
    expect(CHART_CSS).toMatch(new RegExp(`prefers-color-scheme: dark\\)[\\s\\S]*--xc-bg: ${dark.bg};`));
    expect(dark.bg).not.toBe(light.bg);
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
  });

  it('highlights exactly the states it is given, and leaves nothing focusable', () => {
    const active = ['vm', 'vm.exists', 'vm.exists.power', 'vm.exists.power.running'];
    const document = parseXml(chartSvg(graph, layout, { active }).svg);
    const states = elements(document, 'g').filter((g) => g.hasAttribute('data-state-id'));
    const shown = states.filter((g) => g.getAttribute('data-active') === 'true').map((g) => g.getAttribute('data-state-id'));
    expect(shown.sort()).toEqual([...active].sort());
    expect(states).toHaveLength(graph.nodes.length);
    expect(elements(document, '*').filter((element) => element.hasAttribute('tabindex') || element.getAttribute('role') === 'button')).toEqual([]);
  });

  it('escapes a title with markup characters, in its <title> and its heading', () => {
    const title = 'Tom & Jerry <VM> "quoted"';
    const document = parseXml(chartSvg(graph, layout, { title }).svg);
    expect(elements(document, 'title')[0]?.textContent).toBe(title);
    expect(elements(document, 'text').find((text) => text.getAttribute('class') === 'xc-title')?.textContent).toBe(title);
    expect(document.documentElement!.getAttribute('aria-label')).toBe(title);
  });

  it('ends every timed arrow in the open head and every other arrow in the filled one, whatever its length', () => {
    const document = parseXml(chartSvg(graph, layout).svg);
    const headOf = new Map(elements(document, 'marker').map((marker) => [marker.getAttribute('id'), elements(document, 'path').find((path) => path.parentNode === marker)?.getAttribute('class')]));
    const arrows = elements(document, 'g').filter((g) => g.getAttribute('class')?.startsWith('xc-edge'));
    const head = (arrow: XmlElement) => headOf.get(/url\(#(.+)\)/.exec(arrow.getElementsByTagName('path')[0]?.getAttribute('marker-end') ?? '')?.[1] ?? '');
    const timed = arrows.filter((arrow) => arrow.getAttribute('data-kind') === 'after');
    expect(timed.length).toBeGreaterThan(5);
    for (const arrow of timed) expect(head(arrow), arrow.getAttribute('data-edge-id')!).toBe('xc-arrowhead-timed');
    for (const arrow of arrows.filter((each) => each.getAttribute('data-kind') !== 'after')) expect(head(arrow), arrow.getAttribute('data-edge-id')!).toBe('xc-arrowhead');
    // Open: filled with the background, outlined in the arrows' colour.
    const css = elements(document, 'style')[0]!.textContent!;
    const palette = chartPalette('light');
    expect(css).toContain(`.xc-arrowhead-timed { fill: ${palette.bg}; stroke: ${palette.edge};`);
  });

  it('says what renderers outside browsers (resvg) would miss in its CSS: every text centred by attribute, nothing !important', () => {
    const { svg } = chartSvg(graph, layout);
    const document = parseXml(svg);
    for (const text of elements(document, 'text').filter((each) => each.getAttribute('class') !== 'xc-title')) {
      expect(text.getAttribute('dominant-baseline'), text.textContent ?? '').toBe('central');
    }
    const css = elements(document, 'style')[0]!.textContent!;
    expect(css).not.toContain('!important');
    // The note's muted colour wins over `.xc-chart text` by a more specific selector instead.
    expect(css).toContain(`.xc-chart .xc-note { font-size: 11px; text-anchor: middle; dominant-baseline: central; fill: ${chartPalette('light').muted}; }`);
  });

  it('centres a timed state\'s name in its box, the room of its countdown left empty in a file', () => {
    const document = parseXml(chartSvg(graph, layout, { padding: 0 }).svg);
    const timed = graph.nodes.filter((node) => node.timed && node.children.length === 0);
    expect(timed.map((node) => node.id)).toContain('vm.exists.power.starting');
    for (const node of timed) {
      const box = layout.nodes[node.id]!;
      const group = elements(document, 'g').find((g) => g.getAttribute('data-state-id') === node.id)!;
      const name = elements(document, 'text').find((text) => text.parentNode === group && text.getAttribute('class') === 'xc-name')!;
      expect(box.height, node.id).toBeGreaterThan(40);
      expect(Number(name.getAttribute('y')), node.id).toBeCloseTo(box.y + box.height / 2, 0);
    }
  });

  it('refuses a theme it does not know, naming the themes', () => {
    expect(() => chartSvg(graph, layout, { theme: 'sepia' as 'light' })).toThrow("unknown chart theme 'sepia': use light or dark");
  });
});

describe('chartToMermaid', () => {
  it('writes the VM’s full chart graph as a diagram Mermaid parses, declaring every state', async () => {
    const text = chartToMermaid(graph);
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'stateDiagram' });
    for (const node of graph.nodes.filter((each) => each.id !== graph.root)) expect(text).toContain(`state "${node.label}" as ${node.path.join('_')}`);
  });

  it('draws what toMermaid draws for a machine: the same states and the same number of arrows', () => {
    const small = toChartGraph(lifecycleMachine);
    const declarations = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('state "')).sort();
    const arrows = (text: string) => text.split('\n').filter((line) => / --> (?!\[\*\])/.test(line) && !line.includes('[*] -->')).length;
    const fromGraph = chartToMermaid(small, { descriptions: 'none' });
    const fromMachine = toMermaid(lifecycleMachine, { descriptions: 'none' });
    expect(declarations(fromGraph)).toEqual(declarations(fromMachine));
    expect(arrows(fromGraph)).toBe(arrows(fromMachine));
    expect(fromGraph.split('\n').map((line) => line.trim())).toContain('--');
  });

  it('writes an unlabelled arrow without a label, and escapes labels Mermaid would misread', async () => {
    const [first, second] = graph.edges.filter((edge) => !edge.targetless && edge.targets.length === 1);
    const reduced: ChartGraph = {
      ...graph,
      edges: [
        { ...first!, id: 'a', label: '' },
        { ...second!, id: 'b', label: 'Stop; "now" #1' },
      ],
    };
    const text = chartToMermaid(reduced);
    const edgeLines = text.split('\n').filter((line) => / --> /.test(line) && !line.includes('[*]'));
    expect(edgeLines).toHaveLength(2);
    expect(edgeLines.filter((line) => line.includes(' : '))).toEqual([expect.stringContaining(' : Stop#59; #34;now#34; #35;1')]);
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'stateDiagram' });
  });

  it('refuses a graph whose root is missing, saying which root', () => {
    expect(() => chartToMermaid({ ...graph, root: 'nowhere' })).toThrow('the graph\'s root "nowhere" is not among its nodes');
  });
});
