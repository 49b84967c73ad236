import { and, createMachine, not, or, setup, stateIn } from 'xstate';
import { describe, expect, it } from 'vitest';
import { edgeIdOf, formatGuard, toChartGraph, type ChartGraph } from 'azure-vm-lifecycle/viz';

const machine = setup({
  guards: { isIdle: () => true, isGeneralizedImage: () => true, isBeingDeleted: () => false, hasQuota: () => true },
  delays: { starting: 30_000, fromInput: () => 1_000 },
  actions: { recordRestart: () => {} },
}).createMachine({
  id: 'vm',
  initial: 'exists',
  states: {
    exists: {
      type: 'parallel',
      description: 'The VM resource exists.',
      on: { 'vm.delete': { target: 'deleted', guard: not('isBeingDeleted') }, '*': { actions: 'recordRestart' } },
      states: {
        power: {
          initial: 'stopped',
          states: {
            stopped: { on: { 'vm.start': { target: 'starting', guard: 'isIdle' } } },
            starting: { after: { starting: 'running' } },
            running: {
              description: 'The normal working state.',
              on: { 'vm.powerOff': 'stopping', 'vm.restart': { actions: 'recordRestart' } },
              after: { fromInput: 'stopping' },
            },
            stopping: { after: { 480_000: 'stopped' } },
          },
        },
        provisioning: {
          initial: 'creating',
          states: {
            creating: {
              on: {
                'platform.provisioned': [
                  { target: 'succeeded', guard: and([stateIn('#vm.exists.power.running'), 'isGeneralizedImage']) },
                  { target: 'failed', guard: or(['isIdle', { type: 'hasQuota', params: { cores: 4 } }]) },
                ],
              },
            },
            succeeded: { always: { target: 'failed', guard: 'isBeingDeleted' } },
            failed: {},
          },
        },
      },
    },
    deleted: { type: 'final' },
  },
});

const graph: ChartGraph = toChartGraph(machine);
const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id);
const labelsFrom = (source: string) => graph.edges.filter((edge) => edge.source === source).map((edge) => edge.label);

