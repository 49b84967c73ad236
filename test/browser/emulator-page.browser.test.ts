/**
 * Watch your automation: the page `serve` opens at `/`, in Chromium, following an emulator that
 * the real Azure SDK drives — the VM list, the selected VM's chart and its requests, pushed by
 * the server; a restart of the emulator, reconnected.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { clientsFor, FAST, linuxVm, SUBSCRIPTION } from '../emulator/clients.js';
import { chartScale, measureNames } from './chart-measure.js';
import { launchChromium } from './chromium.js';
import { buildEmulatorPage, TEST_EMULATOR_PAGE_DIR } from './page-server.js';

const OUT = join(TEST_EMULATOR_PAGE_DIR, '..');
const data = mkdtempSync(join(tmpdir(), 'emulator-page-'));
const vmId = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`;

let browser: Browser;
let emulator: Emulator;
let clients: ReturnType<typeof clientsFor>;
let page: Page;
const pageErrors: string[] = [];

const start = (port = 0) => createEmulator({ port, clock: 'step', data, pageDir: TEST_EMULATOR_PAGE_DIR });

async function openPage(query = '', options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width: 1280, height: 800 }, ...options });
  opened.on('pageerror', (error) => pageErrors.push(String(error)));
  await opened.goto(`${emulator.url}/${query}`);
  await opened.waitForFunction(() => window.emulatorPage !== undefined);
  await opened.evaluate(() => window.emulatorPage?.ready);
  return opened;
}

/** The VM table as the page shows it: id, power, provisioning, billed, operation per row. */
const table = (on: Page) =>
  on.$$eval('[data-testid="vms"] tbody tr', (rows) =>
    rows.map((row) => ({
      id: row.querySelector('button')?.textContent ?? '',
      cells: [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent ?? ''),
      selected: row.getAttribute('aria-selected') === 'true',
    })),
  );
const powerOf = async (on: Page, name: string) => (await table(on)).find((row) => row.id === vmId(name))?.cells[0];
const waitPower = (on: Page, name: string, power: string) =>
  on.waitForFunction(
    ([id, wanted]) =>
      [...document.querySelectorAll('[data-testid="vms"] tbody tr')].some(
        (row) => row.querySelector('button')?.textContent === id && row.querySelectorAll('td')[1]?.textContent === wanted,
      ),
    [vmId(name), power],
  );
const waitActive = (on: Page, stateId: string) =>
  on.waitForFunction((id) => document.querySelector(`#chart [data-state-id="${id}"]`)?.getAttribute('data-active') === 'true', stateId);
const activeLeaves = (on: Page) =>
  on.$$eval('#chart .xc-atomic[data-active="true"], #chart .xc-final[data-active="true"]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id')).sort());
const requestLines = (on: Page) =>
  on.$$eval('[data-testid="requests"] li', (items) =>
    items.map((item) => [...item.querySelectorAll('.method, .target, .status-code')].map((part) => part.textContent).join(' ')),
  );
const connectionOf = (on: Page) => on.getAttribute('[data-testid="connection"]', 'data-state');

