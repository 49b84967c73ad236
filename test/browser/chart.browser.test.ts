import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { buildPage, servePage, TEST_PAGE_DIR, type PageServer } from './page-server.js';
import { mountKettle } from './kettle-fixture.js';

let browser: Browser;
let server: PageServer;
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
  const opened = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  opened.on('pageerror', (error) => pageErrors.push(String(error)));
  await opened.goto(`${server.url}index.html${query}`);
  await opened.waitForFunction(() => window.vmPage !== undefined);
  await opened.evaluate(() => window.vmPage?.ready);
  return opened;
}

describe('mountChart in Chromium', () => {
  it('mounts a second, unrelated machine beside the VM, live, without touching the VM chart', async () => {
    const page = await openPage('?speed=instant');
    const vmActiveBefore = await page.$$eval('#chart [data-active="true"]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')));
    const kettle = await page.evaluate(mountKettle);
    expect(kettle.drawn.sort()).toEqual(
      [
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
      ].sort(),
    );
    expect(kettle.activeAfterSwitchOn).toContain('kettle.plugged.power.heating');
    expect(kettle.flashed).toBe(true);
    // Handed the VM's build-time layout, which does not fit: laid out here, elk loaded for it.
    expect(kettle.layoutSource).toBe('computed');
    expect(kettle.engine).toBe('elk-worker');
    expect(kettle.countdown).toMatch(/^\d s left$/);
    const vmActiveAfter = await page.$$eval('#chart [data-active="true"]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')));
    expect(vmActiveAfter).toEqual(vmActiveBefore);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('lays vmMachine out with elk in a worker when told to ignore the build-time layout', async () => {
    const page = await openPage('?layout=compute');
    expect(await page.getAttribute('#chart svg', 'data-layout-source')).toBe('computed');
    expect(await page.getAttribute('#chart svg', 'data-layout-engine')).toBe('elk-worker');
    expect(await page.$$eval('#chart [data-state-id]', (nodes) => nodes.length)).toBeGreaterThan(20);
    await page.close();
  });

  it('lays out with elk on the main thread when told to, and still draws every state', async () => {
    const page = await openPage('?layout=compute&thread=main');
    expect(await page.getAttribute('#chart svg', 'data-layout-source')).toBe('computed');
    expect(await page.getAttribute('#chart svg', 'data-layout-engine')).toBe('elk');
    expect(await page.$$eval('#chart [data-state-id]', (nodes) => nodes.length)).toBeGreaterThan(20);
    await page.close();
  });
});
