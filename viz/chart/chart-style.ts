/**
 * The chart's stylesheet. Colours are CSS variables switched by `prefers-color-scheme`, so a
 * page can restyle the chart by overriding `--xc-*` on any ancestor.
 */
import { FONT_FAMILY, METRICS } from './metrics.js';

/** The CSS every chart carries inside its SVG. */
export const CHART_CSS = `
.xc-chart {
  --xc-bg: #ffffff; --xc-text: #1f2328; --xc-muted: #656d76; --xc-border: #8c959f;
  --xc-compound-fill: #f6f8fa; --xc-region-fill: transparent; --xc-state-fill: #ffffff;
  --xc-edge: #57606a; --xc-label-bg: #ffffff; --xc-active: #0550ae; --xc-active-fill: #b6e3ff;
  --xc-flash: #bf8700; --xc-initial: #1f2328; --xc-available: #1a7f37;
  font-family: ${FONT_FAMILY}; color: var(--xc-text); background: var(--xc-bg);
  max-width: 100%; height: auto; display: block;
}
@media screen and (prefers-color-scheme: dark) {
  .xc-chart {
    --xc-bg: #0d1117; --xc-text: #e6edf3; --xc-muted: #8d96a0; --xc-border: #6e7681;
    --xc-compound-fill: #161b22; --xc-state-fill: #0d1117; --xc-edge: #8d96a0;
    --xc-label-bg: #0d1117; --xc-active: #4493f8; --xc-active-fill: #0c2d6b;
    --xc-flash: #d29922; --xc-initial: #e6edf3; --xc-available: #3fb950;
  }
}
.xc-chart text { fill: var(--xc-text); }
.xc-box { fill: var(--xc-state-fill); stroke: var(--xc-border); stroke-width: 1.2; transition: fill .2s, stroke .2s; }
.xc-compound > .xc-box, .xc-parallel > .xc-box { fill: var(--xc-compound-fill); }
.xc-region > .xc-box { fill: var(--xc-region-fill); stroke: var(--xc-border); stroke-dasharray: 6 4; stroke-width: 1; }
.xc-final-inner { fill: none; stroke: var(--xc-border); stroke-width: 1.2; }
.xc-name { font-size: ${METRICS.stateFont}px; font-weight: 500; dominant-baseline: central; text-anchor: middle; pointer-events: none; }
.xc-header { font-size: ${METRICS.stateFont}px; font-weight: 600; dominant-baseline: central; pointer-events: none; }
.xc-region > .xc-header { font-weight: 500; font-style: italic; fill: var(--xc-muted); }
.xc-separator { stroke: var(--xc-border); stroke-dasharray: 6 4; stroke-width: 1.2; }
.xc-countdown { font-size: ${METRICS.labelFont}px; text-anchor: middle; dominant-baseline: central; fill: var(--xc-active) !important; font-variant-numeric: tabular-nums; }
.xc-countdown-under { font-weight: 600; paint-order: stroke; stroke: var(--xc-bg); stroke-width: 3px; }
.xc-state:not(.xc-region)[data-active="true"] > .xc-box { stroke: var(--xc-active); stroke-width: 1.8; }
.xc-atomic[data-active="true"] > .xc-box, .xc-final[data-active="true"] > .xc-box { stroke-width: 3; }
.xc-state[data-active="true"] > .xc-name { font-weight: 700; }
.xc-note { font-size: ${METRICS.labelFont}px; text-anchor: middle; dominant-baseline: central; fill: var(--xc-muted) !important; pointer-events: none; }
.xc-state:not(.xc-region):not(.xc-parallel):not(.xc-compound):hover > .xc-box { stroke: var(--xc-active); stroke-width: 2; }
.xc-atomic[data-active="true"] > .xc-box, .xc-final[data-active="true"] > .xc-box { fill: var(--xc-active-fill); }
.xc-state[data-active="true"] > .xc-name, .xc-state[data-active="true"] > .xc-header { fill: var(--xc-active); }
.xc-state:focus-visible { outline: none; }
.xc-state:focus-visible > .xc-box { stroke: var(--xc-active); stroke-width: 3; stroke-dasharray: 5 3; }
.xc-edge path { fill: none; stroke: var(--xc-edge); stroke-width: 1.3; }
.xc-edge[data-kind="after"] path { stroke-dasharray: 7 4; }
.xc-edge[data-kind="always"] path, .xc-edge[data-kind="mixed"] path { stroke-dasharray: 2 3; }
.xc-edge[data-targetless="true"] path { stroke-dasharray: 5 3; }
.xc-initial-dot { fill: var(--xc-initial); }
.xc-arrowhead { fill: var(--xc-edge); }
.xc-arrowhead-timed { fill: var(--xc-bg); stroke: var(--xc-edge); stroke-width: 1.5; stroke-linejoin: miter; }
.xc-label rect { fill: var(--xc-label-bg); opacity: .92; rx: 3; }
.xc-label text { font-size: ${METRICS.labelFont}px; dominant-baseline: central; text-anchor: middle; }
.xc-label .xc-guard { fill: var(--xc-muted); }
.xc-op[role="button"] { cursor: pointer; }
.xc-op[role="button"]:hover .xc-trigger, .xc-op[role="button"]:focus-visible .xc-trigger { text-decoration: underline; fill: var(--xc-active); }
.xc-op:focus-visible { outline: 2px solid var(--xc-active); outline-offset: 2px; }
.xc-op[data-available="true"] .xc-trigger { font-weight: 700; fill: var(--xc-available); }
.xc-op[data-available="false"] .xc-trigger { fill: var(--xc-muted); }
.xc-edge[data-highlight="true"] path { stroke: var(--xc-flash); stroke-width: 3.2; }
.xc-op[data-highlight="true"] .xc-trigger { fill: var(--xc-flash); font-weight: 700; text-decoration: underline; }
.xc-edge.xc-taken path { animation: xc-flash-edge 1.2s ease-out; }
.xc-label tspan.xc-taken { animation: xc-flash-label 1.2s ease-out; }
.xc-edge.xc-taken.xc-again path { animation-name: xc-flash-edge-again; }
.xc-label tspan.xc-taken.xc-again { animation-name: xc-flash-label-again; }
@keyframes xc-flash-edge { 0%, 40% { stroke: var(--xc-flash); stroke-width: 3.2; } 100% { stroke: var(--xc-edge); stroke-width: 1.3; } }
@keyframes xc-flash-edge-again { 0%, 40% { stroke: var(--xc-flash); stroke-width: 3.2; } 100% { stroke: var(--xc-edge); stroke-width: 1.3; } }
@keyframes xc-flash-label { 0%, 40% { fill: var(--xc-flash); font-weight: 700; } 100% { } }
@keyframes xc-flash-label-again { 0%, 40% { fill: var(--xc-flash); font-weight: 700; } 100% { } }
@media (prefers-reduced-motion: reduce) { .xc-edge.xc-taken path, .xc-label tspan.xc-taken { animation-duration: .01s; } }
`;