beforeAll(async () => {
  await buildEmulatorPage();
  browser = await launchChromium();
  emulator = await start();
  clients = clientsFor(emulator);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

describe('the emulator page, opened at the URL serve prints', () => {
  it('opens live with no VMs and says how to make one', async () => {
    page = await openPage();
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'connected');
    expect(await page.textContent('[data-testid="connection"]')).toBe('Live: following the emulator');
    expect(await page.isVisible('#vms-empty')).toBe(true);
    expect(await page.isVisible('.no-vm')).toBe(true);
    expect(await page.isVisible('#requests-empty')).toBe(false);
    expect(await page.$eval('main', (main) => getComputedStyle(main).opacity)).toBe('1');
    expect(await table(page)).toEqual([]);
  });

  it('lists a VM the SDK creates, selects it, and lights its running state in the chart', async () => {
    await clients.resources.resourceGroups.createOrUpdate('rg', { location: 'westeurope' });
    await clients.compute.virtualMachines.beginCreateOrUpdateAndWait('rg', 'web-1', linuxVm(), FAST);
    await waitPower(page, 'web-1', 'running');
    expect(await table(page)).toEqual([{ id: vmId('web-1'), cells: ['running', 'succeeded', 'Billed', 'create Succeeded'], selected: true }]);
    expect(await page.textContent('[data-testid="selected-name"]')).toBe('web-1');
    await waitActive(page, 'vm.exists.power.running');
    expect(await activeLeaves(page)).toEqual(['vm.exists.power.running', 'vm.exists.provisioning.succeeded']);
    expect(await page.isVisible('.no-vm')).toBe(false);
  });

  it('moves the chart and the row as the SDK powers the VM off and deallocates it', async () => {
    const updatesBefore = await page.evaluate(() => window.emulatorPage?.updates ?? 0);
    await clients.compute.virtualMachines.beginPowerOffAndWait('rg', 'web-1', FAST);
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await powerOf(page, 'web-1')).toBe('stopped');
    await clients.compute.virtualMachines.beginDeallocateAndWait('rg', 'web-1', FAST);
    await waitActive(page, 'vm.exists.power.deallocated');
    await waitPower(page, 'web-1', 'deallocated');
    expect((await table(page))[0]?.cells).toEqual(['deallocated', 'succeeded', 'Not billed', 'deallocate Succeeded']);
    // stopping, stopped, deallocating, deallocated at least: every step pushed, none polled by the page.
    expect((await page.evaluate(() => window.emulatorPage?.updates ?? 0)) - updatesBefore).toBeGreaterThanOrEqual(4);
    const instanceView = JSON.parse((await page.textContent('[data-testid="instance-view"]')) ?? '{}') as { statuses: { code: string }[] };
    expect(instanceView.statuses.map((status) => status.code)).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated']);
  });

  it('logs each request about the VM, newest first, with its answer', async () => {
    const lines = await requestLines(page);
    expect(lines.indexOf('POST web-1/deallocate 202')).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('POST web-1/deallocate 202')).toBeLessThan(lines.indexOf('POST web-1/powerOff 202'));
    expect(lines.at(-1)).toBe('PUT web-1 201');
    expect(lines).toContainEqual(expect.stringMatching(/^GET operation [0-9a-f]{8}… 200$/));
    // A refused request shows ARM's code, marked as an error.
    await expect(clients.compute.virtualMachines.beginRestartAndWait('rg', 'web-1', FAST)).rejects.toMatchObject({ statusCode: 409 });
    await page.waitForFunction(() => document.querySelector('[data-testid="requests"] li .status-code')?.textContent === '409 OperationNotAllowed');
    expect(await page.getAttribute('[data-testid="requests"] li .status-code', 'data-ok')).toBe('false');
    expect((await requestLines(page))[0]).toBe('POST web-1/restart 409 OperationNotAllowed');
  });

  it('adds a second VM to the list, keeps the selection, and shows the other VM when its row is clicked', async () => {
    await clients.compute.virtualMachines.beginCreateOrUpdateAndWait('rg', 'web-2', linuxVm(), FAST);
    await waitPower(page, 'web-2', 'running');
    const rows = await table(page);
    expect(rows.map((row) => [row.id, row.selected])).toEqual([
      [vmId('web-1'), true],
      [vmId('web-2'), false],
    ]);
    expect(await page.textContent('#vm-count')).toBe('(2)');
    await page.click(`button[title="${vmId('web-2')}"]`);
    await waitActive(page, 'vm.exists.power.running');
    expect(await page.textContent('[data-testid="selected-name"]')).toBe('web-2');
    expect((await table(page)).map((row) => row.selected)).toEqual([false, true]);
    expect(new URL(page.url()).searchParams.get('vm')).toBe(vmId('web-2'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="requests"] li').length > 0);
    expect((await requestLines(page)).at(-1)).toBe('PUT web-2 201');
    expect((await requestLines(page)).some((line) => line.includes('web-1'))).toBe(false);
  });

  it('drops a deleted VM from the list and shows the one left', async () => {
    await clients.compute.virtualMachines.beginDeleteAndWait('rg', 'web-2', FAST);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="vms"] tbody tr').length === 1);
    expect((await table(page)).map((row) => row.id)).toEqual([vmId('web-1')]);
    await page.waitForFunction(() => window.emulatorPage?.selected?.endsWith('/web-1') === true);
    await waitActive(page, 'vm.exists.power.deallocated');
    expect(await page.textContent('[data-testid="selected-name"]')).toBe('web-1');
  });

  it('opened for a VM that is not there, shows the first one instead', async () => {
    const other = await openPage(`?vm=${encodeURIComponent(vmId('never-made'))}`);
    await other.waitForFunction(() => window.emulatorPage?.selected?.endsWith('/web-1') === true);
    expect(await connectionOf(other)).toBe('connected');
    expect(await other.textContent('[data-testid="selected-name"]')).toBe('web-1');
    await other.close();
  });

  it('says when the emulator has gone, and follows it again once it is back on the same port', async () => {
    const port = emulator.port;
    const connections = await page.evaluate(() => window.emulatorPage?.connections ?? 0);
    await emulator.close();
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'disconnected');
    expect(await page.textContent('[data-testid="connection"]')).toMatch(/^Disconnected from the emulator/);
    // What is shown is the emulator as it last was: dimmed.
    expect(await page.$eval('main', (main) => getComputedStyle(main).opacity)).toBe('0.55');
    emulator = await start(port);
    clients = clientsFor(emulator);
    await page.waitForFunction((before) => window.emulatorPage?.connections === before + 1, connections, { timeout: 15_000 });
    expect(await connectionOf(page)).toBe('connected');
    expect((await table(page)).map((row) => row.id)).toEqual([vmId('web-1')]);
    await clients.compute.virtualMachines.beginStartAndWait('rg', 'web-1', FAST);
    await waitActive(page, 'vm.exists.power.running');
    expect(await powerOf(page, 'web-1')).toBe('running');
    expect((await requestLines(page))[0]).toMatch(/^GET (operation|web-1)/);
  });

  it('looks right at 1280×800 in light, dark and Dutch, lesson and full', { timeout: 60_000 }, async () => {
    await clients.compute.virtualMachines.beginCreateOrUpdateAndWait('rg', 'db-1', linuxVm(), FAST);
    await clients.compute.virtualMachines.beginPowerOff('rg', 'db-1', FAST);
    const shots: [string, Page][] = [
      ['light', await openPage(`?vm=${encodeURIComponent(vmId('web-1'))}`)],
      ['dark', await openPage(`?vm=${encodeURIComponent(vmId('web-1'))}`, { colorScheme: 'dark' })],
      ['nl', await openPage(`?lang=nl&vm=${encodeURIComponent(vmId('web-1'))}`)],
      ['full', await openPage(`?view=full&vm=${encodeURIComponent(vmId('web-1'))}`)],
      ['full-dark', await openPage(`?view=full&vm=${encodeURIComponent(vmId('web-1'))}`, { colorScheme: 'dark' })],
    ];
    for (const [name, shown] of shots) {
      await waitActive(shown, 'vm.exists.power.running');
      await shown.waitForFunction(() => document.querySelectorAll('[data-testid="vms"] tbody tr').length === 2);
      await shown.screenshot({ path: join(OUT, `emulator-page-${name}.png`) });
      // The page fills the window without scrolling; the table and the log scroll inside.
      expect(await shown.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    }
    // The lesson takes the width at 1280×800, the requests folded away: large, every name readable.
    for (const [name, least] of [['light', 0.85], ['nl', 0.75]] as const) {
      const shown = shots.find(([each]) => each === name)![1];
      expect(await shown.isHidden('#side'), name).toBe(true);
      expect(await shown.getAttribute('#side-toggle', 'aria-expanded'), name).toBe('false');
      expect(await chartScale(shown), name).toBeGreaterThanOrEqual(least);
      for (const measured of await measureNames(shown)) {
        expect(measured, `${name}: ${measured.name}`).toMatchObject({ inside: true, onScreen: true });
        expect(measured.fontPx, `${name}: ${measured.name}`).toBeGreaterThanOrEqual(11);
      }
    }
    // The full machine keeps the requests beside it, at 1:1.
    expect(await shots[3]![1].isVisible('#side')).toBe(true);
    const dutch = shots[2]![1];
    expect(await dutch.getAttribute('html', 'lang')).toBe('nl');
    expect(await dutch.textContent('[data-testid="connection"]')).toBe('Live: volgt de emulator');
    expect(await dutch.$$eval('[data-testid="vms"] th', (cells) => cells.map((cell) => cell.textContent))).toEqual([
      'Resource-id',
      'Energiestatus',
      'Inrichtingsstatus',
      'Gefactureerd',
      'Bewerking',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('shows the lesson by default and the full machine on request, kept in the address, following the same VM', async () => {
    expect(await page.getAttribute('#view-lesson', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('body', 'data-chart-view')).toBe('lesson');
    // The lesson draws the states as they are taught: no machine-only states such as notHibernated.
    expect(await page.$$eval('#chart [data-state-id$=".notHibernated"]', (nodes) => nodes.length)).toBe(0);
    await page.click('#view-full');
    await page.waitForFunction(() => document.body.dataset.chartView === 'full');
    await page.evaluate(() => window.emulatorPage?.ready);
    await waitActive(page, 'vm.exists.power.running');
    expect(await page.$$eval('#chart [data-state-id$=".notHibernated"]', (nodes) => nodes.length)).toBe(1);
    expect(new URL(page.url()).searchParams.get('view')).toBe('full');
    await clients.compute.virtualMachines.beginDeallocateAndWait('rg', 'web-1', FAST);
    await waitActive(page, 'vm.exists.power.deallocated.notHibernated');
    await page.click('#view-lesson');
    await page.waitForFunction(() => document.body.dataset.chartView === 'lesson');
    await page.evaluate(() => window.emulatorPage?.ready);
    await waitActive(page, 'vm.exists.power.deallocated');
    await clients.compute.virtualMachines.beginStartAndWait('rg', 'web-1', FAST);
    await waitActive(page, 'vm.exists.power.running');
  });

  it('shows the folded requests again under "Panels", and fits the lesson to the narrower frame', async () => {
    const shown = await openPage(`?vm=${encodeURIComponent(vmId('web-1'))}`);
    await waitActive(shown, 'vm.exists.power.running');
    /** Waits for the chart to be drawn at a scale below `limit` (`under`) or at `limit` or above. */
    const waitScale = (under: boolean, limit: number) =>
      shown.waitForFunction(([below, at]) => {
        const svg = document.querySelector<SVGSVGElement>('#chart svg')!;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return below ? scale < at : scale >= at;
      }, [under, limit] as const);
    await waitScale(false, 0.85);
    await shown.click('#side-toggle');
    expect(await shown.isVisible('[data-testid="requests"]')).toBe(true);
    expect(await shown.getAttribute('#side-toggle', 'aria-expanded')).toBe('true');
    await waitScale(true, 0.85);
    expect((await measureNames(shown)).every((name) => name.inside)).toBe(true);
    await shown.click('#side-toggle');
    expect(await shown.isHidden('#side')).toBe(true);
    await waitScale(false, 0.85);
    await shown.close();
  });

  it('says so when asked for a language it does not speak, and speaks English', async () => {
    const french = await openPage('?lang=fr');
    expect(await french.textContent('[data-testid="notice"]')).toContain('There is no language "fr"; the languages are en, nl.');
    expect(await french.getAttribute('html', 'lang')).toBe('en');
    await french.close();
  });
});
