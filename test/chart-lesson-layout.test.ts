import { beforeAll, describe, expect, it } from 'vitest';
import { vmMachine } from 'azure-vm-lifecycle';
import { toChartGraph, toLessonGraph, type ChartGraph, type ChartLayout } from 'azure-vm-lifecycle/viz';
import { vmLessonLayouts } from '../viz/build/vm-layout.js';
import { lessonWords } from '../viz/page/chart-words.js';
import { LANGUAGE_CODES, type Language } from '../viz/page/i18n/index.js';
import { routeMetrics } from './route-metrics.js';

let layouts: Record<Language, ChartLayout>;
const lessons = Object.fromEntries(
  LANGUAGE_CODES.map((language) => [language, toLessonGraph(toChartGraph(vmMachine), lessonWords(language, 'seed-2018')).graph]),
) as Record<Language, ChartGraph>;

beforeAll(async () => {
  // The layouts the page ships, computed as the build computes them.
  layouts = await vmLessonLayouts();
});

describe.each(LANGUAGE_CODES)('the lesson board the page ships (%s)', (language) => {
  it('gives every arrow its own line: no stretch is shared by arrows joining different states', () => {
    expect(routeMetrics(lessons[language], layouts[language]).sharedStretches).toEqual([]);
  });

  it('lets no arrow cross another', () => {
    expect(routeMetrics(lessons[language], layouts[language]).crossings).toEqual([]);
  });

  it('sets every label on or beside its own arrow, covering no other arrow, label or state', () => {
    const metrics = routeMetrics(lessons[language], layouts[language]);
    expect(metrics.labelOverlaps).toEqual([]);
    expect(metrics.labelsAway).toEqual([]);
  });

  it('sets every label nearer its own arrow than any other, so it names one arrow only', () => {
    expect(routeMetrics(lessons[language], layouts[language]).labelsAmbiguous).toEqual([]);
  });

  it('draws one labelled arrow per pair of states an operation joins', () => {
    const labelled = layouts[language].routes.filter((route) => route.label);
    const pairs = new Set(lessons[language].edges.filter((edge) => edge.kind === 'event').map((edge) => `${edge.source}>${edge.targets[0]}`));
    expect(labelled.length).toBe(pairs.size);
  });
});

describe('the counts of a board', () => {
  const graph: ChartGraph = {
    machineId: 'm',
    root: 'm',
    nodes: [
      { id: 'm', parent: null, path: [], type: 'compound', label: 'm', isRegion: false, children: ['m.a', 'm.b', 'm.c'], timed: false },
      ...['a', 'b', 'c'].map((key) => ({ id: `m.${key}`, parent: 'm', path: [key], type: 'atomic' as const, label: key, isRegion: false, children: [], timed: false })),
    ],
    edges: [
      { id: 'm.a|go|0', source: 'm.a', targets: ['m.b'], kind: 'event', eventType: 'go', label: 'go', targetless: false },
      { id: 'm.c|go|0', source: 'm.c', targets: ['m.b'], kind: 'event', eventType: 'go', label: 'go', targetless: false },
    ],
  };
  const box = (x: number, y: number) => ({ x, y, width: 40, height: 20 });
  const layout = (routes: ChartLayout['routes']): ChartLayout => ({
    width: 300,
    height: 300,
    nodes: { 'm.a': box(0, 0), 'm.b': box(200, 100), 'm.c': box(0, 200) },
    initialMarkers: {},
    routes,
    engine: 'elk',
  });

  it('finds a stretch shared by two arrows into one state, and the crossing of two arrows', () => {
    const merged = routeMetrics(
      graph,
      layout([
        { edgeId: 'm.a|go|0', edgeIds: ['m.a|go|0'], target: 'm.b', points: [{ x: 40, y: 10 }, { x: 100, y: 10 }, { x: 100, y: 110 }, { x: 200, y: 110 }] },
        { edgeId: 'm.c|go|0', edgeIds: ['m.c|go|0'], target: 'm.b', points: [{ x: 40, y: 210 }, { x: 100, y: 210 }, { x: 100, y: 110 }, { x: 200, y: 110 }] },
      ]),
    );
    expect(merged.sharedStretches).toEqual(['a→b & c→b: 100 px at (100, 110)']);
    const crossing = routeMetrics(
      graph,
      layout([
        { edgeId: 'm.a|go|0', edgeIds: ['m.a|go|0'], target: 'm.b', points: [{ x: 40, y: 10 }, { x: 120, y: 10 }, { x: 120, y: 105 }, { x: 200, y: 105 }] },
        { edgeId: 'm.c|go|0', edgeIds: ['m.c|go|0'], target: 'm.b', points: [{ x: 40, y: 210 }, { x: 100, y: 210 }, { x: 100, y: 50 }, { x: 150, y: 50 }, { x: 150, y: 115 }, { x: 200, y: 115 }] },
      ]),
    );
    expect(crossing.sharedStretches).toEqual([]);
    expect(crossing.crossings).toEqual(['a→b × c→b at (120, 50)', 'a→b × c→b at (150, 105)']);
  });

  it('finds a label over another arrow, far from its own and so nearer another', () => {
    const metrics = routeMetrics(
      graph,
      layout([
        {
          edgeId: 'm.a|go|0',
          edgeIds: ['m.a|go|0'],
          target: 'm.b',
          points: [{ x: 40, y: 10 }, { x: 200, y: 105 }],
          label: { x: 60, y: 150, width: 30, height: 13, text: 'go' },
        },
        { edgeId: 'm.c|go|0', edgeIds: ['m.c|go|0'], target: 'm.b', points: [{ x: 40, y: 210 }, { x: 75, y: 140 }, { x: 200, y: 115 }] },
      ]),
    );
    expect(metrics.labelOverlaps).toEqual(['"go" (a→b) covers the arrow c→b']);
    expect(metrics.labelsAway).toEqual([expect.stringMatching(/^"go" \(a→b\) is \d+ px from its arrow$/)]);
    expect(metrics.labelsAmbiguous).toEqual(['"go" (a→b) is 0 px from the arrow c→b']);
  });
});
