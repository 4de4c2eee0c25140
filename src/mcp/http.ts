/**
 * Streamable HTTP transport: `POST/GET/DELETE /mcp` and `GET /health`. A bearer token is required on every MCP
 * request (compared in constant time), a browser Origin must be allowed explicitly and, on a loopback bind, the
 * Host must be loopback too (DNS-rebinding defence). Stateful mode keeps one SDK session per client; stateless
 * mode serves each request on its own, for replicas behind a load balancer (elicitation needs a session, so
 * there the confirmation-token path applies).
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { App } from '../app.js';
import { log } from '../log.js';
import { connectServer, createMcpServer, type ServerInfo } from './server.js';

export interface HttpOptions {
  host: string;
  port: number;
  /** required bearer token; undefined only when explicitly disabled for loopback testing */
  token: string | undefined;
  stateless: boolean;
  allowedOrigins: string[];
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
  const sessions = new Map<string, StreamableHTTPServerTransport>();
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
      sendJson(res, 200, { status: 'ok', name: info.name, version: info.version, tools: app.tools.length });
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
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
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
    const existing = typeof sid === 'string' ? sessions.get(sid) : undefined;
    if (existing) {
      await existing.handleRequest(req, res);
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
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await connectServer(createMcpServer(app, info), transport);
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
      for (const t of sessions.values()) await t.close().catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
