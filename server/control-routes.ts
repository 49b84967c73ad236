/**
 * `/_emulator/…`: the control API over HTTP (outside ARM's paths, no api-version needed).
 */
import { invalidContent } from './arm-error.js';
import type { Controller, HttpFault } from './control.js';
import type { RequestLog } from './request-log.js';
import type { Route } from './router.js';
import { summarize } from './vm-summary.js';
import type { FaultCode } from '../machines/index.js';

function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidContent('the body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** The control routes. */
export function controlRoutes(control: Controller, log: RequestLog): Route[] {
  return [
    { method: 'GET', path: '/_emulator/health', handler: () => ({ status: 200, body: control.health() }) },
    {
      method: 'POST',
      path: '/_emulator/reset',
      handler: () => {
        control.reset();
        return { status: 204 };
      },
    },
    { method: 'GET', path: '/_emulator/vms', handler: () => ({ status: 200, body: { value: control.vms() } }) },
    {
      method: 'GET',
      path: '/_emulator/vm',
      handler: (request) => {
        const record = control.vmById(request.query.get('id'));
        const { value, context, status } = record.actor.getSnapshot();
        return { status: 200, body: { summary: summarize(record), snapshot: { value, context, status }, requests: log.of(record.key) } };
      },
    },
    {
      method: 'POST',
      path: '/_emulator/faults',
      handler: (request) => {
        const body = objectBody(request.body);
        return { status: 200, body: control.armFault(body.resourceId as string, body.code as FaultCode) };
      },
    },
    {
      method: 'DELETE',
      path: '/_emulator/faults',
      handler: (request) => ({ status: 200, body: control.clearFaults(request.query.get('resourceId') as string) }),
    },
    {
      method: 'POST',
      path: '/_emulator/clock',
      handler: (request) => {
        const body = objectBody(request.body);
        const by = body.next === true ? 'next' : (body.ms as number);
        const vms = control.advance(by, body.resourceId === undefined ? undefined : (body.resourceId as string));
        return { status: 200, body: { value: vms } };
      },
    },
    {
      method: 'POST',
      path: '/_emulator/http-faults',
      handler: (request) => {
        const body = objectBody(request.body);
        control.failNext(body as unknown as HttpFault);
        return { status: 200, body: control.health() };
      },
    },
  ];
}
