/**
 * What every route table shares: the fleet, the options that shape answers, and the helpers
 * that build ARM's URLs and headers.
 */
import { missingApiVersion } from './arm-error.js';
import type { Fleet } from './fleet.js';
import type { RouteRequest } from './router.js';

/** What route tables are built with. */
export interface RouteContext {
  /** The emulator's resources. */
  fleet: Fleet;
  /** Items per page of a list (`nextLink` beyond). */
  pageSize: number;
  /** Seconds of `Retry-After` on accepted operations and on polls of unfinished ones; none when undefined. */
  retryAfter: number | undefined;
}

/** `Retry-After` as the emulator was asked to send it: nothing by default. */
export function retryAfterHeader(context: RouteContext): Record<string, string> {
  return context.retryAfter === undefined ? {} : { 'Retry-After': String(context.retryAfter) };
}

/** The request's api-version; ARM refuses a request without one. */
export function apiVersionOf(request: RouteRequest): string {
  const version = request.query.get('api-version');
  if (!version) throw missingApiVersion();
  return version;
}

/** The `Azure-AsyncOperation` URL of an operation (ARM's shape, on the emulator's host). */
export function asyncOperationUrl(request: RouteRequest, subscriptionId: string, location: string, id: string): string {
  const version = encodeURIComponent(apiVersionOf(request));
  return `${request.baseUrl}/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Compute/locations/${encodeURIComponent(location)}/operations/${id}?api-version=${version}`;
}

/**
 * The headers of an accepted long-running operation: `Azure-AsyncOperation`, `Location` (the
 * same URL with `monitor=true`) when asked, and `Retry-After` when the emulator sends one.
 */
export function lroHeaders(context: RouteContext, request: RouteRequest, subscriptionId: string, location: string, id: string, withLocation: boolean): Record<string, string> {
  const url = asyncOperationUrl(request, subscriptionId, location, id);
  const headers: Record<string, string> = { 'Azure-AsyncOperation': url, ...retryAfterHeader(context) };
  if (withLocation) headers.Location = `${url}&monitor=true`;
  return headers;
}

/** A page of a list: `value` and, when more follow, a `nextLink` carrying a `$skiptoken`. */
export function page<T>(request: RouteRequest, items: readonly T[], keyOf: (item: T) => string, size: number): { value: T[]; nextLink?: string } {
  const token = request.query.get('$skiptoken');
  const after = token ? Buffer.from(token, 'base64url').toString('utf8') : null;
  const start = after === null ? 0 : items.findIndex((item) => keyOf(item) > after);
  const rest = start < 0 ? [] : items.slice(start);
  const value = rest.slice(0, size);
  if (rest.length <= size) return { value };
  const next = new URLSearchParams(request.query);
  next.set('$skiptoken', Buffer.from(keyOf(value[value.length - 1]!), 'utf8').toString('base64url'));
  return { value, nextLink: `${request.baseUrl}${request.path}?${next.toString()}` };
}
