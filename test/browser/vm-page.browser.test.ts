import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { vmMachine } from 'azure-vm-lifecycle';
import { TEST_PAGE_DIR } from './page-server.js';
import { useVmPage } from './vm-page-harness.js';

const OUT = join(TEST_PAGE_DIR, '..');

const harness = useVmPage();
let page: Page;
const pageErrors = harness.errors;
const openPage = (query = '?speed=instant') => harness.open(query);

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
});

function allStateIds(): string[] {
  const ids: string[] = [];
  const walk = (node: { id: string; states: Record<string, unknown> }) => {
    ids.push(node.id);
    for (const child of Object.values(node.states)) walk(child as typeof node);
  };
  walk(vmMachine.root as unknown as { id: string; states: Record<string, unknown> });
  return ids.sort();
}

const statusCodes = async (on: Page) => {
  const view = JSON.parse((await on.textContent('[data-testid="instance-view"]')) ?? '{}') as { statuses?: { code: string }[] };
  return view.statuses?.map((status) => status.code);
};
const badge = (on: Page) => on.textContent('#billing-badge');
const waitActive = (on: Page, id: string) =>
  on.waitForFunction((stateId) => document.querySelector(`#chart [data-state-id="${stateId}"]`)?.getAttribute('data-active') === 'true', id);
// `force`: Playwright treats aria-disabled as disabled and would wait; a person can still click.
const clickOperation = (on: Page, key: string) => on.click(`button[data-operation="${key}"]`, { force: true });

