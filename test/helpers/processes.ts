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
