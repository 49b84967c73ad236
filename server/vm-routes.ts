/**
 * `Microsoft.Compute/virtualMachines` as ARM serves it: create or update (PUT), update (PATCH),
 * get, instance view, delete, the actions, and the lists. Every answer is the machine's and the
 * package's pure mappings; this file adds ids, URLs and HTTP shapes.
 */
import { resourceNotFound, type VmOperationEvent, type VmSnapshot, type VmUpdateChange } from '../machines/index.js';
import { toInstanceView, toStatusOnlyItem, toVirtualMachine, type VirtualMachineResource } from '../machines/json.js';
import { ArmError, invalidContent, invalidParameter, resourceGroupNotFound } from './arm-error.js';
import type { VmRecord } from './fleet.js';
import type { Answer } from './http-io.js';
import { apiVersionOf, lroHeaders, page, type RouteContext } from './route-context.js';
import { paramsOf, type Route, type RouteRequest } from './router.js';
import { checkInput, readCreateBody } from './vm-body.js';

const GROUP = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}';
const VMS = `${GROUP}/providers/Microsoft.Compute/virtualMachines`;
const VM = `${VMS}/{vmName}`;

/** A query flag (`?hibernate=true`): absent, or `true`/`false` in any case. */
function flag(request: RouteRequest, name: string): boolean | undefined {
  const value = request.query.get(name);
  if (value === null) return undefined;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw invalidParameter(`The value '${value}' of query parameter '${name}' is not valid; expected true or false.`, name);
}

/**
 * The actions (`POST …/virtualMachines/{vm}/{action}`), one line each: the event the request
 * sends, and how Azure answers it: a long-running operation (202), done at once without a body
 * (`ok`, 200: generalize, whose REST operation has no long-running form), or 204.
 */
export const VM_ACTIONS: readonly { action: string; event: (request: RouteRequest) => VmOperationEvent; answer: 'lro' | 'ok' | 'noContent' }[] = [
  { action: 'start', event: () => ({ type: 'vm.start' }), answer: 'lro' },
  { action: 'powerOff', event: (r) => ({ type: 'vm.powerOff', skipShutdown: flag(r, 'skipShutdown') }), answer: 'lro' },
  { action: 'deallocate', event: (r) => ({ type: 'vm.deallocate', hibernate: flag(r, 'hibernate') }), answer: 'lro' },
  { action: 'restart', event: () => ({ type: 'vm.restart' }), answer: 'lro' },
  { action: 'redeploy', event: () => ({ type: 'vm.redeploy' }), answer: 'lro' },
  { action: 'reapply', event: () => ({ type: 'vm.reapply' }), answer: 'lro' },
  { action: 'simulateEviction', event: () => ({ type: 'vm.simulateEviction' }), answer: 'noContent' },
  { action: 'generalize', event: () => ({ type: 'vm.generalize' }), answer: 'ok' },
  { action: 'reimage', event: () => ({ type: 'vm.reimage' }), answer: 'lro' },
];

function withoutUndefined<T extends object>(event: T): T {
  for (const key of Object.keys(event) as (keyof T)[]) if (event[key] === undefined) delete event[key];
  return event;
}

// A snapshot never changes: its instance view is serialized once, however often it is read.
const instanceViews = new WeakMap<VmSnapshot, string>();

/** `GET …/instanceView`'s body for a snapshot, as JSON text. */
export function instanceViewText(snapshot: VmSnapshot): string {
  let text = instanceViews.get(snapshot);
  if (text === undefined) {
    text = JSON.stringify(toInstanceView(snapshot));
    instanceViews.set(snapshot, text);
  }
  return text;
}

/**
 * The VM resource JSON as the package writes it (`toVirtualMachine`): the instance view only
 * when expanded, as Azure does; the tags and size a later PUT or PATCH gave it instead of those
 * it was created with.
 */
