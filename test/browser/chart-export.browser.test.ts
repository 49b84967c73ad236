/**
 * Taking the chart away from the page, in a real Chromium: SVG and PNG downloads of the view
 * shown (light or dark), its Mermaid text, printing on one page, and the page embedded
 * (`?embed`, `?embed=buttons`), served and from disk.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { vmMachine } from 'azure-vm-lifecycle';
import { toMermaid } from 'azure-vm-lifecycle/mermaid';
import { chartPalette, chartToMermaid } from 'azure-vm-lifecycle/viz';
import { loadMermaid, type Mermaid } from '../mermaid-parser.js';
import { TEST_PAGE_DIR } from './page-server.js';
import { useVmPage } from './vm-page-harness.js';

const OUT = join(TEST_PAGE_DIR, '..');
const harness = useVmPage();
let mermaid: Mermaid;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  mermaid = await loadMermaid();
});

const waitActive = (page: Page, id: string) =>
  page.waitForFunction((stateId) => document.querySelector(`#chart [data-state-id="${stateId}"]`)?.getAttribute('data-active') === 'true', id);

/** Opens the menu, picks the colours, clicks `button` and returns the file the browser saves. */
async function download(page: Page, button: string, theme: 'light' | 'dark'): Promise<{ name: string; bytes: Buffer }> {
  if (!(await page.isVisible('#export-svg'))) await page.click('#export > summary');
  await page.check(`input[name="export-theme"][value="${theme}"]`, { force: true });
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

function parseSvg(text: string) {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`not well-formed XML (${level}): ${message}`);
    },
  }).parseFromString(text, 'image/svg+xml');
}

/** Width, height and the top-left pixel's RGBA of a PNG (the first pixel reads the same under every filter). */
function readPng(bytes: Buffer): { width: number; height: number; corner: number[] } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('ascii');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]); // 8-bit RGBA
    }
    if (type === 'IDAT') chunks.push(data);
    offset += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(chunks));
  return { width, height, corner: [...pixels.subarray(1, 5)] };
}

const rgba = (hex: string) => [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16)).concat(255);

