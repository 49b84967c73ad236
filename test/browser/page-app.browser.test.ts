import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAGE_DIR } from './page-server.js';
import { useVmPage } from './vm-page-harness.js';

const OUT = join(TEST_PAGE_DIR, '..');
const harness = useVmPage();
const open = (query = '?speed=instant') => harness.open(query, { width: 1280, height: 800 });

beforeAll(() => mkdirSync(OUT, { recursive: true }));

const codes = async (page: Page) => {
  const view = JSON.parse((await page.textContent('[data-testid="instance-view"]')) ?? '{}') as { statuses?: { code: string }[] };
  return view.statuses?.map((status) => status.code);
};
const waitActive = (page: Page, id: string) =>
  page.waitForFunction((stateId) => document.querySelector(`#chart [data-state-id="${stateId}"]`)?.getAttribute('data-active') === 'true', id);
const clickOperation = (page: Page, key: string) => page.click(`button[data-operation="${key}"]`, { force: true });
const logTexts = (page: Page) => page.$$eval('[data-testid="log"] li span', (spans) => spans.map((span) => span.textContent ?? ''));
/** Lets the page write what it writes once per frame. */
const frames = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

describe('time travel on the page', () => {
  it('steps back to the earlier instance view and chart, marks the past, and returns to now', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    await clickOperation(page, 'powerOff');
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await page.isHidden('[data-testid="paused-at"]')).toBe(true);

    await page.click('#step-back');
    await waitActive(page, 'vm.exists.power.stopping');
    expect(await codes(page)).toEqual(['ProvisioningState/updating', 'PowerState/stopping']);
    expect(await page.isVisible('[data-testid="paused-at"]')).toBe(true);
    expect(await page.textContent('#paused-at-text')).toMatch(/^Paused at \d\d:\d\d:\d\d\.\d{3}$/);
    // ← from the page itself (focus on the body) steps back once more.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('ArrowLeft');
    await waitActive(page, 'vm.exists.power.running');
    expect(await codes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    expect(await page.textContent('[data-testid="power-state"]')).toBe('VM running');
    expect(await page.textContent('#billing-badge')).toBe('Billed');
    await frames(page);
    // The entries after the instant shown are the future; the ones at it are selected.
    expect(await page.$$eval('[data-testid="log"] li[data-future="true"] span', (spans) => spans.map((span) => span.textContent))).toContain(
      'powerOff Succeeded',
    );
    expect(await page.$$eval('[data-testid="log"] li[aria-selected="true"]', (items) => items.length)).toBeGreaterThan(0);

    await page.keyboard.press('ArrowRight');
    await waitActive(page, 'vm.exists.power.stopping');
    await page.click('#travel-now');
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await page.isHidden('[data-testid="paused-at"]')).toBe(true);
    expect(await codes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/stopped']);
    await page.close();
  });

  it('returns to the instant of a log entry clicked, and forks a new timeline when an operation is sent from there', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    await clickOperation(page, 'powerOff');
    await waitActive(page, 'vm.exists.power.stopped');
    await clickOperation(page, 'start');
    await waitActive(page, 'vm.exists.power.running');
    await frames(page);
    await page.click('[data-testid="log"] li:has-text("powerOff Succeeded")');
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await page.isVisible('[data-testid="paused-at"]')).toBe(true);
    // Deallocate from the stopped VM of the past: the later start is dropped.
    await clickOperation(page, 'deallocate');
    await waitActive(page, 'vm.exists.power.deallocated.notHibernated');
    expect(await page.isHidden('[data-testid="paused-at"]')).toBe(true);
    await frames(page);
    const texts = await logTexts(page);
    expect(texts).toContain('deallocate Succeeded');
    expect(texts.some((text) => text.startsWith('New timeline from'))).toBe(true);
    expect(texts).not.toContain('Sent vm.start');
    expect(await page.evaluate(() => window.vmPage?.travel.present.vm.steps.map((step) => step.event.type))).toEqual(['vm.powerOff', 'vm.deallocate']);
    await page.close();
  });

  it('returns to an entry from the keyboard: one tab stop, arrows to move, Enter to return', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    await frames(page);
    expect(await page.$$eval('[data-testid="log"] li[tabindex="0"]', (items) => items.length)).toBe(1);
    await page.focus('[data-testid="log"] li[tabindex="0"]');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await waitActive(page, 'vm.exists.power.creating');
    expect(await codes(page)).toEqual(['ProvisioningState/creating']);
    await page.close();
  });
});

