/**
 * The endpoints a client polls after a long-running operation: `Azure-AsyncOperation` (the
 * operation's status JSON) and `Location` (`monitor=true`: 202 until done, then the outcome).
 */
import { ArmError } from './arm-error.js';
import { apiVersionOf, type RouteContext } from './route-context.js';
import { paramsOf, type Route } from './router.js';

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
        const { status } = found;
        if (!/^true$/i.test(request.query.get('monitor') ?? '')) return { status: 200, body: status };
        switch (status.status) {
          case 'InProgress':
            return { status: 202, headers: { Location: `${request.baseUrl}${request.path}?${request.query.toString()}` } };
          case 'Succeeded':
            return { status: 200 };
          case 'Canceled':
            return { status: 409, body: { error: status.error ?? { code: 'OperationCanceled', message: 'The operation was canceled.' } } };
          case 'Failed':
            return { status: 500, body: { error: status.error ?? { code: 'InternalOperationError', message: 'The operation failed.' } } };
        }
      },
    },
  ];
}
