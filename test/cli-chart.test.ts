/**
 * `azure-vm-lifecycle chart`: the VM's statechart as SVG, PNG or Mermaid files, no browser, and
 * a clear message with exit code 2 for every bad flag. Each run is the real command, spawned
 * with a bounded time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { vmMachine } from 'azure-vm-lifecycle';
import { toMermaid } from 'azure-vm-lifecycle/mermaid';
import { vmChartGraph } from '../server/vm-chart.js';
import { loadMermaid, type Mermaid } from './mermaid-parser.js';

const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'vm-chart-'));

/** Runs the CLI as `npx azure-vm-lifecycle chart …` runs it, from source; 60 s at most. */
function chart(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'chart', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Width and height from a PNG's IHDR chunk, after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function parseSvg(text: string) {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`not well-formed XML (${level}): ${message}`);
    },
  }).parseFromString(text, 'image/svg+xml');
}

let mermaid: Mermaid;
beforeAll(async () => {
  mermaid = await loadMermaid();
});

describe('azure-vm-lifecycle chart', () => {
  it('writes an SVG file that parses and names every state of the view', () => {
    const file = join(out, 'vm-full-dark.svg');
    const run = chart('--view', 'full', '--theme', 'dark', '-o', file);
    expect(run.stderr).toContain(`Wrote ${file} (svg, full view, dark)`);
    expect(run.status).toBe(0);
    const document = parseSvg(readFileSync(file, 'utf8'));
    expect(document.documentElement!.getAttribute('data-theme')).toBe('dark');
    const drawn = Array.from(document.getElementsByTagName('g')).map((g) => g.getAttribute('data-state-id')).filter(Boolean);
    expect(drawn.sort()).toEqual(vmChartGraph('full').nodes.map((node) => node.id).sort());
    expect(document.getElementsByTagName('title')[0]?.textContent).toBe('Azure VM lifecycle — full statechart');
  });

  it('heads the file in the language asked for, or as --title says, or not at all', () => {
    const title = (...args: string[]) => {
      const root = parseSvg(chart('--view', 'full', ...args).stdout).documentElement!;
      // The file's own <title>, not a state's.
      return Array.from(root.getElementsByTagName('title')).find((element) => element.parentNode === root)?.textContent;
    };
    expect(title('--lang', 'nl')).toBe('Levenscyclus van een Azure-VM — volledig toestandsdiagram');
    expect(parseSvg(chart('--lang', 'nl').stdout).documentElement!.getAttribute('aria-label')).toBe('Levenscyclus van een Azure-VM — lesweergave');
    expect(title('--title', 'Lesson 3: the VM')).toBe('Lesson 3: the VM');
    expect(title('--no-title')).toBeUndefined();
  });

  it('writes a PNG at twice the SVG’s size by default, and at --scale', () => {
    const svg = parseSvg(chart('--view', 'full').stdout).documentElement!;
    const [width, height] = ['width', 'height'].map((name) => Number(svg.getAttribute(name)));
    const twice = join(out, 'vm.png');
    expect(chart('-o', twice, '--view', 'full').status).toBe(0);
    expect(pngSize(readFileSync(twice))).toEqual({ width: width! * 2, height: height! * 2 });
    const once = join(out, 'vm-1x.png');
    expect(chart('--view', 'full', '--format', 'png', '--scale', '1', '--output', once).status).toBe(0);
    expect(pngSize(readFileSync(once))).toEqual({ width, height });
  });

  it('draws its PNG as a browser draws the file: a note on its own line muted, each name centred on its line', async () => {
    const { Resvg } = (await import('@resvg/resvg-js')).default;
    const svg = chart('--lang', 'nl').stdout;
    const document = parseSvg(svg);
    const { width, pixels } = new Resvg(svg, { font: { loadSystemFonts: true } }).render();
    const luminance = (x: number, y: number) => {
      const at = (y * width + x) * 4;
      return 0.2126 * pixels[at]! + 0.7152 * pixels[at + 1]! + 0.0722 * pixels[at + 2]!;
    };
    const [dx = 0, dy = 0] = (Array.from(document.getElementsByTagName('g')).find((g) => g.hasAttribute('transform'))?.getAttribute('transform') ?? '').match(/[\d.]+/g)!.map(Number);
    /** The ink of a text: the rows it darkens around its `y`, and its darkest pixel. */
    const inkOf = (group: XmlElement, text: XmlElement) => {
      const box = group.getElementsByTagName('rect')[0]!;
      const [left, right] = [Number(box.getAttribute('x')) + dx + 4, Number(box.getAttribute('x')) + Number(box.getAttribute('width')) + dx - 4];
      const y = Math.round(Number(text.getAttribute('y')) + dy);
      const rows: number[] = [];
      let darkest = 255;
      for (let row = y - 6; row <= y + 6; row += 1) {
        let inked = false;
        for (let x = Math.ceil(left); x < right; x += 1) {
          darkest = Math.min(darkest, luminance(x, row));
          inked ||= luminance(x, row) < 170;
        }
        if (inked) rows.push(row);
      }
      return { centre: (rows[0]! + rows.at(-1)!) / 2 - y, darkest };
    };
    const groups = Array.from(document.getElementsByTagName('g')).filter((g) => g.getAttribute('data-state-id')?.startsWith('vm.exists.power.'));
    let notes = 0;
    for (const group of groups) {
      for (const text of Array.from(group.getElementsByTagName('text'))) {
        const ink = inkOf(group, text);
        const id = `${group.getAttribute('data-state-id')} ${text.getAttribute('class')}`;
        // The text colour is #1f2328 (luminance 34), the muted one #656d76 (107).
        if (text.getAttribute('class') === 'xc-note') {
          notes += 1;
          expect(ink.darkest, id).toBeGreaterThan(80);
        } else {
          // A name's ink is centred on its y (central baseline), not above it.
          expect(Math.abs(ink.centre), id).toBeLessThanOrEqual(2);
          expect(ink.darkest, id).toBeLessThan(60);
        }
      }
    }
    expect(notes).toBeGreaterThanOrEqual(4);
  });

  it('draws the lesson by default, as the page does: every lesson state, named in the language asked for', () => {
    for (const language of ['en', 'nl'] as const) {
      const file = join(out, `lesson-${language}.svg`);
      expect(chart('--lang', language, '-o', file).status).toBe(0);
      const document = parseSvg(readFileSync(file, 'utf8'));
      const groups = Array.from(document.getElementsByTagName('g')).filter((g) => g.hasAttribute('data-state-id'));
      // The board draws no box for the machine itself.
      const states = vmChartGraph('lesson', { language }).nodes.filter((node) => node.parent !== null);
      expect(groups.map((g) => g.getAttribute('data-state-id')).sort()).toEqual(states.map((node) => node.id).sort());
      const names = Array.from(document.getElementsByTagName('text')).map((text) => text.textContent);
      // A name may carry its note after it ("Starting · Not billed").
      for (const node of states) expect(names.some((name) => name?.startsWith(node.label)), node.id).toBe(true);
    }
    expect(vmChartGraph('lesson', { language: 'nl' }).nodes.map((node) => node.label)).not.toEqual(vmChartGraph('lesson').nodes.map((node) => node.label));
  });

  it('marks the lesson’s states billed by the table asked for: starting is billed by the 2023 table, not by the 2018 one', () => {
    const starting = (...args: string[]) => {
      const root = parseSvg(chart(...args).stdout).documentElement!;
      const group = Array.from(root.getElementsByTagName('g')).find((g) => g.getAttribute('data-state-id') === 'vm.exists.power.starting');
      return group?.getElementsByTagName('text')[0]?.textContent;
    };
    expect(starting()).toBe('Starting · Not billed');
    expect(starting('--billing', 'azure-2023')).toBe('Starting · Billed');
  });

  it('writes Mermaid text that Mermaid parses, the format read from the .mmd extension: the lesson, and the full machine', async () => {
    const file = join(out, 'lesson.mmd');
    expect(chart('--output=' + file).status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const node of vmChartGraph('lesson').nodes.filter((each) => each.parent !== null)) expect(text).toContain(`"${node.label}"`);
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'stateDiagram' });
    const full = chart('--view', 'full', '--format', 'mermaid').stdout;
    expect(full).toBe(toMermaid(vmMachine));
    await expect(mermaid.parse(full)).resolves.toMatchObject({ diagramType: 'stateDiagram' });
  });

  it('prints its options with --help and exits 0', () => {
    const run = chart('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: azure-vm-lifecycle chart \[options\]/);
    for (const flag of ['--view lesson|full', '--format svg|png|mermaid', '--theme light|dark', '--scale', '--lang en|nl', '--billing seed-2018|azure-2023', '--title', '--no-title', '-o, --output FILE']) expect(run.stdout).toContain(flag);
  });

  it.each([
    [['--colour', 'red'], "unknown option '--colour'."],
    [['--view', 'everything'], "--view expects lesson, full; got 'everything'."],
    [['--format', 'gif', '-o', 'x.gif'], "--format expects svg, png, mermaid; got 'gif'."],
    [['--theme', 'sepia'], "--theme expects light, dark; got 'sepia'."],
    [['--lang', 'fr'], "--lang expects en, nl; got 'fr'."],
    [['--billing', '2019'], "--billing expects seed-2018, azure-2023; got '2019'."],
    [['--view', 'full', '--billing', 'azure-2023'], "--billing marks the lesson's states; the full view has no billed marks."],
    [['--format', 'png'], '--format png needs a file: add -o FILE.png.'],
    [['-o', 'chart.txt'], "cannot tell the format from 'chart.txt': name it .svg, .png or .mmd, or add --format svg|png|mermaid."],
    [['--format', 'png', '-o', 'x.png', '--scale', '20'], "--scale expects a number from 0.5 to 8, got '20'."],
    [['--theme'], '--theme expects a value.'],
    [['--theme', 'dark', '--theme', 'light'], '--theme is given twice.'],
    [['--format', 'mermaid', '--theme', 'dark'], '--theme, --scale and --title draw SVG and PNG; Mermaid text has no colours, size or heading.'],
    [['full'], "unexpected argument 'full' (options come as --name value)."],
  ])('refuses %j with exit code 2, saying what was wrong', (args, message) => {
    const run = chart(...args);
    expect(run.stderr).toBe(`azure-vm-lifecycle chart: ${message}\nRun 'azure-vm-lifecycle chart --help' for the options.\n`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });
});
