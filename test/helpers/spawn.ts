/**
 * Every process a test starts goes through here.
 * - Its environment comes from `childEnv`: a few inherited variables and always a scratch HOME (a fresh folder
 *   under the temp dir), never the real home folder; `spawnTracked` refuses any other HOME.
 * - It is spawned detached, into its own process group, and registered. Stopping it kills the whole group (an
 *   `npm exec` and the server it started, a shell and its children); so does its leader's exit, the setup file's
 *   afterAll after every test file, and this worker's exit, so a test that times out leaks nothing.
 */
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

const SCRATCH_PREFIX = 'im-admin-home-';
const TMP = realpathSync(tmpdir());

/** A fresh, empty folder to serve as a child's HOME. */
export function scratchHome(): string {
  return mkdtempSync(join(TMP, SCRATCH_PREFIX));
}

/** True for a folder made by `scratchHome` (directly under the temp dir, with its prefix). */
export function isScratchHome(home: string | undefined): boolean {
  if (!home) return false;
  let real: string;
  try {
    real = realpathSync(home);
  } catch {
    return false;
  }
  return dirname(real) === TMP && basename(real).startsWith(SCRATCH_PREFIX);
}

const INHERITED = ['PATH', 'TMPDIR', 'SYSTEMROOT'];

/**
 * The environment of a child process: PATH, TMPDIR (and SYSTEMROOT) from this process, a scratch HOME, no npm
 * update check, then `extra`. `extra` may name its own HOME only if it is a scratch one.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of INHERITED) if (process.env[k]) env[k] = process.env[k] as string;
  env.HOME = scratchHome();
  // with an empty HOME, npm's update check goes to the network before doing anything (a minute and more offline)
  env.npm_config_update_notifier = 'false';
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  if (!isScratchHome(env.HOME))
    throw new Error(`a test child must get a scratch HOME (scratchHome()), not ${env.HOME}`);
  return env;
}

/**
 * `childEnv` for npm and npx. They keep using npm's download cache and user config (so installs stay offline-first
 * and reach the configured registry): the one deliberate exception to "nothing under the real home", written to
 * only by npm. Proxy settings are passed on.
 */
export function npmEnv(extra: Record<string, string> = {}): Record<string, string> {
  const pass: Record<string, string | undefined> = {};
  for (const k of ['http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'])
    pass[k] = process.env[k];
  return childEnv({
    ...pass,
    npm_config_cache: process.env.npm_config_cache ?? join(userInfo().homedir, '.npm'),
    npm_config_userconfig: process.env.npm_config_userconfig,
    npm_config_registry: process.env.npm_config_registry,
    npm_config_fund: 'false',
    ...extra,
  });
}

interface SpawnRecord {
  command: string;
  args: string[];
  home: string;
  pid: number | undefined;
}

/** Every spawn of this worker, in order (the HOME test reads it). */
export const spawnLog: SpawnRecord[] = [];
const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
}

interface SpawnTrackedOptions {
  env: Record<string, string>;
  cwd?: string;
  stdio?: StdioOptions;
}

/** Spawns `command` in its own process group with a scratch HOME, registered for clean-up. */
export function spawnTracked(command: string, args: string[], opts: SpawnTrackedOptions): ChildProcess {
  if (!isScratchHome(opts.env.HOME)) {
    throw new Error(`refusing to start ${command} with HOME=${opts.env.HOME}: build its env with childEnv()`);
  }
  const child = spawn(command, args, {
    env: opts.env,
    cwd: opts.cwd,
    stdio: opts.stdio ?? ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  spawnLog.push({ command, args, home: opts.env.HOME as string, pid: child.pid });
  live.add(child);
  // When the leader ends, whatever it left in its group goes too.
  child.once('exit', () => {
    killGroup(child, 'SIGKILL');
    live.delete(child);
  });
  child.once('error', () => live.delete(child));
  return child;
}

/** Stops a child and its group: SIGTERM, then SIGKILL after `graceMs` (clean-up only, not a test deadline). */
export async function stopTracked(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    killGroup(child, 'SIGKILL');
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
  await Promise.race([exited, timer]);
  killGroup(child, 'SIGKILL');
  await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
}

/** Kills every live child group of this worker at once (afterAll of every file, and process exit). */
export function sweepChildren(): number {
  const n = live.size;
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
  return n;
}

process.once('exit', sweepChildren);

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, or kills its group after `timeoutMs`, and collects its output. */
export function runTracked(
  command: string,
  args: string[],
  opts: { cwd?: string; env: Record<string, string>; timeoutMs?: number; input?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(command, args, { env: opts.env, ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${opts.timeoutMs} ms]`;
      killGroup(child, 'SIGKILL');
    }, opts.timeoutMs ?? 120_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(opts.input ?? '');
  });
}

/**
 * The SDK's stdio client transport, but over a tracked child: its own process group, killed as a group on close.
 * (StdioClientTransport kills only the process it started: closing `npx im-admin-mcp` left the server running.)
 */
export class TrackedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly stderr = new PassThrough();
  private child: ChildProcess | undefined;
  private readonly buffer = new ReadBuffer();

  constructor(
    private readonly params: { command: string; args?: string[]; env: Record<string, string>; cwd?: string },
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawnTracked(this.params.command, this.params.args ?? [], {
        env: this.params.env,
        ...(this.params.cwd ? { cwd: this.params.cwd } : {}),
      });
      this.child = child;
      child.once('error', (err) => {
        reject(err);
        this.onerror?.(err);
      });
      child.once('spawn', () => resolve());
      child.once('close', () => {
        this.child = undefined;
        this.onclose?.();
      });
      child.stdin?.on('error', (err) => this.onerror?.(err));
      child.stdout?.on('data', (chunk: Buffer) => {
        this.buffer.append(chunk);
        for (;;) {
          let msg: JSONRPCMessage | null;
          try {
            msg = this.buffer.readMessage();
          } catch (err) {
            this.onerror?.(err as Error);
            continue;
          }
          if (msg === null) break;
          this.onmessage?.(msg);
        }
      });
      child.stderr?.pipe(this.stderr);
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin) return reject(new Error('Not connected'));
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    // Like a client application: close stdin and give the server a moment to exit by itself, then stop the group.
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
    await stopTracked(child);
    this.buffer.clear();
  }
}

/** Live (not zombie) members of process group `pgid`, from /proc (Linux); [] elsewhere. */
export function groupMembers(pgid: number): number[] {
  if (process.platform !== 'linux') return [];
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …: comm may hold spaces, so split after its closing parenthesis
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') out.push(Number(name));
  }
  return out;
}

/**
 * Servers that a framework started itself (its own stdio transport, not `spawnTracked`): the live child processes of
 * this process whose command line contains `marker` (Linux /proc; [] elsewhere). They share this process's group, so
 * they are found and killed one by one, never as a group.
 */
export function childServers(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== process.pid || state === 'Z' || state === 'X') continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(marker)) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Kills every `childServers(marker)` (after a framework's close, or whatever a failed test left). */
export function killChildServers(marker: string): number {
  const pids = childServers(marker);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return pids.length;
}
