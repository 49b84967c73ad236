/**
 * azure-vm-lifecycle/emulator: a local Azure Compute emulator that `@azure/arm-compute` and
 * `@azure/arm-resources` drive over HTTP(S), each VM a `vmMachine` actor.
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto';
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
import { errorAnswer, parseJson, readBody, writeAnswer, type Answer } from './http-io.js';
import { operationRoutes } from './operation-routes.js';
import { resolveOptions, type EmulatorOptions } from './options.js';
import { RequestLog } from './request-log.js';
import { Router, splitPath, type RouteRequest } from './router.js';
import { findPageDirectory, pageServer } from './static-page.js';
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

const ARM_PREFIXES = ['subscriptions'];

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
  const store = resolved.data ? sqliteStore(resolved.data) : memoryStore();
  const clockOffset = store.load().clockOffset;
  const clocks = createClockPolicy(resolved.clock, resolved.timeScale, clockOffset);
  const fleet = new Fleet(store, clocks);
  fleet.restore();
  const log = new RequestLog();
  const control = new Controller(fleet, clocks, store, log);
  const watch = new Watch(fleet, control, log);
  const context = { fleet, pageSize: resolved.pageSize };
  const arm = new Router([...groupRoutes(context), ...vmRoutes(context), ...operationRoutes(context)]);
  const controls = new Router(controlRoutes(control, log));
  const checkToken = tokenChecker(resolved.token);
  const servePage = pageServer(findPageDirectory());

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

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    const requestId = randomUUID();
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://emulator');
    let vmKey: string | undefined;
    const finish = (answer: Answer): void => {
      writeAnswer(response, method === 'HEAD' ? { ...answer, body: undefined } : answer, requestId);
      if (url.pathname.startsWith('/_emulator')) return;
      const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
      const entry = { time: new Date().toISOString(), method, url: `${url.pathname}${url.search}`, status: answer.status, ms: performance.now() - started, ...(code ? { code } : {}), ...(vmKey ? { vm: vmKey } : {}) };
      log.add(entry);
    };
    try {
      const segments = splitPath(url.pathname);
      const first = (segments[0] ?? '').toLowerCase();
      const base = `${scheme}://${request.headers.host ?? `${resolved.host}:${address.port}`}`;
      if (first === '_emulator') {
        const isFeed = segments.length === 2 && segments[1]!.toLowerCase() === 'events';
        checkToken(request.headers.authorization, isFeed || method === 'GET' ? url.searchParams.get('token') : null);
        if (isFeed && method === 'GET') {
          const id = url.searchParams.get('vm');
          const record = id ? control.vmById(id) : undefined;
          watch.open(response, record, record ? log.of(record.key) : []);
          return;
        }
        const match = controls.require(method, segments, url.pathname);
        const body = method === 'GET' || method === 'HEAD' ? undefined : parseJson(await readBody(request));
        finish(await match.route.handler(routeRequest(match.params, body, base)));
        return;
      }
      if (!ARM_PREFIXES.includes(first)) {
        if ((method === 'GET' || method === 'HEAD') && servePage(url.pathname, response, method === 'HEAD')) return;
        throw new ArmError(404, 'NotFound', `No HTTP resource was found that matches the request '${method} ${url.pathname}'.`);
      }
      checkToken(request.headers.authorization);
      const injected = control.takeHttpFault();
      if (injected) throw injected;
      const match = arm.require(method, segments, url.pathname);
      if (match.params.vmName && match.params.subscriptionId && match.params.resourceGroupName) {
        vmKey = `${match.params.subscriptionId}/${match.params.resourceGroupName}/${match.params.vmName}`.toLowerCase();
      }
      const body = method === 'PUT' || method === 'PATCH' || method === 'POST' ? parseJson(await readBody(request)) : undefined;
      const answer = await match.route.handler(routeRequest(match.params, body, base));
      if (!vmKey && match.params.operationId) {
        vmKey = fleet.operationOwner(match.params.operationId);
      }
      finish(answer);
    } catch (error) {
      if (error instanceof ArmError) {
        finish(errorAnswer(error));
        return;
      }
      console.error(error);
      finish(errorAnswer(new ArmError(500, 'InternalServerError', `The emulator failed to answer: ${(error as Error).message}`)));
    }

    function routeRequest(params: Record<string, string>, body: unknown, baseUrl: string): RouteRequest {
      return { method, path: url.pathname, params, query: url.searchParams, body, headers: request.headers, baseUrl };
    }
  };

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500).end();
    });
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
        server.close(() => {
          fleet.close();
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
