/** Streamable HTTP mode: bearer token, Origin and Host checks, health, SDK client flows, stateless replicas on Redis. */
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_COUNT } from '../helpers/catalog.js';
import { em, FakeUpstream } from '../helpers/fake-upstream.js';
import { type HttpServerProcess, startHttpServer, startRedis } from '../helpers/processes.js';
import { textOf } from './helpers.js';

const TOKEN = 'http-test-token-0123456789';
const initBody = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const post = (url: string, headers: Record<string, string>, body: unknown = initBody) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });

async function connect(url: string, token = TOKEN): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
  );
  return client;
}

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterAll(async () => fake?.close());

describe('HTTP mode (stateful)', () => {
  let srv: HttpServerProcess;
  beforeAll(async () => {
    srv = await startHttpServer(fake.env({ IM_ADMIN_HTTP_TOKEN: TOKEN }));
  });
  afterAll(async () => srv?.stop());

  it('answers /health without credentials', async () => {
    const r = await fetch(srv.url.replace('/mcp', '/health'));
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ok', name: 'im-admin-mcp', tools: TOOL_COUNT });
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await post(srv.url, {})).status).toBe(401);
    const wrong = await post(srv.url, { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a foreign Origin and a non-loopback Host (DNS rebinding)', async () => {
    expect((await post(srv.url, { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' })).status).toBe(
      403,
    );
    // its own loopback origin (same port) is not a rebinding attacker; another local port is
    const own = new URL(srv.url).origin;
    expect((await post(srv.url, { authorization: `Bearer ${TOKEN}`, origin: own })).status).toBe(200);
    expect((await post(srv.url, { authorization: `Bearer ${TOKEN}`, origin: 'http://127.0.0.1:1' })).status).toBe(403);
    // fetch cannot set Host, so this request goes through node:http
    const u = new URL(srv.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: {
            host: 'evil.example',
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(initBody));
    });
    expect(status).toBe(403);
  });

  it('serves tools/list and tools/call through the SDK HTTP client, with the token confirmation path', async () => {
    const client = await connect(srv.url);
    try {
      expect((await client.listTools()).tools).toHaveLength(TOOL_COUNT);
      fake.reset();
      fake.reply(em({ data: { announcement: 'welcome' } }));
      const r = await client.callTool({ name: 'easemob_get_announcement', arguments: { group_id: 'g1' } });
      expect(r.structuredContent).toEqual({ untrusted: ['/data/announcement'], data: { announcement: 'welcome' } });
      const d = await client.callTool({ name: 'easemob_delete_thread', arguments: { thread_id: 't1' } });
      expect((d.structuredContent as Record<string, unknown>).confirmation_required).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('HTTP start-up', () => {
  it('refuses to start without IM_ADMIN_HTTP_TOKEN', async () => {
    await expect(startHttpServer(fake.env())).rejects.toThrow('IM_ADMIN_HTTP_TOKEN is missing');
  });
  it('refuses dynamic toolsets without sessions (--stateless), which would lose every enabled toolset', async () => {
    await expect(
      startHttpServer(fake.env({ IM_ADMIN_HTTP_TOKEN: TOKEN, IM_ADMIN_DYNAMIC_TOOLSETS: 'true' }), ['--stateless']),
    ).rejects.toThrow('Dynamic toolsets (--dynamic, IM_ADMIN_DYNAMIC_TOOLSETS) need sessions');
  });
});

describe('two stateless replicas sharing one Redis', () => {
  let redis: { url: string; stop(): Promise<void> };
  let a: HttpServerProcess;
  let b: HttpServerProcess;
  beforeAll(async () => {
    redis = await startRedis();
    const env = fake.env({
      IM_ADMIN_HTTP_TOKEN: TOKEN,
      IM_ADMIN_REDIS_URL: redis.url,
      IM_ADMIN_CONFIRM_SECRET: 'shared-secret-for-replicas-0123456789',
      IM_ADMIN_MAX_DESTRUCTIVE: '3',
    });
    a = await startHttpServer(env, ['--stateless']);
    b = await startHttpServer(env, ['--stateless']);
  }, 30_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  it('accepts a token once across replicas and refuses the replay on the other', async () => {
    const ca = await connect(a.url);
    const cb = await connect(b.url);
    try {
      fake.reset();
      const first = await ca.callTool({ name: 'easemob_delete_thread', arguments: { thread_id: 't9' } });
      const token = (first.structuredContent as { confirmation_token: string }).confirmation_token;
      const onB = await cb.callTool({
        name: 'easemob_delete_thread',
        arguments: { thread_id: 't9', confirmation_token: token },
      });
      expect(onB.isError ?? false, textOf(onB)).toBe(false);
      const replayOnA = await ca.callTool({
        name: 'easemob_delete_thread',
        arguments: { thread_id: 't9', confirmation_token: token },
      });
      expect(replayOnA.isError).toBe(true);
      expect(textOf(replayOnA)).toContain('already used');
      expect(fake.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    } finally {
      await ca.close();
      await cb.close();
    }
  });

  it('shares the destructive-action cap across replicas', async () => {
    const ca = await connect(a.url);
    const cb = await connect(b.url);
    try {
      const run = async (c: Client, id: string) => {
        const first = await c.callTool({ name: 'easemob_delete_thread', arguments: { thread_id: id } });
        const token = (first.structuredContent as { confirmation_token: string }).confirmation_token;
        return c.callTool({ name: 'easemob_delete_thread', arguments: { thread_id: id, confirmation_token: token } });
      };
      // one action was used by the previous test; two more fit, the next is refused on either replica
      expect((await run(ca, 'x1')).isError ?? false).toBe(false);
      expect((await run(cb, 'x2')).isError ?? false).toBe(false);
      const over = await run(ca, 'x3');
      expect(over.isError).toBe(true);
      expect(textOf(over)).toContain('IM_ADMIN_MAX_DESTRUCTIVE');
    } finally {
      await ca.close();
      await cb.close();
    }
  });
});
