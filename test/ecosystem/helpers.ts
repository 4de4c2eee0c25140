/**
 * Shared pieces of the ecosystem tests: child processes with time limits, the standalone sandbox (`im-admin-mcp
 * sandbox`) standing in for real vendor credentials, the documented client configurations in docs/clients/, and
 * an SDK client launched exactly like a client application would.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  childEnv,
  type RunResult,
  runTracked,
  spawnTracked,
  stopTracked,
  TrackedStdioTransport,
} from '../helpers/spawn.js';

export type { RunResult } from '../helpers/spawn.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const CLI = join(REPO, 'dist/bundle/cli.js');
export const CLIENTS_DIR = join(REPO, 'docs/clients');
/** The placeholder of every documented command: the clone, or the installed package folder. */
const PATH_PLACEHOLDER = '/path/to/im-admin-mcp';

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `im-admin-eco-${prefix}-`));

/**
 * Runs a command to its end (or kills its process group after `timeoutMs`) and collects its output. Its
 * environment is `opts.env` over `childEnv()`: a scratch HOME unless `opts.env` brings a scratch one.
 */
export function run(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; input?: string } = {},
): Promise<RunResult> {
  return runTracked(command, args, {
    cwd: opts.cwd ?? REPO,
    env: childEnv(opts.env ?? {}),
    timeoutMs: opts.timeoutMs ?? 60_000,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
}

/** A minimal environment, like the one a desktop client gives the servers it starts (with a scratch HOME). */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return childEnv(extra);
}

export interface StandaloneSandbox {
  lanyingUrl: string;
  easemobUrl: string;
  credentials: {
    lanying: { appId: string; accessToken: string };
    easemob: { org: string; app: string; clientId: string; clientSecret: string; appToken: string };
  };
  stop(): Promise<void>;
}

/**
 * `im-admin-mcp sandbox`: the vendor emulator alone, on a random port, standing in for real vendor hosts so the
 * "with credentials" set-ups run end to end (real base URLs, app ids, tokens and client credentials).
 */
export async function startStandaloneSandbox(cli = CLI): Promise<StandaloneSandbox> {
  const proc: ChildProcess = spawnTracked(process.execPath, [cli, 'sandbox'], {
    env: baseEnv({ IM_ADMIN_LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const info = await new Promise<Omit<StandaloneSandbox, 'stop'>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start: ${err}`)), 60_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        const parsed = JSON.parse(out) as Omit<StandaloneSandbox, 'stop'>;
        clearTimeout(timer);
        resolve(parsed);
      } catch {
        // not complete yet
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code}: ${err}`));
    });
  });
  return {
    ...info,
    stop: () => stopTracked(proc),
  };
}

/** Real-credential variables of the documented set-ups, and the standalone sandbox's value for each. */
export function credentialValues(sb: StandaloneSandbox): Record<string, string> {
  const c = sb.credentials;
  return {
    LANYING_BASE_URL: sb.lanyingUrl,
    LANYING_APP_ID: c.lanying.appId,
    LANYING_ACCESS_TOKEN: c.lanying.accessToken,
    EASEMOB_BASE_URL: sb.easemobUrl,
    EASEMOB_ORG: c.easemob.org,
    EASEMOB_APP: c.easemob.app,
    EASEMOB_CLIENT_ID: c.easemob.clientId,
    EASEMOB_CLIENT_SECRET: c.easemob.clientSecret,
    EASEMOB_APP_TOKEN: c.easemob.appToken,
  };
}

/** A documented launch: what a client application starts. */
export interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export const readClientFile = (name: string): string => readFileSync(join(CLIENTS_DIR, name), 'utf8');

/** The one server entry of a documented JSON configuration (`mcpServers` for Claude/Cursor, `servers` for VS Code). */
export function launchFromJson(name: string): Launch & { type?: string } {
  const doc = JSON.parse(readClientFile(name)) as {
    mcpServers?: Record<string, Launch & { type?: string }>;
    servers?: Record<string, Launch & { type?: string }>;
  };
  const servers = doc.mcpServers ?? doc.servers ?? {};
  const entries = Object.values(servers);
  if (entries.length !== 1) throw new Error(`${name}: expected exactly one server, found ${entries.length}`);
  const s = entries[0] as Launch & { type?: string };
  return { command: s.command, args: s.args ?? [], env: s.env ?? {}, ...(s.type ? { type: s.type } : {}) };
}

