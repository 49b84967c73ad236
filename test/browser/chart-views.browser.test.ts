import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { vmMachine } from 'azure-vm-lifecycle';
import { formatDelay, toChartGraph } from 'azure-vm-lifecycle/viz';
import { measureNames } from './chart-measure.js';
import { TEST_PAGE_DIR } from './page-server.js';
import { useVmPage } from './vm-page-harness.js';

const OUT = join(TEST_PAGE_DIR, '..');
const docs = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

const harness = useVmPage({ view: null });
const SCREEN = { width: 1280, height: 800 };
const open = (query = '?speed=instant') => harness.open(query, SCREEN);

const waitActive = (on: Page, id: string) =>
  on.waitForFunction((stateId) => document.querySelector(`#chart [data-state-id="${stateId}"]`)?.getAttribute('data-active') === 'true', id);

describe('the lesson view in Chromium', () => {
  it('opens by default, whole inside the frame at 1280×800, every state name at 11 px or more, laid out at build time', async () => {
    const page = await open();
    expect(await page.getAttribute('#chart svg', 'data-view')).toBe('lesson');
    expect(await page.getAttribute('#chart svg', 'data-layout-source')).toBe('precomputed');
    expect(harness.scriptsOf(page).filter((path) => /elk|worker/.test(path))).toEqual([]);
    const names = await measureNames(page);
    // The names, each with its billed mark: "Running · Billed".
    expect(names.map((name) => name.name)).toEqual(
      expect.arrayContaining(['Running · Billed', 'Stopped · Billed', 'Deallocated · Not billed', 'Hibernated · Not billed', 'Succeeded', 'Deleting']),
    );
    for (const name of names) {
      expect(name, name.name).toMatchObject({ inside: true, onScreen: true });
      expect(name.fontPx, name.name).toBeGreaterThanOrEqual(11);
      expect(name.height, name.name).toBeGreaterThanOrEqual(11);
    }
    // No page scroll either.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
    await page.close();
  });

  it('fits in Dutch too, with the specification\'s words and billed marks', async () => {
    const page = await open('?speed=instant&lang=nl');
    expect(await page.getAttribute('#chart svg', 'data-layout-source')).toBe('precomputed');
    const names = await measureNames(page);
    // A short mark follows the name on its line, a long one goes under it.
    expect(names.map((name) => name.name.split(' · ')[0])).toEqual(expect.arrayContaining(['Wordt uitgevoerd', 'Toewijzing ongedaan gemaakt', 'Geslaagd']));
    expect(await page.textContent('#chart [data-state-id="vm.exists.power.deallocated"]')).toContain('Niet gefactureerd');
    for (const name of names) {
      expect(name.inside, name.name).toBe(true);
      expect(name.fontPx, name.name).toBeGreaterThanOrEqual(11);
    }
    await page.close();
  });

  it('stops a running VM when the Power off arrow is clicked, and marks what can be sent now', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    expect(await page.getAttribute('#chart [data-event="vm.powerOff"]', 'role')).toBe('button');
    await expect.poll(() => page.getAttribute('#chart [data-event="vm.powerOff"]', 'data-available')).toBe('true');
    await page.click('#chart [data-event="vm.powerOff"]');
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await page.evaluate(() => window.vmPage?.actor.getSnapshot().matches({ exists: { power: 'stopped' } }))).toBe(true);
    await expect.poll(() => page.textContent('[data-testid="log"]')).toContain('powerOff Succeeded');
    await page.close();
  });

  it('explains a refused arrow with Azure\'s 409, as the button does, and sends nothing', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    await page.click('#chart [data-event="vm.powerOff"]');
    await waitActive(page, 'vm.exists.power.stopped');
    const before = await page.evaluate(() => JSON.stringify(window.vmPage?.actor.getSnapshot().context.history));
    await page.click('#chart [data-event="vm.restart"]');
    expect(await page.textContent('[data-testid="rejection"]')).toBe(
      '409 Conflict — OperationNotAllowed: The operation requires the VM to be running (or set to run).',
    );
    expect(await page.evaluate(() => JSON.stringify(window.vmPage?.actor.getSnapshot().context.history))).toBe(before);
    // From the keyboard: Enter on the focused label does the same.
    await page.click('[data-testid="rejection"] ~ .close');
    await page.focus('#chart [data-event="vm.restart"]');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('[data-testid="rejection"]')).toBe(true);
    await page.close();
  });

  it('lights the arrow a button would take while the button is hovered or focused', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    const lit = () => page.$$eval('#chart .xc-edge[data-highlight="true"]', (edges) => edges.map((edge) => edge.getAttribute('data-edge-ids')));
    expect(await lit()).toEqual([]);
    await page.hover('button[data-operation="powerOff"]');
    expect(await lit()).toEqual([expect.stringContaining('vm.exists.power.running|vm.powerOff|vm.exists.power.stopping')]);
    await page.mouse.move(5, 795);
    expect(await lit()).toEqual([]);
    await page.focus('button[data-operation="restart"]');
    expect(await lit()).toEqual([expect.stringContaining('vm.restart')]);
    await page.close();
  });

  it('moves between states with the arrow keys from one Tab stop, with a tooltip in plain words', async () => {
    const page = await open();
    await waitActive(page, 'vm.exists.power.running');
    const stops = await page.$$eval('#chart .xc-state[tabindex="0"]', (states) => states.length);
    expect(stops).toBe(1);
    await page.focus('#chart .xc-state[data-state-id="vm.exists.power.running"]');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-state-id'));
    expect(focused).not.toBe('vm.exists.power.running');
    expect(focused).toMatch(/^vm\.exists\.power\./);
    expect(await page.$$eval('#chart .xc-state[tabindex="0"]', (states) => states.map((state) => state.getAttribute('data-state-id')))).toEqual([focused]);
    const tip = await page.textContent('#state-tip');
    expect(tip).not.toContain('vm.exists');
    expect(await page.isVisible('#state-tip')).toBe(true);
    await page.close();
  });
});

