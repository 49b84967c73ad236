/** Measures a page's chart as drawn: how large it is shown and how large its state names are. */
import type { Page } from 'playwright-core';

/** A state name as rendered: its text, font size and height in CSS pixels, and whether it is seen whole. */
export interface MeasuredName {
  name: string;
  fontPx: number;
  height: number;
  /** Inside the chart's frame (`#chart-viewport`). */
  inside: boolean;
  /** Inside the window. */
  onScreen: boolean;
}

/** The scale the chart (`#chart svg`) is drawn at, 1 being its layout's size. */
export const chartScale = (on: Page): Promise<number> =>
  on.$eval('#chart svg', (svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width);

/** Every state name's rendered size and whether it lies inside the chart's frame and the window. */
export const measureNames = (on: Page): Promise<MeasuredName[]> =>
  on.evaluate(() => {
    const frame = document.querySelector('#chart-viewport')!.getBoundingClientRect();
    const svg = document.querySelector<SVGSVGElement>('#chart svg')!;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...document.querySelectorAll<SVGTextElement>('#chart .xc-name, #chart .xc-header')].map((text) => {
      const rect = text.getBoundingClientRect();
      const inside =
        rect.left >= frame.left - 0.5 && rect.right <= frame.right + 0.5 && rect.top >= frame.top - 0.5 && rect.bottom <= frame.bottom + 0.5;
      const onScreen = rect.right <= innerWidth && rect.bottom <= innerHeight;
      return { name: text.textContent ?? '', fontPx: parseFloat(getComputedStyle(text).fontSize) * scale, height: rect.height, inside, onScreen };
    });
  });
