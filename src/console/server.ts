/**
 * The approval console over HTTP (node:http, no framework): under `/console` of the `--http` server, or on its own
 * loopback port in stdio mode (IM_ADMIN_CONSOLE_PORT). Every response carries a strict Content-Security-Policy
 * (scripts and styles by per-response nonce only, nothing from elsewhere, no framing) and `no-store`.
 *
 * Checks, before anything else, as for /mcp: on a loopback bind the Host must be loopback (DNS rebinding); a
 * browser Origin must be the console's own (IM_ADMIN_CONSOLE_BASE_URL or the request's host); a cross-site request
 * (Sec-Fetch-Site) may not change anything. Then the console's own session cookie (auth.ts): the MCP bearer token
 * is not looked at. Every POST but the login needs the session's CSRF token.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUDIT_OUTCOMES } from '../guards/audit.js';
import { AUDIT_TAIL_BYTES, readAuditTail } from '../guards/audit-read.js';
import { log } from '../log.js';
import type { ApprovalRecord } from '../state/approvals.js';
import type { ConsoleAuth, Session } from './auth.js';
import type { ApprovalGate } from './gate.js';
import { type AuditFilters, approvalPage, auditPage, layout, loginPage, queueFragment, queuePage } from './pages.js';

interface ConsoleOptions {
  gate: ApprovalGate;
  auth: ConsoleAuth;
  /** the audit log the trail view reads (IM_ADMIN_AUDIT_LOG) */
  auditPath: string;
  /** IM_ADMIN_CONSOLE_BASE_URL: the external origin (behind a TLS reverse proxy) */
  baseUrl?: string;
  now?: () => number;
}

export type ConsoleHandler = (req: IncomingMessage, res: ServerResponse, bind: BindInfo) => Promise<void>;

/** Where the listener is bound, for the Host check (as /mcp does). */
export interface BindInfo {
  loopback: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
/** How much of the audit log's end the trail view reads. */
const AUDIT_ROWS = 500;
const MAX_FORM_BYTES = 16 * 1024;

const MESSAGES: Record<string, string> = {
  approved: 'Approved: the action ran; its result is below and waits for the agent.',
  recorded: 'Your approval is recorded: this tool needs one more approver (a different person).',
  denied: 'Denied: nothing was sent; the agent gets your note.',
  expired: 'Not approved: the approval has expired.',
  decided: 'Already decided by someone else.',
  same_approver: 'You have already approved this one: the two-person rule needs a different approver.',
  not_found: 'No such approval (it may have expired).',
};

function hostOk(req: IncomingMessage, bind: BindInfo): boolean {
  if (!bind.loopback) return true;
  const host = (req.headers.host ?? '').replace(/:[0-9]+$/, '');
  return LOOPBACK.has(host);
}

export function createConsole(opts: ConsoleOptions): ConsoleHandler {
  const now = opts.now ?? Date.now;
  const { gate, auth } = opts;
  const baseOrigin = opts.baseUrl ? new URL(opts.baseUrl).origin : undefined;

  const originOk = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (baseOrigin) return origin === baseOrigin;
    const host = req.headers.host ?? '';
    return origin === `http://${host}` || origin === `https://${host}`;
  };

