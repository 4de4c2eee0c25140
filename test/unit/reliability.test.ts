/**
 * Issue 13 (reliability), the in-process half: filesystem deadlines on the audit log, audit rotation under
 * concurrent writes, fetched Easemob tokens redacted, and the messages (wrong type, Lanying 401).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { renderError } from '../../src/execute/render.js';
import { describeIssues } from '../../src/execute/schema.js';
import { FsDeadlineError, withFsDeadline } from '../../src/fs-limits.js';
import { AuditLog } from '../../src/guards/audit.js';
import { VendorError } from '../../src/http/errors.js';
import { startRuntime } from '../../src/runtime.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { EM_TOKEN, FakeUpstream } from '../helpers/fake-upstream.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'im-admin-rel-'));
const tool = (name: string) => {
  const t = ALL_TOOLS.find((x) => x.name === name);
  if (!t) throw new Error(name);
  return t;
};

describe('withFsDeadline', () => {
  it('rejects a step that never settles once its time is up, naming what it was for', async () => {
    vi.useFakeTimers();
    try {
      const never = new Promise<void>(() => {});
      const p = withFsDeadline(never, 5_000, 'creating the folder of IM_ADMIN_AUDIT_LOG (/x/audit.jsonl)');
      const seen = p.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(4_999);
      let settled = false;
      void p.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const err = await seen;
      expect(err).toBeInstanceOf(FsDeadlineError);
      expect(String((err as Error).message)).toContain('IM_ADMIN_AUDIT_LOG');
      expect(String((err as Error).message)).toContain('5 s');
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes a step that settles in time through unchanged', async () => {
    await expect(withFsDeadline(Promise.resolve(42), 1_000, 'x')).resolves.toBe(42);
    await expect(withFsDeadline(Promise.reject(new Error('EACCES: no')), 1_000, 'x')).rejects.toThrow('EACCES');
  });
});

describe('audit log path errors', () => {
  it('an audit path under /proc fails with a clear error naming IM_ADMIN_AUDIT_LOG instead of hanging', async () => {
    const log = new AuditLog('/proc/im-admin-no-such-dir/sub/audit.jsonl');
    const err = await log.ready().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toContain('IM_ADMIN_AUDIT_LOG');
    expect(err?.message).toContain('/proc/im-admin-no-such-dir/sub/audit.jsonl');
    await log.close();
  }, 15_000);

  it('an audit path below a regular file names the setting', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'file'), 'x');
    const log = new AuditLog(join(dir, 'file', 'audit.jsonl'));
    await expect(log.ready()).rejects.toThrow(/IM_ADMIN_AUDIT_LOG/);
  });
});

describe('audit log rotation', () => {
  it('rotates by size under concurrent writes without losing or splitting a line', async () => {
    const dir = scratch();
    const path = join(dir, 'audit.jsonl');
    const maxBytes = 4096;
    const log = new AuditLog(path, { maxBytes });
    const N = 600;
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        log.append({
          time: new Date(0).toISOString(),
          tool: 'easemob_update_group',
          vendor: 'easemob',
          targets: { group_id: `g${i}` },
          args: { group_id: `g${i}`, description: 'x'.repeat(i % 97) },
          outcome: 'success',
        }),
      ),
    );
    await log.close();
    const files = readdirSync(dir).filter((f) => f.startsWith('audit.jsonl'));
    expect(files.length).toBeGreaterThan(5);
    const seen = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxBytes);
      for (const line of text.split('\n').filter(Boolean)) {
        const parsed = JSON.parse(line) as { targets: { group_id: string } };
        seen.add(parsed.targets.group_id);
      }
    }
    expect(seen.size).toBe(N);
  });

  it('a single line longer than the limit is still written whole', async () => {
    const dir = scratch();
    const path = join(dir, 'audit.jsonl');
    const log = new AuditLog(path, { maxBytes: 1024 });
    const base = { time: 't', tool: 't', vendor: 'easemob', targets: {}, outcome: 'success' as const };
    await log.append({ ...base, args: { a: 'first' } });
    await log.append({ ...base, args: { a: 'y'.repeat(3000) } });
    await log.append({ ...base, args: { a: 'last' } });
    await log.close();
    const lines = readdirSync(dir)
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { args: { a: string } }).args.a);
    expect(lines.sort()).toEqual(['first', 'last', 'y'.repeat(3000)].sort());
  });
});

describe('messages', () => {
  it('a wrong type names the expected type, not "required"', () => {
    const t = tool('easemob_update_group');
    const parsed = t.input.safeParse({ group_id: 'g1', maxusers: 'many' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const text = describeIssues(parsed.error, { group_id: 'g1', maxusers: 'many' });
    expect(text).not.toContain('required');
    expect(text).toContain('`maxusers`');
    expect(text).toMatch(/expected (a |an )?number/);
    const missing = t.input.safeParse({});
    if (missing.success) throw new Error('should fail');
    expect(describeIssues(missing.error, {})).toContain('`group_id`: required');
  });

  it('a Lanying 401 names the LANYING_* settings, not Easemob ones', () => {
    const r = renderError(new VendorError('lanying', 401, 'http_401', 'Unauthorized'), tool('lanying_delete_user'));
    const text = r.content.map((c) => c.text).join('\n');
    expect(text).toContain('LANYING_ACCESS_TOKEN');
    expect(text).not.toContain('EASEMOB');
  });
});

describe('a fetched Easemob token is a secret', () => {
  const up = new FakeUpstream();
  beforeAll(async () => {
    await up.start();
  });
  afterAll(async () => {
    await up.close();
  });

  it('is redacted from the tool result and the audit line when the upstream echoes it', async () => {
    const auditPath = join(scratch(), 'audit.jsonl');
    const config = loadConfig(up.env({ IM_ADMIN_CONFIRM: 'off', IM_ADMIN_AUDIT_LOG: auditPath }));
    const rt = await startRuntime(config, {
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, deadlineMs: 10_000 },
    });
    try {
      up.fault = {
        status: 503,
        json: { error: 'service_unavailable', error_description: `backend refused ${EM_TOKEN} for this call` },
      };
      const r = await rt.app.call(
        'easemob_update_group',
        { group_id: 'g1', description: 'd' },
        { signal: new AbortController().signal },
      );
      expect(up.tokenRequests.length).toBe(1);
      expect(r.isError).toBe(true);
      const shown = JSON.stringify(r);
      expect(shown).toContain('backend refused');
      expect(shown).not.toContain(EM_TOKEN);
    } finally {
      await rt.close();
    }
    const audit = readFileSync(auditPath, 'utf8');
    expect(audit).toContain('backend refused');
    expect(audit).not.toContain(EM_TOKEN);
  });
});

describe('the stdio line guard', () => {
  it('reads the top-level id only, from the start of a line', async () => {
    const { idFromHead } = await import('../../src/mcp/line-guard.js');
    expect(idFromHead('{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{')).toBe(7);
    expect(idFromHead('{"jsonrpc":"2.0","id":"a\\"b","method":"x"')).toBe('a"b');
    expect(idFromHead('{"method":"tools/call","params":{"arguments":{"id":5,"pad":"xxxx')).toBeNull();
    expect(idFromHead('{"jsonrpc":"2.0","id":12')).toBeNull(); // cut off: could be 123
    expect(idFromHead('{"jsonrpc":"2.0","id":{"x":1},')).toBeNull();
  });

  /** The guard over a stream source, as serveStdio puts it in front of the SDK's stdio transport. */
  async function guarded(max: number, tooLarge: (head: string, bytes: number) => void = () => {}) {
    const { GuardedInput } = await import('../../src/mcp/line-guard.js');
    const source = new PassThrough();
    return { source, input: new GuardedInput(source, max, tooLarge) };
  }

  it('passes lines up to the limit and reports a longer one once, with its head', async () => {
    const reported: [string, number][] = [];
    const { source, input } = await guarded(16, (head, bytes) => reported.push([head.slice(0, 5), bytes]));
    const out: string[] = [];
    input.on('data', (d: Buffer) => out.push(d.toString()));
    const ended = new Promise((r) => input.once('end', r));
    source.write('{"a":1}\n{"b":');
    source.write(`"${'z'.repeat(40)}"}\n{"c":3}\n`);
    source.end();
    await ended;
    expect(out.join('')).toBe('{"a":1}\n{"c":3}\n');
    expect(reported).toEqual([['{"b":', 49]]); // 5 + 1 + 40 + 2 + the newline
  });

  it('hands on the complete lines of a chunk as one view of it, not one piece per line', async () => {
    const { source, input } = await guarded(64);
    const out: Buffer[] = [];
    input.on('data', (d: Buffer) => out.push(d));
    const ended = new Promise((r) => input.once('end', r));
    const chunk = Buffer.from('{"a":1}\n{"b":2}\n{"c":3}\n{"d":');
    source.write(chunk);
    source.write('4}\n');
    source.end();
    await ended;
    expect(out.map((d) => d.toString())).toEqual(['{"a":1}\n{"b":2}\n{"c":3}\n', '{"d":4}\n']);
    expect(out[0]?.buffer).toBe(chunk.buffer); // a view of the chunk, not a copy
  });

  it('reports an over-long last line at end of input, and passes a short unterminated one', async () => {
    const reported: number[] = [];
    const { source, input } = await guarded(8, (_h, bytes) => reported.push(bytes));
    const out: string[] = [];
    input.on('data', (d: Buffer) => out.push(d.toString()));
    const ended = new Promise((r) => input.once('end', r));
    source.end('{"a":1}\n0123456789abc');
    await ended;
    expect(out).toEqual(['{"a":1}\n']);
    expect(reported).toEqual([13]);
    const short = await guarded(8);
    const got: string[] = [];
    short.input.on('data', (d: Buffer) => got.push(d.toString()));
    const shortEnded = new Promise((r) => short.input.once('end', r));
    short.source.end('{"a":1}');
    await shortEnded;
    expect(got).toEqual(['{"a":1}']);
  });

  it('a listener that throws while a held line is handed on leaves nothing held for the next line', async () => {
    const { GuardedInput } = await import('../../src/mcp/line-guard.js');
    // a bare event source, so the throw reaches the guard's own hand-over and nothing else
    const source = Object.assign(new EventEmitter(), { resume() {}, pause() {} });
    const input = new GuardedInput(source as unknown as NodeJS.ReadableStream, 64, () => {});
    const out: string[] = [];
    let throwOnce = true;
    input.on('data', (d: Buffer) => {
      out.push(d.toString());
      if (throwOnce) {
        throwOnce = false;
        throw new Error('listener failed');
      }
    });
    source.emit('data', Buffer.from('{"a":'));
    expect(() => source.emit('data', Buffer.from('1}\n'))).toThrow('listener failed');
    source.emit('data', Buffer.from('{"b":2}\n'));
    expect(out).toEqual(['{"a":1}\n', '{"b":2}\n']);
  });

  it('passes exactly the lines within the limit, in order, however the input is cut (property)', async () => {
    const { GuardedInput } = await import('../../src/mcp/line-guard.js');
    const max = 12;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', '{', '"', 'é', ' '), maxLength: 30 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }),
        async (lines, cuts) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
          const source = new PassThrough();
          const reported: number[] = [];
          const input = new GuardedInput(source, max, (_h, n) => reported.push(n));
          const out: Buffer[] = [];
          input.on('data', (d: Buffer) => out.push(Buffer.from(d)));
          const ended = new Promise((r) => input.once('end', r));
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const n = cuts[i % cuts.length] as number;
            source.write(bytes.subarray(at, at + n));
            at += n;
          }
          source.end();
          await ended;
          const sizes = lines.map((l) => Buffer.byteLength(`${l}\n`));
          expect(Buffer.concat(out).toString()).toBe(
            lines
              .filter((_l, i) => (sizes[i] as number) <= max)
              .map((l) => `${l}\n`)
              .join(''),
          );
          expect(reported).toEqual(sizes.filter((n) => n > max));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('serves the SDK stdio transport: messages in order, and its close detaches from the source and pauses it', async () => {
    const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
    const { source, input } = await guarded(1024);
    const transport = new StdioServerTransport(input as unknown as Readable, new PassThrough());
    const got: unknown[] = [];
    transport.onmessage = (m) => got.push(m);
    await transport.start();
    source.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n{"jsonrpc":"2.0","id":2,');
    source.write('"method":"ping"}\n');
    await new Promise((r) => setImmediate(r));
    expect(got.map((m) => (m as { id: number }).id)).toEqual([1, 2]);
    await transport.close();
    expect(source.listenerCount('data') + source.listenerCount('error') + source.listenerCount('end')).toBe(0);
    expect(source.isPaused()).toBe(true);
  });

  it('reads the source only while a data listener is attached, and pauses it when the last one leaves', async () => {
    const { source, input } = await guarded(64);
    source.write('{"early":1}\n');
    await new Promise((r) => setImmediate(r));
    expect(source.isPaused() || !source.readableFlowing).toBe(true); // nothing read yet: the line waits in the source
    const out: string[] = [];
    const listener = (d: Buffer) => out.push(d.toString());
    input.on('data', listener);
    await new Promise((r) => setImmediate(r));
    expect(out).toEqual(['{"early":1}\n']); // the line written before anyone listened is not lost
    input.off('data', listener);
    expect(source.isPaused()).toBe(true);
    source.write('{"late":2}\n');
    await new Promise((r) => setImmediate(r));
    expect(out).toEqual(['{"early":1}\n']);
    const errors: Error[] = [];
    input.on('error', (e: Error) => errors.push(e));
    input.on('data', listener);
    source.emit('error', new Error('stdin failed'));
    expect(errors.map((e) => e.message)).toEqual(['stdin failed']);
  });
});

describe('settings of this issue', () => {
  it('validates the session bounds and the audit size, naming each variable', async () => {
    const { ConfigError, loadHttpConfig } = await import('../../src/config.js');
    const token = { IM_ADMIN_HTTP_TOKEN: 'a-long-enough-token-123' };
    expect(loadHttpConfig(token, {})).toMatchObject({ sessionIdleSeconds: 900, maxSessions: 1000, port: 3000 });
    expect(() => loadHttpConfig({ ...token, IM_ADMIN_HTTP_MAX_SESSIONS: '0' }, {})).toThrow(
      /IM_ADMIN_HTTP_MAX_SESSIONS.*"0"/,
    );
    expect(() => loadHttpConfig({ ...token, IM_ADMIN_HTTP_SESSION_IDLE_SECONDS: 'soon' }, {})).toThrow(ConfigError);
    expect(() => loadHttpConfig({ ...token, IM_ADMIN_HTTP_PORT: '99999' }, {})).toThrow(/IM_ADMIN_HTTP_PORT/);
    expect(() => loadHttpConfig(token, { port: '99999' })).toThrow(/--port/);
    expect(loadConfig({}).auditMaxBytes).toBe(100 * 1024 * 1024);
    expect(() => loadConfig({ IM_ADMIN_AUDIT_MAX_BYTES: '100' })).toThrow(/IM_ADMIN_AUDIT_MAX_BYTES/);
  });
});
