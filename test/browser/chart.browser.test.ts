import { describe, expect, it } from 'vitest';
import { useVmPage } from './vm-page-harness.js';
import { mountKettle } from './kettle-fixture.js';

const harness = useVmPage();
const pageErrors = harness.errors;
const openPage = (query = '') => harness.open(query, { width: 1400, height: 900 });

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

  it.each([
    ['in a worker when told to ignore the build-time layout', '?layout=compute', 'elk-worker'],
    ['on the main thread when told to, and still draws every state', '?layout=compute&thread=main', 'elk'],
  ])('lays vmMachine out with elk %s', async (_how, query, engine) => {
    const page = await openPage(query);
    expect(await page.getAttribute('#chart svg', 'data-layout-source')).toBe('computed');
    expect(await page.getAttribute('#chart svg', 'data-layout-engine')).toBe(engine);
    expect(await page.$$eval('#chart [data-state-id]', (nodes) => nodes.length)).toBeGreaterThan(20);
    await page.close();
  });
});
