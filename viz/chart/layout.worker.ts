/**
 * Runs elk off the main thread: receives an elk graph, answers with the laid-out graph or an
 * error message.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

/** A request to the layout worker. */
export interface LayoutRequest {
  /** Matches the answer to its request. */
  id: number;
  /** elk's input graph. */
  graph: ElkNode;
}

/** The layout worker's answer. */
export type LayoutResponse =
  | { id: number; ok: true; graph: ElkNode }
  | { id: number; ok: false; error: string };

const elk = new ELK();
const scope = self as unknown as DedicatedWorkerGlobalScope;

// elk.bundled.js, loaded in a worker, installs its own `onmessage`; replacing it keeps the
// messages ours.
scope.onmessage = (message: MessageEvent<LayoutRequest>) => {
  const { id, graph } = message.data;
  elk.layout(graph).then(
    (laidOut) => scope.postMessage({ id, ok: true, graph: laidOut } satisfies LayoutResponse),
    (error: unknown) => scope.postMessage({ id, ok: false, error: String(error) } satisfies LayoutResponse),
  );
};
