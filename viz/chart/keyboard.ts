/**
 * Keyboard use of a drawn chart: the states form one group with a single Tab stop (a roving
 * tabindex) and arrow keys move to the nearest state that way; the transition labels a page makes
 * into buttons form a second group, moved through the same way.
 */
import type { ChartBox, ChartLayout } from './chart.types.js';

/** The direction an arrow key asks for. */
type Direction = 'left' | 'right' | 'up' | 'down';

const KEYS: Readonly<Record<string, Direction>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/**
 * The item nearest `from` in a direction: it must lie that way (its centre beyond `from`'s
 * centre), and the distance counts the sideways offset twice, so a state straight ahead wins
 * over a closer one off to the side. `undefined` when nothing lies that way.
 * @example
 * nearestInDirection(boxes.running, [boxes.stopping, boxes.starting], 'down'); // boxes.stopping
 */
export function nearestInDirection<T extends ChartBox>(from: ChartBox, items: readonly T[], direction: Direction): T | undefined {
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  let best: T | undefined;
  let bestScore = Infinity;
  for (const item of items) {
    if (item === from) continue;
    const dx = item.x + item.width / 2 - cx;
    const dy = item.y + item.height / 2 - cy;
    const ahead = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const aside = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 0.5) continue;
    const score = ahead + 2 * aside;
    if (score < bestScore) {
      bestScore = score;
      best = item;
    }
  }
  return best;
}

/** One focusable item of a roving group: its element and where it is drawn. */
export interface RovingItem extends ChartBox {
  /** The focusable element. */
  element: SVGElement;
}

/**
 * Makes `items` one Tab stop: the first (or `current()` when it names one) has `tabindex="0"`,
 * the others `-1`; arrow keys move focus to the nearest item that way, Home and End to the first
 * and last. Returns a function that moves the Tab stop to an element without focusing it.
 */
export function rovingGroup(items: readonly RovingItem[]): (element: SVGElement) => void {
  const setStop = (stop: SVGElement): void => {
    for (const item of items) item.element.setAttribute('tabindex', item.element === stop ? '0' : '-1');
  };
  const first = items[0];
  if (first) setStop(first.element);
  for (const item of items) {
    item.element.addEventListener('focus', () => setStop(item.element));
    item.element.addEventListener('keydown', (event) => {
      const direction = KEYS[event.key];
      let next: RovingItem | undefined;
      if (direction) next = nearestInDirection(item, items, direction);
      else if (event.key === 'Home') next = items[0];
      else if (event.key === 'End') next = items[items.length - 1];
      else return;
      event.preventDefault();
      if (next) {
        setStop(next.element);
        next.element.focus();
      }
    });
  }
  return setStop;
}

/** The drawn box of every state of a layout that has an element, in document order. */
export function stateItems(states: ReadonlyMap<string, SVGGElement>, layout: ChartLayout, include: (id: string) => boolean): RovingItem[] {
  const items: RovingItem[] = [];
  for (const [id, element] of states) {
    const box = layout.nodes[id];
    if (box && include(id)) items.push({ ...box, element });
  }
  return items;
}
