import { createActor, createMachine } from 'xstate';
import { beforeAll, describe, expect, it } from 'vitest';
import { vmMachine } from 'azure-vm-lifecycle';
import { layoutFitsGraph, layoutGraph, toChartGraph, type ChartLayout } from 'azure-vm-lifecycle/viz';
import { actorDelayResolver } from '../viz/chart/delays.js';
import { vmChartLayout } from '../viz/build/vm-layout.js';
import { DEFAULT_FIELDS } from '../viz/page/new-vm-form.js';

const door = (extra: Record<string, object> = {}, after = 5_000) =>
  createMachine({
    id: 'door',
    initial: 'closed',
    states: {
      closed: { on: { 'door.open': 'opening' } },
      opening: { after: { [after]: 'open' } },
      open: { on: { 'door.close': 'closed' } },
      ...extra,
    },
  });

describe('layoutFitsGraph', () => {
  let layout: ChartLayout;
  beforeAll(async () => {
    layout = await layoutGraph(toChartGraph(door()), { thread: 'main' });
  });

  it('accepts the layout of the same machine', () => {
    expect(layoutFitsGraph(toChartGraph(door()), layout)).toBe(true);
  });

  it('rejects a layout that lacks a state the machine has', () => {
    expect(layoutFitsGraph(toChartGraph(door({ jammed: {} })), layout)).toBe(false);
  });

  it('rejects a layout whose labels were sized for other text', () => {
    expect(layoutFitsGraph(toChartGraph(door({}, 7_000)), layout)).toBe(false);
  });

  it('rejects a layout that lacks a transition the machine has', () => {
    const more = createMachine({
      id: 'door',
      initial: 'closed',
      states: {
        closed: { on: { 'door.open': 'opening', 'door.lock': 'closed' } },
        opening: { after: { 5_000: 'open' } },
        open: { on: { 'door.close': 'closed' } },
      },
    });
    expect(layoutFitsGraph(toChartGraph(more), layout)).toBe(false);
  });
});

describe('the build-time layout of vmMachine', () => {
  it('fits the graph the page draws for its first VM, within the 1:1 size budget', async () => {
    const layout = await vmChartLayout();
    const actor = createActor(vmMachine, { input: { name: DEFAULT_FIELDS.name } });
    const graph = toChartGraph(vmMachine, { resolveDelay: actorDelayResolver(vmMachine, actor) });
    expect(layoutFitsGraph(graph, layout)).toBe(true);
    expect(layout.engine).toBe('elk');
    // The Node budget of chart-layout.test.ts, plus room for the 8 % wider text estimate.
    expect(layout.width).toBeLessThan(2400);
    expect(layout.height).toBeLessThan(1650);
  });
});
