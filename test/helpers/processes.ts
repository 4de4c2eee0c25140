/** Child processes for HTTP-mode and Redis tests: the built server over HTTP, and a real redis-server (tracked). */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CLI } from './mcp-client.js';
import { childEnv, spawnTracked, stopTracked } from './spawn.js';

export interface HttpServerProcess {
  url: string;
  proc: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

export async function startHttpServer(env: Record<string, string>, args: string[] = []): Promise<HttpServerProcess> {
  const auditPath = join(mkdtempSync(join(tmpdir(), 'im-admin-audit-')), 'audit.jsonl');
  const proc = spawnTracked(process.execPath, [CLI, '--http', '--port', '0', ...args], {
    env: childEnv({ IM_ADMIN_LOG_LEVEL: 'warn', IM_ADMIN_AUDIT_LOG: auditPath, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HTTP server did not start: ${err}`)), 60_000);
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /MCP over HTTP at (\S+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`HTTP server exited with ${code}: ${err}`));
    });
  });
  return {
    url,
    proc,
    stderr: () => err,
    stop: () => stopTracked(proc),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a throw-away redis-server; fails loudly when the binary is missing (.ci/run installs it). */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const found = (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'redis-server')));
  if (!found) throw new Error('redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does)');
  const port = await freePort();
  const proc = spawnTracked(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 60_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => stopTracked(proc),
  };
}

export interface CliProcess {
  proc: ChildProcess;
  /** IM_ADMIN_AUDIT_LOG of the process (under its scratch HOME unless given) */
  auditPath: string;
  stdout: () => string;
  stderr: () => string;
  /** resolves once the process has exited (code or signal) */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** waits until stdout or stderr matches, or rejects after ms (a generous bound, not a speed assertion) */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, ms?: number): Promise<string>;
  /** exit within ms, or undefined (the process is then killed with its whole group) */
  exitWithin(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined>;
  kill(): void;
}

const live = new Set<ChildProcess>();
/** Kills a spawned CLI and everything in its process group. */
function killGroup(proc: ChildProcess): void {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    proc.kill('SIGKILL');
  }
}
/** For afterEach/afterAll: no spawned CLI outlives its test, even after a failed assertion or a timeout. */
export function killAllCli(): void {
  for (const p of live) killGroup(p);
  live.clear();
}
process.once('exit', killAllCli);

/**
 * Spawns the built CLI in its own process group (spawnTracked) with a scratch HOME (so nothing touches the user's
 * files) and only the environment given (plus PATH and TMPDIR).
 */
export function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  const base = childEnv();
  const auditPath = env.IM_ADMIN_AUDIT_LOG ?? join(base.HOME as string, 'audit.jsonl');
  // only the environment given (plus PATH, TMPDIR and the scratch HOME)
  const only: Record<string, string> = { HOME: base.HOME as string };
  for (const k of ['PATH', 'TMPDIR']) if (base[k]) only[k] = base[k] as string;
  const proc = spawnTracked(process.execPath, [CLI, ...args], {
    env: { ...only, ...env, IM_ADMIN_AUDIT_LOG: auditPath },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(proc);
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  // a destroyed pipe on our side must not crash the test runner
  for (const s of [proc.stdin, proc.stdout, proc.stderr]) s?.on('error', () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      live.delete(proc);
      resolve({ code, signal });
    });
  });
  const text = (s: 'stdout' | 'stderr') => (s === 'stdout' ? out : err);
  return {
    proc,
    auditPath,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(stream, pattern, ms = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text(stream));
          if (m) {
            cleanup();
            resolve(m[0]);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} on ${stream} within ${ms} ms; stderr: ${err.slice(0, 2000)}`));
        }, ms);
        const onExit = () => {
          check();
          cleanup();
          reject(new Error(`exited before ${pattern} appeared on ${stream}; stderr: ${err.slice(0, 2000)}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          proc.stdout?.off('data', check);
          proc.stderr?.off('data', check);
          proc.off('exit', onExit);
        };
        proc.stdout?.on('data', check);
        proc.stderr?.on('data', check);
        proc.once('exit', onExit);
        check();
      });
    },
    async exitWithin(ms) {
      let timer: NodeJS.Timeout | undefined;
      const r = await Promise.race([
        exited,
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), ms);
        }),
      ]);
      clearTimeout(timer);
      if (r === undefined) killGroup(proc);
      return r;
    },
    kill: () => killGroup(proc),
  };
}
