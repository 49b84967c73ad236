/**
 * `azure-vm-lifecycle chart`: draws the VM's statechart as an SVG, PNG or Mermaid file for docs
 * pipelines, without a browser. Flags are checked first; a bad one is named with what it accepts.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ChartTheme } from 'azure-vm-lifecycle/viz';
import { type BillingTable } from '../machines/index.js';
import { BILLING_TABLES } from '../machines/billing.js';
import { VM_CHART_LANGUAGES, VM_CHART_VIEWS, vmChartMermaid, vmChartSvg, vmChartTitle, type Language, type VmChartView } from './vm-chart.js';

/** The file formats. */
export const CHART_FORMATS = ['svg', 'png', 'mermaid'] as const;
/** A file format. */
export type ChartFormat = (typeof CHART_FORMATS)[number];
const THEMES: readonly ChartTheme[] = ['light', 'dark'];

/** What `chart` was asked for. */
export interface ChartCommand {
  /** The chart. */
  view: VmChartView;
  /** The file's format. */
  format: ChartFormat;
  /** The colours of SVG and PNG. */
  theme: ChartTheme;
  /** The language of the heading and of the lesson's words. */
  language: Language;
  /** The billing table of the lesson's billed marks. */
  table: BillingTable;
  /** PNG pixels per chart pixel. */
  scale: number;
  /** The heading; empty for none. */
  title: string;
  /** The file to write; `undefined` for standard output. */
  output: string | undefined;
}

/** Thrown for a bad flag; the CLI prints it and exits with code 2. */
export class ChartUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartUsageError';
  }
}

/** `chart --help`. */
export const CHART_HELP = `Usage: azure-vm-lifecycle chart [options]

Draws the VM's statechart as a file, without a browser: the layout the live page ships.

Options:
  --view ${VM_CHART_VIEWS.join('|')}${' '.repeat(Math.max(1, 19 - VM_CHART_VIEWS.join('|').length))}which chart (default: ${VM_CHART_VIEWS[0]})
  --format svg|png|mermaid  the file's format (default: from the output's extension,
                            .svg, .png or .mmd/.mermaid/.md; svg on standard output)
  --theme light|dark        colours of SVG and PNG (default: light)
  --scale N                 PNG pixels per chart pixel, 0.5 to 8 (default: 2, for slides)
  --lang ${VM_CHART_LANGUAGES.join('|')}${' '.repeat(Math.max(1, 19 - VM_CHART_LANGUAGES.join('|').length))}the language of the heading and the lesson's words (default: en)
  --billing seed-2018|azure-2023
                            the table of the lesson's billed marks (default: seed-2018)
  --title TEXT              the heading drawn above the chart (default: "${vmChartTitle(VM_CHART_VIEWS[0] ?? 'full')}")
  --no-title                no heading
  -o, --output FILE         where to write (default: standard output; PNG needs a file)
  -h, --help                this help

Examples:
  npx azure-vm-lifecycle chart --format png --theme dark -o lesson-dark.png
  npx azure-vm-lifecycle chart --view full -o docs/vm-full.svg
  npx azure-vm-lifecycle chart --view lesson --lang nl --format mermaid -o docs/les.mmd

PNG is rendered by the optional package @resvg/resvg-js (installed with this one unless
optional packages were left out).
`;

const EXTENSIONS: Record<string, ChartFormat> = { '.svg': 'svg', '.png': 'png', '.mmd': 'mermaid', '.mermaid': 'mermaid', '.md': 'mermaid' };

/**
 * Reads `chart`'s flags (`--flag value` or `--flag=value`).
 * @throws ChartUsageError naming the flag at fault and what it accepts
 */
