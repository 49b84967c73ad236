/**
 * The live page's feed (`GET /_emulator/events`, Server-Sent Events): the VM list at once and at
 * every change, and for the watched VM its snapshot and each request about it, as they happen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'azure-vm-lifecycle/emulator';

const SUB = '00000000-0000-0000-0000-00000000feed';
const API = '?api-version=2024-07-01';
const vmId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`;
let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface FeedEvent {
  event: string;
  data: unknown;
}

/** Opens the feed and reads its events as they come. */
async function openFeed(url: string) {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: FeedEvent[] = [];
  let buffer = '';
  let retry: string | undefined;
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
        if (fields.retry) retry = fields.retry;
        if (fields.event) events.push({ event: fields.event, data: JSON.parse(fields.data ?? 'null') });
      }
    }
  })();
  const until = async (test: (seen: FeedEvent[]) => boolean) => {
    for (let i = 0; i < 200 && !test(events); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(test(events)).toBe(true);
  };
  return {
    response,
    events,
    until,
    get retry() {
      return retry;
    },
    close: async () => {
      abort.abort();
      await pump;
    },
  };
}

async function put(path: string, body: unknown) {
  return fetch(`${emulator!.url}${path}${API}`, { method: 'PUT', body: JSON.stringify(body) });
}

describe('the feed', () => {
  it('lists the VMs at once, asks browsers to reconnect after a second, and lists again at every change', async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    const feed = await openFeed(`${emulator.url}/_emulator/events`);
    expect(feed.response.status).toBe(200);
    expect(feed.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await feed.until((events) => events.length >= 1);
    expect(feed.events[0]).toEqual({ event: 'vms', data: [] });
    expect(feed.retry).toBe('1000');
    await put(`/subscriptions/${SUB}/resourceGroups/rg`, { location: 'westeurope' });
    await put(vmId('web-1'), { location: 'westeurope' });
    await feed.until((events) => events.some((each) => each.event === 'vms' && (each.data as unknown[]).length === 1));
    const listed = feed.events.filter((each) => each.event === 'vms').at(-1)!.data as { id: string; power: string }[];
    expect(listed[0]!.id).toBe(vmId('web-1'));
    // Nothing about one VM goes to a page that watches none.
    expect(feed.events.map((each) => each.event)).not.toContain('vm');
    await feed.close();
  });

  it('sends the watched VM\'s snapshot at every step and each request about it, none about others', async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    await put(`/subscriptions/${SUB}/resourceGroups/rg`, { location: 'westeurope' });
    await put(vmId('web-1'), { location: 'westeurope' });
    await put(vmId('web-2'), { location: 'westeurope' });
    emulator.advance(600_000);
    const feed = await openFeed(`${emulator.url}/_emulator/events?vm=${encodeURIComponent(vmId('web-1'))}`);
    await feed.until((events) => events.some((each) => each.event === 'vm'));
    const posted = await fetch(`${emulator.url}${vmId('web-1')}/powerOff${API}`, { method: 'POST' });
    expect(posted.status).toBe(202);
    await fetch(`${emulator.url}${vmId('web-2')}/powerOff${API}`, { method: 'POST' });
    // Step mode: each read moves the VM a step; the feed shows each.
    for (let i = 0; i < 3; i++) await fetch(posted.headers.get('azure-asyncoperation')!);
    await feed.until((events) => events.some((each) => each.event === 'vm' && JSON.stringify((each.data as { snapshot: { value: unknown } }).snapshot.value).includes('stopped')));
    const powers = feed.events
      .filter((each) => each.event === 'vm')
      .map((each) => JSON.stringify((each.data as { snapshot: { value: { exists?: { power?: unknown } } } }).snapshot.value.exists?.power));
    expect(powers.indexOf('"stopping"')).toBeGreaterThan(-1);
    expect(powers.indexOf('"stopping"')).toBeLessThan(powers.indexOf('"stopped"'));
    await feed.until((events) => events.filter((each) => each.event === 'request' && JSON.stringify(each.data).includes('/operations/')).length === 3);
    const requests = feed.events.filter((each) => each.event === 'request').map((each) => each.data as { method: string; url: string; status: number });
    // First what was asked of it before the page opened, then what is asked now.
    expect(requests[0]).toMatchObject({ method: 'PUT', url: `${vmId('web-1')}${API}`, status: 201 });
    expect(requests[1]).toMatchObject({ method: 'POST', url: `${vmId('web-1')}/powerOff${API}`, status: 202 });
    expect(requests.filter((request) => request.url.includes('/operations/')).length).toBe(3);
    expect(requests.some((request) => request.url.includes('web-2'))).toBe(false);
    await feed.close();
  });

  it('for a VM that is not there, lists the VMs instead of failing (a browser would stop reconnecting on an error)', async () => {
    emulator = await createEmulator({ port: 0, clock: 'step' });
    const feed = await openFeed(`${emulator.url}/_emulator/events?vm=${encodeURIComponent(vmId('gone'))}`);
    expect(feed.response.status).toBe(200);
    await feed.until((events) => events.length >= 1);
    expect(feed.events).toEqual([{ event: 'vms', data: [] }]);
    await feed.close();
  });

  it('wants the token as the rest of the control API does, from the query too', async () => {
    emulator = await createEmulator({ port: 0, token: 's3cret' });
    const denied = await fetch(`${emulator.url}/_emulator/events`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: 'AuthenticationFailed' } });
    const feed = await openFeed(`${emulator.url}/_emulator/events?token=s3cret`);
    expect(feed.response.status).toBe(200);
    await feed.close();
  });
});
