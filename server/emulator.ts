/**
 * azure-vm-lifecycle/emulator: a local Azure Compute emulator that `@azure/arm-compute` and
 * `@azure/arm-resources` drive over HTTP(S), each VM a `vmMachine` actor.
 * @packageDocumentation
 */
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FaultCode } from '../machines/index.js';
import { checkBind, tokenChecker } from './access.js';
import { ArmError } from './arm-error.js';
import { createClockPolicy } from './clocks.js';
import { Controller, type EmulatorHealth, type HttpFault } from './control.js';
import { controlRoutes } from './control-routes.js';
import { Fleet } from './fleet.js';
import { groupRoutes } from './group-routes.js';
import { errorAnswer, parseJson, readBody, requestIds, splitTarget, writeAnswer, type Answer } from './http-io.js';
import { operationRoutes } from './operation-routes.js';
import { resolveOptions, type EmulatorOptions } from './options.js';
import { RequestLog } from './request-log.js';
import { Router, splitPath, type RouteMatch, type RouteRequest } from './router.js';
import { checkPageDirectory, findPageDirectory, pageServer } from './static-page.js';
import { memoryStore, sqliteStore } from './store.js';
import { loadOrCreateTls } from './tls.js';
import { vmRoutes } from './vm-routes.js';
import type { VmSummary } from './vm-summary.js';
import { Watch } from './watch.js';

export type { EmulatorOptions } from './options.js';
export type { ClockMode } from './clocks.js';
export type { EmulatorHealth, HttpFault } from './control.js';
export type { VmSummary } from './vm-summary.js';
export { VM_ACTIONS } from './vm-routes.js';
export { EmulatorOptionError } from './options.js';
export { UnsafeBindError } from './access.js';
export { StoreUnavailableError } from './store.js';

/** A running emulator. */
export interface Emulator {
  /** The base URL clients use as `endpoint`, e.g. `http://127.0.0.1:4280` (no trailing slash). */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** With `https`: the CA certificate (PEM) clients trust. */
  readonly ca: string | undefined;
  /** With `https`: the file the CA certificate was written to. */
  readonly caPath: string | undefined;
  /** Health: clock mode, durability, how many VMs. */
  health(): EmulatorHealth;
  /** Every VM with its states. */
  vms(): VmSummary[];
  /** Removes every resource (and empties `--data`). */
  reset(): void;
  /** Arms an Azure fault (`AllocationFailed` …) for the next operation of a VM it applies to. */
  armFault(resourceId: string, code: FaultCode): VmSummary;
  /** Disarms a VM's faults. */
  clearFaults(resourceId: string): VmSummary;
  /** Moves time forward by `ms` or to the next step, for one VM or all. */
  advance(by: number | 'next', resourceId?: string): VmSummary[];
  /** Answers the next ARM requests with an HTTP error (429/500/503, `Retry-After`). */
  failNext(fault: HttpFault): void;
  /** Stops listening, ends open connections and stops every VM (with `data`, all is kept). */
  close(): Promise<void>;
}

/** How often, with `--data` and the real clock, the emulator stores that it is alive: a restart is exact to this. */
const ALIVE_EVERY_MS = 100;

/** The first segment of a path, lower case (`subscriptions`, `_emulator`, …). */
function firstSegment(pathname: string): string {
  let start = 0;
  while (pathname.charCodeAt(start) === 47 /* / */) start++;
  const end = pathname.indexOf('/', start);
  const segment = pathname.slice(start, end < 0 ? pathname.length : end);
  if (!segment.includes('%')) return segment.toLowerCase();
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment;
  }
}

/** A request as route handlers see it; the query and the base URL are read only when asked for. */
class ExchangeRequest implements RouteRequest {
  private parsedQuery: URLSearchParams | undefined;

  constructor(
    readonly method: string,
    readonly path: string,
    private readonly search: string,
    readonly params: Record<string, string>,
    readonly body: unknown,
    readonly headers: Record<string, string | string[] | undefined>,
    private readonly scheme: string,
    private readonly fallbackHost: string,
  ) {}

  get query(): URLSearchParams {
    return (this.parsedQuery ??= new URLSearchParams(this.search));
  }

  get baseUrl(): string {
    return `${this.scheme}://${(this.headers.host as string | undefined) ?? this.fallbackHost}`;
  }
}

