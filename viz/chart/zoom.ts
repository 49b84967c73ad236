/**
 * A scrollable, zoomable frame for a drawn chart: 1:1 by default (so labels stay readable),
 * zoom buttons, ctrl+wheel zoom around the pointer, and "fit" to see the whole chart.
 */

/** The zoom of a chart frame. */
export interface ZoomControl {
  /** The current scale (1 = one chart pixel per CSS pixel). */
  readonly scale: number;
  /** Sets the scale (clamped), keeping the point under `anchor` (viewport coordinates) in place. */
  setScale(scale: number, anchor?: { x: number; y: number }): void;
  /** Scales the chart to fit the viewport. */
  fit(): void;
  /** Scrolls so the chart box is visible (chart coordinates), centred where it fits. */
  reveal(box: { x: number; y: number; width: number; height: number }): void;
  /** Whether the chart box (chart coordinates) lies wholly inside the visible part of the frame. */
  shows(box: { x: number; y: number; width: number; height: number }): boolean;
  /** Stops listening. */
  destroy(): void;
}

/** Smallest and largest scale offered. */
export const ZOOM_LIMITS = { min: 0.2, max: 3 } as const;

/** The factor one zoom step multiplies or divides by. */
export const ZOOM_STEP = 1.25;

/** Clamps a scale into {@link ZOOM_LIMITS}, rounded to 1 %. */
export function clampScale(scale: number): number {
  const clamped = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, scale));
  return Math.round(clamped * 100) / 100;
}

/** The scale at which a `width`×`height` chart fits a viewport, never above 1. */
export function fitScale(width: number, height: number, viewportWidth: number, viewportHeight: number): number {
  if (width <= 0 || height <= 0) return 1;
  return clampScale(Math.min(1, viewportWidth / width, viewportHeight / height));
}

/**
 * Makes `viewport` (a scrolling element) show `svg` at a chosen scale.
 * @param onChange - told the new scale after every change (to show it, e.g. "100 %")
 */
export function attachZoom(
  viewport: HTMLElement,
  svg: SVGSVGElement,
  size: { width: number; height: number },
  onChange: (scale: number) => void = () => {},
): ZoomControl {
  let scale = 1;
  const apply = (): void => {
    svg.setAttribute('width', String(Math.round(size.width * scale)));
    svg.setAttribute('height', String(Math.round(size.height * scale)));
    onChange(scale);
  };
  const control: ZoomControl = {
    get scale() {
      return scale;
    },
    setScale(next, anchor) {
      const target = clampScale(next);
      if (target === scale) return;
      const rect = viewport.getBoundingClientRect();
      const point = anchor ?? { x: rect.left + viewport.clientWidth / 2, y: rect.top + viewport.clientHeight / 2 };
      const offsetX = point.x - rect.left;
      const offsetY = point.y - rect.top;
      // The chart point under the anchor before zooming stays under it after.
      const chartX = (viewport.scrollLeft + offsetX) / scale;
      const chartY = (viewport.scrollTop + offsetY) / scale;
      scale = target;
      apply();
      viewport.scrollLeft = chartX * scale - offsetX;
      viewport.scrollTop = chartY * scale - offsetY;
    },
    fit() {
      scale = fitScale(size.width, size.height, viewport.clientWidth - 8, viewport.clientHeight - 8);
      apply();
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
    },
    reveal(box) {
      const left = box.x * scale;
      const top = box.y * scale;
      const width = box.width * scale;
      const height = box.height * scale;
      viewport.scrollLeft = width < viewport.clientWidth ? left - (viewport.clientWidth - width) / 2 : left;
      viewport.scrollTop = height < viewport.clientHeight ? top - (viewport.clientHeight - height) / 2 : top;
    },
    shows(box) {
      const left = viewport.scrollLeft / scale;
      const top = viewport.scrollTop / scale;
      const right = left + viewport.clientWidth / scale;
      const bottom = top + viewport.clientHeight / scale;
      return box.x >= left && box.y >= top && box.x + box.width <= right && box.y + box.height <= bottom;
    },
    destroy() {
      viewport.removeEventListener('wheel', onWheel);
    },
  };
  const onWheel = (event: WheelEvent): void => {
    // Plain wheel scrolls; ctrl+wheel (and trackpad pinch, which browsers report so) zooms.
    if (!event.ctrlKey) return;
    event.preventDefault();
    control.setScale(scale * Math.exp(-event.deltaY / 300), { x: event.clientX, y: event.clientY });
  };
  viewport.addEventListener('wheel', onWheel, { passive: false });
  apply();
  return control;
}
