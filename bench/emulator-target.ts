/**
 * A server for the emulator rows, run in its own process so the load generator does not share
 * its event loop: `emulator` (the real one, in memory, instant clock, one VM) or `bare` (a plain
 * `node:http` server answering the same instance-view JSON). Prints its URL and the path to load,
 * and answers each IPC message with the CPU time it has used, so a run can count CPU per request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator } from 'azure-vm-lifecycle/emulator';

const kind = process.argv[2];
const API = 'api-version=2026-03-01';
const path = `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/instanceView?${API}`;

const emulator = await createEmulator({ port: 0, clock: 'instant' });
const base = `${emulator.url}/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg`;
await fetch(`${base}?${API}`, { method: 'PUT', body: JSON.stringify({ location: 'westeurope' }) });
await fetch(`${base}/providers/Microsoft.Compute/virtualMachines/vm1?${API}`, { method: 'PUT', body: JSON.stringify({ location: 'westeurope' }) });
const body = await (await fetch(`${emulator.url}${path}`)).text();

if (kind === 'bare') {
  await emulator.close();
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, path, body })}\n`);
} else {
  process.stdout.write(`${JSON.stringify({ url: emulator.url, path, body })}\n`);
}
process.on('message', () => process.send?.(process.cpuUsage()));
process.on('SIGTERM', () => process.exit(0));
