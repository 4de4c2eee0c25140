/**
 * Streamable HTTP transport: `POST/GET/DELETE /mcp` and `GET /health`. A bearer token is required on every MCP
 * request (compared in constant time), a browser Origin must be allowed explicitly and, on a loopback bind, the
 * Host must be loopback too (DNS-rebinding defence). Stateful mode keeps one SDK session per client; stateless
 * mode serves each request on its own, for replicas behind a load balancer (elicitation needs a session, so
 * there the confirmation-token path applies).
 *
 * Sessions are bounded: one idle for `sessionIdleMs` (no request open, none arrived) is closed, and at most
 * `maxSessions` live at once (a new one closes the least recently used idle session first). A closed session's
 * id answers 404, on which the MCP spec has clients initialize again. `/health` reports the live count.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { App } from '../app.js';
import type { ConsoleHandler } from '../console/server.js';
import { log } from '../log.js';
import { connectServer, createMcpServer, type ServerInfo } from './server.js';

interface HttpOptions {
  host: string;
  port: number;
  /** required bearer token; undefined only when explicitly disabled for loopback testing */
  token: string | undefined;
  stateless: boolean;
  allowedOrigins: string[];
  /** close a session after this long without requests (IM_ADMIN_HTTP_SESSION_IDLE_SECONDS); default 15 min */
  sessionIdleMs?: number;
  /** live sessions at most (IM_ADMIN_HTTP_MAX_SESSIONS); default 1,000 */
  maxSessions?: number;
  /** clock, ms (tests) */
  now?: () => number;
  /** IM_ADMIN_CONFIRM=console: the approval console, served under /console (its own auth: cookie, not the token) */
  console?: ConsoleHandler;
}

const DEFAULT_SESSION_IDLE_SECONDS = 900;
const DEFAULT_MAX_SESSIONS = 1000;
const LOG_EVERY_MS = 60_000;

