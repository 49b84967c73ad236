import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { buildPage, servePage, TEST_PAGE_DIR, type PageServer } from './page-server.js';

const KETTLE_STATES = [
  'kettle',
  'kettle.plugged',
  'kettle.plugged.power',
  'kettle.plugged.power.off',
  'kettle.plugged.power.heating',
  'kettle.plugged.power.boiled',
  'kettle.plugged.lid',
  'kettle.plugged.lid.closed',
  'kettle.plugged.lid.open',
  'kettle.unplugged',
];

let browser: Browser;
let server: PageServer;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  await buildPage();
  server = await servePage(TEST_PAGE_DIR);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(query = ''): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  opened.on('pageerror', (error) => pageErrors.push(String(error)));
  await opened.goto(`${server.url}index.html${query}`);
  await opened.waitForFunction(() => window.chartPage !== undefined);
  await opened.evaluate(() => window.chartPage?.handle.ready);
  return opened;
}

const activeStates = (on: Page) =>
  on.$$eval('#chart [data-active="true"]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')).sort());

describe('the chart page in Chromium', () => {
  beforeAll(async () => {
    page = await openPage();
  });

  it('draws every state of the machine with its id, laid out by elk in a worker', async () => {
    const drawn = await page.$$eval('#chart [data-state-id]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')));
    expect([...drawn].sort()).toEqual([...KETTLE_STATES].sort());
    expect(await page.getAttribute('#chart svg', 'data-layout-engine')).toBe('elk-worker');
    mkdirSync(join(TEST_PAGE_DIR, '..'), { recursive: true });
    await page.screenshot({ path: join(TEST_PAGE_DIR, '..', 'chart.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('moves data-active when an event is sent, without laying out again', async () => {
    expect(await activeStates(page)).toEqual(['kettle', 'kettle.plugged', 'kettle.plugged.lid', 'kettle.plugged.lid.closed', 'kettle.plugged.power', 'kettle.plugged.power.off']);
    const layoutsBefore = await page.evaluate(() => window.__chartStats?.layouts);
    await page.click('button[data-event="kettle.switchOn"]');
    expect(await activeStates(page)).toContain('kettle.plugged.power.heating');
    expect(await activeStates(page)).not.toContain('kettle.plugged.power.off');
    expect(await page.getAttribute('[data-edge-id="kettle.plugged.power.off|kettle.switchOn|0"]', 'class')).toContain('xc-taken');
    await expect.poll(() => page.textContent('[data-state-id="kettle.plugged.power.heating"] .xc-countdown')).toMatch(/^\d s left$/);
    await page.screenshot({ path: join(TEST_PAGE_DIR, '..', 'chart-heating.png'), fullPage: true });
    expect(await page.evaluate(() => window.__chartStats?.layouts)).toBe(layoutsBefore);
  });

  it('mounts a second, unrelated machine beside the first', async () => {
    const states = await page.evaluate(async () => {
      const kit = window.chartPage;
      const host = document.querySelector('#second');
      if (!kit || !host) throw new Error('page not ready');
      const light = kit.createMachine({
        id: 'light',
        initial: 'green',
        states: { green: { on: { timer: 'yellow' } }, yellow: { on: { timer: 'red' } }, red: { on: { timer: 'green' } } },
      });
      const second = kit.mountChart(host, { machine: light });
      await second.ready;
      second.actor.send({ type: 'timer' });
      return {
        drawn: [...host.querySelectorAll('[data-state-id]')].map((node) => node.getAttribute('data-state-id')),
        active: [...host.querySelectorAll('[data-active="true"]')].map((node) => node.getAttribute('data-state-id')),
      };
    });
    expect(states.drawn).toEqual(['light', 'light.green', 'light.yellow', 'light.red']);
    expect(states.active).toEqual(['light', 'light.yellow']);
    expect(await activeStates(page)).toContain('kettle.plugged.power.heating');
  });
});

describe('the chart page without the layout worker', () => {
  it('lays out with elk on the main thread and still draws every state', async () => {
    const fallback = await openPage('?thread=main');
    expect(await fallback.getAttribute('#chart svg', 'data-layout-engine')).toBe('elk');
    expect(await fallback.$$eval('#chart [data-state-id]', (nodes) => nodes.length)).toBe(KETTLE_STATES.length);
    await fallback.close();
  });
});