describe('the chart taken away from the page', () => {
  it('downloads the view shown as a standalone SVG that parses, names every state and highlights the current ones', async () => {
    const page = await harness.open('?speed=instant', { width: 1280, height: 800 });
    await waitActive(page, 'vm.exists.power.running');
    const { name, bytes } = await download(page, '#export-svg', 'light');
    expect(name).toBe('azure-vm-lifecycle-full-light.svg');
    const document = parseSvg(bytes.toString('utf8'));
    const groups = Array.from(document.getElementsByTagName('g')).filter((g) => g.hasAttribute('data-state-id'));
    const shown = await page.$$eval('#chart [data-state-id]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')));
    expect(groups.map((g) => g.getAttribute('data-state-id')).sort()).toEqual(shown.sort());
    const activeInPage = await page.$$eval('#chart [data-state-id][data-active="true"]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')));
    expect(groups.filter((g) => g.getAttribute('data-active') === 'true').map((g) => g.getAttribute('data-state-id')).sort()).toEqual(activeInPage.sort());
    expect(document.getElementsByTagName('title')[0]?.textContent).toBe('Azure VM lifecycle — full statechart');
    expect(document.getElementsByTagName('style')[0]?.textContent).not.toContain('var(');

    // Without the highlight, nothing is drawn active.
    await page.uncheck('#export-highlight');
    const plain = parseSvg((await download(page, '#export-svg', 'light')).bytes.toString('utf8'));
    expect(Array.from(plain.getElementsByTagName('g')).some((g) => g.getAttribute('data-active') === 'true')).toBe(false);
    await page.close();
  });

  it('downloads a PNG at twice the SVG’s size, in the colours chosen', async () => {
    const page = await harness.open('?speed=instant', { width: 1280, height: 800 });
    const svg = parseSvg((await download(page, '#export-svg', 'dark')).bytes.toString('utf8')).documentElement!;
    const { name, bytes } = await download(page, '#export-png', 'dark');
    expect(name).toBe('azure-vm-lifecycle-full-dark.png');
    writeFileSync(join(OUT, name), bytes);
    const png = readPng(bytes);
    expect({ width: png.width, height: png.height }).toEqual({ width: Number(svg.getAttribute('width')) * 2, height: Number(svg.getAttribute('height')) * 2 });
    expect(png.corner).toEqual(rgba(chartPalette('dark').bg!));
    const light = readPng((await download(page, '#export-png', 'light')).bytes);
    expect(light.corner).toEqual(rgba(chartPalette('light').bg!));
    await page.close();
  });

  it('copies the view’s Mermaid text, which Mermaid parses', async () => {
    const page = await harness.open('?speed=instant', { width: 1280, height: 800 });
    await page.click('#export > summary');
    await page.click('#export-mermaid');
    await page.waitForSelector('#export-toast:not([hidden])');
    const text = await page.inputValue('[data-testid="mermaid-output"]');
    expect(text).toBe(toMermaid(vmMachine));
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'stateDiagram' });
    expect(await page.textContent('#export-status')).toMatch(/\(full statechart\)/);
    await page.close();
  });

  it('takes the lesson view away as the lesson: its file names, its states highlighted as on screen, its Mermaid text', async () => {
    const page = await harness.open('?speed=instant&view=lesson', { width: 1280, height: 800 });
    await page.waitForSelector('#chart [data-active="true"]');
    const { name, bytes } = await download(page, '#export-svg', 'light');
    expect(name).toBe('azure-vm-lifecycle-lesson-light.svg');
    const document = parseSvg(bytes.toString('utf8'));
    const groups = Array.from(document.getElementsByTagName('g')).filter((g) => g.hasAttribute('data-state-id'));
    const shown = await page.$$eval('#chart [data-state-id]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')));
    expect(groups.map((g) => g.getAttribute('data-state-id')).sort()).toEqual(shown.sort());
    const activeInPage = await page.$$eval('#chart [data-state-id][data-active="true"]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')));
    expect(activeInPage.length).toBeGreaterThan(0);
    expect(groups.filter((g) => g.getAttribute('data-active') === 'true').map((g) => g.getAttribute('data-state-id')).sort()).toEqual(activeInPage.sort());
    expect(document.documentElement!.getAttribute('aria-label')).toBe('Azure VM lifecycle — lesson view');

    const png = await download(page, '#export-png', 'dark');
    expect(png.name).toBe('azure-vm-lifecycle-lesson-dark.png');
    writeFileSync(join(OUT, png.name), png.bytes);
    const svg = parseSvg((await download(page, '#export-svg', 'dark')).bytes.toString('utf8')).documentElement!;
    const size = readPng(png.bytes);
    expect({ width: size.width, height: size.height }).toEqual({ width: Number(svg.getAttribute('width')) * 2, height: Number(svg.getAttribute('height')) * 2 });

    await page.click('#export-mermaid');
    await page.waitForSelector('#export-toast:not([hidden])');
    const text = await page.inputValue('[data-testid="mermaid-output"]');
    const graph = await page.evaluate(() => window.vmPage!.chart.graph);
    expect(text).toBe(chartToMermaid(graph));
    for (const node of graph.nodes.filter((each) => each.parent !== null)) expect(text).toContain(`"${node.label}"`);
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'stateDiagram' });
    expect(await page.textContent('#export-status')).toMatch(/\(lesson view\)/);
    await page.close();
  });

  it('prints the whole chart on one landscape page, in the light colours, under a caption with the VM’s state and no panels', async () => {
    const page = await harness.open('?speed=instant', { width: 1280, height: 800 });
    await waitActive(page, 'vm.exists.power.running');
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
    expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 841\.\d+ 59[45]\.\d+\s*\]/); // A4 landscape, in points

    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#side', '#operations', '#zoom-fit', '#export', '#view-full', '#speeds']) expect(await page.isHidden(hidden), hidden).toBe(true);
    expect(await page.textContent('#status-line')).toMatch(/Power: running/);
    expect(await page.isVisible('#status-line')).toBe(true);
    // A4 landscape less 10 mm margins is 277 × 190 mm; the chart keeps to 165 mm under the caption.
    const mm = 96 / 25.4;
    const box = await page.$eval('#chart svg', (svg) => svg.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.height).toBeLessThanOrEqual(165 * mm + 1);
    expect(box.height).toBeGreaterThan(100 * mm);

    // Printed from a dark screen, on paper in the light colours.
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    // Past the boxes' 0.2 s colour transition, so a dark fill would have arrived.
    await page.waitForTimeout(400);
    const fill = await page.$eval('#chart [data-state-id="vm.exists.power.stopped"] > .xc-box', (box) => getComputedStyle(box).fill);
    expect(fill).toBe(`rgb(${rgba(chartPalette('light')['state-fill']!).slice(0, 3).join(', ')})`);
    expect(await page.$eval('#status-line', (line) => getComputedStyle(line).color)).toBe('rgb(31, 35, 40)');
    // On a dark screen, dark (once the boxes' colour transition has run).
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    const darkFill = `rgb(${rgba(chartPalette('dark')['state-fill']!).slice(0, 3).join(', ')})`;
    await page.waitForFunction(
      (expected) => getComputedStyle(document.querySelector('#chart [data-state-id="vm.exists.power.stopped"] > .xc-box')!).fill === expected,
      darkFill,
      { timeout: 5_000 },
    );
    await page.close();
  });
  it('prints the lesson on one page too', async () => {
    const page = await harness.open('?speed=instant&view=lesson', { width: 1280, height: 800 });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
    await page.close();
  });
});

