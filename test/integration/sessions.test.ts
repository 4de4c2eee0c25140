/**
 * Issue 13: abandoned Streamable HTTP sessions are reaped after an idle timeout and capped in number; a reaped
 * session answers 404 (MCP: the client must initialize again). In process, with a fake clock: sessions are counted
 * (GET /health), never timed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningHttp, serveHttp } from '../../src/mcp/http.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';

const INFO = { name: 'im-admin-mcp', version: 'test', instructions: 'test' };
const initBody = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function open(url: string): Promise<string> {
  const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(initBody) });
  await r.text();
  const id = r.headers.get('mcp-session-id');
  if (r.status !== 200 || !id) throw new Error(`initialize answered ${r.status}`);
  return id;
}
async function ping(url: string, sid: string): Promise<number> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
  });
  await r.text();
  return r.status;
}
async function live(url: string): Promise<number> {
  const r = await fetch(url.replace(/\/mcp$/, '/health'));
  return ((await r.json()) as { sessions: number }).sessions;
}

let runtime: Runtime;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'im-admin-sessions-'));
  runtime = await startRuntime(
    loadConfig({ IM_ADMIN_AUDIT_LOG: join(dir, 'audit.jsonl'), IM_ADMIN_LOG_LEVEL: 'error' }, { sandbox: true }),
  );
});
afterAll(async () => runtime?.close());

describe('HTTP session reaping', () => {
  let now = 1_000_000;
  let http: RunningHttp;
  beforeAll(async () => {
    http = await serveHttp(runtime.app, INFO, {
      host: '127.0.0.1',
      port: 0,
      token: undefined,
      stateless: false,
      allowedOrigins: [],
      sessionIdleMs: 60_000,
      maxSessions: 100_000,
      now: () => now,
    });
  });
  afterAll(async () => http?.close());

  it('reaps 2,000 abandoned sessions after the idle timeout; they answer 404', async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 2000; batch += 50) {
      ids.push(...(await Promise.all(Array.from({ length: 50 }, () => open(http.url)))));
    }
    expect(new Set(ids).size).toBe(2000);
    expect(await live(http.url)).toBe(2000);
    now += 59_000;
    expect(await live(http.url)).toBe(2000);
    now += 2_000;
    expect(await live(http.url)).toBe(0);
    for (const sid of [ids[0], ids[999], ids[1999]]) expect(await ping(http.url, sid as string)).toBe(404);
  }, 120_000);

  it('counts idleness from the last request, not from initialize', async () => {
    const sid = await open(http.url);
    now += 40_000;
    expect(await ping(http.url, sid)).toBe(200);
    now += 40_000;
    expect(await ping(http.url, sid)).toBe(200);
    now += 61_000;
    expect(await ping(http.url, sid)).toBe(404);
  });
});

describe('HTTP session cap', () => {
  let http: RunningHttp;
  beforeAll(async () => {
    let t = 0;
    http = await serveHttp(runtime.app, INFO, {
      host: '127.0.0.1',
      port: 0,
      token: undefined,
      stateless: false,
      allowedOrigins: [],
      sessionIdleMs: 3_600_000,
      maxSessions: 50,
      // every reading of the clock moves it on: "least recently used" is well defined
      now: () => ++t,
    });
  });
  afterAll(async () => http?.close());

  it('keeps at most IM_ADMIN_HTTP_MAX_SESSIONS live, closing the least recently used', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await open(http.url));
    expect(await live(http.url)).toBe(50);
    expect(await ping(http.url, ids[0] as string)).toBe(404);
    expect(await ping(http.url, ids[9] as string)).toBe(404);
    expect(await ping(http.url, ids[10] as string)).toBe(200);
    expect(await ping(http.url, ids[59] as string)).toBe(200);
  });
});