/** Splits one shell command line into words (plain words, '…' and "…" quoting; no expansions). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let current = '';
  let last = -1;
  for (const m of line.matchAll(re)) {
    const piece = m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] as string));
    if (last === m.index && words.length) {
      // adjacent pieces without a space belong to the same word (e.g. --x='a b')
      current = (words.pop() as string) + piece;
    } else current = piece;
    words.push(current);
    last = (m.index ?? 0) + m[0].length;
  }
  return words;
}

/** The command lines of a documented .sh snippet (comments and blank lines skipped). */
export const commandLines = (name: string): string[] =>
  readClientFile(name)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

/** `claude mcp add <name> [-e K=V]… -- <command> [args…]` → what Claude Code will start. */
export function launchFromClaudeAdd(line: string): Launch & { name: string } {
  const w = shellWords(line);
  if (w[0] !== 'claude' || w[1] !== 'mcp' || w[2] !== 'add') throw new Error(`not a claude mcp add line: ${line}`);
  const name = w[3] as string;
  const sep = w.indexOf('--');
  if (sep < 0) throw new Error(`no -- before the server command: ${line}`);
  const env: Record<string, string> = {};
  for (let i = 4; i < sep; i++) {
    if (w[i] === '-e' || w[i] === '--env') {
      const kv = w[++i] as string;
      const eq = kv.indexOf('=');
      env[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else throw new Error(`unexpected option ${w[i]} in: ${line}`);
  }
  return { name, command: w[sep + 1] as string, args: w.slice(sep + 2), env };
}

/**
 * Makes a documented launch runnable here, changing only placeholders: the path placeholder becomes `root`, each
 * credential variable gets the standalone sandbox's value, a VS Code `${input:…}` is what the user would type.
 * Everything else (command, flags, IM_ADMIN_* settings) stays exactly as documented.
 */
export function resolveLaunch(launch: Launch, root: string, creds?: Record<string, string>): Launch {
  const path = (s: string) => s.split(PATH_PLACEHOLDER).join(root);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(launch.env)) {
    if (creds && k in creds) env[k] = creds[k] as string;
    else if (/^your-|\$\{input:/.test(v)) throw new Error(`${k}=${v} is a placeholder the test cannot fill`);
    else env[k] = v;
  }
  const command = launch.command === 'node' ? process.execPath : path(launch.command);
  return { command, args: launch.args.map(path), env };
}

export interface Connected {
  client: Client;
  stderr: () => string;
  close(): Promise<void>;
}

/** Starts a server the way a client application does (stdio, its command/args/env) and connects the SDK client. */
export async function connect(launch: Launch, opts: { cwd?: string } = {}): Promise<Connected> {
  const transport = new TrackedStdioTransport({
    command: launch.command,
    args: launch.args,
    env: baseEnv(launch.env),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  let err = '';
  transport.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const client = new Client({ name: 'ecosystem-test', version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (e) {
    throw new Error(`could not connect to ${launch.command} ${launch.args.join(' ')}: ${String(e)}\n${err}`);
  }
  return { client, stderr: () => err, close: () => client.close() };
}

export const textOf = (r: { [k: string]: unknown }): string =>
  ((r.content as { type: string; text?: string }[] | undefined) ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n');

/** Tool names in the manifest, by predicate. */
export function manifestTools(
  pred: (t: { name: string; annotations: { readOnlyHint: boolean } }) => boolean = () => true,
): string[] {
  const m = JSON.parse(readFileSync(join(REPO, 'tools.manifest.json'), 'utf8')) as {
    tools: { name: string; annotations: { readOnlyHint: boolean } }[];
  };
  return m.tools.filter(pred).map((t) => t.name);
}
