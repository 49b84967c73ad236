import { createMachine } from 'xstate';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridLayout, layoutGraph, layoutStats, estimateTextWidth, toChartGraph, type ChartBox, type ChartGraph, type ChartLayout } from 'azure-vm-lifecycle/viz';

const machine = createMachine({
  id: 'vm',
  initial: 'exists',
  states: {
    exists: {
      type: 'parallel',
      on: { 'vm.delete': 'deleted' },
      states: {
        power: {
          initial: 'stopped',
          states: {
            stopped: { on: { 'vm.start': 'starting' } },
            starting: { after: { 30_000: 'running' } },
            running: { on: { 'vm.powerOff': 'stopped', 'vm.restart': { actions: () => {} } } },
          },
        },
        provisioning: {
          initial: 'creating',
          states: { creating: { on: { 'platform.provisioned': 'succeeded' } }, succeeded: {} },
        },
        billing: { initial: 'billed', states: { billed: {} } },
      },
    },
    deleted: { type: 'final' },
  },
});

const graph: ChartGraph = toChartGraph(machine);

const inside = (child: ChartBox, parent: ChartBox) =>
  child.x >= parent.x && child.y >= parent.y && child.x + child.width <= parent.x + parent.width && child.y + child.height <= parent.y + parent.height;

const overlap = (a: ChartBox, b: ChartBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectWellFormed(layout: ChartLayout) {
  for (const node of graph.nodes) {
    const box = layout.nodes[node.id];
    expect(box, node.id).toBeDefined();
    const parentBox = node.parent === null ? undefined : layout.nodes[node.parent];
    if (box && parentBox) expect(inside(box, parentBox), `${node.id} inside ${node.parent}`).toBe(true);
  }
  for (const parent of graph.nodes) {
    const siblings = parent.children.map((id) => layout.nodes[id]).filter((box): box is ChartBox => box !== undefined);
    siblings.forEach((a, index) => siblings.slice(index + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
  }
  const regions = ['vm.exists.power', 'vm.exists.provisioning', 'vm.exists.billing'].map((id) => layout.nodes[id]);
  for (let index = 1; index < regions.length; index += 1) {
    const left = regions[index - 1];
    const right = regions[index];
    expect(left && right && left.x + left.width <= right.x, 'regions left to right').toBe(true);
  }
}

describe('layoutGraph with elk in Node', () => {
  let layout: ChartLayout;
  beforeAll(async () => {
    layout = await layoutGraph(graph);
  });

  it('uses elk on the calling thread when there is no Worker', () => {
    expect(layout.engine).toBe('elk');
  });

  it('nests children inside their parents, lays regions side by side and overlaps no siblings', () => {
    expectWellFormed(layout);
  });

  it('routes every transition and initial arrow, with a label box for each transition', () => {
    const routed = new Set(layout.routes.map((route) => route.edgeId));
    for (const edge of graph.edges) expect(routed.has(edge.id), edge.id).toBe(true);
    expect(routed.has('vm.exists.power|initial')).toBe(true);
    const labels = layout.routes.flatMap((route) => (route.label ? [route.label.text] : []));
    expect(labels).toEqual(expect.arrayContaining(['vm.start', 'after 30 s', 'vm.restart']));
    for (const route of layout.routes) expect(route.points.length).toBeGreaterThanOrEqual(2);
  });

  it('places initial dots inside the state whose initial child they point to', () => {
    const dot = layout.initialMarkers['vm.exists.power'];
    const region = layout.nodes['vm.exists.power'];
    expect(dot && region && inside({ ...dot, width: 0, height: 0 }, region)).toBe(true);
  });

  it('counts each computation', async () => {
    const before = layoutStats.layouts;
    await layoutGraph(graph, { thread: 'main' });
    expect(layoutStats.layouts).toBe(before + 1);
  });
});

describe('the fallback layout', () => {
  it('takes over when elk throws, and says why', async () => {
    const layout = await layoutGraph(graph, {
      elk: { layout: () => Promise.reject(new Error('elk exploded')) },
    });
    expect(layout.engine).toBe('grid');
    expect(layoutStats.lastFallbackReason).toContain('elk exploded');
    expectWellFormed(layout);
  });

  it('falls back from a broken worker to elk on the calling thread', async () => {
    // Behaves like a module worker whose script fails to load.
    const brokenWorker = () => {
      const worker = {
        onmessage: null,
        onerror: null as ((event: ErrorEvent) => void) | null,
        postMessage() {
          queueMicrotask(() => worker.onerror?.({ message: 'no worker here', preventDefault() {} } as ErrorEvent));
        },
        terminate() {},
      };
      return worker as unknown as Worker;
    };
    const layout = await layoutGraph(graph, { thread: 'worker', createWorker: brokenWorker });
    expect(layout.engine).toBe('elk');
    expect(layoutStats.lastFallbackReason).toContain('no worker here');
  });

  it('is deterministic', () => {
    expect(gridLayout(graph, estimateTextWidth)).toEqual(gridLayout(graph, estimateTextWidth));
  });
});

describe('transitions sharing source and target', () => {
  const twice = createMachine({
    id: 'op',
    initial: 'updating',
    states: {
      updating: {
        on: { done: 'succeeded', finish: { target: 'succeeded', guard: () => true }, fail: 'failed' },
      },
      succeeded: {},
      failed: {},
    },
  });
  const shared = toChartGraph(twice);

  it('share one arrow whose stacked label names every transition', async () => {
    const laidOut = await layoutGraph(shared, { thread: 'main' });
    const toSucceeded = laidOut.routes.filter((route) => route.target === 'op.succeeded');
    expect(toSucceeded).toHaveLength(1);
    expect(toSucceeded[0]?.edgeIds).toEqual(['op.updating|done|0', 'op.updating|finish|0']);
    expect(toSucceeded[0]?.label?.text.split('\n')).toEqual(['done', expect.stringMatching(/^finish \[/)]);
    expect(laidOut.routes.find((route) => route.target === 'op.failed')?.edgeIds).toEqual(['op.updating|fail|0']);
  });
});

describe('the VM machine', () => {
  it('lays out readably at 1:1 within a size budget, with named delays resolved from a context', async () => {
    const { vmMachine, createVmContext } = await import('azure-vm-lifecycle');
    const context = createVmContext(undefined, 0);
    const delays = vmMachine.implementations.delays as Record<string, (args: { context: unknown }) => number>;
    const vmGraph = toChartGraph(vmMachine, { resolveDelay: (name) => delays[name]?.({ context }) });
    expect(vmGraph.edges.map((edge) => edge.label)).toContain('after 30 s [resumeFails]');
    const vmLayout = await layoutGraph(vmGraph, { thread: 'main' });
    expect(vmLayout.engine).toBe('elk');
    // Measured about 2150×1460 with estimated text widths and guard params (it was 3781×1551 before arrows into a
    // state merged); the budget catches a return to the sprawl.
    expect(vmLayout.width).toBeLessThan(2300);
    expect(vmLayout.height).toBeLessThan(1650);
  });
});