describe('links and scenarios', () => {
  it('reproduces a run from a copied link in a fresh page, paused where it was', async () => {
    const page = await open('?speed=instant&lang=nl');
    await waitActive(page, 'vm.exists.power.running');
    await page.click('#new-vm-open');
    await page.fill('#vm-name', 'shared-1');
    await page.check('#vm-hibernation');
    await page.click('#create-vm');
    await waitActive(page, 'vm.exists.power.running');
    await clickOperation(page, 'hibernate');
    await waitActive(page, 'vm.exists.power.deallocated.hibernated');
    await page.click('#copy-link');
    await expect.poll(() => page.inputValue('[data-testid="link-output"]')).toMatch(/\?.*run=/);
    const link = new URL(await page.inputValue('[data-testid="link-output"]'));
    expect(link.searchParams.get('lang')).toBe('nl');
    await frames(page);
    const original = { codes: await codes(page), log: await logTexts(page), view: await page.textContent('[data-testid="instance-view"]') };
    await page.close();

    const copy = await open(link.search);
    await waitActive(copy, 'vm.exists.power.deallocated.hibernated');
    await frames(copy);
    expect(await codes(copy)).toEqual(original.codes);
    expect(await copy.textContent('[data-testid="instance-view"]')).toBe(original.view);
    expect(await logTexts(copy)).toEqual(original.log);
    expect(await copy.textContent('#vm-summary')).toContain('shared-1');
    expect(await copy.getAttribute('#pause', 'aria-pressed')).toBe('true');
    await copy.close();
  });

  it('says what is wrong with a bad link, on the page, and shows a new VM', async () => {
    const errorsBefore = harness.errors.length;
    const bad = Buffer.from(JSON.stringify({ v: 1, input: {}, steps: [[0, { type: 'vm.fly' }]], end: 0 })).toString('base64url');
    const page = await open(`?run=${bad}`);
    expect(await page.isVisible('[data-testid="notice"]')).toBe(true);
    expect(await page.textContent('#notice-text')).toMatch(
      /^This link could not be opened: steps\[0\]\[1\]\.type: expected an event the VM accepts from outside: vm\.start, .*\. The page shows a new VM instead\.$/,
    );
    await waitActive(page, 'vm.exists.power.running');
    await page.close();
    const garbled = await open('?run=%%%');
    expect(await garbled.textContent('#notice-text')).toBe(
      'This link could not be opened: the run= parameter is not base64url text. The page shows a new VM instead.',
    );
    await garbled.close();
    const unknown = await open('?scenario=teleport');
    expect(await unknown.textContent('#notice-text')).toBe(
      'There is no scenario "teleport"; the scenarios are stop-vs-deallocate, hibernate-and-resume, spot-eviction, failed-update, generalized-image.',
    );
    await unknown.close();
    expect(harness.errors.slice(errorsBefore)).toEqual([]);
  });

  it('narrates stop versus deallocate with two meters side by side, the README\'s figures after 8 hours', async () => {
    const page = await open('?scenario=stop-vs-deallocate');
    expect(await page.isVisible('[data-testid="narration"]')).toBe(true);
    expect(await page.textContent('#narration-step')).toBe('Step 1 of 4');
    await waitActive(page, 'vm.exists.power.creating');
    await page.click('#narration-next');
    await waitActive(page, 'vm.exists.power.running');
    await page.click('#narration-next');
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await page.isVisible('[data-testid="compare"]')).toBe(true);
    await page.click('#narration-next');
    expect(await page.textContent('#narration-step')).toBe('Step 4 of 4');
    await expect.poll(() => page.textContent('[data-testid="compare"] dl')).toBe(
      "Power off (az vm stop)8 h 01 min 20 s billed of 8 h 02 min 10 s · $0.7701Deallocate (the portal's Stop)1 min 05 s billed of 8 h 02 min 10 s · $0.0017",
    );
    expect(await page.textContent('[data-testid="meter"]')).toBe('8 h 01 min 20 s billed of 8 h 02 min 10 s · $0.7701');
    // A link at a scenario's step names the step.
    await page.click('#copy-link');
    await expect.poll(() => page.inputValue('[data-testid="link-output"]')).toMatch(/[?&]scenario=stop-vs-deallocate&step=4$/);
    await page.click('#narration-back');
    expect(await page.textContent('#narration-step')).toBe('Step 3 of 4');
    await page.close();
  });

  it('opens each scenario at a step from the address, and plays it to its end', async () => {
    const page = await open('?scenario=spot-eviction&step=2');
    expect(await page.textContent('#narration-title')).toBe('Spot eviction');
    await frames(page);
    expect((await logTexts(page)).some((text) => text.startsWith('Spot eviction scheduled: Azure evicts the VM after 30 s of notice'))).toBe(true);
    await page.click('#narration-next');
    await waitActive(page, 'vm.exists.power.deallocated.notHibernated');
    await frames(page);
    expect(await logTexts(page)).toContain('Evicted (policy Deallocate)');
    await page.close();
  });
});