describe('the full view in Chromium', () => {
  it('shows every state of the machine with ?view=full, and keeps the view in the copied link', async () => {
    const page = await open('?speed=instant&view=full');
    expect(await page.getAttribute('#chart svg', 'data-view')).toBe('full');
    const drawn = await page.$$eval('#chart [data-state-id]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id') ?? ''));
    expect(drawn.sort()).toEqual(toChartGraph(vmMachine).nodes.map((node) => node.id).sort());
    expect(await page.getAttribute('button[data-chart-view="full"]', 'aria-pressed')).toBe('true');
    await page.click('button[data-chart-view="lesson"]');
    await page.waitForFunction(() => document.querySelector('#chart svg')?.getAttribute('data-view') === 'lesson');
    expect(new URL(page.url()).searchParams.get('view')).toBe('lesson');
    await page.click('#copy-link');
    expect(new URL(await page.inputValue('#link-output')).searchParams.get('view')).toBe('lesson');
    await page.close();
  });

  it('names in its legend only the kinds of line the chart draws (no eventless conditions in vmMachine)', async () => {
    const page = await open('?speed=instant&view=full');
    await page.waitForSelector('#chart svg[data-view="full"]');
    const drawsConditions = toChartGraph(vmMachine).edges.some((edge) => edge.kind === 'always');
    expect(await page.isVisible('.legend [data-legend-kind="always"]')).toBe(drawsConditions);
    expect(await page.isVisible('.legend')).toBe(true);
    await page.close();
  });

  it('says so when ?view= names a view it does not have, and shows the lesson', async () => {
    const page = await open('?speed=instant&view=board');
    expect(await page.textContent('[data-testid="notice"]')).toContain('There is no view "board"; the views are lesson, full.');
    expect(await page.getAttribute('#chart svg', 'data-view')).toBe('lesson');
    await page.close();
  });

  it('follows both regions\' active states at a readable scale, or the one that changed, never at the frame\'s edge', async () => {
    const page = await open('?speed=instant&view=full');
    const check = async () => {
      const seen = await page.evaluate(() => {
        const frame = document.querySelector('#chart-viewport')!.getBoundingClientRect();
        const states = [...document.querySelectorAll('#chart .xc-atomic[data-active="true"], #chart .xc-final[data-active="true"]')];
        const boxes = states.map((state) => state.querySelector('.xc-box')!.getBoundingClientRect());
        const union = {
          width: Math.max(...boxes.map((box) => box.right)) - Math.min(...boxes.map((box) => box.left)),
          height: Math.max(...boxes.map((box) => box.bottom)) - Math.min(...boxes.map((box) => box.top)),
        };
        return {
          bothFit: union.width <= frame.width && union.height <= frame.height,
          states: states.map((state, index) => {
            const box = boxes[index]!;
            const margin = Math.min(box.left - frame.left, frame.right - box.right, box.top - frame.top, frame.bottom - box.bottom);
            return { id: state.getAttribute('data-state-id') ?? '', inside: margin >= 0, margin };
          }),
        };
      });
      expect(seen.states.length).toBe(2);
      // The power state (the one an operation changes) is always shown, away from the edges.
      const power = seen.states.find((state) => state.id.includes('.power.'));
      expect(power?.inside, power?.id).toBe(true);
      expect(power?.margin ?? 0).toBeGreaterThanOrEqual(8);
      // Both, whenever both fit the frame at this scale.
      if (seen.bothFit) for (const state of seen.states) expect(state.inside, state.id).toBe(true);
      expect(parseInt((await page.textContent('#zoom-level')) ?? '0', 10)).toBeGreaterThanOrEqual(75);
      return seen.bothFit;
    };
    await waitActive(page, 'vm.exists.power.running');
    await waitActive(page, 'vm.exists.provisioning.succeeded');
    await page.waitForTimeout(100);
    await check();
    await page.click('button[data-operation="deallocate"]', { force: true });
    await waitActive(page, 'vm.exists.power.deallocated.notHibernated');
    await page.waitForTimeout(100);
    await check();
    // With the side panels folded, the frame is wide enough for both regions' states.
    await page.click('#panels-toggle');
    await page.click('button[data-operation="start"]', { force: true });
    await waitActive(page, 'vm.exists.power.running');
    await page.waitForTimeout(100);
    expect(await check()).toBe(true);
    await page.close();
  });

  it('labels the hibernation step with the delay in progress, the same as its countdown', async () => {
    const page = await open('?view=full&paused');
    await page.evaluate(() => {
      window.vmPage?.createVm({ name: 'sleepy', hibernationEnabled: true });
      window.vmPage?.clock.runUntilIdle();
    });
    await waitActive(page, 'vm.exists.power.running');
    const trigger = () =>
      page.$eval('#chart .xc-op[data-edge-id^="vm.exists.power.deallocating|xstate.after"] .xc-trigger', (span) => span.textContent?.trim());
    const drawn = await trigger();
    await page.click('button[data-operation="hibernate"]', { force: true });
    await waitActive(page, 'vm.exists.power.deallocating');
    const delay = await page.evaluate(() => {
      const timer = window.vmPage?.actor.getSnapshot().context.timers.power;
      return timer ? timer.dueAt - timer.startedAt : 0;
    });
    expect(delay).toBeGreaterThan(0);
    await expect.poll(trigger).toBe(`after ${formatDelay(delay)}`);
    expect(await trigger()).not.toBe(drawn);
    await page.close();
  });

  it('sends an operation from its label in the full view too', async () => {
    const page = await open('?speed=instant&view=full');
    await waitActive(page, 'vm.exists.power.running');
    await page.click('#chart [data-event="vm.powerOff"]');
    await waitActive(page, 'vm.exists.power.stopped');
    // The internal events of the regions are labels, not buttons.
    expect(await page.$$eval('#chart [data-event="power.running"]', (labels) => labels.map((label) => label.getAttribute('role')))).not.toContain('button');
    await page.close();
  });
});