export function parseChartArgs(args: readonly string[]): ChartCommand {
  const values = new Map<string, string>();
  let title: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--no-title') {
      title = '';
      continue;
    }
    const match = /^(--[a-z]+|-o)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1] === '-o' ? '--output' : match?.[1];
    if (!match || !name || !['--view', '--format', '--theme', '--scale', '--lang', '--billing', '--title', '--output'].includes(name)) {
      throw new ChartUsageError(arg.startsWith('-') ? `unknown option '${arg}'.` : `unexpected argument '${arg}' (options come as --name value).`);
    }
    const value = match[2] ?? args[(index += 1)];
    if (value === undefined || (match[2] === undefined && value.startsWith('-') && value !== '-')) {
      throw new ChartUsageError(`${arg} expects a value.`);
    }
    if (values.has(name) || (name === '--title' && title !== undefined)) throw new ChartUsageError(`${name} is given twice.`);
    if (name === '--title') title = value;
    else values.set(name, value);
  }

  const view = oneOf('--view', values.get('--view') ?? VM_CHART_VIEWS[0] ?? 'full', VM_CHART_VIEWS);
  const output = values.get('--output');
  if (output === '') throw new ChartUsageError('--output expects a file name.');
  const toFile = output !== undefined && output !== '-';
  const fromExtension = toFile ? EXTENSIONS[extname(output).toLowerCase()] : undefined;
  if (toFile && !values.has('--format') && fromExtension === undefined) {
    throw new ChartUsageError(`cannot tell the format from '${output}': name it .svg, .png or .mmd, or add --format svg|png|mermaid.`);
  }
  const format = oneOf('--format', values.get('--format') ?? fromExtension ?? 'svg', CHART_FORMATS);
  const theme = oneOf('--theme', values.get('--theme') ?? 'light', THEMES);
  const language = oneOf('--lang', values.get('--lang') ?? 'en', VM_CHART_LANGUAGES);
  const table = oneOf('--billing', values.get('--billing') ?? 'seed-2018', Object.keys(BILLING_TABLES) as BillingTable[]);
  if (values.has('--billing') && view !== 'lesson') throw new ChartUsageError('--billing marks the lesson\'s states; the full view has no billed marks.');
  const scaleText = values.get('--scale') ?? '2';
  const scale = Number(scaleText);
  if (scaleText.trim() === '' || !Number.isFinite(scale) || scale < 0.5 || scale > 8) {
    throw new ChartUsageError(`--scale expects a number from 0.5 to 8, got '${scaleText}'.`);
  }
  if (format === 'png' && (output === undefined || output === '-')) throw new ChartUsageError('--format png needs a file: add -o FILE.png.');
  if (format === 'mermaid' && (values.has('--theme') || values.has('--scale') || title !== undefined)) {
    throw new ChartUsageError('--theme, --scale and --title draw SVG and PNG; Mermaid text has no colours, size or heading.');
  }
  if (format === 'svg' && values.has('--scale')) throw new ChartUsageError('--scale sizes PNG only; an SVG scales itself.');
  return { view, format, theme, language, table, scale, title: title ?? vmChartTitle(view, language), output: output === '-' ? undefined : output };
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new ChartUsageError(`${flag} expects ${allowed.join(', ')}; got '${value}'.`);
  return value as T;
}

/** The file's bytes (PNG) or text (SVG, Mermaid). */
export async function drawChart(command: ChartCommand): Promise<string | Uint8Array> {
  if (command.format === 'mermaid') return vmChartMermaid(command.view, { language: command.language, table: command.table });
  const { svg } = await vmChartSvg(command.view, command.theme, { language: command.language, table: command.table, title: command.title });
  if (command.format === 'svg') return svg;
  return rasterize(svg, command.scale);
}

/** Renders an SVG to PNG with resvg at `scale`, with the system's fonts. */
async function rasterize(svg: string, scale: number): Promise<Uint8Array> {
  let resvg: typeof import('@resvg/resvg-js');
  try {
    // A CommonJS package: its functions are on `default` when Node cannot list them by name.
    const loaded = await import('@resvg/resvg-js');
    resvg = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
  } catch (error) {
    throw new Error(
      `--format png needs the optional package @resvg/resvg-js, which is not installed here (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). ` +
        'Install it (npm install @resvg/resvg-js), or write --format svg.',
    );
  }
  return resvg.renderAsync(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true } }).then((image) => image.asPng());
}

/**
 * Runs `chart` with its arguments; returns the exit code: 0 written, 2 for bad flags.
 * Other failures (a file that cannot be written, PNG without its renderer) reject.
 */
export async function runChartCommand(args: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out.write(CHART_HELP);
    return 0;
  }
  let command: ChartCommand;
  try {
    command = parseChartArgs(args);
  } catch (error) {
    if (!(error instanceof ChartUsageError)) throw error;
    process.stderr.write(`azure-vm-lifecycle chart: ${error.message}\nRun 'azure-vm-lifecycle chart --help' for the options.\n`);
    return 2;
  }
  const file = await drawChart(command);
  if (command.output === undefined) out.write(file);
  else {
    writeFileSync(command.output, file);
    process.stderr.write(`Wrote ${command.output} (${command.format}, ${command.view} view${command.format === 'mermaid' ? '' : `, ${command.theme}`})\n`);
  }
  return 0;
}
