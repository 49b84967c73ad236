/**
 * A kettle machine, mounted inside the VM page through `window.vmPage`: an unrelated machine
 * (two regions, a guard, a timer) proving `mountChart` draws any XState 5 machine.
 * The function runs in the browser (Playwright serialises it), so it may only use the page's globals.
 */
export async function mountKettle(): Promise<{
  drawn: string[];
  activeAfterSwitchOn: string[];
  flashed: boolean;
  countdown: string | null;
  layoutSource: string | null;
  engine: string | null;
}> {
  const kit = window.vmPage;
  if (!kit) throw new Error('window.vmPage is missing');
  const host = document.createElement('div');
  host.id = 'kettle-host';
  document.body.append(host);
  const { setup, and, stateIn } = { ...kit.xstate };
  const kettle = setup({
    types: {} as { events: { type: 'kettle.switchOn' } | { type: 'kettle.switchOff' } | { type: 'lid.open' } | { type: 'lid.close' } },
    delays: { boiling: 4_000 },
    guards: { hasWater: () => true },
  }).createMachine({
    id: 'kettle',
    initial: 'plugged',
    states: {
      plugged: {
        type: 'parallel',
        states: {
          power: {
            initial: 'off',
            states: {
              off: { on: { 'kettle.switchOn': { target: 'heating', guard: and([stateIn('#kettle.plugged.lid.closed'), 'hasWater']) } } },
              heating: { after: { boiling: 'boiled' }, on: { 'kettle.switchOff': 'off' } },
              boiled: { always: { target: 'off', guard: stateIn('#kettle.plugged.lid.open') } },
            },
          },
          lid: { initial: 'closed', states: { closed: { on: { 'lid.open': 'open' } }, open: { on: { 'lid.close': 'closed' } } } },
        },
      },
      unplugged: { type: 'final' },
    },
  });
  // The VM chart's layout, offered for another machine: it must be refused, not drawn.
  const chart = kit.mountChart(host, { machine: kettle, ...(kit.chart.layout ? { precomputed: kit.chart.layout } : {}) });
  await chart.ready;
  chart.actor.send({ type: 'kettle.switchOn' });
  chart.setTimers([{ stateId: 'kettle.plugged.power.heating', dueAt: Date.now() + 4_000 }]);
  const ids = (selector: string) => [...host.querySelectorAll(selector)].map((node) => node.getAttribute('data-state-id') ?? '');
  return {
    drawn: ids('[data-state-id]'),
    activeAfterSwitchOn: ids('[data-active="true"]'),
    flashed: host.querySelector('[data-edge-id="kettle.plugged.power.off|kettle.switchOn|0"]')?.classList.contains('xc-taken') ?? false,
    countdown: host.querySelector('[data-state-id="kettle.plugged.power.heating"] .xc-countdown')?.textContent ?? null,
    layoutSource: host.querySelector('svg')?.getAttribute('data-layout-source') ?? null,
    engine: host.querySelector('svg')?.getAttribute('data-layout-engine') ?? null,
  };
}
