/**
 * Reading request bodies (bounded) and writing JSON answers: the only place the server touches
 * Node's request and response objects directly.
 */
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
  /** Extra headers. */
  headers?: Record<string, string>;
}

/** Writes an answer as JSON (or empty), with ARM's `x-ms-request-id`. */
export function writeAnswer(response: ServerResponse, answer: Answer, requestId: string): void {
  const headers: Record<string, string> = { 'x-ms-request-id': requestId, ...answer.headers };
  if (answer.body === undefined) {
    headers['Content-Length'] = '0';
    response.writeHead(answer.status, headers).end();
    return;
  }
  const text = JSON.stringify(answer.body);
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  response.writeHead(answer.status, headers).end(text);
}

/** The answer for an ARM error. */
export function errorAnswer(error: ArmError): Answer {
  return { status: error.status, body: error.toBody(), headers: error.headers };
}
