/**
 * The endpoints a client polls after a long-running operation: `Azure-AsyncOperation` (the
 * operation's status JSON, always 200) and `Location` (`monitor=true`: 202 while in progress,
 * then what the operation would have answered had it run synchronously).
 */
import type { AsyncOperationStatus } from '../machines/json.js';
import { ArmError } from './arm-error.js';
import type { Answer } from './http-io.js';
import { apiVersionOf, retryAfterHeader, type RouteContext } from './route-context.js';
import { paramsOf, type Route, type RouteRequest } from './router.js';

/**
 * The HTTP status of a failed operation's answer at its `Location`: the platform's own fault is
 * a 500; every other failure (no capacity, a guest that did not start or provision) is the
 * request conflicting with the state of the platform or the VM, a 409, as ARM's deployment
 * engine reports a resource whose operation ended `Failed`.
 */
export const FAILED_OPERATION_STATUS: Readonly<Record<string, number>> = { InternalOperationError: 500 };

/** The `Location` monitor's answer for an operation's status. */
export function monitorAnswer(context: RouteContext, request: RouteRequest, status: AsyncOperationStatus): Answer {
  switch (status.status) {
    case 'InProgress':
      return { status: 202, headers: { Location: `${request.baseUrl}${request.path}?${request.query.toString()}`, ...retryAfterHeader(context) } };
    case 'Succeeded':
      // 200 without a body: the actions return nothing, and 24.x of the SDK refuses a 204 here.
      return { status: 200 };
    case 'Canceled':
      return { status: 409, body: { error: status.error ?? { code: 'OperationCanceled', message: 'The operation was canceled.' } } };
    case 'Failed': {
      const error = status.error ?? { code: 'InternalOperationError', message: 'The operation failed.' };
      return { status: FAILED_OPERATION_STATUS[error.code] ?? 409, body: { error } };
    }
  }
}

/** The operation routes. */
export function operationRoutes(context: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}',
      handler: (request) => {
        apiVersionOf(request);
        const { subscriptionId, operationId } = paramsOf(request, 'subscriptionId', 'operationId');
        const found = context.fleet.pollOperation(subscriptionId, operationId);
        if (!found) throw new ArmError(404, 'ResourceNotFound', `The operation '${operationId}' was not found.`);
        if (/^true$/i.test(request.query.get('monitor') ?? '')) return monitorAnswer(context, request, found.status);
        const headers = found.status.status === 'InProgress' ? retryAfterHeader(context) : {};
        return { status: 200, body: found.status, headers };
      },
    },
  ];
}
