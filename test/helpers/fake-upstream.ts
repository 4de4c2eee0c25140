/**
 * A recording fake of both vendors on 127.0.0.1: every request is recorded exactly as it arrived (method, raw
 * path, query, headers, body bytes), and answered from a queue of scripted replies (or a default success).
 * The Easemob token endpoint answers client credentials by itself (and is recorded separately).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  vendor: 'lanying' | 'easemob';
  method: string;
  /** path relative to the vendor base, still percent-encoded, without the query */
  path: string;
  query: Record<string, string>;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** the client closed the connection before the answer was complete */
  aborted?: boolean;
}

export interface Reply {
  status?: number;
  json?: unknown;
  /** raw body text (e.g. an HTML error page, malformed JSON) */
  text?: string;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** wait before sending headers */
  delayMs?: number;
  /** destroy the socket without answering */
  reset?: boolean;
  /** send the headers and half the body, then wait this long before the rest */
  trickleMs?: number;
  /** stream the body in 1 MiB chunks without a content-length */
  chunked?: boolean;
  /**
   * never finish: hold before the headers, or after the headers and half the body, until the client goes away.
   * Counted in `held` / `heldClosed`, so a fake clock can fire attempt timeouts only once a request has arrived.
   */
  hold?: 'headers' | 'body';
}

const EM_ORG = 'org1';
const EM_APP = 'app1';
export const LY_APP_ID = 'app-ly-1';
export const LY_TOKEN = 'ly-secret-token-123';
const EM_CLIENT_ID = 'client-id-1';
export const EM_CLIENT_SECRET = 'client-secret-xyz';
export const EM_TOKEN = 'em-app-token-abc';

export class FakeUpstream {
  readonly requests: Recorded[] = [];
  readonly tokenRequests: Recorded[] = [];
  private readonly queue: Reply[] = [];
  /** when set, every non-token request gets this reply (the queue is ignored) */
  fault: Reply | undefined;
  private server?: Server;
  port = 0;
  tokenExpiresIn = 7200;
  tokenCounter = 0;
  /** requests answered with `hold` whose client is still connected */
  held = 0;
  /** requests answered with `hold` whose client went away */
  heldClosed = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get lanyingUrl(): string {
    return `http://127.0.0.1:${this.port}/ly`;
  }
  get easemobUrl(): string {
    return `http://127.0.0.1:${this.port}/em`;
  }

  /** Environment for a server process pointed at this fake. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      LANYING_BASE_URL: this.lanyingUrl,
      LANYING_APP_ID: LY_APP_ID,
      LANYING_ACCESS_TOKEN: LY_TOKEN,
      EASEMOB_BASE_URL: this.easemobUrl,
      EASEMOB_ORG: EM_ORG,
      EASEMOB_APP: EM_APP,
      EASEMOB_CLIENT_ID: EM_CLIENT_ID,
      EASEMOB_CLIENT_SECRET: EM_CLIENT_SECRET,
      ...extra,
    };
  }

  /** Queue replies for the next non-token requests, in order. */
  reply(...replies: Reply[]): void {
    this.queue.push(...replies);
  }

