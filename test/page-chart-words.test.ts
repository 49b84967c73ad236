import { describe, expect, it } from 'vitest';
import { COORDINATION_EVENT_TYPES, OPERATION_EVENT_TYPES, vmMachine } from 'azure-vm-lifecycle';
import { toChartGraph, toLessonGraph } from 'azure-vm-lifecycle/viz';
import { lessonEventKey, lessonStateKey, lessonWords } from '../viz/page/chart-words.js';
import { LANGUAGE_CODES, lookup } from '../viz/page/i18n/index.js';

const full = toChartGraph(vmMachine);

describe('the words of the lesson view', () => {
  it('has words in every language for every event a user or the platform sends the machine', () => {
    const userEvents = new Set(
      full.edges
        .filter((edge) => edge.kind === 'event' && !edge.eventType.startsWith('fault.') && !COORDINATION_EVENT_TYPES.has(edge.eventType))
        .map((edge) => (typeof edge.meta?.['operation'] === 'string' ? edge.meta['operation'] : edge.eventType)),
    );
    for (const type of OPERATION_EVENT_TYPES) userEvents.add(type);
    expect(userEvents.size).toBeGreaterThan(10);
    for (const language of LANGUAGE_CODES) {
      for (const key of userEvents) expect(lookup(language, lessonEventKey(key)), `${language}: ${key}`).toBeDefined();
    }
  });

  it('names every lesson state in every language', () => {
    for (const language of LANGUAGE_CODES) {
      const lesson = toLessonGraph(full, lessonWords(language, 'seed-2018'));
      for (const node of lesson.graph.nodes) expect(lookup(language, lessonStateKey(node.id)), `${language}: ${node.id}`).toBe(node.label);
    }
  });

  it('uses the specification\'s Dutch names and billed marks', () => {
    const lesson = toLessonGraph(full, lessonWords('nl', 'seed-2018'));
    const byId = new Map(lesson.graph.nodes.map((node) => [node.id, node]));
    expect(byId.get('vm.exists.power.running')).toMatchObject({ label: 'Wordt uitgevoerd', note: 'Gefactureerd' });
    expect(byId.get('vm.exists.power.deallocated')).toMatchObject({ label: 'Toewijzing ongedaan gemaakt', note: 'Niet gefactureerd' });
    expect(byId.get('vm.exists.power.starting')?.note).toBe('Niet gefactureerd');
    expect(toLessonGraph(full, lessonWords('en', 'azure-2023')).graph.nodes.find((node) => node.id === 'vm.exists.power.starting')?.note).toBe('Billed');
  });

  it('shows the event type itself where a word is missing, so the gap is visible', () => {
    const words = lessonWords('en', 'seed-2018');
    expect(words.eventName?.('vm.teleport', full.edges[0]!)).toBeUndefined();
    const lesson = toLessonGraph({ ...full, edges: full.edges.map((edge) => (edge.eventType === 'vm.restart' ? { ...edge, eventType: 'vm.teleport', meta: {} } : edge)) }, words);
    expect(lesson.graph.edges.map((edge) => edge.label)).toContain('vm.teleport');
  });
});