/**
 * Starts an emulator and resolves once it listens.
 *
 * @example
 * ```ts
 * import { createEmulator } from 'azure-vm-lifecycle/emulator';
 * import { ComputeManagementClient } from '@azure/arm-compute';
 * import { bearerTokenAuthenticationPolicyName } from '@azure/core-rest-pipeline';
 *
 * const emulator = await createEmulator({ port: 0, clock: 'step' });
 * const credential = { getToken: async () => ({ token: 'emulator', expiresOnTimestamp: Date.now() + 3_600_000 }) };
 * const compute = new ComputeManagementClient(credential, subscriptionId, { endpoint: emulator.url, allowInsecureConnection: true });
 * compute.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
 * // … drive VMs …
 * await emulator.close();
 * ```
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  checkBind(resolved.host, resolved.token);
  const pageDirectory = resolved.pageDir ? checkPageDirectory(resolved.pageDir) : findPageDirectory();
  const store = resolved.data ? sqliteStore(resolved.data) : memoryStore();
  const clockOffset = store.load().clockOffset;
  const clocks = createClockPolicy(resolved.clock, resolved.timeScale, clockOffset);
  const fleet = new Fleet(store, clocks);
  fleet.restore();
  // Real time runs on between changes: a reading stored often tells a restart how far the
  // VMs' clocks had run when the emulator stopped, however it stopped.
  const shared = clocks.shared;
  const keepAlive = shared && store.durable ? () => store.putAliveAt(shared.now()) : undefined;
  keepAlive?.();
  const aliveTicker = keepAlive ? setInterval(keepAlive, ALIVE_EVERY_MS) : undefined;
  aliveTicker?.unref();
  const log = new RequestLog();
  const control = new Controller(fleet, clocks, store, log);
  const watch = new Watch(fleet, control, log);
  const context = { fleet, pageSize: resolved.pageSize, retryAfter: resolved.retryAfter };
  const arm = new Router([...groupRoutes(context), ...vmRoutes(context), ...operationRoutes(context)]);
  const controls = new Router(controlRoutes(control, log));
  const checkToken = tokenChecker(resolved.token);
  const servePage = pageServer(pageDirectory);

  let tls: ReturnType<typeof loadOrCreateTls> | undefined;
  if (resolved.https) {
    const hosts = [...new Set(['localhost', '127.0.0.1', '::1', resolved.host.replace(/^\[|\]$/g, '')])];
    const directory = resolved.caFile
      ? dirname(resolved.caFile)
      : resolved.data
        ? join(resolved.data, 'tls')
        : mkdtempSync(join(tmpdir(), 'azure-vm-lifecycle-tls-'));
    tls = loadOrCreateTls(directory, hosts);
  }
  const scheme = tls ? 'https' : 'http';

  /** One request: who asked, what, and where its answer goes. */
  interface Exchange {
    request: IncomingMessage;
    response: ServerResponse;
    method: string;
    pathname: string;
    search: string;
    started: number;
    /** The VM the request concerned, for the request log. */
    vmKey: string | undefined;
    /** Whether it goes in the request log (ARM requests do; the page and the control API do not). */
    logged: boolean;
  }

  const nextRequestId = requestIds();
  const write = (exchange: Exchange, answer: Answer): void => {
    writeAnswer(exchange.response, answer, nextRequestId(), exchange.method === 'HEAD');
    if (!exchange.logged) return;
    const code = answer.status >= 400 ? (answer.body as { error?: { code?: string } } | undefined)?.error?.code : undefined;
    log.add(exchange.method, exchange.pathname + exchange.search, answer.status, performance.now() - exchange.started, code, exchange.vmKey);
  };

  // What a request changed is stored before the client hears of it.
  const finish = (exchange: Exchange, answer: Answer): void =>
    fleet.whenWritten((failure) => {
      try {
        write(exchange, failure === undefined ? answer : errorAnswer(new ArmError(500, 'InternalServerError', `The emulator could not store the change: ${(failure as Error).message}`)));
      } catch (error) {
        console.error(error);
        if (!exchange.response.headersSent) exchange.response.writeHead(500);
        exchange.response.end();
      }
    });

  const fail = (exchange: Exchange, error: unknown): void => {
    if (!(error instanceof ArmError)) console.error(error);
    if (exchange.response.headersSent) {
      exchange.response.end();
      return;
    }
    const armError = error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', `The emulator failed to answer: ${(error as Error).message}`);
    try {
      finish(exchange, errorAnswer(armError));
    } catch (again) {
      // Even the error could not be written: end the exchange rather than the process.
      console.error(again);
      if (!exchange.response.headersSent) exchange.response.writeHead(500);
      exchange.response.end();
    }
  };

  /** Answers with the route's answer, now when it has one, or once its promise settles. */
  const answerWith = (exchange: Exchange, answer: Answer | Promise<Answer>, after?: (answer: Answer) => void): void => {
    if (answer instanceof Promise) {
      answer.then(
        (settled) => {
          try {
            after?.(settled);
            finish(exchange, settled);
          } catch (error) {
            fail(exchange, error);
          }
        },
        (error: unknown) => fail(exchange, error),
      );
      return;
    }
    after?.(answer);
    finish(exchange, answer);
  };

  const routeRequest = (exchange: Exchange, params: Record<string, string>, body: unknown): RouteRequest =>
    new ExchangeRequest(exchange.method, exchange.pathname, exchange.search, params, body, exchange.request.headers, scheme, `${resolved.host}:${address.port}`);

  /** Runs a matched route, reading and parsing the body first when the method has one. */
  const dispatch = (exchange: Exchange, match: RouteMatch, readsBody: boolean, after?: (answer: Answer) => void): void => {
    if (!readsBody) {
      answerWith(exchange, match.route.handler(routeRequest(exchange, match.params, undefined)), after);
      return;
    }
    readBody(exchange.request).then(
      (text) => {
        try {
          answerWith(exchange, match.route.handler(routeRequest(exchange, match.params, parseJson(text))), after);
        } catch (error) {
          fail(exchange, error);
        }
      },
      (error: unknown) => fail(exchange, error),
    );
  };

  // The VM (`subscription/group/vm`, lower case) each remembered ARM route match concerns.
  const vmKeys = new WeakMap<RouteMatch, string | null>();
  const vmKeyOf = (match: RouteMatch): string | null => {
    let key = vmKeys.get(match);
    if (key === undefined) {
      const { subscriptionId, resourceGroupName, vmName } = match.params;
      key = subscriptionId && resourceGroupName && vmName ? `${subscriptionId}/${resourceGroupName}/${vmName}`.toLowerCase() : null;
      vmKeys.set(match, key);
    }
    return key;
  };

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const { pathname, search } = splitTarget(request.url ?? '/');
    const method = request.method ?? 'GET';
    const exchange: Exchange = { request, response, method, pathname, search, started: performance.now(), vmKey: undefined, logged: false };
    try {
      const first = firstSegment(pathname);
      if (first === '_emulator') {
        const segments = splitPath(pathname);
        const isFeed = segments.length === 2 && segments[1]!.toLowerCase() === 'events';
        const query = new URLSearchParams(search);
        checkToken(request.headers.authorization, isFeed || method === 'GET' ? query.get('token') : null);
        if (isFeed && method === 'GET') {
          // A VM that is gone (or never was) is no error for the page: it gets the list and picks another.
          const id = query.get('vm');
          const record = id ? control.findVm(id) : undefined;
          watch.open(response, record, record ? log.of(record.key) : []);
          return;
        }
        dispatch(exchange, controls.require(method, segments, pathname), method !== 'GET' && method !== 'HEAD');
        return;
      }
      if (first !== 'subscriptions') {
        if ((method === 'GET' || method === 'HEAD') && servePage(pathname, response, method === 'HEAD')) return;
        throw new ArmError(404, 'NotFound', `No HTTP resource was found that matches the request '${method} ${pathname}'.`);
      }
      exchange.logged = true;
      checkToken(request.headers.authorization);
      const injected = control.takeHttpFault();
      if (injected) throw injected;
      const match = arm.find(method, pathname);
      exchange.vmKey = vmKeyOf(match) ?? undefined;
      const operationId = exchange.vmKey ? undefined : match.params.operationId;
      dispatch(exchange, match, method === 'PUT' || method === 'PATCH' || method === 'POST', operationId ? () => (exchange.vmKey = fleet.operationOwner(operationId)) : undefined);
    } catch (error) {
      fail(exchange, error);
    }
  };

  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener);
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${scheme}://${hostInUrl}:${address.port}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    port: address.port,
    ca: tls?.ca,
    caPath: tls?.caPath,
    health: () => control.health(),
    vms: () => control.vms(),
    reset: () => control.reset(),
    armFault: (resourceId, code) => control.armFault(resourceId, code),
    clearFaults: (resourceId) => control.clearFaults(resourceId),
    advance: (by, resourceId) => control.advance(by, resourceId),
    failNext: (fault) => control.failNext(fault),
    close() {
      closed ??= new Promise<void>((resolve) => {
        watch.close();
        clearInterval(aliveTicker);
        server.close(() => {
          keepAlive?.();
          fleet.close();
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
