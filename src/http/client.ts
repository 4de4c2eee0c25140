/**
 * The one HTTP pipeline (undici): timeouts, cancellation, a response size cap and typed network errors.
 * Knows nothing about tools, vendors' envelopes or MCP.
 */
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
    const cap = this.options.maxResponseBytes;
    // One exchange per attempt, dispatched through undici's handler interface rather than its `request()`: that
    // wrapper parses the URL again, makes an async resource and a Readable stream for the body, and cost more per
    // call than everything else this function does (issue 18). The exchange keeps what the rules below need: the
    // status, the headers and the body up to `cap`.
    const exchange = new Exchange(vendor, cap);
    let timedOut = false;
    const cancelTimer = (this.options.setTimer ?? SYSTEM_CLOCK.setTimer)(this.options.timeoutMs, () => {
      timedOut = true;
      exchange.abort();
    });
    const onAbort = () => exchange.abort();
    if (signal?.aborted) exchange.abort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const { origin, path } = this.split(req.url);
      // cancelled before it started: nothing to dispatch (undici would open a connection only to drop it)
      if (!exchange.ended)
        this.dispatcher(u).dispatch(
          { origin, path, method: req.method, headers: req.headers, body: req.body ?? null },
          exchange,
        );
      return await exchange.done;
    } catch (err) {
      // when something threw before `done` was awaited (a URL the parser refuses), its rejection is not unhandled
      exchange.done.catch(() => {});
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

  /**
   * A full URL as undici's dispatch takes it: the origin, and the path with its query exactly as built (each path
   * segment already percent-encoded by the request builder, the base URL normalised by the configuration). Whether
   * an origin is written as the URL parser would write it is checked once per origin; a URL whose origin is not is
   * taken apart by the parser every time.
   */
  private split(url: string): { origin: string; path: string } {
    const slash = url.indexOf('/', url.indexOf('//') + 2);
    const head = slash < 0 ? url : url.slice(0, slash);
    let plain = this.plainOrigins.get(head);
    if (plain === undefined) {
      plain = new URL(url).origin === head;
      if (this.plainOrigins.size < 16) this.plainOrigins.set(head, plain);
    }
    if (plain) return { origin: head, path: slash < 0 ? '/' : url.slice(slash) };
    const parsed = new URL(url);
    return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  }

  /** origins seen: whether each is written as the URL parser writes it */
  private readonly plainOrigins = new Map<string, boolean>();

  close(): Promise<void> {
    return this.agent ? this.agent.close() : Promise.resolve();
  }
}

/**
 * One attempt as an undici dispatch handler: resolves `done` with the status, headers and whole body, or rejects it
 * with undici's error, with `tooLarge` once the body passes the cap (declared or streamed), or at once when aborted
 * (the caller's cancel or the attempt timer). An abort before undici starts the request (queued for a connection)
 * is applied when it starts, so a cancelled request is never written.
 */
class Exchange implements Dispatcher.DispatchHandler {
  readonly done: Promise<HttpResponse>;
  private resolve!: (r: HttpResponse) => void;
  private reject!: (e: unknown) => void;
  private controller: Dispatcher.DispatchController | undefined;
  private aborted: Error | undefined;
  /** answered, failed or aborted: `done` is settled */
  ended = false;
  private status = 0;
  private headers: HttpResponse['headers'] = {};
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly vendor: Vendor,
    private readonly cap: number,
  ) {
    this.done = new Promise<HttpResponse>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Ends the attempt as aborted: undici drops the request (at once, or when it starts) and `done` rejects. */
  abort(): void {
    this.fail(new Error('aborted'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.aborted) controller.abort(this.aborted);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: HttpResponse['headers'],
  ): void {
    if (Number(headers['content-length'] ?? 0) > this.cap) {
      this.fail(tooLarge(this.vendor, this.cap));
      return;
    }
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.ended) return;
    this.size += chunk.length;
    if (this.size > this.cap) {
      this.fail(tooLarge(this.vendor, this.cap));
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.ended) return;
    this.ended = true;
    const body = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
    this.resolve({ status: this.status, headers: this.headers, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.reject(err);
  }

  /** Settles `done` with `err` and stops the request: the response is not read further. */
  private fail(err: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.aborted = err;
    this.chunks = [];
    this.controller?.abort(err);
    this.reject(err);
  }
}

function tooLarge(vendor: Vendor, cap: number): NetworkError {
  return new NetworkError(vendor, 'too-large', `The ${vendor} answer exceeded ${cap} bytes and was dropped.`, true);
}
