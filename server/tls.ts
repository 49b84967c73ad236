/**
 * A certificate authority and a server certificate for `--https`, made with Node's own crypto
 * (ECDSA P-256, X.509 v3 written in DER here): no openssl and no network needed. Clients trust
 * the CA (`tlsOptions: { ca }` or `NODE_EXTRA_CA_CERTS`).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/** The PEM texts `--https` serves with, and where the CA was written. */
export interface TlsMaterial {
  /** The server's private key, PEM. */
  key: string;
  /** The server certificate followed by the CA, PEM. */
  cert: string;
  /** The CA certificate, PEM: what clients trust. */
  ca: string;
  /** The file holding the CA certificate. */
  caPath: string;
}

function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = body.length;
  let head: Buffer;
  if (length < 0x80) head = Buffer.from([tag, length]);
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
    head = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([head, body]);
}

const sequence = (...parts: Buffer[]) => der(0x30, ...parts);
const set = (...parts: Buffer[]) => der(0x31, ...parts);
const integer = (bytes: Buffer) => der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const bitString = (bytes: Buffer, unused = 0) => der(0x03, Buffer.from([unused]), bytes);
const octetString = (bytes: Buffer) => der(0x04, bytes);
const boolean = (value: boolean) => der(0x01, Buffer.from([value ? 0xff : 0]));
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
const explicit = (n: number, inner: Buffer) => der(0xa0 + n, inner);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a! + b!];
  for (const value of rest) {
    const chunk: number[] = [];
    let n = value;
    do {
      chunk.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return der(0x17, Buffer.from(text, 'ascii'));
}

const ECDSA_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const name = (commonName: string) => sequence(set(sequence(oid('2.5.4.3'), utf8(commonName))));
const extension = (id: string, critical: boolean, value: Buffer) =>
  sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));

function keyId(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha1').update(spki).digest();
}

function certificate(options: {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  issuerKeyId: Buffer;
  extensions: Buffer[];
}): string {
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const now = Date.now();
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_SHA256,
    name(options.issuer),
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 2 * 365 * 86_400_000))),
    name(options.subject),
    Buffer.from(options.publicKey.export({ type: 'spki', format: 'der' })),
    explicit(3, sequence(...options.extensions, extension('2.5.29.35', false, sequence(der(0x80, options.issuerKeyId))))),
  );
  const signature = sign('sha256', tbs, options.signingKey);
  const body = sequence(tbs, ECDSA_SHA256, bitString(signature)).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function subjectAltName(hosts: readonly string[]): Buffer {
  const names = hosts.map((host) => {
    const version = isIP(host);
    if (version === 4) return der(0x87, Buffer.from(host.split('.').map(Number)));
    if (version === 6) return der(0x87, ipv6Bytes(host));
    return der(0x82, Buffer.from(host, 'ascii'));
  });
  return sequence(...names);
}

function ipv6Bytes(address: string): Buffer {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return Buffer.from(groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  }));
}

/** Makes a CA and a server certificate for `hosts` (DNS names or IP addresses). */
export function createTlsMaterial(hosts: readonly string[]): Omit<TlsMaterial, 'caPath'> & { caKey: string } {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caId = keyId(ca.publicKey);
  const caCert = certificate({
    subject: 'azure-vm-lifecycle emulator CA',
    issuer: 'azure-vm-lifecycle emulator CA',
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    issuerKeyId: caId,
    extensions: [
      extension('2.5.29.19', true, sequence(boolean(true))),
      extension('2.5.29.15', true, bitString(Buffer.from([0x06]), 1)),
      extension('2.5.29.14', false, octetString(caId)),
    ],
  });
  const serverCert = certificate({
    subject: hosts[0] ?? 'localhost',
    issuer: 'azure-vm-lifecycle emulator CA',
    publicKey: server.publicKey,
    signingKey: ca.privateKey,
    issuerKeyId: caId,
    extensions: [
      extension('2.5.29.19', true, sequence()),
      extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)),
      extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
      extension('2.5.29.17', false, subjectAltName(hosts)),
    ],
  });
  return {
    key: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: serverCert + caCert,
    ca: caCert,
    caKey: ca.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * The TLS material in `directory`: kept from an earlier run when it covers the same hosts (so
 * clients that trust the CA keep trusting it), else made anew and written there.
 */
export function loadOrCreateTls(directory: string, hosts: readonly string[]): TlsMaterial {
  mkdirSync(directory, { recursive: true });
  const files = { key: join(directory, 'server-key.pem'), cert: join(directory, 'server-cert.pem'), ca: join(directory, 'ca.pem'), hosts: join(directory, 'hosts.json') };
  const wanted = JSON.stringify([...hosts].sort());
  if (existsSync(files.key) && existsSync(files.cert) && existsSync(files.ca) && existsSync(files.hosts) && readFileSync(files.hosts, 'utf8') === wanted) {
    const key = readFileSync(files.key, 'utf8');
    createPrivateKey(key);
    createPublicKey(key);
    return { key, cert: readFileSync(files.cert, 'utf8'), ca: readFileSync(files.ca, 'utf8'), caPath: files.ca };
  }
  const made = createTlsMaterial(hosts);
  writeFileSync(files.key, made.key, { mode: 0o600 });
  writeFileSync(files.cert, made.cert);
  writeFileSync(files.ca, made.ca);
  writeFileSync(files.hosts, wanted);
  return { key: made.key, cert: made.cert, ca: made.ca, caPath: files.ca };
}
