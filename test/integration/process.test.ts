/**
 * Issue 13 (reliability), the process half: broken pipes, signals, end of input, oversized stdio lines, start-up
 * messages, the sandbox state path, Redis down. Each test spawns the built bundle with a scratch HOME, in its own
 * process group, killed with its children when a bound runs out. Bounds are generous: they catch a hang, never
 * measure speed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { CLI } from '../helpers/mcp-client.js';
import { type CliProcess, freePort, killAllCli, spawnCli, startRedis } from '../helpers/processes.js';
import { runTracked, scratchHome } from '../helpers/spawn.js';

const HANG = 20_000;
afterEach(killAllCli);

const rpc = (p: CliProcess, msg: Record<string, unknown>) => p.proc.stdin?.write(`${JSON.stringify(msg)}\n`);
const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
async function initialised(p: CliProcess): Promise<void> {
  rpc(p, INIT);
  await p.waitFor('stdout', /"id":1[,}]/);
  rpc(p, { jsonrpc: '2.0', method: 'notifications/initialized' });
}
const responses = (p: CliProcess) =>
  p
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id?: unknown; result?: unknown; error?: { code: number; message: string } });

describe('broken stderr', () => {
  it('EPIPE on stderr ends the process instead of spinning', async () => {
    const p = spawnCli([], { IM_ADMIN_LOG_LEVEL: 'warn' });
    await p.waitFor('stderr', /SANDBOX/);
    await initialised(p);
    p.proc.stderr?.destroy(); // the parent's end of stderr is gone
    // an unknown tool is answered with isError and logged as a warning: a write to the broken stderr
    rpc(p, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } });
    const r = await p.exitWithin(HANG);
    expect(r, 'the process is still running (spinning on EPIPE)').toBeDefined();
    expect(r?.signal).toBeNull();
  }, 40_000);

  it('SIGTERM ends the process while stderr is broken', async () => {
    const p = spawnCli([], { IM_ADMIN_LOG_LEVEL: 'warn' });
    await p.waitFor('stderr', /SANDBOX/);
    await initialised(p);
    p.proc.stderr?.destroy();
    rpc(p, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } });
    p.proc.kill('SIGTERM');
    const r = await p.exitWithin(HANG);
    expect(r, 'SIGTERM did not end the process').toBeDefined();
  }, 40_000);

  it('EPIPE on stdout ends the process', async () => {
    const p = spawnCli([], { IM_ADMIN_LOG_LEVEL: 'warn' });
    await p.waitFor('stderr', /SANDBOX/);
    await initialised(p);
    p.proc.stdout?.destroy();
    rpc(p, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const r = await p.exitWithin(HANG);
    expect(r, 'the process kept running with nobody reading stdout').toBeDefined();
  }, 40_000);
});

describe('oversized stdio messages', () => {
  it('answers an 11 MiB line with a JSON-RPC error, logs it once, keeps serving, and ends at end of input', async () => {
    const p = spawnCli([], { IM_ADMIN_LOG_LEVEL: 'warn' });
    await p.waitFor('stderr', /SANDBOX/);
    await initialised(p);
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 'big-1',
      method: 'tools/call',
      params: { name: 'lanying_get_user', arguments: { pad: 'x'.repeat(11 * 1024 * 1024) } },
    });
    p.proc.stdin?.write(`${big}\n`);
    rpc(p, { jsonrpc: '2.0', id: 3, method: 'ping' });
    await p.waitFor('stdout', /"id":3[,}]/, HANG);
    const all = responses(p);
    const bigReply = all.find((m) => m.id === 'big-1');
    expect(bigReply?.error?.code).toBe(-32600);
    expect(bigReply?.error?.message).toMatch(/10 MiB|10485760/);
    expect(all.find((m) => m.id === 3)?.result).toEqual({});
    const logged = p
      .stderr()
      .split('\n')
      .filter((l) => /too large|exceeds/i.test(l));
    expect(logged).toHaveLength(1);
    expect(() => JSON.parse(logged[0] as string)).not.toThrow();
    // the server still serves after it
    rpc(p, { jsonrpc: '2.0', id: 4, method: 'tools/list' });
    await p.waitFor('stdout', /"id":4[,}]/);
    p.proc.stdin?.end();
    const r = await p.exitWithin(HANG);
    expect(r, 'end of input did not end the process').toBeDefined();
    expect(r?.code).toBe(0);
  }, 60_000);

  it('answers everything around an over-long line sent in the same write, each once', async () => {
    const p = spawnCli([], { IM_ADMIN_LOG_LEVEL: 'warn' });
    await p.waitFor('stderr', /SANDBOX/);
    await initialised(p);
    const ping = (id: number) => `${JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' })}\n`;
    const before = Array.from({ length: 20 }, (_, i) => ping(10 + i)).join('');
    const big = `{"jsonrpc":"2.0","id":"big-2","method":"ping","params":{"pad":"${'x'.repeat(11 * 1024 * 1024)}"}}\n`;
    p.proc.stdin?.write(before + big + ping(40) + ping(41));
    await p.waitFor('stdout', /"id":41[,}]/, HANG);
    // every message answered once: the pings with a result, the over-long line with -32600 under its own id
    const replies = responses(p).filter((m) => m.id !== 1);
    expect(replies.map((m) => m.id).sort()).toEqual(
      [...Array.from({ length: 20 }, (_, i) => 10 + i), 40, 41, 'big-2'].sort(),
    );
    for (const m of replies) {
      if (m.id === 'big-2') expect(m.error?.code).toBe(-32600);
      else expect(m.result).toEqual({});
    }
    p.proc.stdin?.end();
    expect(await p.exitWithin(HANG)).toBeDefined();
  }, 60_000);

  it('answers with id null when the id cannot be read from the start of the line', async () => {
    const p = spawnCli([], { IM_ADMIN_LOG_LEVEL: 'warn' });
    await p.waitFor('stderr', /SANDBOX/);
    await initialised(p);
    p.proc.stdin?.write(`{"jsonrpc":"2.0","params":{"pad":"${'y'.repeat(11 * 1024 * 1024)}"},"id":9}\n`);
    rpc(p, { jsonrpc: '2.0', id: 5, method: 'ping' });
    await p.waitFor('stdout', /"id":5[,}]/, HANG);
    const err = responses(p).find((m) => m.error?.code === -32600);
    expect(err?.id).toBeNull();
    p.proc.stdin?.end();
    expect(await p.exitWithin(HANG)).toBeDefined();
  }, 60_000);
});

describe('signals', () => {
  const up = new FakeUpstream();
  beforeAll(async () => {
    await up.start();
  });
  afterAll(async () => up.close());

  it('SIGTERM during a write already sent finishes its audit line, then exits', async () => {
    up.reset();
    up.fault = { delayMs: 120_000 };
    const p = spawnCli([], up.env({ IM_ADMIN_LOG_LEVEL: 'warn', IM_ADMIN_CONFIRM: 'off' }));
    await initialised(p);
    rpc(p, {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'easemob_update_group', arguments: { group_id: 'g1', description: 'd' } },
    });
    const start = Date.now();
    while (up.requests.length === 0 && Date.now() - start < HANG) await new Promise((r) => setTimeout(r, 20));
    expect(up.requests).toHaveLength(1);
    p.proc.kill('SIGTERM');
    const r = await p.exitWithin(HANG);
    expect(r, 'SIGTERM did not end the process').toBeDefined();
    const auditPath = p.auditPath;
    const lines = readFileSync(auditPath, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as { tool: string; outcome: string };
    expect(line.tool).toBe('easemob_update_group');
    expect(line.outcome).toBe('error');
  }, 60_000);

  it('SIGINT ends an idle server', async () => {
    const p = spawnCli([], { IM_ADMIN_LOG_LEVEL: 'warn' });
    await p.waitFor('stderr', /SANDBOX/);
    await initialised(p);
    p.proc.kill('SIGINT');
    const r = await p.exitWithin(HANG);
    expect(r).toBeDefined();
    expect(r?.code).toBe(0);
  }, 40_000);
});

describe('start-up messages', () => {
  const run = async (env: Record<string, string>, args: string[] = []) => {
    const r = await runTracked(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: scratchHome(), ...env },
      input: '',
      timeoutMs: HANG,
    });
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };

  it('IM_ADMIN_HTTP_PORT=99999 is one line naming the variable, before any other output', async () => {
    const r = await run({ IM_ADMIN_HTTP_PORT: '99999', IM_ADMIN_HTTP_TOKEN: 'a-long-enough-token-123' }, ['--http']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('IM_ADMIN_HTTP_PORT');
    expect(lines[0]).toContain('99999');
    expect(lines[0]).not.toContain('--port');
  });

  it('a missing IM_ADMIN_HTTP_TOKEN is reported before the sandbox starts', async () => {
    const r = await run({}, ['--http']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('IM_ADMIN_HTTP_TOKEN');
  });

  it('a sandbox state path under /proc fails at once with a line naming IM_ADMIN_SANDBOX_STATE', async () => {
    const p = spawnCli([], { IM_ADMIN_SANDBOX_STATE: '/proc/im-admin-nope/sub/state.json' });
    const r = await p.exitWithin(HANG);
    expect(r, 'start-up hung on the sandbox state path').toBeDefined();
    expect(r?.code).not.toBe(0);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('IM_ADMIN_SANDBOX_STATE');
    expect(lines[0]).toContain('/proc/im-admin-nope/sub/state.json');
  }, 40_000);

  it('an unwritable sandbox state path names the setting, not a bare errno', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'im-admin-state-'));
    writeFileSync(join(dir, 'file'), 'x');
    const r = await run({ IM_ADMIN_SANDBOX_STATE: join(dir, 'file', 'state.json') });
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('IM_ADMIN_SANDBOX_STATE');
  });

  it('the `sandbox` command names IM_ADMIN_SANDBOX_STATE too', async () => {
    const p = spawnCli(['sandbox'], { IM_ADMIN_SANDBOX_STATE: '/proc/im-admin-nope/state.json' });
    const r = await p.exitWithin(HANG);
    expect(r).toBeDefined();
    expect(r?.code).not.toBe(0);
    expect(p.stderr()).toContain('IM_ADMIN_SANDBOX_STATE');
  }, 40_000);
});

describe('Redis down', () => {
  const jsonOnly = (stderr: string) => {
    for (const line of stderr.split('\n').filter(Boolean)) {
      expect(() => JSON.parse(line), `non-JSON stderr line: ${line}`).not.toThrow();
    }
    expect(stderr).not.toContain('[ioredis]');
  };

  it('at start: one line naming IM_ADMIN_REDIS_URL, no ioredis text, non-zero exit', async () => {
    const port = await freePort();
    const p = spawnCli([], { IM_ADMIN_REDIS_URL: `redis://127.0.0.1:${port}` });
    const r = await p.exitWithin(HANG);
    expect(r, 'start-up hung with Redis down').toBeDefined();
    expect(r?.code).not.toBe(0);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('IM_ADMIN_REDIS_URL');
    expect(p.stderr()).not.toContain('[ioredis]');
    expect(p.stderr()).not.toContain('Connection is closed');
  }, 40_000);

  it('per call: the call fails closed naming IM_ADMIN_REDIS_URL, stderr stays JSON lines', async () => {
    const redis = await startRedis();
    const p = spawnCli([], {
      IM_ADMIN_LOG_LEVEL: 'warn',
      IM_ADMIN_REDIS_URL: redis.url,
      IM_ADMIN_CONFIRM_SECRET: 'redis-test-secret-0123456789',
    });
    try {
      await p.waitFor('stderr', /SANDBOX/);
      await initialised(p);
      const call = { name: 'easemob_get_groups', arguments: { group_id: ['100000000000001'] } };
      rpc(p, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: call });
      await p.waitFor('stdout', /"id":2[,}]/);
      expect(JSON.stringify(responses(p).find((m) => m.id === 2))).not.toContain('"isError":true');
      await redis.stop();
      rpc(p, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: call });
      await p.waitFor('stdout', /"id":3[,}]/, HANG);
      const reply = JSON.stringify(responses(p).find((m) => m.id === 3));
      expect(reply).toContain('"isError":true');
      expect(reply).toContain('IM_ADMIN_REDIS_URL');
      expect(reply).not.toContain('max retries');
      // let reconnect attempts happen, then end the server: it must still exit with Redis gone
      await new Promise((r) => setTimeout(r, 1_500));
      p.proc.stdin?.end();
      expect(await p.exitWithin(HANG), 'the server did not end with Redis down').toBeDefined();
      jsonOnly(p.stderr());
    } finally {
      await redis.stop().catch(() => {});
    }
  }, 60_000);
});
