/**
 * Whatever arrives, the emulator answers: every odd method, path, query and body gets an answer
 * in ARM's error envelope (or a success), never a 5xx of its own making, and it keeps serving.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000009';
const GROUP = `${SUB}/resourceGroups/rg`;
const VMS = `${GROUP}/providers/Microsoft.Compute/virtualMachines`;
const API = '?api-version=2024-07-01';
let emulator: Emulator;

beforeAll(async () => {
  emulator = await createEmulator({ port: 0, clock: 'step' });
  await fetch(`${emulator.url}${GROUP}${API}`, { method: 'PUT', body: '{"location":"westeurope"}' });
  await fetch(`${emulator.url}${VMS}/ok${API}`, { method: 'PUT', body: '{"location":"westeurope"}' });
});
afterAll(() => emulator?.close());

const paths = [
  `${VMS}/fresh`, `${VMS}/ok`, GROUP, `${VMS}/ok/start`, `${VMS}/ok/deallocate`, `${VMS}/ok/simulateEviction`, `${VMS}/ok/instanceView`,
  `${VMS}/%`, `${VMS}/%E0%A4%A`, `${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/%zz`,
  `${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/abc`, `${SUB}/resourceGroups/%/providers/Microsoft.Compute/virtualMachines`,
  `${SUB}/providers/Microsoft.Compute/virtualMachines`, '/_emulator/faults', '/_emulator/clock', '/_emulator/http-faults', '/_emulator/%', '/%00',
];
const queries = [API, '', '?api-version=x&$expand=5', '?api-version=1&statusOnly=maybe&$skipToken=%', '?hibernate=maybe&skipShutdown=5&api-version=1', '?resourceId=%'];
const bodies = [
  'null', '[]', '"s"', '5', '{', '{"properties":null}', '{"properties":"x"}', '{"location":5}', '{"tags":{"a":5}}', '{"tags":null}',
  '{"properties":{"storageProfile":{"osDisk":5}}}', '{"properties":{"osProfile":null}}', '{"properties":{"billingProfile":{"maxPrice":"x"}}}',
  '{"properties":{"additionalCapabilities":{"hibernationEnabled":"yes"}}}', '{"__proto__":{"x":1}}', '{"resourceId":5,"code":[]}', '{"ms":-1}', '{"count":1e9,"status":"x"}',
];

describe('odd requests', () => {
  it('each get an answer in ARM\'s envelope, never the emulator\'s own 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PUT', 'PATCH', 'POST', 'GET', 'DELETE'),
        fc.constantFrom(...paths),
        fc.constantFrom(...queries),
        fc.constantFrom(...bodies),
        async (method, path, query, body) => {
          const response = await fetch(`${emulator.url}${path}${query}`, { method, body: method === 'GET' || method === 'DELETE' ? undefined : body });
          const text = await response.text();
          expect(response.status, `${method} ${path}${query} ${body}: ${text}`).toBeLessThan(500);
          if (response.status >= 400) expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        },
      ),
      { numRuns: 400 },
    );
    expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
  });
});