  reset(): void {
    this.requests.length = 0;
    this.tokenRequests.length = 0;
    this.queue.length = 0;
    this.fault = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const qi = rawUrl.indexOf('?');
    const fullPath = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl;
    const rawQuery = qi >= 0 ? rawUrl.slice(qi + 1) : '';
    const vendor = fullPath.startsWith('/ly/') ? 'lanying' : 'easemob';
    const rec: Recorded = {
      vendor,
      method: req.method ?? '',
      path: fullPath.slice(3),
      query: Object.fromEntries(new URLSearchParams(rawQuery)),
      rawQuery,
      headers: req.headers,
      body: Buffer.alloc(0),
    };
    const isToken = vendor === 'easemob' && rec.path === `/${EM_ORG}/${EM_APP}/token` && rec.method === 'POST';
    // Recorded on arrival, so an attempt the client gives up on while its body is still arriving is still counted.
    if (!isToken) this.requests.push(rec);
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      rec.aborted = true;
      return;
    }
    rec.body = Buffer.concat(chunks);
    if (isToken) {
      this.tokenRequests.push(rec);
      this.tokenCounter++;
      const body = JSON.parse(rec.body.toString() || '{}') as Record<string, unknown>;
      if (body.client_id !== EM_CLIENT_ID || body.client_secret !== EM_CLIENT_SECRET) {
        send(res, {
          status: 400,
          json: { error: 'invalid_grant', error_description: 'client_id or client_secret is wrong' },
        });
        return;
      }
      send(res, {
        json: {
          access_token: this.tokenCounter === 1 ? EM_TOKEN : `${EM_TOKEN}-${this.tokenCounter}`,
          expires_in: this.tokenExpiresIn,
          application: 'app-uuid',
        },
      });
      return;
    }
    res.on('close', () => {
      if (!res.writableFinished) rec.aborted = true;
    });
    const reply = this.fault ?? this.queue.shift() ?? defaultReply(vendor);
    if (reply.hold) {
      this.held++;
      res.on('close', () => {
        this.held--;
        this.heldClosed++;
      });
      if (reply.hold === 'body') {
        const body = Buffer.from(JSON.stringify(reply.json ?? {}));
        res.writeHead(reply.status ?? 200, {
          'content-type': 'application/json',
          'content-length': String(body.length),
        });
        res.write(body.subarray(0, Math.floor(body.length / 2)));
      }
      return;
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.reset) {
      req.socket.destroy();
      return;
    }
    await send(res, reply);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function defaultReply(vendor: 'lanying' | 'easemob'): Reply {
  return vendor === 'lanying'
    ? { json: { code: 200, message: null, data: true } }
    : {
        json: {
          action: 'post',
          application: 'app-uuid',
          uri: 'http://x',
          entities: [],
          data: {},
          timestamp: 1,
          duration: 0,
          organization: EM_ORG,
          applicationName: EM_APP,
        },
      };
}

async function send(res: ServerResponse, r: Reply): Promise<void> {
  const headers: Record<string, string> = { ...r.headers };
  let body: Buffer;
  if (r.bytes) {
    body = Buffer.from(r.bytes);
    headers['content-type'] ??= 'application/octet-stream';
  } else if (r.text !== undefined) {
    body = Buffer.from(r.text);
    headers['content-type'] ??= 'text/html';
  } else {
    body = Buffer.from(JSON.stringify(r.json ?? {}));
    headers['content-type'] ??= 'application/json';
  }
  if (r.chunked) {
    res.writeHead(r.status ?? 200, headers);
    for (let i = 0; i < body.length && !res.destroyed; i += 1 << 20) {
      if (!res.write(body.subarray(i, i + (1 << 20))))
        await new Promise((ok) => res.once('drain', ok).once('close', ok));
    }
    res.end();
    return;
  }
  if (r.trickleMs) {
    res.writeHead(r.status ?? 200, { ...headers, 'content-length': String(body.length) });
    res.write(body.subarray(0, Math.floor(body.length / 2)));
    await new Promise((ok) => setTimeout(ok, r.trickleMs));
    if (!res.destroyed) res.end(body.subarray(Math.floor(body.length / 2)));
    return;
  }
  res.writeHead(r.status ?? 200, headers);
  res.end(body);
}

/** Lanying success envelope. */
export const ly = (data: unknown, extra: Record<string, unknown> = {}): Reply => ({
  json: { code: 200, message: null, data, ...extra },
});
/** Easemob success envelope (the fields the vendor adds around the payload). */
export const em = (payload: Record<string, unknown>, action = 'get'): Reply => ({
  json: {
    action,
    application: 'app-uuid',
    uri: 'http://x',
    timestamp: 1700000000000,
    duration: 3,
    organization: EM_ORG,
    applicationName: EM_APP,
    ...payload,
  },
});