describe('screenshots of both views at 1280×800', () => {
  // UPDATE_SCREENSHOT=1 refreshes the README's: docs/screenshot.png (lesson), docs/screenshot-full.png.
  for (const [name, query, scheme, doc] of [
    ['views-lesson-light', '?speed=instant', 'light', 'screenshot.png'],
    ['views-lesson-dark', '?speed=instant', 'dark', undefined],
    ['views-lesson-nl', '?speed=instant&lang=nl', 'light', undefined],
    ['views-full-light', '?speed=instant&view=full', 'light', 'screenshot-full.png'],
    ['views-full-dark', '?speed=instant&view=full&lang=nl', 'dark', undefined],
  ] as const) {
    it(`${name}.png`, async () => {
      mkdirSync(OUT, { recursive: true });
      const page = await open(query);
      await page.emulateMedia({ colorScheme: scheme });
      await waitActive(page, 'vm.exists.power.running');
      await waitActive(page, 'vm.exists.provisioning.succeeded');
      // A button hovered: its arrow lit, as a teacher would point at it.
      await page.hover('button[data-operation="powerOff"]');
      await page.waitForTimeout(400);
      const file = join(OUT, `${name}.png`);
      await page.screenshot({ path: file });
      expect(await page.$$eval('#chart [data-highlight="true"]', (lit) => lit.length)).toBeGreaterThan(0);
      if (doc && process.env.UPDATE_SCREENSHOT) copyFileSync(file, docs(doc));
      await page.close();
    });
  }
});
