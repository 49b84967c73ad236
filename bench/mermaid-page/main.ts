/**
 * The alternative the benchmark compares our page with: Mermaid drawing `toMermaid(vmMachine)`.
 * The diagram text is generated in the page, from the machine, as our page builds its chart.
 */
import mermaid from 'mermaid';
import { vmMachine } from 'azure-vm-lifecycle';
import { toMermaid } from 'azure-vm-lifecycle/mermaid';

declare global {
  interface Window {
    /** Set once the SVG is in the document, or to the error that prevented it. */
    mermaidPage?: { rendered: boolean; error?: string };
  }
}

const host = document.querySelector('#diagram');
if (!host) throw new Error('index.html lacks #diagram');

mermaid.initialize({ startOnLoad: false });
window.mermaidPage = { rendered: false };
mermaid.render('vm-diagram', toMermaid(vmMachine)).then(
  ({ svg }) => {
    host.innerHTML = svg;
    window.mermaidPage = { rendered: true };
  },
  (error: unknown) => {
    window.mermaidPage = { rendered: false, error: String(error) };
  },
);
