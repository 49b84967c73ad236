/**
 * `Microsoft.Resources/resourceGroups`: create or update, get, check existence (HEAD), list and
 * delete. Deleting a group deletes its VMs; the group goes once the last of them is gone.
 */
import { randomUUID } from 'node:crypto';
import { ArmError, invalidContent, resourceGroupNotFound } from './arm-error.js';
import type { Group } from './fleet.js';
import { apiVersionOf, page, retryAfterHeader, type RouteContext } from './route-context.js';
import type { Route, RouteRequest } from './router.js';

const GROUP = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
const GROUP_NAME = /^[-\w.()\p{L}\p{N}]{1,90}$/u;

/** The group as ARM returns it. */
function groupResource(group: Group): Record<string, unknown> {
  return {
    id: `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}`,
    name: group.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: group.location,
    tags: group.tags,
    properties: { provisioningState: group.deleting ? 'Deleting' : 'Succeeded' },
  };
}

/** The resource group routes. */
export function groupRoutes(context: RouteContext): Route[] {
  const { fleet } = context;
  // Deletions being watched through their `Location` URL: token → group key.
  const deletions = new Map<string, string>();

  const get = (request: RouteRequest): Group => {
    const group = fleet.group(request.params.subscriptionId!, request.params.resourceGroupName!);
    if (!group) throw resourceGroupNotFound(request.params.resourceGroupName!);
    return group;
  };

  return [
    {
      method: 'PUT',
      path: GROUP,
      handler: (request) => {
        apiVersionOf(request);
        const name = request.params.resourceGroupName!;
        if (!GROUP_NAME.test(name) || name.endsWith('.')) {
          throw new ArmError(
            400,
            'InvalidResourceGroupName',
            `Resource group name '${name}' is invalid. It can include alphanumeric, underscore, parentheses, hyphen, period (except at end), and Unicode characters that match the allowed characters.`,
            'resourceGroupName',
          );
        }
        const body = request.body as { location?: unknown; tags?: unknown } | undefined;
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidContent('the body must be a JSON object with a location.');
        if (typeof body.location !== 'string' || body.location === '') {
          throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.', 'location');
        }
        const tags = body.tags ?? {};
        if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw invalidContent("'tags' must be a JSON object.", 'tags');
        const { group, created } = fleet.putGroup(request.params.subscriptionId!, name, body.location, tags as Record<string, string>);
        return { status: created ? 201 : 200, body: groupResource(group) };
      },
    },
    {
      method: 'GET',
      path: GROUP,
      handler: (request) => {
        apiVersionOf(request);
        return { status: 200, body: groupResource(get(request)) };
      },
    },
    {
      method: 'HEAD',
      path: GROUP,
      handler: (request) => {
        apiVersionOf(request);
        const group = fleet.group(request.params.subscriptionId!, request.params.resourceGroupName!);
        return { status: group ? 204 : 404 };
      },
    },
    {
      method: 'GET',
      path: '/subscriptions/{subscriptionId}/resourcegroups',
      handler: (request) => {
        apiVersionOf(request);
        const listed = page(request, fleet.groupsOf(request.params.subscriptionId!), (g) => g.key, context.pageSize);
        return { status: 200, body: { ...listed, value: listed.value.map(groupResource) } };
      },
    },
    {
      method: 'DELETE',
      path: GROUP,
      handler: (request) => {
        const version = apiVersionOf(request);
        const subscriptionId = request.params.subscriptionId!;
        const group = fleet.group(subscriptionId, request.params.resourceGroupName!);
        if (!group) return { status: 404, body: resourceGroupNotFound(request.params.resourceGroupName!).toBody() };
        fleet.deleteGroup(subscriptionId, group.name);
        const token = randomUUID();
        deletions.set(token, group.key);
        const location = `${request.baseUrl}/subscriptions/${encodeURIComponent(subscriptionId)}/operationresults/${token}?api-version=${encodeURIComponent(version)}`;
        return { status: 202, headers: { Location: location, ...retryAfterHeader(context) } };
      },
    },
    {
      method: 'GET',
      path: '/subscriptions/{subscriptionId}/operationresults/{token}',
      handler: (request) => {
        apiVersionOf(request);
        const key = deletions.get(request.params.token!);
        if (key === undefined || !key.startsWith(`${request.params.subscriptionId!.toLowerCase()}/`)) {
          throw new ArmError(404, 'NotFound', `The operation result '${request.params.token}' was not found.`);
        }
        if (fleet.groupDeletionPending(key)) {
          return { status: 202, headers: { Location: `${request.baseUrl}${request.path}?${request.query.toString()}`, ...retryAfterHeader(context) } };
        }
        deletions.delete(request.params.token!);
        return { status: 200 };
      },
    },
  ];
}
