import { createMachine } from 'xstate';
import { beforeAll, describe, expect, it } from 'vitest';
import { toMermaid } from 'azure-vm-lifecycle/mermaid';
import { lifecycleMachine } from './fixtures/lifecycle-machine.js';
import { loadMermaid, type Mermaid } from './mermaid-parser.js';

let mermaid: Mermaid;

beforeAll(async () => {
  mermaid = await loadMermaid();
});

/** The lines of a diagram, without indentation. */
function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}

/** The lines of the block `state <id> { … }`, without its own braces or its nested blocks' contents. */
function block(text: string, id: string): string[] {
  const all = lines(text);
  const start = all.indexOf(`state ${id} {`);
  expect(start).toBeGreaterThanOrEqual(0);
  const inside: string[] = [];
  let depth = 0;
  for (const line of all.slice(start + 1)) {
    if (line.endsWith('{')) depth += 1;
    if (line === '}') {
      if (depth === 0) break;
      depth -= 1;
      continue;
    }
    if (depth === 0 || (depth === 1 && line.endsWith('{'))) inside.push(line);
  }
  return inside;
}

describe('toMermaid', () => {
  const text = toMermaid(lifecycleMachine);

  it('starts a stateDiagram-v2 and draws the root states at the top level', () => {
    expect(lines(text)[0]).toBe('stateDiagram-v2');
    expect(lines(text)).toContain('[*] --> alive');
    expect(lines(text)).toContain('deleted --> [*]');
  });

  it('separates the regions of a parallel state with --', () => {
    expect(block(text, 'alive')).toEqual([
      'state "power" as alive_power',
      'state alive_power {',
      '--',
      'state "provisioning" as alive_provisioning',
      'state alive_provisioning {',
    ]);
  });

  it('nests compound states and starts each with an arrow to its initial state', () => {
    expect(block(text, 'alive_provisioning')).toContain('[*] --> alive_provisioning_creating');
    expect(block(text, 'alive_provisioning_creating')).toContain('[*] --> alive_provisioning_creating_allocating');
    expect(block(text, 'alive_power')[0]).toBe('[*] --> alive_power_stopped');
  });

  it('labels every state with its key and gives it its full path, joined by _, as a unique id', () => {
    const declarations = lines(text).filter((line) => /^state ".*" as /.test(line));
    const ids = declarations.map((line) => line.split(' as ')[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(declarations).toContain('state "osProvisioning" as alive_provisioning_creating_osProvisioning');
    expect(declarations).toHaveLength(11);
  });

  it('labels transitions with the event, named and numeric delays, always, and readable guards', () => {
    expect(block(text, 'alive_power')).toEqual(
      expect.arrayContaining([
        'alive_power_stopped --> alive_power_starting : vm.start [hasCapacity(size: D2)]',
        'alive_power_starting --> alive_power_running : after booting',
        'alive_power_starting --> alive_power_stopped : after 5000ms [isSpot]',
        'alive_power_running --> alive_power_stopped : vm.stop',
      ]),
    );
    expect(block(text, 'alive_provisioning_creating')).toContain(
      'alive_provisioning_creating_allocating --> alive_provisioning_creating_osProvisioning : always [in alive.power.running and not isSpot and (isGeneralizedImage or isSpot)]',
    );
    expect(lines(text)).toContain('alive --> deleted : vm.delete');
  });

  it('skips wildcard transitions and, by default, targetless ones', () => {
    expect(text).not.toMatch(/ : \*/);
    expect(text).not.toContain(': ping');
    expect(toMermaid(lifecycleMachine, { targetless: true })).toContain('alive_power_running --> alive_power_running : ping');
  });

  it('draws descriptions as escaped notes by default, as labels on request, or not at all', () => {
    expect(text).toContain('note right of alive_power_stopped\n        Shut down#59; #34;still#34; billed#59; #35;1\n      end note');
    const labelled = lines(toMermaid(lifecycleMachine, { descriptions: 'label' }));
    expect(labelled).toContain('deleted : Gone for good.');
    expect(labelled).toContain('note right of alive'); // Mermaid allows composite states no description text
    expect(toMermaid(lifecycleMachine, { descriptions: 'none' })).not.toContain('note');
  });

  it('makes ids valid and unique for keys that are keywords, start with a digit, or clash once joined', () => {
    const odd = createMachine({
      id: 'odd',
      initial: 'end',
      states: { end: { on: { go: 'has space' } }, 'has space': {}, has_space: {}, '9lives': {}, note: { type: 'final' } },
    });
    const declarations = lines(toMermaid(odd)).filter((line) => line.startsWith('state "'));
    expect(declarations).toEqual([
      'state "end" as end_',
      'state "has space" as has_space',
      'state "has_space" as has_space_2',
      'state "9lives" as s_9lives',
      'state "note" as note_',
    ]);
  });

  it('draws the root as a box when the root itself has transitions', () => {
    const rooted = createMachine({ id: 'vm', initial: 'a', on: { reset: '.a' }, states: { a: { on: { go: 'b' } }, b: {} } });
    const diagram = lines(toMermaid(rooted));
    expect(diagram.slice(1, 3)).toEqual(['[*] --> vm', 'state "vm" as vm']);
    expect(block(toMermaid(rooted), 'vm')).toEqual(['[*] --> a', 'state "a" as a', 'state "b" as b', 'vm --> a : reset', 'a --> b : go']);
  });

  it('is accepted by Mermaid, which sees the nesting and regions it was given', async () => {
    for (const options of [{}, { descriptions: 'label' as const, direction: 'LR' as const, targetless: true }]) {
      await expect(mermaid.parse(toMermaid(lifecycleMachine, options))).resolves.toMatchObject({ diagramType: 'stateDiagram' });
    }
    const rooted = createMachine({ id: 'vm', initial: 'a', on: { reset: '.a' }, states: { a: {}, b: { type: 'final' } } });
    await expect(mermaid.parse(toMermaid(rooted))).resolves.toMatchObject({ diagramType: 'stateDiagram' });
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const { nodes } = (diagram.db as unknown as { getData(): { nodes: { id: string; parentId?: string }[] } }).getData();
    const parentOf = (id: string): string | undefined => nodes.find((node) => node.id === id)?.parentId;
    expect(parentOf('alive_provisioning_creating_allocating')).toBe('alive_provisioning_creating');
    expect(parentOf('alive_power_running')).toBe('alive_power');
    // Each region sits in its own divider of the parallel state.
    const powerDivider = parentOf('alive_power');
    const provisioningDivider = parentOf('alive_provisioning');
    expect(powerDivider).not.toBe(provisioningDivider);
    expect(parentOf(powerDivider ?? '')).toBe('alive');
    expect(parentOf(provisioningDivider ?? '')).toBe('alive');
  });

  it('is rejected by Mermaid when broken, so the acceptance check can fail', async () => {
    await expect(mermaid.parse(`${text}\n  alive --> \n`)).rejects.toThrow();
  });
});