describe('the page in Dutch', () => {
  it('names the operations, states and billing in the specification\'s Dutch; Azure\'s JSON stays as Azure writes it', async () => {
    const page = await open('?speed=instant&lang=nl');
    await waitActive(page, 'vm.exists.power.running');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    const labels = await page.$$eval('button[data-operation]', (buttons) => buttons.map((button) => button.textContent));
    expect(labels.slice(0, 5)).toEqual(['Starten', 'Uitschakelen (az vm stop)', 'Toewijzing opheffen (Stoppen in de portal)', 'Sluimerstand', 'Opnieuw opstarten']);
    expect(await page.getAttribute('button[data-operation="powerOff"]', 'aria-label')).toBe('Uitschakelen (az vm stop) — powerOff');
    expect(await page.textContent('[data-testid="status-line"]')).toBe('Energie: wordt uitgevoerd · Inrichting: geslaagd');
    expect(await page.textContent('#billing-badge')).toBe('Gefactureerd');
    await clickOperation(page, 'deallocate');
    await waitActive(page, 'vm.exists.power.deallocated.notHibernated');
    expect(await page.textContent('#billing-badge')).toBe('Niet gefactureerd');
    expect(await page.textContent('[data-testid="status-line"]')).toBe('Energie: toewijzing ongedaan gemaakt · Inrichting: geslaagd');
    expect(await codes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated']);
    expect(await page.textContent('[data-testid="instance-view"]')).toContain('"displayStatus": "VM deallocated"');
    // Refusals: Azure's answer as Azure writes it.
    await clickOperation(page, 'restart');
    expect(await page.textContent('[data-testid="rejection"]')).toBe(
      '409 Conflict — OperationNotAllowed: The operation requires the VM to be running (or set to run).',
    );
    await page.click('button[data-lang="en"]');
    expect(await page.textContent('button[data-operation="start"]')).toBe('Start');
    expect(await page.textContent('[data-testid="status-line"]')).toBe('Power: deallocated · Provisioning: succeeded');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.close();
  });

  it('says so when ?lang= names a language it does not speak', async () => {
    const page = await open('?lang=fr');
    expect(await page.textContent('#notice-text')).toBe('There is no language "fr"; the languages are en, nl.');
    await page.close();
  });
});

describe('a page that stays put, for everyone', () => {
  it('reaches the New VM form in two Tab presses and Enter, past a skip link to the chart', async () => {
    const page = await open();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-vm-open');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('vm-name');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-vm-open');
    // The skip link takes focus to the chart's frame.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chart-viewport');
    await page.close();
  });

  it('announces both regions on each change in a polite live line', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    expect(await page.getAttribute('[data-testid="status-line"]', 'aria-live')).toBe('polite');
    expect(await page.textContent('[data-testid="status-line"]')).toBe('Power: running · Provisioning: succeeded');
    await clickOperation(page, 'powerOff');
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await page.textContent('[data-testid="status-line"]')).toBe('Power: stopped · Provisioning: succeeded');
    await page.close();
  });

  it('moves nothing as the panels grow and refusals appear (measured in px)', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    const positions = () =>
      page.evaluate(() =>
        ['#operations', '#chart-viewport', '#status-line', '#side', '[data-testid="log"]', '[data-testid="instance-view"]'].map((selector) => {
          const box = document.querySelector(selector)!.getBoundingClientRect();
          return { selector, top: box.top, left: box.left, width: box.width, height: box.height };
        }),
      );
    const before = await positions();
    for (const key of ['powerOff', 'start', 'restart', 'deallocate', 'restart', 'start', 'hibernate', 'reapply', 'redeploy', 'update', 'powerOff', 'delete']) {
      await clickOperation(page, key);
      await frames(page);
    }
    // A refusal, shown while the positions are measured.
    await clickOperation(page, 'start');
    expect(await page.isVisible('#rejection-toast')).toBe(true);
    await page.click('#step-back');
    await frames(page);
    const after = await positions();
    const jump = Math.max(
      ...before.map((box, index) => {
        const later = after[index]!;
        return Math.max(Math.abs(later.top - box.top), Math.abs(later.left - box.left), Math.abs(later.width - box.width), Math.abs(later.height - box.height));
      }),
    );
    console.info(`page jump after 13 operations, refusals and a step back: ${jump} px`);
    expect(jump).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#rejection-toast')!.closest('.toasts')!).position)).toBe('fixed');
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
    await page.close();
  });

  it('presents: the chart alone with the operations, wider and taller', async () => {
    const page = await open();
    const frame = () => page.$eval('#chart-viewport', (element) => element.getBoundingClientRect().width * element.getBoundingClientRect().height);
    const normal = await frame();
    await page.click('#present');
    expect(await page.getAttribute('#present', 'aria-pressed')).toBe('true');
    expect(await page.isHidden('#side')).toBe(true);
    expect(await frame()).toBeGreaterThan(normal * 1.3);
    await page.click('#present');
    expect(await page.isVisible('#side')).toBe(true);
    await page.click('#panels-toggle');
    expect(await page.getAttribute('#panels-toggle', 'aria-expanded')).toBe('false');
    expect(await frame()).toBeGreaterThan(normal * 1.2);
    await page.close();
  });

  it('puts the side panels below the chart on a narrow screen', async () => {
    const page = await harness.open('?speed=instant', { width: 900, height: 800 });
    const chart = await page.$eval('.chart-panel', (element) => element.getBoundingClientRect());
    const side = await page.$eval('#side', (element) => element.getBoundingClientRect());
    expect(side.top).toBeGreaterThanOrEqual(chart.bottom);
    expect(chart.width).toBeGreaterThan(800);
    await page.close();
  });
});

