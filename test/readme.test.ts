import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { OPERATION_EVENT_TYPES, vmMachine } from 'azure-vm-lifecycle';
import { toMermaid } from 'azure-vm-lifecycle/mermaid';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

function leaves(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.length ? children.flatMap(leaves) : [node];
}

describe('the README', () => {
  it('shows the chart the machine generates today', () => {
    const block = readme.match(/```mermaid\n([\s\S]*?)\n```/)?.[1];
    expect(block).toBe(toMermaid(vmMachine, { descriptions: 'none' }).trimEnd());
  });

  it('lists every state of the machine in its states table', () => {
    for (const node of leaves(vmMachine.root)) {
      const path = node.path.slice(node.path[0] === 'exists' ? 2 : 0).join('.');
      expect(readme).toContain(`| \`${path}\``);
    }
  });

  it('lists every operation event', () => {
    for (const type of OPERATION_EVENT_TYPES) expect(readme).toContain(`\`${type}\``);
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
