/**
 * The chart's stylesheet for a file: {@link CHART_CSS} with one theme's colours written in for
 * its `--xc-*` variables, and without what only a live page needs (media queries, animations,
 * transitions, hover and focus rules, the cursor). Read from the live stylesheet itself, so a
 * file always looks like the chart on the page.
 */
import { CHART_CSS } from './chart-style.js';
import { FONT_FAMILY, METRICS } from './metrics.js';

/**
 * The two colour themes of the chart.
 * - `light`: its colours for a light page
 * - `dark`: its colours under `prefers-color-scheme: dark`
 */
export type ChartTheme = 'light' | 'dark';

/** The themes, in the order they are offered. */
export const CHART_THEMES: readonly ChartTheme[] = ['light', 'dark'];

/** A theme's colours, by the name of their `--xc-*` variable (`bg`, `text`, `active`, …). */
export type ChartPalette = Readonly<Record<string, string>>;

interface CssBlock {
  /** The selector or at-rule before the brace. */
  prelude: string;
  /** What is between the braces. */
  body: string;
}

/** The top-level blocks of a stylesheet (comments are not expected in it). */
function topLevelBlocks(css: string): CssBlock[] {
  const blocks: CssBlock[] = [];
  let depth = 0;
  let start = 0;
  let prelude = '';
  for (let index = 0; index < css.length; index += 1) {
    const char = css[index];
    if (char === '{') {
      if (depth === 0) {
        prelude = css.slice(start, index).trim();
        start = index + 1;
      }
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) {
        blocks.push({ prelude, body: css.slice(start, index) });
        start = index + 1;
      }
    }
  }
  return blocks;
}

function variablesOf(body: string): Record<string, string> {
  return Object.fromEntries([...body.matchAll(/--xc-([a-z-]+)\s*:\s*([^;]+);/g)].map((match) => [match[1] ?? '', (match[2] ?? '').trim()]));
}

const LIVE_ONLY_SELECTOR = /:hover|:focus|\.xc-taken/;
const LIVE_ONLY_PROPERTY = /^(transition|animation|cursor|outline|outline-offset|pointer-events)$/;

let parsed: { palettes: Record<ChartTheme, ChartPalette>; rules: CssBlock[] } | undefined;

function parse(): NonNullable<typeof parsed> {
  if (parsed) return parsed;
  const blocks = topLevelBlocks(CHART_CSS);
  const root = blocks.find((block) => block.prelude === '.xc-chart');
  const dark = blocks.find((block) => block.prelude.startsWith('@media') && block.prelude.includes('prefers-color-scheme: dark'));
  if (!root || !dark) throw new Error('the chart stylesheet has no .xc-chart colours or no dark ones');
  const light = variablesOf(root.body);
  const rules = blocks
    .filter((block) => !block.prelude.startsWith('@') && block !== root && !LIVE_ONLY_SELECTOR.test(block.prelude))
    .map((block) => ({
      prelude: block.prelude,
      body: block.body
        .split(';')
        .map((declaration) => declaration.trim())
        .filter((declaration) => declaration !== '' && !LIVE_ONLY_PROPERTY.test(declaration.split(':')[0]?.trim() ?? ''))
        .join('; '),
    }))
    .filter((rule) => rule.body !== '');
  parsed = { palettes: { light, dark: { ...light, ...variablesOf(dark.body) } }, rules };
  return parsed;
}

/** The colours of a theme, as the live chart uses them. */
export function chartPalette(theme: ChartTheme): ChartPalette {
  if (!CHART_THEMES.includes(theme)) throw new TypeError(`unknown chart theme '${String(theme)}': use ${CHART_THEMES.join(' or ')}`);
  return parse().palettes[theme];
}

/**
 * The chart's stylesheet for a file in one theme: plain rules with the colours written in, the
 * file's background and title styled.
 * @example
 * chartFileCss('dark'); // '.xc-chart { font-family: …; } … .xc-chart text { fill: #e6edf3; } …'
 */
export function chartFileCss(theme: ChartTheme): string {
  const palette = chartPalette(theme);
  const resolve = (text: string): string => text.replace(/var\(--xc-([a-z-]+)\)/g, (whole, name: string) => palette[name] ?? whole);
  const rules = parse().rules.map((rule) => {
    if (!rule.body.includes('!important')) return `${rule.prelude} { ${resolve(rule.body)}; }`;
    // What `!important` wins on the page, a more specific selector wins in a file: renderers
    // outside browsers (resvg) drop a declaration marked `!important`.
    const prelude = rule.prelude
      .split(',')
      .map((selector) => `.xc-chart ${selector.trim()}`)
      .join(', ');
    return `${prelude} { ${resolve(rule.body.replace(/\s*!important/g, ''))}; }`;
  });
  return [
    '',
    `.xc-chart { font-family: ${FONT_FAMILY}; }`,
    `.xc-background { fill: ${palette.bg ?? 'none'}; }`,
    `.xc-title { font-size: ${METRICS.stateFont + 3}px; font-weight: 600; fill: ${palette.text ?? 'currentColor'}; }`,
    ...rules,
    '',
  ].join('\n');
}
