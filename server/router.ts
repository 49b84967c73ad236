/**
 * Table-driven routing: each route is one line of method, path pattern and handler. ARM matches
 * paths case-insensitively, so literal segments compare without case; `{name}` segments capture
 * the text as sent.
 */
import { invalidContent, methodNotAllowed, noRoute } from './arm-error.js';
import type { Answer } from './http-io.js';

/** What a handler gets. */
export interface RouteRequest {
  /** The HTTP method, upper case. */
  method: string;
  /** The decoded path. */
  path: string;
  /** The `{name}` segments of the pattern, decoded. */
  params: Record<string, string>;
  /** The query string. */
  query: URLSearchParams;
  /** The parsed JSON body (`undefined` when empty or not read). */
  body: unknown;
  /** The request headers. */
  headers: Record<string, string | string[] | undefined>;
  /** The emulator's base URL as the client reached it (`https://127.0.0.1:4280`). */
  baseUrl: string;
}

/** One line of a route table. */
export interface Route {
  /** The HTTP method. */
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE' | 'HEAD';
  /** The path pattern, e.g. `/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}`. */
  path: string;
  /** Answers the request. */
  handler: (request: RouteRequest) => Answer | Promise<Answer>;
}

interface CompiledRoute extends Route {
  segments: { literal?: string; param?: string }[];
}

/** The result of matching a request: its route and captured segments. */
export interface RouteMatch {
  /** The route. */
  route: Route;
  /** The captured segments. */
  params: Record<string, string>;
}

/** Splits a path into decoded segments; bad percent-encoding is 400. */
export function splitPath(path: string): string[] {
  const raw = path.split('/').filter((segment) => segment !== '');
  try {
    return raw.map((segment) => (segment.includes('%') ? decodeURIComponent(segment) : segment));
  } catch {
    throw invalidContent(`the path '${path}' is not valid percent-encoding`);
  }
}

/** How many matched paths a router remembers (a client polls the same few URLs over and over). */
const REMEMBERED_PATHS = 1_024;

/** A set of routes, matched by segment count first. */
export class Router {
  private readonly bySize = new Map<number, CompiledRoute[]>();
  private readonly remembered = new Map<string, RouteMatch>();

  constructor(routes: readonly Route[] = []) {
    for (const route of routes) this.add(route);
  }

  /** Adds one route. */
  add(route: Route): void {
    const segments = splitPath(route.path).map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      return param ? { param } : { literal: segment.toLowerCase() };
    });
    const list = this.bySize.get(segments.length) ?? [];
    list.push({ ...route, segments });
    this.bySize.set(segments.length, list);
  }

  /**
   * The route for a method and path, or `null` when no pattern matches the path; throws 405 when
   * a pattern matches but not with this method. HEAD falls back to GET's route.
   */
  match(method: string, segments: readonly string[]): RouteMatch | null {
    const candidates = this.bySize.get(segments.length);
    if (!candidates) return null;
    const lower = segments.map((segment) => segment.toLowerCase());
    const allowed: string[] = [];
    let headFallback: RouteMatch | null = null;
    for (const route of candidates) {
      const params = matchSegments(route, segments, lower);
      if (!params) continue;
      if (route.method === method) return { route, params };
      if (method === 'HEAD' && route.method === 'GET') headFallback = { route, params };
      allowed.push(route.method);
    }
    if (headFallback) return headFallback;
    if (allowed.length > 0) throw methodNotAllowed(method, allowed);
    return null;
  }

  /** Like {@link Router.match}, but a path nobody serves is 404. */
  require(method: string, segments: readonly string[], path: string): RouteMatch {
    const found = this.match(method, segments);
    if (!found) throw noRoute(method, path);
    return found;
  }

  /**
   * {@link Router.require} for a raw path, remembering what matched: the same request line finds
   * its route (and the same `params` object, which handlers must not change) without splitting
   * and matching again.
   */
  find(method: string, path: string): RouteMatch {
    const key = `${method} ${path}`;
    let found = this.remembered.get(key);
    if (found) return found;
    found = this.require(method, splitPath(path), path);
    if (this.remembered.size >= REMEMBERED_PATHS) this.remembered.clear();
    this.remembered.set(key, found);
    return found;
  }
}

function matchSegments(route: CompiledRoute, segments: readonly string[], lower: readonly string[]): Record<string, string> | null {
  // Literals first: most candidates fail on one, before any object is made.
  for (let i = 0; i < route.segments.length; i++) {
    const literal = route.segments[i]!.literal;
    if (literal !== undefined && literal !== lower[i]) return null;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const param = route.segments[i]!.param;
    if (param) params[param] = segments[i]!;
  }
  return params;
}

/** The captured segments a route's pattern guarantees, by name. */
export function paramsOf<K extends string>(request: RouteRequest, ...names: K[]): Record<K, string> {
  const found = {} as Record<K, string>;
  for (const name of names) {
    const value = request.params[name];
    if (value === undefined) throw new Error(`The route has no {${name}} segment.`);
    found[name] = value;
  }
  return found;
}