export function vmResource(record: VmRecord, snapshot: VmSnapshot, expandInstanceView: boolean): VirtualMachineResource {
  const resource = toVirtualMachine(snapshot, { subscriptionId: record.subscriptionId, instanceView: expandInstanceView });
  const resized = record.resizedTo ? { ...resource.properties, hardwareProfile: { ...resource.properties.hardwareProfile, vmSize: record.resizedTo } } : resource.properties;
  if (!record.updatedTags) return record.resizedTo ? { ...resource, properties: resized } : resource;
  const { tags: _created, properties: _properties, ...head } = resource;
  // Azure's key order: tags after location, before properties.
  return { ...head, ...(Object.keys(record.updatedTags).length > 0 ? { tags: record.updatedTags } : {}), properties: resized };
}

/**
 * What an update changes, for the machine's `vm.update` (a hibernated VM refuses a resize and
 * disk or NIC changes): a PATCH changes what it names — `hardwareProfile.vmSize`,
 * `storageProfile`, `networkProfile`, `tags`; a PUT is the whole model, so only a `vmSize` other
 * than the VM's counts as a resize, and disks or NICs it lists as changed.
 */
function updateChanges(request: RouteRequest, record: VmRecord, tags: boolean): VmUpdateChange[] {
  const properties = (request.body as { properties?: unknown } | undefined)?.properties;
  const model = typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
  const size = (model.hardwareProfile as { vmSize?: unknown } | undefined)?.vmSize;
  const changes: VmUpdateChange[] = [];
  const current = record.resizedTo ?? record.actor.getSnapshot().context.settings.vmSize;
  if (size !== undefined && (request.method === 'PATCH' || (typeof size === 'string' && size.toLowerCase() !== current.toLowerCase()))) changes.push('vmSize');
  if (model.storageProfile !== undefined) changes.push('disks');
  if (model.networkProfile !== undefined) changes.push('networkInterfaces');
  if (tags) changes.push('tags');
  return changes;
}

/** The region a VM is in. */
const locationOf = (record: VmRecord): string => record.actor.getSnapshot().context.settings.location;

