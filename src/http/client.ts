/**
 * The one HTTP pipeline (undici): timeouts, cancellation, a response size cap and typed network errors.
 * Knows nothing about tools, vendors' envelopes or MCP.
 */
import { Agent, type Dispatcher, request } from 'undici';
import type { Vendor } from '../kinds.js';
import { type Clock, SYSTEM_CLOCK } from './clock.js';
import { NetworkError } from './errors.js';

interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

interface HttpOptions {
  /** total time for one attempt, from sending to the last body byte */
  timeoutMs: number;
  /** refuse answers larger than this (bytes) */
  maxResponseBytes: number;
  /** injected for tests; a keep-alive Agent otherwise */
  dispatcher?: Dispatcher;
  /** the attempt timer; injected for tests, the system timer otherwise */
  setTimer?: Clock['setTimer'];
}

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export class HttpClient {
  readonly dispatcher: Dispatcher;
  constructor(readonly options: HttpOptions) {
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connect: { timeout: Math.min(10_000, options.timeoutMs) },
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        keepAliveTimeout: 10_000,
        connections: 64,
      });
  }

  async send(vendor: Vendor, req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    // One controller per attempt, its timer cleared when the attempt ends: AbortSignal.timeout()/any() keep every
    // signal and timer alive until the timeout fires, which at thousands of calls per second grows memory.
    const controller = new AbortController();
    let timedOut = false;
    const cancelTimer = (this.options.setTimer ?? SYSTEM_CLOCK.setTimer)(this.options.timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    const onAbort = () => controller.abort();
    if (signal?.aborted) controller.abort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const combined = controller.signal;
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal: combined,
        dispatcher: this.dispatcher,
      });
      const cap = this.options.maxResponseBytes;
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > cap) {
        res.body.destroy();
        throw tooLarge(vendor, cap);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > cap) {
          res.body.destroy();
          throw tooLarge(vendor, cap);
        }
        chunks.push(chunk as Buffer);
      }
      return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks, size) };
    } catch (err) {
      if (err instanceof NetworkError) throw err;
      if (signal?.aborted)
        throw new NetworkError(vendor, 'cancelled', 'The request was cancelled by the client.', true);
      if (timedOut) {
        throw new NetworkError(vendor, 'timeout', `No complete answer within ${this.options.timeoutMs} ms.`, true);
      }
      const code = (err as { code?: string }).code ?? '';
      if (NOT_SENT_CODES.has(code)) {
        throw new NetworkError(vendor, 'connect', `Could not connect to the ${vendor} API (${code}).`, false);
      }
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
        throw new NetworkError(vendor, 'timeout', `The ${vendor} API did not answer in time (${code}).`, true);
      }
      throw new NetworkError(
        vendor,
        'reset',
        `The connection to the ${vendor} API failed (${code || 'network error'}).`,
        true,
      );
    } finally {
      cancelTimer();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

function tooLarge(vendor: Vendor, cap: number): NetworkError {
  return new NetworkError(vendor, 'too-large', `The ${vendor} answer exceeded ${cap} bytes and was dropped.`, true);
}
