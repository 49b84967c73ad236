import { describe, expect, it } from 'vitest';
import { flashEdges } from '../viz/chart/live.js';
import type { ChartView } from '../viz/chart/render.js';

/** An arrow element whose layout must never be read: a read forces the page's layout. */
function arrow(): SVGElement {
  const classes = new Set<string>();
  const classList = {
    contains: (name: string) => classes.has(name),
    add: (name: string) => void classes.add(name),
    remove: (name: string) => void classes.delete(name),
    toggle: (name: string) => (classes.has(name) ? (classes.delete(name), false) : (classes.add(name), true)),
    toString: () => [...classes].sort().join(' '),
  };
  const fail = () => {
    throw new Error('flashEdges read layout');
  };
  return { classList, getBoundingClientRect: fail, offsetWidth: undefined, getClientRects: fail } as unknown as SVGElement;
}

function viewWith(elements: Map<string, SVGElement[]>): ChartView {
  return { svg: {} as SVGSVGElement, states: new Map(), edges: elements, countdowns: new Map(), notes: new Map(), labels: new Map() };
}

describe('flashEdges', () => {
  it('marks the arrow and label lines of a taken transition without reading layout', () => {
    const [line, label] = [arrow(), arrow()];
    const view = viewWith(new Map([['a|go|0', [line, label]]]));
    expect(flashEdges(view, ['a|go|0'])).toBe(2);
    expect(String(line.classList)).toBe('xc-taken');
    expect(String(label.classList)).toBe('xc-taken');
  });

  it('switches the animation of an arrow taken again, so the flash restarts', () => {
    const line = arrow();
    const view = viewWith(new Map([['a|go|0', [line]]]));
    flashEdges(view, ['a|go|0']);
    flashEdges(view, ['a|go|0']);
    expect(String(line.classList)).toBe('xc-again xc-taken');
    flashEdges(view, ['a|go|0']);
    expect(String(line.classList)).toBe('xc-taken');
  });

  it('skips transitions the chart does not draw', () => {
    expect(flashEdges(viewWith(new Map()), ['missing|x|0'])).toBe(0);
  });
});