describe('the built page opened from disk', () => {
  it('works from file://: chart, operations, links', async () => {
    const page = await harness.openFromDisk('?speed=instant');
    await page.waitForFunction(() => window.vmPage !== undefined);
    await page.evaluate(() => window.vmPage?.ready);
    await waitActive(page, 'vm.exists.power.running');
    await clickOperation(page, 'powerOff');
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await codes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/stopped']);
    expect(await page.isHidden('#boot')).toBe(true);
    await page.close();
  });

  it('says on the page why a layout computed in the browser cannot load from disk', async () => {
    const page = await harness.openFromDisk('?layout=compute&thread=main');
    await page.waitForFunction(() => window.vmPage !== undefined);
    await page.evaluate(() => window.vmPage?.ready);
    expect(await page.isVisible('[data-testid="notice"]')).toBe(true);
    expect(await page.textContent('#notice-text')).toMatch(
      /^Laying the chart out in the browser \(\?layout=compute\) loads its layout engine as a separate file, which a browser refuses from disk \(file:\/\/\), so the chart is drawn as a plain grid/,
    );
    // Still a whole chart, live.
    expect(await page.$$eval('#chart [data-state-id]', (nodes) => nodes.length)).toBeGreaterThan(20);
    await page.close();
  });
});

describe('pictures at 1280×800, for people to look at', () => {
  it.each([
    ['light', '?speed=instant', 'light'],
    ['dark', '?speed=instant', 'dark'],
    ['nl', '?speed=instant&lang=nl', 'light'],
    ['scenario', '?scenario=stop-vs-deallocate&step=4', 'light'],
    ['scenario-nl-dark', '?scenario=hibernate-and-resume&step=3&lang=nl', 'dark'],
  ] as const)('page-%s.png', async (name, query, scheme) => {
    const page = await open(query);
    await page.emulateMedia({ colorScheme: scheme });
    await waitActive(page, name.startsWith('scenario-nl') ? 'vm.exists.power.deallocated.hibernated' : name === 'scenario' ? 'vm.exists.power.stopped' : 'vm.exists.power.running');
    // Boxes fade their fill over .2 s; let a scheme switch settle before taking the picture.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, `page-${name}.png`) });
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
    await page.close();
  });

  it('page-past.png and page-present.png: the past marked, and presenting', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    await clickOperation(page, 'deallocate');
    await waitActive(page, 'vm.exists.power.deallocated.notHibernated');
    await page.click('#step-back');
    await waitActive(page, 'vm.exists.power.deallocating');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, 'page-past.png') });
    await page.click('#travel-now');
    await page.click('#present');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, 'page-present.png') });
    expect(await page.isHidden('#side')).toBe(true);
    await page.close();
  });
});