interface Session {
  transport: StreamableHTTPServerTransport;
  server: { close(): Promise<void> };
  lastSeen: number;
  /** requests of this session still open (an SSE stream, a call waiting on elicitation) */
  open: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const digest = (s: string) => createHash('sha256').update(s).digest();

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  // Hashing first gives equal lengths, so timingSafeEqual compares in constant time whatever was sent.
  return Boolean(m?.[1]) && timingSafeEqual(digest(m?.[1] ?? ''), digest(token));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const rpcError = (message: string, code = -32000) => ({ jsonrpc: '2.0', error: { code, message }, id: null });

export interface RunningHttp {
  url: string;
  close(): Promise<void>;
}

export async function serveHttp(app: App, info: ServerInfo, opts: HttpOptions): Promise<RunningHttp> {
  const now = opts.now ?? Date.now;
  const idleMs = opts.sessionIdleMs ?? DEFAULT_SESSION_IDLE_SECONDS * 1000;
  const maxSessions = opts.maxSessions ?? DEFAULT_MAX_SESSIONS;
  /** live sessions, least recently used first (a request moves its session to the end) */
  const sessions = new Map<string, Session>();
  const closeSession = (id: string, s: Session): void => {
    sessions.delete(id);
    void s.transport.close().catch(() => {});
    void s.server.close().catch(() => {});
  };
  /** Closed-session counts, logged as one line at most every LOG_EVERY_MS (churn must not flood stderr). */
  const closed = { idle: 0, cap: 0, loggedAt: 0 };
  const report = (): void => {
    const t = Date.now();
    if ((closed.idle === 0 && closed.cap === 0) || t - closed.loggedAt < LOG_EVERY_MS) return;
    log('info', 'http sessions closed', {
      idle: closed.idle,
      cap: closed.cap,
      live: sessions.size,
      idle_ms: idleMs,
      max: maxSessions,
    });
    closed.idle = 0;
    closed.cap = 0;
    closed.loggedAt = t;
  };
  /** Closes every session idle for idleMs; returns how many. */
  const reap = (): number => {
    const t = now();
    let n = 0;
    for (const [id, s] of sessions) {
      if (s.open === 0 && t - s.lastSeen >= idleMs) {
        closeSession(id, s);
        n++;
      }
    }
    closed.idle += n;
    report();
    return n;
  };
  /** Makes room for one more session: false when every live session has a request open. */
  const makeRoom = (): boolean => {
    reap();
    let evicted = 0;
    for (const [id, s] of sessions) {
      if (sessions.size < maxSessions) break;
      if (s.open === 0) {
        closeSession(id, s);
        evicted++;
      }
    }
    closed.cap += evicted;
    report();
    return sessions.size < maxSessions;
  };
  /** Marks a request of a session open until its response closes. */
  const track = (s: Session, res: ServerResponse): void => {
    s.open++;
    s.lastSeen = now();
    res.on('close', () => {
      s.open--;
      s.lastSeen = now();
    });
  };
  const sweep = setInterval(reap, Math.max(1_000, Math.min(idleMs / 2, 60_000)));
  sweep.unref();
  const loopbackBind = LOOPBACK.has(opts.host);
  let boundPort = 0;
  /** A page served from this very loopback origin (same host kind and port) is not a rebinding attacker. */
  const sameLoopbackOrigin = (origin: string): boolean => {
    if (!loopbackBind) return false;
    try {
      const u = new URL(origin);
      return LOOPBACK.has(u.hostname) && Number(u.port || 80) === boundPort;
    } catch {
      return false;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname === '/health' && req.method === 'GET') {
      if (!opts.stateless) reap();
      sendJson(res, 200, {
        status: 'ok',
        name: info.name,
        version: info.version,
        tools: app.tools.length,
        sessions: sessions.size,
      });
      return;
    }
    if (opts.console && (url.pathname === '/console' || url.pathname.startsWith('/console/'))) {
      await opts.console(req, res, { loopback: loopbackBind });
      return;
    }
    if (url.pathname !== '/mcp') {
      sendJson(res, 404, { error: 'not found: the MCP endpoint is /mcp' });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !opts.allowedOrigins.includes(origin) && !sameLoopbackOrigin(origin)) {
      sendJson(res, 403, rpcError(`Origin ${origin} is not allowed (IM_ADMIN_HTTP_ALLOWED_ORIGINS)`));
      return;
    }
    if (loopbackBind) {
      const host = (req.headers.host ?? '').replace(/:[0-9]+$/, '');
      if (!LOOPBACK.has(host)) {
        sendJson(res, 403, rpcError(`Host ${req.headers.host ?? ''} is not allowed on a loopback bind`));
        return;
      }
    }
    if (opts.token !== undefined && !tokenMatches(req.headers.authorization, opts.token)) {
      sendJson(res, 401, rpcError('Unauthorized: send Authorization: Bearer <IM_ADMIN_HTTP_TOKEN>'), {
        'www-authenticate': 'Bearer',
      });
      return;
    }

    if (opts.stateless) {
      const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true }); // no sessionIdGenerator: stateless;
      const server = createMcpServer(app, info);
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await connectServer(server, transport);
      await transport.handleRequest(req, res);
      return;
    }

    const sid = req.headers['mcp-session-id'];
    let existing = typeof sid === 'string' ? sessions.get(sid) : undefined;
    if (existing && typeof sid === 'string' && existing.open === 0 && now() - existing.lastSeen >= idleMs) {
      closeSession(sid, existing); // idle past its time, not yet swept
      existing = undefined;
    }
    if (existing && typeof sid === 'string') {
      // least recently used first: a request moves the session to the end
      sessions.delete(sid);
      sessions.set(sid, existing);
      track(existing, res);
      await existing.transport.handleRequest(req, res);
      return;
    }
    if (typeof sid === 'string') {
      sendJson(res, 404, rpcError('Unknown or expired session: initialize again'));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 400, rpcError('No session: send initialize first'));
      return;
    }
    if (!makeRoom()) {
      sendJson(
        res,
        503,
        rpcError(`Too many sessions: all ${maxSessions} are busy (IM_ADMIN_HTTP_MAX_SESSIONS); retry shortly`),
        { 'retry-after': '5' },
      );
      return;
    }
    const server = createMcpServer(app, info);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, entry);
      },
    });
    const entry: Session = { transport, server, lastSeen: now(), open: 0 };
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id && sessions.get(id) === entry) sessions.delete(id);
    };
    track(entry, res);
    await connectServer(server, transport);
    await transport.handleRequest(req, res);
  };

  const server: HttpServer = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log('error', 'http request failed', { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) sendJson(res, 500, rpcError('Internal error'));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  boundPort = addr.port;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/mcp`,
    async close() {
      clearInterval(sweep);
      for (const [id, s] of [...sessions]) {
        sessions.delete(id);
        await s.transport.close().catch(() => {});
        await s.server.close().catch(() => {});
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
