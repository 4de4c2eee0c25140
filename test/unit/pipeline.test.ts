/** Pure pieces of the pipeline: request mapping, int64 JSON, Retry-After, tokens, argument coercion. */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../src/execute/build-request.js';
import { render } from '../../src/execute/render.js';
import { coerceArgs } from '../../src/execute/schema.js';
import { ConfirmTokens, MemorySpentStore } from '../../src/guards/confirm-token.js';
import { HttpClient } from '../../src/http/client.js';
import { NetworkError, VendorError } from '../../src/http/errors.js';
import { parseJson, stringifyJson } from '../../src/http/json.js';
import { isRetryable, parseRetryAfter } from '../../src/http/retry.js';
import { redact, registerSecret } from '../../src/log.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { EasemobTokens } from '../../src/vendors/easemob.js';
import { VENDORS } from '../../src/vendors/index.js';

const tool = (name: string) => {
  const t = ALL_TOOLS.find((x) => x.name === name);
  if (!t) throw new Error(name);
  return t;
};
const parse = (name: string, args: Record<string, unknown>) => tool(name).input.parse(args) as Record<string, unknown>;

describe('buildRequest', () => {
  it('encodes each id of a comma-joined path list and joins with a raw comma (even ids validation would refuse)', () => {
    const t = tool('easemob_remove_members');
    // past validation on purpose: the request builder encodes every segment on its own (defence in depth)
    const req = buildRequest(t, { group_id: 'g 1', members: ['a b', 'c@d', '张三'] });
    expect(req).toEqual({ method: 'DELETE', path: '/chatgroups/g%201/users/a%20b,c%40d,%E5%BC%A0%E4%B8%89' });
  });

  it('fills the unmute route from the `member` array while the documented path stays verbatim', () => {
    const t = tool('easemob_unmute_members');
    expect(`${VENDORS.easemob.pathPrefix}${t.http.path}`).toBe(
      '/{org_name}/{app_name}/chatgroups/{group_id}/mute/{member1}(,{member2},…)',
    );
    expect(buildRequest(t, parse(t.name, { group_id: 'g1', member: ['a', 'b'] })).path).toBe('/chatgroups/g1/mute/a,b');
  });

  it('sends query, acting-as headers and a JSON body with exact int64', () => {
    const t = tool('lanying_disable_users');
    const req = buildRequest(t, parse(t.name, { list: ['9007199254740993', '1'], user_id: '9223372036854775807' }));
    expect(req.headers).toEqual({ user_id: '9223372036854775807' });
    expect(req.body).toEqual({ kind: 'json', text: '{"list":[9007199254740993,1]}' });
  });

  it('sends raw text bodies for 1.17 and 1.21, and no body for mute-all', () => {
    const t = tool('lanying_set_private_info');
    expect(buildRequest(t, parse(t.name, { body: 'a "quoted"\nline' })).body).toEqual({
      kind: 'raw',
      text: 'a "quoted"\nline',
    });
    const ban = tool('easemob_mute_all');
    expect(buildRequest(ban, parse(ban.name, { group_id: 'g1' })).body).toBeUndefined();
  });
});

describe('int64 JSON', () => {
  it('writes BigInt as bare numbers and never confuses user text with the marker', () => {
    expect(stringifyJson({ a: 12345678901234567890n, s: '\\u0000int64:1\\u0000int64:' })).toBe(
      '{"a":12345678901234567890,"s":"\\\\u0000int64:1\\\\u0000int64:"}',
    );
  });
  it('cannot be forged by text containing a real U+0000 and the marker words', () => {
    const forged = '\u0000int64:5\u0000int64:';
    expect(
      JSON.parse(stringifyJson({ description: forged, id: 9007199254740993n }).replace(/9007199254740993/, '0')),
    ).toEqual({
      description: forged,
      id: 0,
    });
  });

  it('parses integers beyond 2^53 as exact strings', () => {
    expect(parseJson('{"id":9007199254740993,"n":12,"f":1.5,"s":"9007199254740993"}')).toEqual({
      id: '9007199254740993',
      n: 12,
      f: 1.5,
      s: '9007199254740993',
    });
  });
});

