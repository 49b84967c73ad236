/**
 * azure-vm-lifecycle/viz: a live, generic statechart view of any XState 5 machine or actor.
 * @packageDocumentation
 */
export type * from './chart.types.js';
export { toChartGraph, edgeIdOf, type ChartGraphOptions } from './graph.js';
// One guard formatter for the Mermaid export and the chart, so both read the same.
export { formatGuard, type GuardLike } from 'azure-vm-lifecycle/mermaid';
export { formatDelay, countdown, type Countdown } from './countdown.js';
export { layoutGraph, layoutStats, type ElkLike, type LayoutGraphOptions, type LayoutStats } from './layout.js';
export { layoutFitsGraph } from './layout-fit.js';
export type { LayoutArrangement } from './elk-graph.js';
export { gridLayout } from './grid-layout.js';
export { renderChart, type ChartView } from './render.js';
export { chartSvg, type ChartSvg, type ChartSvgOptions } from './chart-svg.js';
export { chartToMermaid, type ChartMermaidOptions } from './chart-mermaid.js';
export { chartPalette, CHART_THEMES, type ChartPalette, type ChartTheme } from './chart-file-style.js';
export { actorDelayResolver } from './delays.js';
export { activeStateIds, type MatchableSnapshot } from './live.js';
export { attachZoom, fitScale, clampScale, ZOOM_LIMITS, ZOOM_STEP, type ZoomControl } from './zoom.js';
export { mountChart, type ChartHandle, type ChartStats, type ChartViewKind, type MountChartOptions } from './mount.js';
export { nearestInDirection, rovingGroup, type RovingItem } from './keyboard.js';
export { METRICS, estimateTextWidth, type MeasureText } from './metrics.js';
export {
  toLessonGraph,
  type LessonGraph,
  type LessonGraphOptions,
  type LessonStateMeta,
  type LessonTransitionMeta,
} from './lesson.js';
