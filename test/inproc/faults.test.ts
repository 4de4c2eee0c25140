/**
 * The fault matrix, in process: every tool against every fault the recording fake can produce, through the real
 * App, vendor clients and HTTP client, with a fake clock. Each call must end in a clear result within its
 * deadline, non-idempotent writes are never sent twice, retries happen exactly where the policy allows, and the
 * pipeline keeps serving afterwards. Timeouts fire on the fake clock only once every attempt in flight has
 * reached the fake, so attempt counts do not depend on this machine's speed.
 * (test/integration/faults.test.ts keeps the real 32 MiB cap and refused connections over the built server.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../src/app.js';
import { DEFAULT_RETRY } from '../../src/http/retry.js';
import type { ToolSpec } from '../../src/tools/define.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { TOOL_COUNT } from '../helpers/catalog.js';
import { FakeUpstream, type Recorded, type Reply } from '../helpers/fake-upstream.js';
import { type InProcess, startInProcess, textOf } from '../helpers/in-process.js';
import { freePort } from '../helpers/processes.js';
import { FILES_ENV, keyOf, safe, uniqueArgs } from '../helpers/tool-args.js';

const TIMEOUT_MS = 1000;
/** in process the cap is small, so "larger than the cap" costs no wall time; the rule is the same */
const CAP = 64 * 1024;
const big = Buffer.alloc(4 * CAP, 0x20);

interface Fault {
  name: string;
  reply: Reply;
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
    reply: { hold: 'headers' },
    attempts: [3, 1],
    text: /timeout/,
    // below the dispatcher's 64 connections: every attempt in flight holds a connection at the fake
    concurrency: 32,
  },
  {
    name: 'slow body',
    reply: { hold: 'body', json: { code: 200, data: true, pad: 'x'.repeat(2000) } },
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
    name: 'body over the response cap (declared length)',
    reply: { bytes: big, headers: { 'content-type': 'application/json' } },
    attempts: [1, 1],
    text: new RegExp(`exceeded ${CAP} bytes`),
    concurrency: 8,
  },
  {
    name: 'body over the response cap (chunked)',
    reply: { bytes: big, chunked: true, headers: { 'content-type': 'application/json' } },
    attempts: [1, 1],
    text: new RegExp(`exceeded ${CAP} bytes`),
    concurrency: 8,
  },
];

let fake: FakeUpstream;
let s: InProcess;
const keys = new Map<string, string>();
const env = () =>
  fake.env({
    IM_ADMIN_CONFIRM: 'off',
    IM_ADMIN_TIMEOUT_MS: String(TIMEOUT_MS),
    IM_ADMIN_EASEMOB_RATE: '0',
    IM_ADMIN_LANYING_RATE: '0',
    IM_ADMIN_MAX_DESTRUCTIVE: '100000',
    ...FILES_ENV,
  });

beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startInProcess(env(), { fake, maxResponseBytes: CAP });
  // Calibrate: the request key of every tool, from one call each against a healthy fake.
  for (const [i, t] of ALL_TOOLS.entries()) {
    fake.reset();
    const r = await s.call(t.name, uniqueArgs(t, i));
    expect(fake.requests, `${t.name}: ${textOf(r)}`).toHaveLength(1);
    keys.set(t.name, keyOf(fake.requests[0] as Recorded));
  }
  expect(new Set(keys.values()).size).toBe(ALL_TOOLS.length);
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

/** Calls every tool (at most `concurrency` at once); returns each result with its duration on the fake clock. */
async function callEveryTool(target: InProcess, concurrency = ALL_TOOLS.length) {
  const results: { t: ToolSpec; r: CallResult; ms: number }[] = [];
  let next = 0;
  await target.callAll(
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ALL_TOOLS.length) {
          const i = next++;
          const t = ALL_TOOLS[i] as ToolSpec;
          const t0 = target.clock.now();
          const r = await target.runtime.app.call(t.name, uniqueArgs(t, i), { signal: new AbortController().signal });
          results.push({ t, r, ms: target.clock.now() - t0 });
        }
      }),
    ),
  );
  return results;
}

describe('fault matrix over every tool (in process, fake clock)', () => {
  for (const fault of FAULTS) {
    it(`${fault.name}: clear results, retries only where allowed, writes never doubled`, async () => {
      fake.reset();
      fake.fault = fault.reply;
      const started = s.clock.now();
      const results = await callEveryTool(s, fault.concurrency);
      fake.fault = undefined;
      expect(results).toHaveLength(ALL_TOOLS.length);
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
      expect(s.clock.now() - started).toBeLessThan(45_000);
      // nothing is left in flight or waiting, and the pipeline still serves both vendors
      expect(s.clock.pendingTimers).toBe(0);
      // every held request was abandoned by its client (the fake sees the close a moment later)
      await expect.poll(() => fake.held, { timeout: 10_000 }).toBe(0);
      expect(fake.heldClosed).toBe(s.clock.firedAttempts);
      expect(s.runtime.app.tools).toHaveLength(TOOL_COUNT);
      for (const name of ['lanying_get_profile', 'easemob_list_groups']) {
        fake.reset();
        const ok = await s.call(name, uniqueArgs(ALL_TOOLS.find((t) => t.name === name) as ToolSpec, 0));
        expect(ok.isError ?? false, `${name} after the fault: ${textOf(ok)}`).toBe(false);
        expect(fake.requests).toHaveLength(1);
      }
    });
  }

  it('a timeout retried by the policy waits on the clock: attempts are spaced by timeout + backoff', async () => {
    fake.reset();
    fake.fault = { hold: 'headers' };
    const t = ALL_TOOLS.find((x) => x.name === 'lanying_get_profile') as ToolSpec;
    const t0 = s.clock.now();
    const r = await s.call(t.name, uniqueArgs(t, 0));
    fake.fault = undefined;
    expect(textOf(r)).toMatch(/timeout/);
    expect(fake.requests).toHaveLength(3);
    const ms = s.clock.now() - t0;
    // three timeouts, and two backoffs of 125–250 ms and 250–500 ms (half jitter)
    expect(ms).toBeGreaterThanOrEqual(3 * TIMEOUT_MS + DEFAULT_RETRY.baseDelayMs / 2 + DEFAULT_RETRY.baseDelayMs);
    expect(ms).toBeLessThanOrEqual(3 * TIMEOUT_MS + DEFAULT_RETRY.baseDelayMs * 3);
  });

  it('connection refused: nothing was sent, every tool says so and writes are safe to retry', async () => {
    const port = await freePort();
    const e = env();
    e.LANYING_BASE_URL = `http://127.0.0.1:${port}/ly`;
    e.EASEMOB_BASE_URL = `http://127.0.0.1:${port}/em`;
    e.EASEMOB_APP_TOKEN = 'static-token-for-refused-test';
    delete e.EASEMOB_CLIENT_ID;
    delete e.EASEMOB_CLIENT_SECRET;
    const refused = await startInProcess(e);
    try {
      const results = await callEveryTool(refused);
      for (const { t, r, ms } of results) {
        expect(r.isError, t.name).toBe(true);
        expect(textOf(r), t.name).toMatch(/Nothing was sent/);
        expect(textOf(r)).not.toContain('static-token-for-refused-test');
        expect(ms, `${t.name} ends within its deadline`).toBeLessThan(15_000);
      }
    } finally {
      await refused.close();
    }
  });
});