describe('the page embedded', () => {
  it('?embed shows the chart alone, fitted in the frame, on a transparent page', async () => {
    const page = await harness.open('?embed&speed=instant', { width: 800, height: 500 });
    await page.waitForFunction(() => document.querySelector('#zoom-level')?.textContent !== '100 %');
    for (const hidden of ['.top', '.timebar', '#side', '#operations', '.toolbar', '#state-info']) expect(await page.isHidden(hidden), hidden).toBe(true);
    const box = await page.$eval('#chart svg', (svg) => svg.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.width).toBeGreaterThan(400);
    expect(box.right).toBeLessThanOrEqual(800);
    expect(box.bottom).toBeLessThanOrEqual(500);
    expect(await page.$eval('body', (body) => getComputedStyle(body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: join(OUT, 'chart-embed.png') });
    await page.close();
  });

  it('?embed&view=full shows the full machine whole too, and fits again after every switch of view', async () => {
    const page = await harness.open('?embed&view=full&speed=instant', { width: 800, height: 500 });
    await waitActive(page, 'vm.exists.power.running');
    /** The chart's box once it is drawn in `view`, whole in the 800×500 frame. */
    const fitted = async (view: string) => {
      await page.waitForFunction((wanted) => {
        const svg = document.querySelector<SVGSVGElement>('#chart svg');
        if (svg?.getAttribute('data-view') !== wanted) return false;
        const box = svg.getBoundingClientRect();
        return box.right <= 800 && box.bottom <= 500 && box.width > 300;
      }, view);
      return page.$eval('#chart svg', (svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width);
    };
    // The full machine is far larger than the frame: shown whole, well under 1:1.
    expect(await fitted('full')).toBeLessThan(0.5);
    // Time moves on (the active states change) and the chart stays whole.
    await page.evaluate(() => window.vmPage?.actor.send({ type: 'vm.deallocate' }));
    await waitActive(page, 'vm.exists.power.deallocated.notHibernated');
    expect(await fitted('full')).toBeLessThan(0.5);
    await page.evaluate(() => window.vmPage?.setView('lesson'));
    expect(await fitted('lesson')).toBeGreaterThan(0.5);
    expect(new URL(page.url()).searchParams.get('view')).toBe('lesson');
    await page.evaluate(() => window.vmPage?.setView('full'));
    expect(await fitted('full')).toBeLessThan(0.5);
    await page.setViewportSize({ width: 600, height: 400 });
    await page.waitForFunction(() => document.querySelector('#chart svg')!.getBoundingClientRect().right <= 600);
    await page.close();
  });

  it('?embed=buttons adds the operation buttons, which work', async () => {
    const page = await harness.open('?embed=buttons&speed=instant', { width: 900, height: 600 });
    await waitActive(page, 'vm.exists.power.running');
    expect(await page.isVisible('#operations')).toBe(true);
    expect(await page.isHidden('#side')).toBe(true);
    await page.click('button[data-operation="deallocate"]');
    await waitActive(page, 'vm.exists.power.deallocated');
    await page.close();
  });

  it('embeds from disk (file://) too: the chart drawn from the build-time layout, no panels', async () => {
    const page = await harness.openFromDisk('?embed&speed=instant', { width: 800, height: 500 });
    await page.waitForFunction(() => window.vmPage !== undefined);
    await page.evaluate(() => window.vmPage?.ready);
    await waitActive(page, 'vm.exists.power.running');
    expect(await page.getAttribute('#chart svg', 'data-layout-source')).toBe('precomputed');
    expect(await page.isHidden('#side')).toBe(true);
    expect(await page.isHidden('#boot')).toBe(true);
    await page.close();
  });

  it('downloads an SVG from disk (file://) as well', async () => {
    const page = await harness.openFromDisk('?speed=instant', { width: 1280, height: 800 });
    await page.waitForFunction(() => window.vmPage !== undefined);
    await page.evaluate(() => window.vmPage?.ready);
    const { name, bytes } = await download(page, '#export-svg', 'light');
    expect(name).toBe('azure-vm-lifecycle-full-light.svg');
    expect(parseSvg(bytes.toString('utf8')).documentElement!.tagName).toBe('svg');
    await page.close();
  });
});

describe('the menu at 1280×800, for people to look at', () => {
  it('writes test/out/chart-export-menu.png (English) and chart-export-menu-nl.png (Dutch); Escape closes the menu', async () => {
    for (const lang of ['en', 'nl']) {
      const page = await harness.open(`?speed=instant&view=lesson&lang=${lang}`, { width: 1280, height: 800 });
      await waitActive(page, 'vm.exists.power.running');
      await page.click('#export > summary');
      expect(await page.isVisible('#export-png')).toBe(true);
      expect(await page.textContent('#export-mermaid')).toBe(lang === 'en' ? 'Copy Mermaid' : 'Mermaid kopiëren');
      await page.screenshot({ path: join(OUT, lang === 'en' ? 'chart-export-menu.png' : 'chart-export-menu-nl.png') });
      // Escape closes the menu and gives focus back to it.
      await page.focus('#export-svg');
      await page.keyboard.press('Escape');
      expect(await page.isHidden('#export-svg')).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.matches('#export > summary'))).toBe(true);
      // So does a click elsewhere.
      await page.click('#export > summary');
      await page.click('#chart-title');
      expect(await page.isHidden('#export-svg')).toBe(true);
      await page.close();
    }
  });
});