  const send = (
    res: ServerResponse,
    status: number,
    html: string,
    nonce: string,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on the console's own forms
      'referrer-policy': 'same-origin',
      ...headers,
    });
    res.end(html);
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
    res.end(JSON.stringify(body));
  };
  const redirect = (res: ServerResponse, to: string, headers: Record<string, string> = {}) => {
    res.writeHead(303, { location: to, 'cache-control': 'no-store', ...headers });
    res.end();
  };
  const refuse = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`${text}\n`);
  };

  const version = (items: ApprovalRecord[], t: number) =>
    items.map((r) => `${r.id}:${r.approvals.length}:${t >= r.expiresAt ? 'x' : 'p'}`).join(',') || 'empty';

  return async (req, res, bind) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (!hostOk(req, bind)) return refuse(res, 403, `Host ${req.headers.host ?? ''} is not allowed on a loopback bind`);
    if (!originOk(req)) return refuse(res, 403, `Origin ${req.headers.origin} is not allowed for the approval console`);
    if (method === 'POST' && req.headers['sec-fetch-site'] === 'cross-site') {
      return refuse(res, 403, 'Cross-site requests may not change anything on the approval console');
    }
    const nonce = randomBytes(16).toString('base64');
    const page = (status: number, title: string, body: string, session?: Session, extra: Record<string, string> = {}) =>
      send(
        res,
        status,
        layout({ title, nonce, body, ...(session ? { session } : {}), script: Boolean(session) }),
        nonce,
        extra,
      );

    if (path === '/console/login') {
      if (method === 'GET') return page(200, 'Log in', loginPage());
      if (method !== 'POST') return refuse(res, 405, 'Method not allowed');
      const form = await readForm(req);
      if (!form) return refuse(res, 413, 'Form too large');
      const r = auth.login(form.get('name') ?? '', form.get('secret') ?? '', req.socket.remoteAddress ?? '?');
      if (r.ok) {
        log('info', 'console login', { approver: r.session.name });
        return redirect(res, '/console/', { 'set-cookie': r.cookie });
      }
      if (r.status === 429) {
        log('warn', 'console login rate-limited', { address: req.socket.remoteAddress });
        return page(
          429,
          'Log in',
          loginPage(`Too many failed logins: try again in ${r.retryAfterSeconds} s.`),
          undefined,
          {
            'retry-after': String(r.retryAfterSeconds ?? 60),
          },
        );
      }
      log('warn', 'console login failed', { address: req.socket.remoteAddress });
      return page(401, 'Log in', loginPage('Unknown name or wrong credential.'));
    }

    const session = auth.session(req.headers.cookie);
    if (!session) {
      if (method === 'GET' && !path.startsWith('/console/api/')) return redirect(res, '/console/login');
      return json(res, 401, { error: 'log in to the approval console first (the MCP bearer token does not open it)' });
    }

    if (method === 'POST') {
      const form = await readForm(req);
      if (!form) return refuse(res, 413, 'Form too large');
      if (!auth.csrfOk(session, form.get('csrf')))
        return refuse(res, 403, 'Missing or wrong CSRF token: reload the page');
      if (path === '/console/logout') return redirect(res, '/console/login', { 'set-cookie': auth.logout(session) });
      const m = /^\/console\/approvals\/([A-Za-z0-9_-]{1,64})\/(approve|deny)$/.exec(path);
      if (!m) return refuse(res, 404, 'Not found');
      const id = m[1] as string;
      const note = (form.get('note') ?? '').trim().slice(0, 500) || undefined;
      const back = `/console/approvals/${encodeURIComponent(id)}`;
      if (m[2] === 'deny') {
        const d = await gate.deny(id, session.name, note);
        return redirect(res, d.ok ? '/console/?m=denied' : `${back}?m=${d.code}`);
      }
      const a = await gate.approve(id, session.name, note);
      if (!a.outcome.ok) return redirect(res, `${back}?m=${a.outcome.code}`);
      return redirect(res, `${back}?m=${a.outcome.run ? 'approved' : 'recorded'}`);
    }
    if (method !== 'GET') return refuse(res, 405, 'Method not allowed');

    const msg = MESSAGES[url.searchParams.get('m') ?? ''];
    if (path === '/console' || path === '/console/') {
      const items = await gate.queue.undecided();
      const t = now();
      return page(200, 'Pending', queuePage(items, session, t, version(items, t), msg), session);
    }
    if (path === '/console/api/queue') {
      const items = await gate.queue.undecided();
      const t = now();
      return json(res, 200, {
        version: version(items, t),
        now: t,
        pending: items.map((r) => ({ id: r.id, tool: r.tool, expires_at: new Date(r.expiresAt).toISOString() })),
        html: queueFragment(items, session, t),
      });
    }
    const one = /^\/console\/approvals\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (one) {
      const rec = await gate.queue.get(one[1] as string);
      if (!rec) return page(404, 'Not found', `<h1>Not found</h1><p>${MESSAGES.not_found}</p>`, session);
      return page(200, 'Approval', approvalPage(rec, session, now(), msg), session);
    }
    if (path === '/console/audit') {
      const filters: AuditFilters = {};
      for (const k of ['tool', 'target', 'outcome', 'approver', 'from', 'to'] as const) {
        const v = url.searchParams.get(k)?.trim();
        if (v) filters[k] = v.slice(0, 200);
      }
      const { lines, note } = await readAudit(opts.auditPath);
      const tools = [...new Set(lines.map((l) => String(l.tool ?? '')).filter(Boolean))].sort();
      const shown = filterAudit(lines, filters).slice(0, AUDIT_ROWS);
      return page(200, 'Audit trail', auditPage(shown, filters, tools, AUDIT_OUTCOMES, note), session);
    }
    return refuse(res, 404, 'Not found');
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The end of the audit log (the newest lines first), through the one reader of the log (guards/audit-read.ts). */
async function readAudit(path: string): Promise<{ lines: Record<string, unknown>[]; note?: string }> {
  try {
    const { lines, cut } = await readAuditTail(path);
    const rows = lines as unknown as Record<string, unknown>[];
    if (cut) return { lines: rows, note: `Showing the last ${AUDIT_TAIL_BYTES / 1048576} MiB of ${path}.` };
    return rows.length ? { lines: rows } : { lines: rows, note: 'The audit log is empty so far.' };
  } catch (err) {
    return { lines: [], note: `The audit log cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function filterAudit(lines: Record<string, unknown>[], f: AuditFilters): Record<string, unknown>[] {
  const from = f.from ? Date.parse(`${f.from}${/Z$/.test(f.from) ? '' : 'Z'}`) : undefined;
  const to = f.to ? Date.parse(`${f.to}${/Z$/.test(f.to) ? '' : 'Z'}`) : undefined;
  const target = f.target?.toLowerCase();
  return lines.filter((l) => {
    if (f.tool && l.tool !== f.tool) return false;
    if (f.outcome && l.outcome !== f.outcome) return false;
    if (f.approver) {
      const names = [...(Array.isArray(l.approved_by) ? l.approved_by : []), l.denied_by].map(String);
      if (!names.includes(f.approver)) return false;
    }
    if (
      target &&
      !JSON.stringify(l.targets ?? {})
        .toLowerCase()
        .includes(target)
    )
      return false;
    const t = Date.parse(String(l.time ?? ''));
    if (from !== undefined && !Number.isNaN(from) && !(t >= from)) return false;
    // "to" names a minute: the whole minute is included
    if (to !== undefined && !Number.isNaN(to) && !(t < to + 60_000)) return false;
    return true;
  });
}

/** stdio mode: the console on its own loopback port. */
export async function listenConsole(
  handler: ConsoleHandler,
  port: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const go =
      path === '/'
        ? Promise.resolve(void res.writeHead(303, { location: '/console/' }).end())
        : handler(req, res, { loopback: true });
    go.catch((err: unknown) => {
      log('error', 'console request failed', { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