describe('toChartGraph', () => {
  it('lists every state node by its XState id, parents before children', () => {
    expect(graph.nodes.map((candidate) => candidate.id)).toEqual([
      'vm',
      'vm.exists',
      'vm.exists.power',
      'vm.exists.power.stopped',
      'vm.exists.power.starting',
      'vm.exists.power.running',
      'vm.exists.power.stopping',
      'vm.exists.provisioning',
      'vm.exists.provisioning.creating',
      'vm.exists.provisioning.succeeded',
      'vm.exists.provisioning.failed',
      'vm.deleted',
    ]);
    expect(graph).toMatchObject({ machineId: 'vm', root: 'vm' });
  });

  it('records parent, type, key, description and initial child', () => {
    expect(node('vm.exists')).toMatchObject({ parent: 'vm', type: 'parallel', label: 'exists', description: 'The VM resource exists.', isRegion: false });
    expect(node('vm.exists.power')).toMatchObject({ type: 'compound', initial: 'vm.exists.power.stopped', isRegion: true, path: ['exists', 'power'] });
    expect(node('vm.exists.power.running')).toMatchObject({ type: 'atomic', isRegion: false, description: 'The normal working state.' });
    expect(node('vm.deleted')).toMatchObject({ type: 'final', parent: 'vm' });
    expect(node('vm')?.initial).toBe('vm.exists');
    expect(node('vm.exists')?.initial).toBeUndefined();
  });

  it('labels delayed transitions with the delay, resolving named delays that are numbers', () => {
    expect(labelsFrom('vm.exists.power.starting')).toEqual(['after 30 s']);
    expect(labelsFrom('vm.exists.power.stopping')).toEqual(['after 8 min']);
    expect(labelsFrom('vm.exists.power.running')).toContain('after fromInput');
    expect(node('vm.exists.power.starting')?.timed).toBe(true);
    expect(node('vm.exists.power.stopped')?.timed).toBe(false);
  });

  it('labels eventless transitions "always" and appends guards in brackets', () => {
    expect(labelsFrom('vm.exists.provisioning.succeeded')).toEqual(['always [isBeingDeleted]']);
    expect(labelsFrom('vm.exists.power.stopped')).toEqual(['vm.start [isIdle]']);
    expect(labelsFrom('vm.exists')).toEqual(['vm.delete [not isBeingDeleted]']);
  });

  it('resolves delays computed at run time through resolveDelay, and keeps the name when it has none', () => {
    const resolved = toChartGraph(machine, { resolveDelay: (name) => (name === 'fromInput' ? 90_000 : undefined) });
    expect(resolved.edges.filter((edge) => edge.source === 'vm.exists.power.running').map((edge) => edge.label)).toContain('after 1 min 30 s');
    const unresolved = toChartGraph(machine, { resolveDelay: () => undefined });
    expect(unresolved.edges.filter((edge) => edge.source === 'vm.exists.power.running').map((edge) => edge.label)).toContain('after fromInput');
  });

  it('renders and, or and stateIn guards readably, stateIn paths from their region on, one edge per guarded alternative', () => {
    expect(labelsFrom('vm.exists.provisioning.creating')).toEqual([
      'platform.provisioned [in power.running and isGeneralizedImage]',
      // The same formatter as the Mermaid export: guard params read like a call.
      'platform.provisioned [isIdle or hasQuota(cores: 4)]',
    ]);
  });

  it('draws targetless transitions as self-loops and skips wildcard transitions', () => {
    const restart = graph.edges.find((edge) => edge.eventType === 'vm.restart');
    expect(restart).toMatchObject({ source: 'vm.exists.power.running', targets: ['vm.exists.power.running'], targetless: true });
    expect(graph.edges.some((edge) => edge.eventType === '*')).toBe(false);
  });

  it('gives every edge a unique id that edgeIdOf finds from the transition definition', () => {
    const ids = graph.edges.map((edge) => edge.id);
    expect(new Set(ids).size).toBe(ids.length);
    const creating = machine.getStateNodeById('vm.exists.provisioning.creating');
    const second = creating.transitions.get('platform.provisioned')?.[1];
    expect(second && edgeIdOf(second as never)).toBe('vm.exists.provisioning.creating|platform.provisioned|1');
  });

  it('draws onDone and onError transitions, which XState stores as done and error events', () => {
    const order = createMachine({
      id: 'order',
      initial: 'paying',
      states: {
        paying: {
          initial: 'charging',
          states: { charging: { on: { paid: 'done' } }, done: { type: 'final' } },
          onDone: 'shipping',
        },
        shipping: { invoke: { src: 'ship', onDone: 'delivered', onError: 'failed' } },
        billing: { invoke: { id: 'invoice', src: 'bill', onDone: 'delivered' } },
        delivered: { type: 'final' },
        failed: {},
      },
    });
    const labels = toChartGraph(order).edges.map((edge) => `${edge.source} → ${edge.targets.join()} : ${edge.label}`);
    expect(labels).toEqual(
      expect.arrayContaining([
        'order.paying → order.shipping : onDone',
        'order.shipping → order.delivered : onDone',
        'order.shipping → order.failed : onError',
        'order.billing → order.delivered : onDone (invoice)',
      ]),
    );
  });

  it('reads a machine built without setup', () => {
    const light = toChartGraph(createMachine({ id: 'light', initial: 'green', states: { green: { on: { timer: 'red' } }, red: {} } }));
    expect(light.edges).toMatchObject([{ source: 'light.green', targets: ['light.red'], label: 'timer', kind: 'event' }]);
  });
});

describe('formatGuard', () => {
  it('parenthesises nested combinations so they keep their meaning', () => {
    expect(formatGuard(and(['a', or(['b', not('c')])]) as never)).toBe('a and (b or not c)');
    expect(formatGuard(stateIn({ power: 'running' }) as never)).toBe('in power.running');
  });
});