describe('retry rules', () => {
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
  it('retries unsent requests always, sent ones only when safe to repeat', () => {
    expect(isRetryable(new NetworkError('easemob', 'connect', 'x', false), false)).toBe(true);
    expect(isRetryable(new NetworkError('easemob', 'reset', 'x', true), false)).toBe(false);
    expect(isRetryable(new NetworkError('easemob', 'reset', 'x', true), true)).toBe(true);
    expect(isRetryable(new VendorError('easemob', 503, 'x', 'y'), false)).toBe(false);
    expect(isRetryable(new VendorError('easemob', 503, 'x', 'y'), true)).toBe(true);
    expect(isRetryable(new VendorError('easemob', 400, 'x', 'y'), true)).toBe(false);
  });
});

describe('confirmation tokens', () => {
  it('expire, are single use and bound to tool and arguments (the reason too; the token itself excluded)', async () => {
    let now = 1_000_000;
    const tokens = new ConfirmTokens(Buffer.from('k'.repeat(32)), 60_000, new MemorySpentStore(() => now), () => now);
    const { token, expiresAt } = tokens.mint('t', { a: 1, b: ['x'], reason: 'spam' });
    expect(expiresAt.getTime()).toBe(1_060_000);
    // the person was shown the reason: another one (or none) is another call
    expect(await tokens.verify(token, 't', { b: ['x'], a: 1, reason: 'other' })).toBe('mismatch');
    expect(await tokens.verify(token, 't', { b: ['x'], a: 1 })).toBe('mismatch');
    expect(await tokens.verify(token, 't', { b: ['x'], a: 1, reason: 'spam', confirmation_token: token })).toBe('ok');
    expect(await tokens.verify(token, 't', { a: 1, b: ['x'], reason: 'spam' })).toBe('used');
    const t2 = tokens.mint('t', { a: 1 }).token;
    expect(await tokens.verify(t2, 't', { a: 2 })).toBe('mismatch');
    expect(await tokens.verify(t2, 'u', { a: 1 })).toBe('mismatch');
    now += 60_001;
    expect(await tokens.verify(t2, 't', { a: 1 })).toBe('expired');
    expect(await tokens.verify('x.y', 't', {})).toBe('malformed');
  });
});

describe('argument coercion', () => {
  it('parses JSON-string arrays, numeric strings and safe-integer ids, leaves the rest to validation', () => {
    const schema = {
      properties: {
        a: { type: 'array', items: { type: 'string' } },
        n: { type: 'integer' },
        id: { type: 'string' },
        b: { type: 'boolean' },
      },
    };
    expect(coerceArgs({ a: '["x",1]', n: '12', id: 1001, b: 'true', z: '5' }, schema)).toEqual({
      a: ['x', '1'],
      n: 12,
      id: '1001',
      b: true,
      z: '5',
    });
    expect(coerceArgs({ n: '12x', id: 2 ** 60 }, schema)).toEqual({ n: '12x', id: 2 ** 60 });
  });
});

describe('secrets', () => {
  it('redacts registered secrets and credential shapes from free text', () => {
    registerSecret('super-secret-token-9');
    expect(redact('failed with super-secret-token-9 and Authorization: Bearer abc.def')).toBe(
      'failed with [redacted] and Authorization: Bearer [redacted]',
    );
  });
});

