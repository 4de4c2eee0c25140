/**
 * The one HTTP pipeline (undici): timeouts, cancellation, a response size cap and typed network errors.
 * Knows nothing about tools, vendors' envelopes or MCP.
 */
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
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

type Undici = typeof import('undici');
let undici: Undici | undefined;
let loading: Promise<Undici> | undefined;
/**
 * undici, loaded at the first request rather than at start-up: its entry point evaluates every feature it has
 * (fetch, WebSocket, cookies, mocks, caches), tens of milliseconds a client waits for before its first tools/list
 * answer, which needs none of it (issue 18). `preloadHttp` starts it early, once the server is otherwise idle.
 */
function loadUndici(): Promise<Undici> {
  loading ??= import('undici').then((m) => {
    undici = m;
    return m;
  });
  return loading;
}

/** Loads undici in the background on the next turn of the event loop (after the answer being written). */
export function preloadHttp(): void {
  if (!loading) setImmediate(() => void loadUndici().catch(() => {}));
}

export class HttpClient {
  private agent: Dispatcher | undefined;
  constructor(readonly options: HttpOptions) {
    this.agent = options.dispatcher;
  }

  /** The keep-alive Agent, created with the first request (or the injected dispatcher). */
  private dispatcher(u: Undici): Dispatcher {
    this.agent ??= new u.Agent({
      connect: { timeout: Math.min(10_000, this.options.timeoutMs) },
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
      keepAliveTimeout: 10_000,
      connections: 64,
    });
    return this.agent;
  }

  async send(vendor: Vendor, req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const u = undici ?? (await loadUndici());
    // One abort source per attempt, its timer cleared when the attempt ends: AbortSignal.timeout()/any() keep every
    // signal and timer alive until the timeout fires, which at thousands of calls per second grows memory. It is an
    // EventEmitter, which undici takes as a signal (documented): an AbortController per attempt, and the listeners
    // undici puts on it, cost more than the rest of this function.
    const stop = new AttemptSignal();
    let timedOut = false;
    const cancelTimer = (this.options.setTimer ?? SYSTEM_CLOCK.setTimer)(this.options.timeoutMs, () => {
      timedOut = true;
      stop.abort();
    });
    const onAbort = () => stop.abort();
    if (signal?.aborted) stop.abort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await u.request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal: stop,
        dispatcher: this.dispatcher(u),
      });
      const cap = this.options.maxResponseBytes;
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > cap) {
        res.body.destroy();
        throw tooLarge(vendor, cap);
      }
      const body = await readCapped(res.body, cap);
      if (!body) throw tooLarge(vendor, cap);
      return { status: res.statusCode, headers: res.headers, body };
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
    return this.agent ? this.agent.close() : Promise.resolve();
  }
}

/** An abort source undici accepts as `signal` (an EventEmitter with `aborted`), aborted once. */
class AttemptSignal extends EventEmitter {
  aborted = false;
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/**
 * The whole body, or undefined (the stream destroyed) once it passes `cap` bytes. Read with listeners rather than
 * `for await`, whose async iterator costs a promise per chunk and more per response than the read itself.
 */
function readCapped(body: Readable, cap: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        body.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    // `on`, not `once`: each of these fires at most once on a body, and the promise settles once whatever follows;
    // `once` would wrap every listener in an object of its own on every response (issue 18).
    body.on('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    body.on('error', reject);
    // destroyed without an error (or after the cap): settles the promise either way (a no-op once settled)
    body.on('close', () => {
      if (!ended) reject(new Error('the response body closed before its end'));
    });
  });
}

function tooLarge(vendor: Vendor, cap: number): NetworkError {
  return new NetworkError(vendor, 'too-large', `The ${vendor} answer exceeded ${cap} bytes and was dropped.`, true);
}
