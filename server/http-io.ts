/**
 * Reading request bodies (bounded) and writing JSON answers: the only place the server touches
 * Node's request and response objects directly.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyTooLarge, invalidContent, type ArmError } from './arm-error.js';

/** The largest request body the emulator reads: 1 MB. */
export const BODY_LIMIT = 1024 * 1024;

/** Reads the whole body as text; rejects with 413 past `limit` bytes (without buffering the rest). */
export function readBody(request: IncomingMessage, limit = BODY_LIMIT): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(bodyTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/** Parses a JSON body; an empty body is `undefined`. Malformed JSON is 400 `InvalidRequestContent`. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidContent((error as Error).message);
  }
}

/** An answer, before it is written. */
export interface Answer {
  /** The HTTP status. */
  status: number;
  /** The JSON body; absent for an empty body. */
  body?: unknown;
  /** The JSON body already serialized (a cached answer); wins over `body`. */
  text?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/**
 * Request ids (`x-ms-request-id`): GUID-shaped, unique per emulator run — a random prefix drawn
 * once and a counter — so the id on every answer costs no random bytes.
 */
export function requestIds(): () => string {
  const hex = randomBytes(10).toString('hex');
  // Version 4, variant 10xx, as a random GUID would have; the last 12 digits count.
  const prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-`;
  let counter = 0;
  return () => prefix + (counter++).toString(16).padStart(12, '0');
}

/** The path and the query string (with its `?`, or empty) of a request target. */
export function splitTarget(target: string): { pathname: string; search: string } {
  // The absolute form (`GET http://host/path`) is what proxies send; let the URL parser take it.
  if (!target.startsWith('/')) {
    const url = new URL(target, 'http://emulator');
    return { pathname: url.pathname, search: url.search };
  }
  const query = target.indexOf('?');
  return query < 0 ? { pathname: target, search: '' } : { pathname: target.slice(0, query), search: target.slice(query) };
}

/**
 * Writes an answer as JSON (or empty), with ARM's `x-ms-request-id`; `head` leaves the body out
 * but keeps its length. Headers go as one flat list: the answer is on every request's path.
 */
export function writeAnswer(response: ServerResponse, answer: Answer, requestId: string, head = false): void {
  const headers: string[] = ['x-ms-request-id', requestId];
  if (answer.headers) for (const name in answer.headers) headers.push(name, answer.headers[name]!);
  const text = answer.text ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body));
  if (text === undefined) {
    headers.push('Content-Length', '0');
    response.writeHead(answer.status, headers).end();
    return;
  }
  headers.push('Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(text)));
  response.writeHead(answer.status, headers);
  response.end(head ? undefined : text);
}

/** The answer for an ARM error. */
export function errorAnswer(error: ArmError): Answer {
  return { status: error.status, body: error.toBody(), headers: error.headers };
}