describe('Easemob token cache', () => {
  it('fetches once for concurrent callers, renews at half-life, and after invalidate()', async () => {
    let fetches = 0;
    const server = createServer((req, res) => {
      fetches++;
      req.resume();
      req.on('end', () => {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ access_token: `tok${fetches}`, expires_in: 100, application: 'x' }));
        }, 20);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    let now = 0;
    // generous: the attempt timeout is not what this test is about
    const http = new HttpClient({ timeoutMs: 60_000, maxResponseBytes: 1e6 });
    const tokens = new EasemobTokens(
      http,
      { baseUrl: `http://127.0.0.1:${port}`, org: 'o', app: 'a', clientId: 'c', clientSecret: 's' },
      () => now,
    );
    try {
      const got = await Promise.all([tokens.get(), tokens.get(), tokens.get()]);
      expect(got).toEqual(['tok1', 'tok1', 'tok1']);
      expect(fetches).toBe(1);
      now = 49_000;
      expect(await tokens.get()).toBe('tok1');
      now = 50_001;
      expect(await tokens.get()).toBe('tok2');
      tokens.invalidate();
      expect(await tokens.get()).toBe('tok3');
    } finally {
      await http.close();
      server.close();
    }
  });
});

/** A token endpoint that holds each request until released, and notes requests whose client went away. */
async function heldTokenEndpoint() {
  const state = { fetches: 0, gone: 0, release: [] as (() => void)[] };
  const server = createServer((req, res) => {
    state.fetches++;
    req.resume();
    res.on('close', () => {
      if (!res.writableEnded) state.gone++;
    });
    req.on('end', () => {
      state.release.push(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: `tok${state.fetches}`, expires_in: 100, application: 'x' }));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const http = new HttpClient({ timeoutMs: 60_000, maxResponseBytes: 1e6 });
  const tokens = new EasemobTokens(http, {
    baseUrl: `http://127.0.0.1:${port}`,
    org: 'o',
    app: 'a',
    clientId: 'c',
    clientSecret: 's',
  });
  const close = async () => {
    await http.close();
    server.closeAllConnections();
    server.close();
  };
  return { state, http, tokens, close };
}

describe('Easemob token fetch shared by concurrent calls', () => {
  it.each([
    ['with a signal', () => new AbortController().signal],
    ['without one', () => undefined],
  ])("one caller's cancel ends only its own wait; another waiting %s gets the token", async (_k, signal) => {
    const t = await heldTokenEndpoint();
    try {
      const first = new AbortController();
      const a = t.tokens.get(first.signal);
      const b = t.tokens.get(signal());
      await expect.poll(() => t.state.release.length).toBe(1);
      first.abort();
      await expect(a).rejects.toMatchObject({ kind: 'cancelled' });
      t.state.release[0]?.();
      expect(await b).toBe('tok1');
      expect(t.state.fetches).toBe(1);
      expect(t.state.gone).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('Easemob token fetch: when every caller stops waiting', () => {
  it('a caller already cancelled starts no fetch', async () => {
    const t = await heldTokenEndpoint();
    try {
      const cancelled = new AbortController();
      cancelled.abort();
      await expect(t.tokens.get(cancelled.signal)).rejects.toMatchObject({ kind: 'cancelled', maybeSent: false });
      await new Promise((r) => setTimeout(r, 50));
      expect(t.state.fetches).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('aborts the fetch once every caller is cancelled, and the next caller fetches anew', async () => {
    const t = await heldTokenEndpoint();
    try {
      const a = new AbortController();
      const b = new AbortController();
      const first = t.tokens.get(a.signal);
      const second = t.tokens.get(b.signal);
      await expect.poll(() => t.state.release.length).toBe(1);
      a.abort();
      await expect(first).rejects.toMatchObject({ kind: 'cancelled' });
      // one caller still waits: the fetch goes on
      await new Promise((r) => setTimeout(r, 50));
      expect(t.state.gone).toBe(0);
      b.abort();
      await expect(second).rejects.toMatchObject({ kind: 'cancelled' });
      // nobody waits: the request is dropped (a shutdown's close need not wait for it)
      await expect.poll(() => t.state.gone).toBe(1);
      const third = t.tokens.get(new AbortController().signal);
      await expect.poll(() => t.state.release.length).toBe(2);
      t.state.release[1]?.();
      expect(await third).toBe('tok2');
    } finally {
      await t.close();
    }
  });
});

describe('pacing (fake clock)', () => {
  it('lets a burst through, then spaces calls at the configured rate', async () => {
    const { MemoryPaceStore, pacer } = await import('../../src/http/pacer.js');
    let now = 0;
    const sent: number[] = [];
    const sleep = async (ms: number) => {
      now += ms;
    };
    const pace = pacer(new MemoryPaceStore(), 'easemob:o#a', { ratePerSecond: 80, burst: 5 }, () => now, sleep);
    for (let i = 0; i < 12; i++) {
      await pace();
      sent.push(now);
    }
    // 5 at once, then one every 12.5 ms (80 per second)
    expect(sent).toEqual([0, 0, 0, 0, 0, 12.5, 25, 37.5, 50, 62.5, 75, 87.5]);
    now += 1000; // a quiet second refills the bucket
    const before = now;
    for (let i = 0; i < 5; i++) await pace();
    expect(now).toBe(before);
  });

  it('is off when the rate is 0', async () => {
    const { MemoryPaceStore, pacer } = await import('../../src/http/pacer.js');
    let slept = 0;
    const pace = pacer(new MemoryPaceStore(), 'k', { ratePerSecond: 0, burst: 1 }, Date.now, async (ms) => {
      slept += ms;
    });
    for (let i = 0; i < 100; i++) await pace();
    expect(slept).toBe(0);
  });
});

describe('batch splitting', () => {
  it('splits by the vendor limit and by encoded URL length for path lists', async () => {
    const { splitArgs, PATH_LIST_BUDGET } = await import('../../src/execute/batch.js');
    const add = tool('easemob_add_members');
    expect(
      splitArgs(add, { group_id: 'g', usernames: Array.from({ length: 121 }, (_, i) => `u${i}`) }).map(
        (a) => (a.usernames as string[]).length,
      ),
    ).toEqual([60, 60, 1]);
    expect(splitArgs(add, { group_id: 'g', usernames: ['a'] })).toHaveLength(1);
    const remove = tool('easemob_remove_members');
    const chunks = splitArgs(remove, {
      group_id: 'g',
      members: Array.from({ length: 60 }, (_, i) => `${'张'.repeat(40)}${i}`),
    });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks)
      expect((c.members as string[]).map((m) => encodeURIComponent(m)).join(',').length).toBeLessThanOrEqual(
        PATH_LIST_BUDGET,
      );
  });
});

describe('configuration defaults', () => {
  it('keeps sandbox rehearsals out of the production audit log by default', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(loadConfig({}).auditLog.endsWith('sandbox-audit.jsonl')).toBe(true);
    expect(
      loadConfig({ LANYING_APP_ID: 'a', LANYING_ACCESS_TOKEN: 'tok-1234' }).auditLog.endsWith(`${'audit.jsonl'}`),
    ).toBe(true);
    expect(
      loadConfig({ LANYING_APP_ID: 'a', LANYING_ACCESS_TOKEN: 'tok-1234' }).auditLog.endsWith('sandbox-audit.jsonl'),
    ).toBe(false);
    expect(loadConfig({ IM_ADMIN_AUDIT_LOG: '/tmp/x.jsonl' }).auditLog).toBe('/tmp/x.jsonl');
  });
});

describe('rendering a result that holds a BigInt', () => {
  it('writes it exactly in the text, as the int64-aware encoder does', () => {
    const r = render(
      { kind: 'done', output: { structured: { id: 9007199254740993n, name: 'x' }, summary: 'One.' } },
      undefined,
      'lanying_custom',
    );
    const text = r.content[0]?.text ?? '';
    expect(text).toContain('{"id":9007199254740993,"name":"x"}');
    expect(r.isError).toBeUndefined();
    expect(Object.keys(r.structuredContent ?? {})).toEqual(['id', 'name']);
  });
});
