/**
 * The fault matrix: every tool, against every fault the recording fake can produce. The server must never crash
 * or hang, each call must end in a clear result within its deadline, non-idempotent writes must never be sent
 * twice, and retries must happen exactly where the policy allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolSpec } from '../../src/tools/define.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { FakeUpstream, type Recorded, type Reply } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { freePort } from '../helpers/processes.js';
import { FILES_ENV, validArgs } from '../helpers/tool-args.js';
import { textOf } from './helpers.js';

const TIMEOUT_MS = 1000;
const safe = (t: ToolSpec) => t.annotations.readOnlyHint || t.annotations.idempotentHint;

/** Arguments that make every tool's request distinguishable: unique ids per tool. */
function uniqueArgs(t: ToolSpec, i: number): Record<string, unknown> {
  const a = validArgs(t.name);
  if (typeof a.group_id === 'string') a.group_id = `fg${i}`;
  if (Array.isArray(a.group_id)) a.group_id = [`fg${i}`];
  if (typeof a.thread_id === 'string') a.thread_id = `ft${i}`;
  const path = t.http.route ?? t.http.path;
  if (typeof a.username === 'string' && !path.includes('{group_id}')) a.username = `fu${i}`;
  if (t.vendor === 'lanying') {
    if ('as_user_id' in (t.input.shape as object)) a.as_user_id = String(7000 + i);
    else a.user_id = String(7000 + i);
  }
  return a;
}
const keyOf = (r: Recorded) => `${r.vendor} ${r.method} ${r.path} ${String(r.headers.user_id ?? '')}`;

const big = Buffer.alloc(50 * 1024 * 1024, 0x20);

interface Fault {
  name: string;
  reply?: Reply;
  /** point the server at a closed port instead: nothing is ever sent */
  refused?: boolean;
  /** attempts expected for tools safe to repeat / not safe */
  attempts: [number, number];
  text: RegExp;
  /** the binary download sees the body as file bytes */
  downloadOk?: boolean;
  /** calls in flight at once (default: all tools at once) */
  concurrency?: number;
}