describe('the VM page in Chromium', () => {
  beforeAll(async () => {
    page = await openPage();
  });

  it('draws every state of vmMachine with the layout computed at build time, loading no layout engine', async () => {
    const drawn = await page.$$eval('#chart [data-state-id]', (nodes) => nodes.map((node) => node.getAttribute('data-state-id') ?? ''));
    expect(drawn.sort()).toEqual(allStateIds());
    expect(await page.getAttribute('#chart svg', 'data-layout-source')).toBe('precomputed');
    expect(await page.getAttribute('#chart svg', 'data-layout-engine')).toBe('elk');
    expect(await page.evaluate(() => window.__chartStats?.layouts)).toBe(0);
    expect(harness.scriptsOf(page).filter((path) => /elk|worker/.test(path))).toEqual([]);
    const labels = await page.$$eval('#chart .xc-label tspan', (spans) => spans.map((span) => span.textContent ?? ''));
    expect(labels).toContain('after 30 s');
    expect(labels).toContain('power.running');
    // Both regions drawn with their borders.
    expect(await page.$$eval('#chart .xc-region > .xc-box', (boxes) => boxes.map((box) => getComputedStyle(box).strokeDasharray !== 'none'))).toEqual([true, true]);
    expect(await page.$$eval('#chart .xc-initial-dot', (dots) => dots.length)).toBeGreaterThanOrEqual(4);
  });

  it('fits every label and state name measured at build time into its box in the browser\'s font', async () => {
    const overflowing = await page.evaluate(() => {
      const over: string[] = [];
      for (const label of document.querySelectorAll('#chart .xc-label')) {
        const text = label.querySelector('text');
        const width = Number(label.querySelector('rect')?.getAttribute('width'));
        if (text && text.getBBox().width > width) over.push(text.textContent ?? '');
      }
      for (const state of document.querySelectorAll('#chart .xc-state')) {
        const name = state.querySelector<SVGTextElement>('.xc-name, .xc-header');
        const box = state.querySelector('rect');
        if (!name || !box) continue;
        const text = name.getBBox();
        const left = Number(box.getAttribute('x'));
        if (text.x < left || text.x + text.width > left + Number(box.getAttribute('width'))) over.push(name.textContent ?? '');
      }
      return over;
    });
    expect(overflowing).toEqual([]);
  });

  it('creates a VM that reaches running, with Azure\'s JSON, power line and billing', async () => {
    await waitActive(page, 'vm.exists.power.running');
    await waitActive(page, 'vm.exists.provisioning.succeeded');
    expect(await statusCodes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    expect(await page.textContent('[data-testid="power-state"]')).toBe('VM running');
    expect(await badge(page)).toBe('Billed');
    expect(await page.textContent('[data-testid="billing"]')).toContain('"Virtual machines lifecycle and states" (2018)');
    // A wide screen, so the 1:1 chart shows both regions (the README's screenshots are chart-views'.)
    await page.setViewportSize({ width: 1920, height: 1080 });
    // Boxes fade their fill over .2 s; let a scheme switch settle before taking the picture.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, 'vm-page-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, 'vm-page-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('names every operation button with its label and REST name', async () => {
    for (const [name, key] of [
      [/^Power off \(az vm stop\) — powerOff/, 'powerOff'],
      [/^Deallocate \(the portal's Stop\) — deallocate/, 'deallocate'],
      [/^Hibernate — deallocate \(hibernate\)/, 'hibernate'],
      [/^Shut down inside the guest — guest\.shutdown/, 'guestShutdown'],
      [/^Spot eviction — simulateEviction/, 'simulateEviction'],
    ] as const) {
      expect(await page.getByRole('button', { name }).getAttribute('data-operation')).toBe(key);
    }
  });

  it('powers off: stopped, PowerState/stopped, still billed', async () => {
    await clickOperation(page, 'powerOff');
    await waitActive(page, 'vm.exists.power.stopped');
    expect(await statusCodes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/stopped']);
    expect(await page.textContent('[data-testid="power-state"]')).toBe('VM stopped');
    expect(await badge(page)).toBe('Billed');
    // The log and history are written once per frame: poll for them.
    await expect.poll(() => page.textContent('[data-testid="log"]')).toContain('powerOff Succeeded');
  });

  it('deallocates: deallocated, PowerState/deallocated, not billed', async () => {
    await clickOperation(page, 'deallocate');
    await waitActive(page, 'vm.exists.power.deallocated.notHibernated');
    expect(await statusCodes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated']);
    expect(await badge(page)).toBe('Not billed');
  });

  it('explains a refused Restart with Azure\'s 409 and sends nothing', async () => {
    const before = await page.evaluate(() => {
      const snapshot = window.vmPage?.actor.getSnapshot();
      return JSON.stringify({ value: snapshot?.value, history: snapshot?.context.history, operation: snapshot?.context.operation });
    });
    const restart = page.locator('button[data-operation="restart"]');
    expect(await restart.getAttribute('aria-disabled')).toBe('true');
    // Playwright's isDisabled counts aria-disabled; the native property must stay false.
    expect(await restart.evaluate((button) => (button as HTMLButtonElement).disabled)).toBe(false);
    await restart.click({ force: true });
    expect(await page.textContent('[data-testid="rejection"]')).toBe(
      '409 Conflict — OperationNotAllowed: The operation requires the VM to be running (or set to run).',
    );
    expect(await page.getAttribute('[data-testid="rejection"]', 'role')).toBe('alert');
    const after = await page.evaluate(() => {
      const snapshot = window.vmPage?.actor.getSnapshot();
      return JSON.stringify({ value: snapshot?.value, history: snapshot?.context.history, operation: snapshot?.context.operation });
    });
    expect(after).toBe(before);
    // Sent anyway, straight to the actor: the machine's own rejection reaches the log too.
    await page.evaluate(() => window.vmPage?.actor.send({ type: 'vm.restart' }));
    await expect
      .poll(() => page.textContent('[data-testid="log"]'))
      .toContain('vm.restart → 409 OperationNotAllowed: The operation requires the VM to be running (or set to run).');
    expect(await page.textContent('[data-testid="log"]')).toContain('restart not sent — 409 Conflict');
    // Simulated times: the time of day shown, the full ISO instant in the element's datetime.
    expect(await page.$eval('[data-testid="log"] time', (time) => time.textContent)).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    expect(await page.$eval('[data-testid="log"] time', (time) => time.getAttribute('datetime'))).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
  });

  it('starts from the keyboard alone: Tab back to Start, press Enter', async () => {
    // Focus is on Restart, clicked last; Shift+Tab walks back along the operation buttons.
    let focused = '';
    for (let presses = 0; presses < 10 && focused !== 'start'; presses += 1) {
      await page.keyboard.press('Shift+Tab');
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.operation ?? '');
    }
    expect(focused).toBe('start');
    await page.keyboard.press('Enter');
    await waitActive(page, 'vm.exists.power.running');
    expect(await statusCodes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    // Space works too: Tab on to Power off.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.operation)).toBe('powerOff');
    await page.keyboard.press('Space');
    await waitActive(page, 'vm.exists.power.stopped');
  });

  it('creates a new VM with hibernation enabled and hibernates it, without a new layout', async () => {
    const layoutsBefore = await page.evaluate(() => window.__chartStats?.layouts);
    await page.click('#new-vm-open');
    await page.check('#vm-hibernation');
    await page.fill('#vm-name', 'sleepy-1');
    await page.click('#create-vm');
    await page.waitForFunction(() => window.vmPage?.actor.getSnapshot().context.settings.name === 'sleepy-1');
    await waitActive(page, 'vm.exists.power.running');
    await clickOperation(page, 'hibernate');
    await waitActive(page, 'vm.exists.power.deallocated.hibernated');
    expect(await statusCodes(page)).toEqual(['ProvisioningState/succeeded', 'PowerState/deallocated', 'HibernationState/Hibernated']);
    expect(await page.textContent('[data-testid="power-state"]')).toBe('VM deallocated');
    expect(await badge(page)).toBe('Not billed');
    expect(await page.evaluate(() => window.__chartStats?.layouts)).toBe(layoutsBefore);
  });

  it('deletes: the final state, a 404 ResourceNotFound body, nothing billed', async () => {
    await clickOperation(page, 'delete');
    await waitActive(page, 'vm.deleted');
    expect(JSON.parse((await page.textContent('[data-testid="instance-view"]')) ?? '{}')).toEqual({
      error: {
        code: 'ResourceNotFound',
        message: "The Resource 'Microsoft.Compute/virtualMachines/sleepy-1' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      },
    });
    expect(await badge(page)).toBe('Not billed');
    await clickOperation(page, 'start');
    expect(await page.textContent('[data-testid="rejection"]')).toMatch(/^404 Not Found — ResourceNotFound: /);
  });

  it('shows validateInput\'s message next to an invalid name and creates nothing', async () => {
    await page.click('#new-vm-open');
    await page.fill('#vm-name', 'bad name!');
    await page.click('#create-vm');
    expect(await page.textContent('#vm-name-error')).toMatch(/^Invalid VM input 'name'/);
    expect(await page.getAttribute('#vm-name', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => window.vmPage?.actor.getSnapshot().context.settings.name)).toBe('sleepy-1');
    expect(pageErrors).toEqual([]);
  });
});

describe('time on the VM page', () => {
  it('counts down a timed state and skips to the next timer', async () => {
    const paused = await openPage('?speed=1&paused');
    expect(await paused.getAttribute('#pause', 'aria-pressed')).toBe('true');
    const countdown = await paused.textContent('[data-state-id="vm.exists.power.creating"] .xc-countdown');
    expect(countdown).toBe('20 s left');
    await paused.click('#skip');
    await waitActive(paused, 'vm.exists.power.starting');
    await expect.poll(() => paused.textContent('[data-state-id="vm.exists.power.starting"] .xc-countdown')).toBe('30 s left');
    await paused.close();
  });

  it('switches billing tables on a booting VM: not billed in 2018, billed in 2023', async () => {
    const paused = await openPage('?speed=1&paused');
    await paused.click('#skip');
    await waitActive(paused, 'vm.exists.power.starting');
    expect(await badge(paused)).toBe('Not billed');
    await paused.click('button[data-table="azure-2023"]');
    expect(await badge(paused)).toBe('Billed');
    expect(await paused.textContent('[data-testid="billing"]')).toContain('"States and billing status of Azure Virtual Machines" (2023)');
    expect(await paused.getAttribute('button[data-table="azure-2023"]', 'aria-pressed')).toBe('true');
    await paused.close();
  });

  it('arms a fault and shows the queue; fits and zooms the chart', async () => {
    const paused = await openPage('?speed=1&paused');
    await paused.click('details.faults > summary');
    await paused.selectOption('#fault', 'InternalOperationError');
    await paused.click('#arm');
    await expect.poll(() => paused.textContent('[data-testid="faults"]')).toBe('InternalOperationError');
    expect(await paused.evaluate(() => window.vmPage?.actor.getSnapshot().context.faults)).toEqual(['InternalOperationError']);
    const width = () => paused.$eval('#chart svg', (svg) => Number(svg.getAttribute('width')));
    // "Follow" may have zoomed out to show both regions: start from 1:1.
    await paused.click('#zoom-reset');
    const full = await width();
    await paused.click('#zoom-fit');
    expect(await width()).toBeLessThan(full);
    expect(await paused.textContent('#zoom-level')).not.toBe('100 %');
    await paused.click('#zoom-reset');
    expect(await width()).toBe(full);
    await paused.hover('#chart-viewport');
    await paused.keyboard.down('Control');
    await paused.mouse.wheel(0, 200);
    await paused.keyboard.up('Control');
    await expect.poll(width).toBeLessThan(full);
    await paused.close();
  });

  it('follows the active states when they move out of view, unless Follow is off', async () => {
    const on = await openPage('?speed=instant');
    await waitActive(on, 'vm.exists.power.running');
    // Whether the active power state's box lies inside the chart frame, as the person sees it.
    const powerInView = () =>
      on.evaluate(() => {
        const frame = document.querySelector('#chart-viewport')!.getBoundingClientRect();
        const box = document.querySelector('#chart .xc-atomic[data-active="true"][data-state-id^="vm.exists.power"]')!.getBoundingClientRect();
        return box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;
      });
    const scrollAway = () =>
      on.evaluate(() => {
        const frame = document.querySelector<HTMLElement>('#chart-viewport')!;
        frame.scrollLeft = frame.scrollWidth;
        frame.scrollTop = frame.scrollHeight;
      });
    await scrollAway();
    expect(await powerInView()).toBe(false);
    await clickOperation(on, 'powerOff');
    await waitActive(on, 'vm.exists.power.stopped');
    await expect.poll(powerInView).toBe(true);

    await on.uncheck('#follow');
    await scrollAway();
    await clickOperation(on, 'start');
    await waitActive(on, 'vm.exists.power.running');
    await on.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await powerInView()).toBe(false);
    await on.close();
  });
});
