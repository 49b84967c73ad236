/**
 * Who may talk to the emulator: loopback by default; any other address only with a token, and
 * with a token every request must carry `Authorization: Bearer <token>`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { authenticationFailed } from './arm-error.js';

/** Whether a host name or address only reaches this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare.startsWith('::ffff:127.');
  return false;
}

/** Thrown when the emulator would listen beyond this machine without a token. */
export class UnsafeBindError extends Error {
  constructor(host: string) {
    super(
      `Refusing to listen on ${host} without a token: anyone who can reach it could drive your VMs. ` +
        'Pass --token T (clients then send Authorization: Bearer T), or listen on 127.0.0.1.',
    );
    this.name = 'UnsafeBindError';
  }
}

/** Checks the bind rule before listening. */
export function checkBind(host: string, token: string | undefined): void {
  if (!isLoopback(host) && !token) throw new UnsafeBindError(host);
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** A checker of requests against a token (none: everyone may). */
export function tokenChecker(token: string | undefined): (authorization: string | undefined, queryToken?: string | null) => void {
  if (!token) return () => {};
  const expected = digest(token);
  return (authorization, queryToken) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim() ?? queryToken ?? undefined;
    if (bearer === undefined) throw authenticationFailed('The request has no Authorization header with a Bearer token.');
    if (!timingSafeEqual(digest(bearer), expected)) throw authenticationFailed('The Bearer token is not the one the emulator was started with.');
  };
}
