/**
 * An operation as Azure's async-operation endpoint (`Azure-AsyncOperation` header) reports it:
 * the wire JSON a client polls until the status is final.
 */
import { statusTime } from './instance-view.js';
import type { VmSnapshot } from './vm.state.js';
import type { Operation, OperationStatus } from './vm.types.js';

/** The body of `GET {Azure-AsyncOperation}` for one operation. */
export interface AsyncOperationStatus {
  /** The operation id (a GUID). */
  name: string;
  /** `InProgress` until the operation ends `Succeeded`, `Failed` or `Canceled`. */
  status: OperationStatus;
  /** When Azure accepted it, ISO 8601. */
  startTime: string;
  /** When it ended, ISO 8601; absent while in progress. */
  endTime?: string;
  /** Why it failed or was canceled. */
  error?: { code: string; message: string };
}

/**
 * The async-operation status of an operation of this VM: the one in progress (or the last to
 * end) by default, or any from `context.history`.
 *
 * @example
 * ```ts
 * vm.send({ type: 'vm.deallocate' });
 * toAsyncOperationStatus(vm.getSnapshot());
 * // { name: '5c1d…-…', status: 'InProgress', startTime: '2025-…Z' }  (the operation's GUID)
 * ```
 */
export function toAsyncOperationStatus(
  snapshot: VmSnapshot,
  operation: Operation | null = snapshot.context.operation,
): AsyncOperationStatus | null {
  if (!operation) return null;
  const body: AsyncOperationStatus = {
    name: operation.id,
    status: operation.status,
    startTime: statusTime(snapshot, operation.startTime),
  };
  if (operation.endTime !== undefined) body.endTime = statusTime(snapshot, operation.endTime);
  if (operation.error) body.error = { code: operation.error.code, message: operation.error.message };
  return body;
}