const FAULTS: Fault[] = [
  {
    name: '429 without Retry-After',
    reply: { status: 429, json: { error: 'reach_limit', error_description: 'too many requests' } },
    attempts: [3, 1],
    text: /reach_limit.*\n.*Rate limited/,
  },
  {
    name: '429 with Retry-After 1',
    reply: { status: 429, headers: { 'retry-after': '1' }, json: { error: 'reach_limit' } },
    attempts: [3, 1],
    text: /retry after 1 s/,
  },
  {
    name: '429 with Retry-After 30',
    reply: { status: 429, headers: { 'retry-after': '30' }, json: { error: 'reach_limit' } },
    attempts: [1, 1],
    text: /retry after 30 s/,
  },
  {
    name: '500',
    reply: { status: 500, json: { error: 'internal_error', error_description: 'boom' } },
    attempts: [3, 1],
    text: /HTTP 500/,
  },
  {
    name: '502 HTML error page',
    reply: { status: 502, text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' },
    attempts: [3, 1],
    text: /HTTP 502 \(502 Bad Gateway\)/,
  },
  { name: '503', reply: { status: 503, text: '' }, attempts: [3, 1], text: /HTTP 503/ },
  {
    name: 'reset after the request was sent',
    reply: { reset: true },
    attempts: [3, 1],
    text: /reset|may have been applied|Safe to retry/,
  },
  {
    name: 'slow headers',
    reply: { delayMs: 2500, json: { code: 200, data: true } },
    attempts: [3, 1],
    text: /timeout/,
    // below the client's 64 connections, so no attempt times out while queued for a connection
    concurrency: 32,
  },
  {
    name: 'slow body',
    reply: { trickleMs: 2500, json: { code: 200, data: true, pad: 'x'.repeat(2000) } },
    attempts: [3, 1],
    text: /timeout/,
    concurrency: 32,
  },
  {
    name: 'malformed JSON',
    reply: { text: '{"code":200,"data":', headers: { 'content-type': 'application/json' } },
    attempts: [1, 1],
    text: /not JSON/,
    downloadOk: true,
  },
  {
    name: '50 MB body',
    reply: { bytes: big, headers: { 'content-type': 'application/json' } },
    attempts: [1, 1],
    text: /exceeded/,
    concurrency: 4,
  },
  {
    name: '50 MB chunked body',
    reply: { bytes: big, chunked: true, headers: { 'content-type': 'application/json' } },
    attempts: [1, 1],
    text: /exceeded/,
    concurrency: 4,
  },
  { name: 'connection refused (nothing sent)', refused: true, attempts: [0, 0], text: /Nothing was sent/ },
];

let fake: FakeUpstream;
let server: Started;
const keys = new Map<string, string>();

beforeAll(async () => {
  fake = await new FakeUpstream().start();
  server = await startServer({
    env: fake.env({
      IM_ADMIN_CONFIRM: 'off',
      IM_ADMIN_TIMEOUT_MS: String(TIMEOUT_MS),
      IM_ADMIN_EASEMOB_RATE: '0',
      IM_ADMIN_LANYING_RATE: '0',
      IM_ADMIN_MAX_DESTRUCTIVE: '100000',
      ...FILES_ENV,
      // a 4 MiB cap trips long before the attempt timeout, even on a loaded machine
      IM_ADMIN_MAX_RESPONSE_BYTES: String(4 * 1024 * 1024),
    }),
  });
  // Calibrate: the request key of every tool, from one call each against a healthy fake.
  for (const [i, t] of ALL_TOOLS.entries()) {
    fake.reset();
    const r = await server.client.callTool({ name: t.name, arguments: uniqueArgs(t, i) });
    expect(fake.requests, `${t.name}: ${textOf(r)}`).toHaveLength(1);
    keys.set(t.name, keyOf(fake.requests[0] as Recorded));
  }
  expect(new Set(keys.values()).size).toBe(ALL_TOOLS.length);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('fault matrix over every tool', () => {
  for (const fault of FAULTS.filter((f) => !f.refused)) {
    it(`${fault.name}: clear results, retries only where allowed, writes never doubled`, async () => {
      fake.reset();
      fake.fault = fault.reply;
      const started = Date.now();
      const results: { t: ToolSpec; r: Awaited<ReturnType<typeof server.client.callTool>>; ms: number }[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: fault.concurrency ?? ALL_TOOLS.length }, async () => {
          while (next < ALL_TOOLS.length) {
            const i = next++;
            const t = ALL_TOOLS[i] as ToolSpec;
            const t0 = Date.now();
            const r = await server.client.callTool({ name: t.name, arguments: uniqueArgs(t, i) }, undefined, {
              timeout: 60_000,
            });
            results.push({ t, r, ms: Date.now() - t0 });
          }
        }),
      );
      fake.fault = undefined;
      const counts = new Map<string, number>();
      for (const rec of fake.requests) counts.set(keyOf(rec), (counts.get(keyOf(rec)) ?? 0) + 1);
      for (const { t, r, ms } of results) {
        const text = textOf(r);
        const attempts = counts.get(keys.get(t.name) ?? '') ?? 0;
        if (fault.downloadOk && t.name === 'easemob_download_share_file') {
          expect(r.isError ?? false, text).toBe(false);
        } else {
          expect(r.isError, `${t.name}: ${text}`).toBe(true);
          expect(text, t.name).toMatch(fault.text);
        }
        expect(attempts, `${t.name} attempts`).toBe(safe(t) ? fault.attempts[0] : fault.attempts[1]);
        if (!safe(t)) expect(attempts, `${t.name} is never sent twice`).toBeLessThanOrEqual(1);
        // 3 attempts × timeout + backoff (+ Retry-After 1 s twice) stays well inside the 30 s retry deadline
        expect(ms, `${t.name} ends within its deadline`).toBeLessThan(15_000);
      }
      expect(Date.now() - started).toBeLessThan(45_000);
      // the server is alive and answers
      expect((await server.client.listTools()).tools).toHaveLength(91);
    }, 60_000);
  }

  it('connection refused: nothing was sent, every tool says so and writes are safe to retry', async () => {
    const port = await freePort();
    const env = fake.env({
      IM_ADMIN_CONFIRM: 'off',
      IM_ADMIN_EASEMOB_RATE: '0',
      IM_ADMIN_LANYING_RATE: '0',
      IM_ADMIN_MAX_DESTRUCTIVE: '100000',
    });
    env.LANYING_BASE_URL = `http://127.0.0.1:${port}/ly`;
    env.EASEMOB_BASE_URL = `http://127.0.0.1:${port}/em`;
    env.EASEMOB_APP_TOKEN = 'static-token-for-refused-test';
    delete env.EASEMOB_CLIENT_ID;
    delete env.EASEMOB_CLIENT_SECRET;
    const s = await startServer({ env });
    try {
      const results = await Promise.all(
        ALL_TOOLS.map((t, i) => s.client.callTool({ name: t.name, arguments: uniqueArgs(t, i) })),
      );
      for (const [i, r] of results.entries()) {
        expect(r.isError, ALL_TOOLS[i]?.name).toBe(true);
        expect(textOf(r)).toMatch(/Nothing was sent/);
        expect(textOf(r)).not.toContain('static-token-for-refused-test');
      }
    } finally {
      await s.close();
    }
  }, 60_000);
});