/** The VM routes. */
export function vmRoutes(context: RouteContext): Route[] {
  const { fleet } = context;

  const findGroup = (request: RouteRequest) => {
    const group = fleet.group(request.params.subscriptionId!, request.params.resourceGroupName!);
    if (!group) throw resourceGroupNotFound(request.params.resourceGroupName!);
    return group;
  };
  const findVm = (request: RouteRequest): VmRecord => {
    findGroup(request);
    const { subscriptionId, resourceGroupName, vmName } = paramsOf(request, 'subscriptionId', 'resourceGroupName', 'vmName');
    const record = fleet.vm(subscriptionId, resourceGroupName, vmName);
    if (!record) {
      const { status, code, message } = resourceNotFound(vmName, resourceGroupName);
      throw new ArmError(status, code, message);
    }
    return record;
  };

  const put = (request: RouteRequest): Answer => {
    apiVersionOf(request);
    const { subscriptionId, resourceGroupName, vmName } = paramsOf(request, 'subscriptionId', 'resourceGroupName', 'vmName');
    findGroup(request);
    const existing = fleet.vm(subscriptionId, resourceGroupName, vmName);
    if (existing) return update(request, existing);
    const create = readCreateBody(request.body, vmName, resourceGroupName);
    const accepted = fleet.createVm(subscriptionId, resourceGroupName, vmName, create);
    const record = fleet.vm(subscriptionId, resourceGroupName, vmName)!;
    return {
      status: 201,
      body: vmResource(record, accepted.snapshot, false),
      headers: lroHeaders(context, request, subscriptionId, locationOf(record), accepted.id, false),
    };
  };

  /**
   * An update (a second PUT, or PATCH): the machine's `vm.update`. A PUT is the whole model, so
   * its tags replace the VM's (none when it has none); a PATCH changes them only when it has them.
   */
  const update = (request: RouteRequest, record: VmRecord): Answer => {
    if (request.body !== undefined && (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body))) {
      throw invalidContent('the body must be a JSON object.');
    }
    const given = (request.body as { tags?: unknown } | undefined)?.tags;
    const tags = given ?? (request.method === 'PUT' ? {} : undefined);
    const size = ((request.body as { properties?: { hardwareProfile?: { vmSize?: unknown } } } | undefined)?.properties?.hardwareProfile)?.vmSize;
    if (tags !== undefined || size !== undefined) {
      checkInput({ ...record.input, ...(tags !== undefined ? { tags: tags as Record<string, string> } : {}), ...(size !== undefined ? { vmSize: size as string } : {}) });
    }
    const changes = updateChanges(request, record, tags !== undefined);
    const accepted = fleet.operate(record, changes.length > 0 ? { type: 'vm.update', changes } : { type: 'vm.update' });
    if (tags !== undefined) fleet.retag(record, tags as Record<string, string>);
    if (typeof size === 'string') fleet.resize(record, size);
    return {
      status: 200,
      body: vmResource(record, accepted.snapshot, false),
      headers: lroHeaders(context, request, record.subscriptionId, locationOf(record), accepted.id, false),
    };
  };

  const action = (row: (typeof VM_ACTIONS)[number]) => (request: RouteRequest): Answer => {
    apiVersionOf(request);
    const event = withoutUndefined(row.event(request));
    const record = findVm(request);
    if (row.answer === 'noContent') {
      fleet.request(record, event);
      return { status: 204 };
    }
    const accepted = fleet.operate(record, event);
    if (row.answer === 'ok') return { status: 200 };
    return { status: 202, headers: lroHeaders(context, request, record.subscriptionId, locationOf(record), accepted.id, true) };
  };

  const routes: Route[] = [
    { method: 'PUT', path: VM, handler: put },
    {
      method: 'PATCH',
      path: VM,
      handler: (request) => {
        apiVersionOf(request);
        return update(request, findVm(request));
      },
    },
    {
      method: 'GET',
      path: VM,
      handler: (request) => {
        apiVersionOf(request);
        const record = findVm(request);
        const expand = (request.query.get('$expand') ?? '').toLowerCase() === 'instanceview';
        return { status: 200, body: vmResource(record, fleet.read(record), expand) };
      },
    },
    {
      method: 'GET',
      path: `${VM}/instanceView`,
      handler: (request) => {
        apiVersionOf(request);
        const record = findVm(request);
        return { status: 200, text: instanceViewText(fleet.read(record)) };
      },
    },
    {
      method: 'DELETE',
      path: VM,
      handler: (request) => {
        apiVersionOf(request);
        findGroup(request);
        const { subscriptionId, resourceGroupName, vmName } = paramsOf(request, 'subscriptionId', 'resourceGroupName', 'vmName');
        const record = fleet.vm(subscriptionId, resourceGroupName, vmName);
        if (!record) return { status: 204 };
        const accepted = fleet.operate(record, { type: 'vm.delete' });
        const headers = lroHeaders(context, request, subscriptionId, locationOf(record), accepted.id, true);
        return { status: 202, headers: { ...headers, 'Azure-AsyncNotification': 'Enabled' } };
      },
    },
    {
      method: 'GET',
      path: VMS,
      handler: (request) => {
        apiVersionOf(request);
        findGroup(request);
        const { subscriptionId, resourceGroupName } = paramsOf(request, 'subscriptionId', 'resourceGroupName');
        const records = fleet.vmsOf(subscriptionId, resourceGroupName);
        const listed = page(request, records, (r) => r.key, context.pageSize);
        return { status: 200, body: { ...listed, value: listed.value.map((r) => vmResource(r, fleet.read(r), false)) } };
      },
    },
    {
      method: 'GET',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/virtualMachines',
      handler: (request) => {
        apiVersionOf(request);
        const statusOnly = /^true$/i.test(request.query.get('statusOnly') ?? '');
        const records = fleet.vmsOf(request.params.subscriptionId!);
        const listed = page(request, records, (r) => r.key, context.pageSize);
        const value = listed.value.map((r) => {
          const snapshot = fleet.read(r);
          return statusOnly
            ? { location: snapshot.context.settings.location, ...toStatusOnlyItem(snapshot, r.subscriptionId) }
            : vmResource(r, snapshot, false);
        });
        return { status: 200, body: { ...listed, value } };
      },
    },
  ];
  for (const row of VM_ACTIONS) routes.push({ method: 'POST', path: `${VM}/${row.action}`, handler: action(row) });
  return routes;
}
