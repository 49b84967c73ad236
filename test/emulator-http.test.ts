/**
 * The HTTP around every answer: ARM's request id, HEAD, request targets in absolute form, and the
 * log of requests the live page shows.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';
import { SUBSCRIPTION } from './emulator/clients.js';

const API = 'api-version=2026-03-01';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let emulator: Emulator;
let group: string;
let vm: string;

beforeAll(async () => {
  emulator = await createEmulator({ port: 0, clock: 'instant' });
  group = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg`;
  vm = `${group}/providers/Microsoft.Compute/virtualMachines/vm1`;
  await fetch(`${emulator.url}${group}?${API}`, { method: 'PUT', body: JSON.stringify({ location: 'westeurope' }) });
  await fetch(`${emulator.url}${vm}?${API}`, { method: 'PUT', body: JSON.stringify({ location: 'westeurope' }) });
});
afterAll(() => emulator?.close());

describe('every answer', () => {
  it('carries an x-ms-request-id shaped as a GUID, a different one each time', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await fetch(`${emulator.url}${vm}/instanceView?${API}`)).headers.get('x-ms-request-id'));
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(3);
    const refused = await fetch(`${emulator.url}${vm}/nothing?${API}`);
    expect(refused.headers.get('x-ms-request-id')).toMatch(GUID);
  });

  it('answers HEAD with the headers of GET, the same Content-Length, and no body', async () => {
    const get = await fetch(`${emulator.url}${vm}?${API}`);
    const text = await get.text();
    const head = await fetch(`${emulator.url}${vm}?${API}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('is the same for a request target in absolute form, as a proxy sends it', async () => {
    const { hostname, port } = new URL(emulator.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const sent = request({ hostname, port, method: 'GET', path: `${emulator.url}${vm}/instanceView?${API}` }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      sent.on('error', reject);
      sent.end();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ statuses: [{ code: 'ProvisioningState/succeeded' }, { code: 'PowerState/running' }] });
  });
});

describe('the request log', () => {
  it('lists the requests about a VM, oldest first, with status, ARM error code and time', async () => {
    await fetch(`${emulator.url}${vm}/start?${API}`, { method: 'POST' });
    await fetch(`${emulator.url}${vm}/deallocate?hibernate=true&${API}`, { method: 'POST' });
    const id = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`;
    const detail = (await (await fetch(`${emulator.url}/_emulator/vm?id=${encodeURIComponent(id)}`)).json()) as { requests: { method: string; url: string; status: number; code?: string; time: string; seq: number }[] };
    const last = detail.requests.slice(-2);
    expect(last.map((r) => [r.method, r.url.replace(/^.*vm1/, ''), r.status, r.code])).toEqual([
      ['POST', `/start?${API}`, 202, undefined],
      ['POST', `/deallocate?hibernate=true&${API}`, 409, 'OperationNotAllowed'],
    ]);
    expect(Date.parse(last[1]!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(last[1]!.seq).toBe(last[0]!.seq + 1);
    expect(detail.requests.every((r) => r.url.includes('/virtualMachines/vm1'))).toBe(true);
  });

  it('leaves out the page and the control API', async () => {
    await fetch(`${emulator.url}/_emulator/health`);
    const id = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`;
    const detail = (await (await fetch(`${emulator.url}/_emulator/vm?id=${encodeURIComponent(id)}`)).json()) as { requests: { url: string }[] };
    expect(detail.requests.some((r) => r.url.startsWith('/_emulator'))).toBe(false);
  });
});
