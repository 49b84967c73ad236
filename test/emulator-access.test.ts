/**
 * Who gets in: loopback by default, no other address without a token, a bearer token checked on
 * every request, subscriptions kept apart, and no path reaching the file system.
 */
import { RestError } from '@azure/core-rest-pipeline';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, UnsafeBindError, type Emulator } from 'azure-vm-lifecycle/emulator';
import { clientsFor, credential, SUBSCRIPTION } from './emulator/clients.js';
import { ComputeManagementClient } from '@azure/arm-compute';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

describe('binding', () => {
  it('listens on 127.0.0.1 by default', async () => {
    emulator = await createEmulator({ port: 0 });
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses to listen on a non-loopback address without a token, saying why', async () => {
    await expect(createEmulator({ port: 0, host: '0.0.0.0' })).rejects.toThrow(UnsafeBindError);
    await expect(createEmulator({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0 without a token/);
  });

  it('listens on a non-loopback address once a token is given', async () => {
    emulator = await createEmulator({ port: 0, host: '0.0.0.0', token: 's3cret' });
    expect(emulator.port).toBeGreaterThan(0);
  });
});

describe('a token', () => {
  it('gets 401 AuthenticationFailed in ARM\'s envelope without Authorization, and with a wrong token', async () => {
    emulator = await createEmulator({ port: 0, token: 's3cret', https: true });
    const { compute } = clientsFor(emulator, SUBSCRIPTION, 'wrong');
    const error = await compute.virtualMachines.get('rg', 'vm').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ statusCode: 401, code: 'AuthenticationFailed' });
    const bare = await fetch(`${emulator.url.replace('https', 'http')}/_emulator/health`).catch(() => null);
    expect(bare?.status ?? 0).not.toBe(200);
  });

  it('lets the SDK in with the right bearer token over HTTPS (the real bearer policy sends it)', async () => {
    emulator = await createEmulator({ port: 0, token: 's3cret', https: true });
    const { resources } = clientsFor(emulator, SUBSCRIPTION, 's3cret');
    await expect(resources.resourceGroups.createOrUpdate('rg', { location: 'westeurope' })).resolves.toMatchObject({ name: 'rg' });
  });

  it('guards the control API too', async () => {
    emulator = await createEmulator({ port: 0, token: 's3cret' });
    const denied = await fetch(`${emulator.url}/_emulator/vms`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: 'AuthenticationFailed' } });
    const allowed = await fetch(`${emulator.url}/_emulator/vms`, { headers: { authorization: 'Bearer s3cret' } });
    expect(allowed.status).toBe(200);
  });
});

describe('isolation', () => {
  it('keeps subscriptions apart: another subscription sees neither the group nor the VM', async () => {
    emulator = await createEmulator({ port: 0, clock: 'instant' });
    const mine = clientsFor(emulator);
    await mine.resources.resourceGroups.createOrUpdate('rg', { location: 'westeurope' });
    await mine.compute.virtualMachines.createOrUpdate('rg', 'vm1', { location: 'westeurope', osProfile: { computerName: 'vm1', adminUsername: 'a' } }, { updateIntervalInMs: 0 });
    const other = new ComputeManagementClient(credential(), '99999999-9999-9999-9999-999999999999', { endpoint: emulator.url, allowInsecureConnection: true });
    other.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
    const error = await other.virtualMachines.get('rg', 'vm1').catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
    const all = [];
    for await (const vm of other.virtualMachines.listAll()) all.push(vm);
    expect(all).toEqual([]);
  });

  it('serves no file outside the built page, however the path is spelled', async () => {
    emulator = await createEmulator({ port: 0 });
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5c..%5cpackage.json', '/%00']) {
      const response = await fetch(`${emulator.url}${path}`);
      expect(response.status, path).not.toBe(200);
      expect(await response.text(), path).not.toContain('"name": "azure-vm-lifecycle"');
    }
  });
});
