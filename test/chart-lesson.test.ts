import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { COORDINATION_EVENT_TYPES, vmMachine } from 'azure-vm-lifecycle';
import { toChartGraph, toLessonGraph } from 'azure-vm-lifecycle/viz';

const full = toChartGraph(vmMachine);
const lesson = toLessonGraph(full);
const fullEdges = new Map(full.edges.map((edge) => [edge.id, edge]));
const lessonIds = new Set(lesson.graph.nodes.map((node) => node.id));

describe('the lesson graph of the VM machine', () => {
  it('maps every state of the machine to a state of the lesson', () => {
    for (const node of full.nodes) {
      expect(lessonIds.has(lesson.lessonOf[node.id] ?? ''), node.id).toBe(true);
    }
  });

  it('draws the power states a teacher names, hibernated beside deallocated', () => {
    const power = lesson.graph.nodes.find((node) => node.id === 'vm.exists.power');
    expect(power?.children).toEqual(
      ['creating', 'starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'hibernated', 'unknown'].map((key) => `vm.exists.power.${key}`),
    );
    expect(lesson.lessonOf['vm.exists.power.deallocated.hibernated']).toBe('vm.exists.power.hibernated');
    expect(lesson.lessonOf['vm.exists.provisioning.creating.osProvisioningComplete']).toBe('vm.exists.provisioning.osProvisioning');
  });

  it('draws every lesson arrow from real transitions between the states it joins', () => {
    expect(lesson.graph.edges.length).toBeGreaterThan(10);
    for (const edge of lesson.graph.edges) {
      const drawn = lesson.transitionsOf[edge.id] ?? [];
      expect(drawn.length, edge.id).toBeGreaterThan(0);
      for (const id of drawn) {
        const transition = fullEdges.get(id);
        expect(transition, id).toBeDefined();
        expect(lesson.lessonOf[transition?.source ?? '']).toBe(edge.source);
        expect(transition?.targets.map((target) => lesson.lessonOf[target])).toContain(edge.targets[0]);
        expect(transition?.eventType).toBe(edge.eventType);
      }
    }
  });

  it('shows no guard and none of the events the regions raise for each other', () => {
    for (const edge of lesson.graph.edges) {
      expect(edge.guard, edge.id).toBeUndefined();
      expect(edge.label, edge.id).not.toMatch(/\[/);
      expect(COORDINATION_EVENT_TYPES.has(edge.eventType), edge.id).toBe(false);
      expect(edge.source).not.toBe(edge.targets[0]);
    }
  });

  it('merges transitions per source, target and operation, and tells hibernate from deallocate', () => {
    const keys = lesson.graph.edges.map((edge) => `${edge.source}>${edge.targets[0]}>${String(edge.meta?.['operation'])}`);
    expect(new Set(keys).size).toBe(keys.length);
    const fromRunning = lesson.graph.edges.filter((edge) => edge.source === 'vm.exists.power.running' && edge.targets[0] === 'vm.exists.power.deallocating');
    expect(fromRunning.map((edge) => edge.meta?.['operation']).sort()).toEqual(['hibernate', 'platform.evict', 'vm.deallocate']);
  });

  it('draws timed steps as plain arrows without words', () => {
    const timed = lesson.graph.edges.filter((edge) => edge.kind === 'after');
    expect(timed.map((edge) => `${edge.source}>${edge.targets[0]}`)).toContain('vm.exists.power.starting>vm.exists.power.running');
    expect(timed.every((edge) => edge.label === '')).toBe(true);
  });

  it('draws the provisioning region as a strip without arrows inside it', () => {
    const inStrip = (id: string) => id.startsWith('vm.exists.provisioning.');
    expect(lesson.graph.edges.filter((edge) => inStrip(edge.source) && inStrip(edge.targets[0] ?? ''))).toEqual([]);
  });

  it('names states and operations with the words it is given, and shows the event type where a word is missing', () => {
    const named = toLessonGraph(full, {
      stateName: (id) => (id === 'vm.exists.power.running' ? 'Running' : undefined),
      stateNote: (id) => (id === 'vm.exists.power.running' ? 'Billed' : undefined),
      eventName: (key) => (key === 'vm.powerOff' ? 'Power off' : undefined),
    });
    const running = named.graph.nodes.find((node) => node.id === 'vm.exists.power.running');
    expect(running?.label).toBe('Running');
    expect(running?.note).toBe('Billed');
    const labels = named.graph.edges.map((edge) => edge.label);
    expect(labels).toContain('Power off');
    expect(labels).toContain('vm.restart');
  });
});

describe('the lesson graph of any machine', () => {
  it('keeps a machine without lesson meta as it is, minus self-loops', () => {
    const toggle = createMachine({
      id: 'toggle',
      initial: 'off',
      states: { off: { on: { flip: 'on', poke: 'off' } }, on: { on: { flip: 'off' } } },
    });
    const reduced = toLessonGraph(toChartGraph(toggle));
    expect(reduced.graph.nodes.map((node) => node.id)).toEqual(['toggle', 'toggle.off', 'toggle.on']);
    expect(reduced.graph.edges.map((edge) => edge.label).sort()).toEqual(['flip', 'flip']);
  });

  it('says which graph it cannot read', () => {
    expect(() => toLessonGraph({ machineId: 'm', root: 'nowhere', nodes: [], edges: [] })).toThrow(/root "nowhere"/);
  });
});
