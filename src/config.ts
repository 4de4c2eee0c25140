/**
 * Configuration from the environment (contract §2), mirrored by a few CLI flags. Every problem stops start-up
 * with one line naming the variable and the bad value, before any protocol traffic.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LogLevel } from './log.js';
import { LOOKUPS } from './lookups/index.js';
import { ALL_TOOLS } from './tools/index.js';
import { PRESETS, TOOLSETS } from './tools/toolsets.js';
import type { EasemobConfig } from './vendors/easemob.js';
import type { LanyingConfig } from './vendors/lanying.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface Config {
  sandbox: boolean;
  lanying?: LanyingConfig;
  easemob?: EasemobConfig;
  readOnly: boolean;
  toolsets?: string[];
  tools?: string[];
  excludeTools: string[];
  confirm: 'auto' | 'console' | 'off';
  confirmTtlSeconds: number;
  /** IM_ADMIN_CONFIRM=console: how long a destructive call waits for a person's decision before approval_pending */
  approvalWaitSeconds: number;
  /** IM_ADMIN_CONFIRM=console: how long a pending approval can be decided */
  approvalTtlSeconds: number;
  /** the approval console (docs/approval-console.md) */
  console: ConsoleConfig;
  /** how long a person has to answer a confirmation question (elicitation); no answer refuses the call */
  elicitTimeoutSeconds: number;
  auditLog: string;
  /** rotate the audit log before it grows past this many bytes; 0: never */
  auditMaxBytes: number;
  timeoutMs: number;
  logLevel: LogLevel;
  sandboxStatePath?: string;
  /** IM_ADMIN_SANDBOX_SEED: JSON file with extra sandbox seed data (Easemob users) */
  sandboxSeedPath?: string;
  dryRun: boolean;
  /** IM_ADMIN_DYNAMIC_TOOLSETS / --dynamic: tools/list starts with the discovery tools and grows per toolset */
  dynamicToolsets: boolean;
  protectedUsers: string[];
  protectedGroups: string[];
  /** -1: no cap */
  maxMuteMs: number;
  maxTargets: number;
  maxDestructive: number;
  destructiveWindowSeconds: number;
  redisUrl?: string;
  /** client-side pacing, calls per second per vendor app (0: off) */
  easemobRate: number;
  lanyingRate: number;
  burst: number;
  maxResponseBytes: number;
  /** IM_ADMIN_FILES_DIR as a real absolute path: the only folder the share-file tools may read or write */
  filesDir?: string;
  /** where spent confirmation tokens are kept without Redis (beside the audit log) */
  spentTokensDir: string;
}

export interface ConsoleConfig {
  /** stdio mode: the console's loopback port (IM_ADMIN_CONSOLE_PORT; 0: any free port) */
  port: number;
  /** IM_ADMIN_CONSOLE_BASE_URL: the external origin used in links (behind a TLS reverse proxy) */
  baseUrl?: string;
  /** IM_ADMIN_CONSOLE_APPROVERS / _FILE; empty: one `admin` with a random credential, printed at start */
  approvers: { name: string; secret: string }[];
  /** IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS: tools that need two different approvers */
  twoPersonTools: string[];
  /** IM_ADMIN_CONSOLE_WEBHOOK_URL (a secret) */
  webhookUrl?: string;
  /** IM_ADMIN_CONSOLE_SESSION_SECONDS: lifetime of a console login */
  sessionSeconds: number;
}

const DEFAULT_CONSOLE_PORT = 8470;

/** `name:secret` pairs, from IM_ADMIN_CONSOLE_APPROVERS (comma list) or its _FILE (one a line, # comments). */
function approvers(env: Env): { name: string; secret: string }[] {
  const inline = val(env, 'IM_ADMIN_CONSOLE_APPROVERS');
  const file = val(env, 'IM_ADMIN_CONSOLE_APPROVERS_FILE');
  if (inline && file) {
    throw new ConfigError('IM_ADMIN_CONSOLE_APPROVERS and IM_ADMIN_CONSOLE_APPROVERS_FILE are both set: use one');
  }
  let entries: string[] = [];
  let setting = 'IM_ADMIN_CONSOLE_APPROVERS';
  if (inline) entries = inline.split(',');
  if (file) {
    setting = 'IM_ADMIN_CONSOLE_APPROVERS_FILE';
    try {
      entries = readFileSync(resolve(file), 'utf8').split(/\r?\n/);
    } catch (err) {
      throw new ConfigError(`${setting} "${file}" cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const out: { name: string; secret: string }[] = [];
  for (const raw of entries) {
    const e = raw.trim();
    if (!e || e.startsWith('#')) continue;
    const i = e.indexOf(':');
    const name = i < 0 ? e : e.slice(0, i).trim();
    const secret = i < 0 ? '' : e.slice(i + 1).trim();
    // never echo a credential: only the name is named
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      throw new ConfigError(
        `${setting}: approver names are 1-64 letters, digits or . _ @ -, got "${name.slice(0, 64)}"`,
      );
    }
    if (secret.length < 12)
      throw new ConfigError(`${setting}: the credential of "${name}" must be at least 12 characters`);
    if (out.some((a) => a.name === name)) throw new ConfigError(`${setting}: approver "${name}" is listed twice`);
    out.push({ name, secret });
  }
  return out;
}

function consoleConfig(env: Env, toolNames: Set<string>): ConsoleConfig {
  const base = url(env, 'IM_ADMIN_CONSOLE_BASE_URL');
  if (base && new URL(base).pathname !== '/') {
    throw new ConfigError(
      `IM_ADMIN_CONSOLE_BASE_URL must be an origin only (the console is always under /console), got "${base}"`,
    );
  }
  const two = list(env, 'IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS') ?? [];
  for (const n of two) {
    if (!toolNames.has(n)) {
      throw new ConfigError(
        `IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS has an unknown tool "${n}"; valid tool names are listed in tools.manifest.json`,
      );
    }
  }
  const hook = val(env, 'IM_ADMIN_CONSOLE_WEBHOOK_URL');
  if (hook) {
    let u: URL | undefined;
    try {
      u = new URL(hook);
    } catch {
      u = undefined;
    }
    // the URL is a secret: named, never shown
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) {
      throw new ConfigError(
        'IM_ADMIN_CONSOLE_WEBHOOK_URL is not a valid http(s) URL (its value is not shown: it is a secret)',
      );
    }
  }
  const people = approvers(env);
  if (two.length > 0 && people.length < 2) {
    throw new ConfigError(
      `IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS needs two different approvers, but ${people.length === 0 ? 'none is' : 'one is'} configured: list at least two in IM_ADMIN_CONSOLE_APPROVERS (or its _FILE), or those tools could never be approved`,
    );
  }
  const cfg: ConsoleConfig = {
    port: int(env, 'IM_ADMIN_CONSOLE_PORT', DEFAULT_CONSOLE_PORT, 0, 65535),
    approvers: people,
    twoPersonTools: two,
    sessionSeconds: int(env, 'IM_ADMIN_CONSOLE_SESSION_SECONDS', 8 * 3600, 60, 30 * 86_400),
  };
  if (base) cfg.baseUrl = base;
  if (hook) cfg.webhookUrl = hook;
  return cfg;
}

/** The server's own files: no tool may read or write them, even inside IM_ADMIN_FILES_DIR. */
export function reservedPaths(config: Config): { path: string; what: string }[] {
  return [
    { path: config.auditLog, what: 'the audit log (IM_ADMIN_AUDIT_LOG)' },
    { path: config.spentTokensDir, what: 'the confirmation token store (beside the audit log)' },
    ...(config.sandboxStatePath
      ? [{ path: config.sandboxStatePath, what: 'the sandbox state file (IM_ADMIN_SANDBOX_STATE)' }]
      : []),
    ...(config.sandboxSeedPath
      ? [{ path: config.sandboxSeedPath, what: 'the sandbox seed file (IM_ADMIN_SANDBOX_SEED)' }]
      : []),
  ];
}

function filesDir(env: Env): string | undefined {
  const v = val(env, 'IM_ADMIN_FILES_DIR');
  if (v === undefined) return undefined;
  let real: string;
  try {
    real = realpathSync(resolve(v));
  } catch {
    throw new ConfigError(`IM_ADMIN_FILES_DIR "${v}" does not exist: create the folder or unset the variable`);
  }
  if (!statSync(real).isDirectory()) throw new ConfigError(`IM_ADMIN_FILES_DIR "${v}" is not a folder`);
  return real;
}

const DEFAULT_LANYING_BASE_URL = 'https://s-1-3-api.maximtop.cn';
const DEFAULT_AUDIT_LOG = join(homedir(), '.im-admin-mcp', 'audit.jsonl');
/** Rehearsals in the sandbox never mix into the production audit trail. */
const DEFAULT_SANDBOX_AUDIT_LOG = join(homedir(), '.im-admin-mcp', 'sandbox-audit.jsonl');

/** 100 MiB: rotated files are kept, retention is the operator's (docs/safety.md). */
const DEFAULT_AUDIT_MAX_BYTES = 100 * 1024 * 1024;

type Env = Record<string, string | undefined>;

/**
 * A setting left empty is unset, and so is an MCP Bundle placeholder left as it was: a host substitutes
 * `${user_config.X}` in the bundle's env mapping, but an optional field the person did not fill in (and that has no
 * default) arrives as that literal text.
 */
export const isUnsetValue = (v: string | undefined): boolean =>
  v === undefined || v.trim() === '' || /^\$\{user_config\.[^}]*\}$/.test(v.trim());

/** Removes every unset value (empty, or an unfilled bundle placeholder) from `env`, so direct reads agree with `val`. */
export function dropUnsetValues(env: Env): void {
  for (const [k, v] of Object.entries(env)) if (isUnsetValue(v)) delete env[k];
}

const val = (env: Env, name: string): string | undefined => {
  const v = env[name];
  return isUnsetValue(v) ? undefined : v?.trim();
};

function url(env: Env, name: string, fallback?: string): string | undefined {
  const v = val(env, name) ?? fallback;
  if (v === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${v}" (expected e.g. https://a1.easemob.com)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${v}"`);
  }
  if (u.search || u.hash || u.username || u.password) {
    throw new ConfigError(
      `${name} must be a plain base URL without query, fragment or credentials, got "${u.origin}${u.pathname}…"`,
    );
  }
  // written as the URL parser writes it (scheme and host in lower case, no default port, no dot segments): the HTTP
  // client sends the path it is given as it is
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const v = val(env, name)?.toLowerCase();
  if (v === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = val(env, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${v}"`);
  }
  return n;
}

function list(env: Env, name: string): string[] | undefined {
  const v = val(env, name);
  if (v === undefined) return undefined;
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function pair(env: Env, a: string, b: string): [string, string] | undefined {
  const x = val(env, a);
  const y = val(env, b);
  if (x && !y) throw new ConfigError(`${b} is missing: ${a} is set, and both are needed`);
  if (y && !x) throw new ConfigError(`${a} is missing: ${b} is set, and both are needed`);
  return x && y ? [x, y] : undefined;
}

interface Flags {
  sandbox?: boolean;
  readOnly?: boolean;
  dynamic?: boolean;
}

export function loadConfig(env: Env, flags: Flags = {}): Config {
  const lanyingCreds = pair(env, 'LANYING_APP_ID', 'LANYING_ACCESS_TOKEN');
  const lanyingBase = url(env, 'LANYING_BASE_URL', DEFAULT_LANYING_BASE_URL) as string;

  const easemobBase = url(env, 'EASEMOB_BASE_URL');
  const client = pair(env, 'EASEMOB_CLIENT_ID', 'EASEMOB_CLIENT_SECRET');
  const appToken = val(env, 'EASEMOB_APP_TOKEN');
  const org = val(env, 'EASEMOB_ORG');
  const app = val(env, 'EASEMOB_APP');
  const anyEasemob = Boolean(easemobBase || client || appToken || org || app);
  let easemob: Config['easemob'];
  if (anyEasemob) {
    for (const [name, v] of [
      ['EASEMOB_BASE_URL', easemobBase],
      ['EASEMOB_ORG', org],
      ['EASEMOB_APP', app],
    ] as const) {
      if (!v) throw new ConfigError(`${name} is missing: it is needed with the other EASEMOB_* settings`);
      if ((name === 'EASEMOB_ORG' || name === 'EASEMOB_APP') && (v === '.' || v === '..'))
        throw new ConfigError(`${name} cannot be "${v}": it is one segment of every Easemob path (see the console)`);
    }
    if (!appToken && !client) {
      throw new ConfigError('EASEMOB_APP_TOKEN or EASEMOB_CLIENT_ID + EASEMOB_CLIENT_SECRET is needed for Easemob');
    }
    easemob = {
      baseUrl: easemobBase as string,
      org: org as string,
      app: app as string,
      ...(appToken ? { appToken } : {}),
      ...(client ? { clientId: client[0], clientSecret: client[1] } : {}),
    };
  }

  const toolsets = list(env, 'IM_ADMIN_TOOLSETS');
  for (const t of toolsets ?? []) {
    if (!(t in TOOLSETS) && !(t in PRESETS)) {
      const valid = [...Object.keys(TOOLSETS), ...Object.keys(PRESETS)].join(', ');
      throw new ConfigError(`IM_ADMIN_TOOLSETS has an unknown toolset "${t}"; valid: ${valid}`);
    }
  }
  const names = new Set([...ALL_TOOLS, ...LOOKUPS].map((t) => t.name));
  const tools = list(env, 'IM_ADMIN_TOOLS');
  const exclude = list(env, 'IM_ADMIN_EXCLUDE_TOOLS') ?? [];
  for (const [varName, l] of [
    ['IM_ADMIN_TOOLS', tools ?? []],
    ['IM_ADMIN_EXCLUDE_TOOLS', exclude],
  ] as const) {
    for (const n of l) {
      if (!names.has(n))
        throw new ConfigError(
          `${varName} has an unknown tool "${n}"; valid tool names are listed in tools.manifest.json`,
        );
    }
  }

  const confirm = (val(env, 'IM_ADMIN_CONFIRM') ?? 'auto').toLowerCase();
  if (confirm !== 'auto' && confirm !== 'console' && confirm !== 'off') {
    throw new ConfigError(`IM_ADMIN_CONFIRM must be "auto", "console" or "off", got "${env.IM_ADMIN_CONFIRM}"`);
  }
  const logLevel = (val(env, 'IM_ADMIN_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError(`IM_ADMIN_LOG_LEVEL must be debug, info, warn or error, got "${env.IM_ADMIN_LOG_LEVEL}"`);
  }

  const sandbox = Boolean(flags.sandbox) || (!lanyingCreds && !easemob);
  const auditLog = resolve(val(env, 'IM_ADMIN_AUDIT_LOG') ?? (sandbox ? DEFAULT_SANDBOX_AUDIT_LOG : DEFAULT_AUDIT_LOG));
  const cfg: Config = {
    sandbox,
    readOnly: flags.readOnly ?? bool(env, 'IM_ADMIN_READ_ONLY', false),
    excludeTools: exclude,
    confirm: confirm as Config['confirm'],
    confirmTtlSeconds: int(env, 'IM_ADMIN_CONFIRM_TTL_SECONDS', 300, 1, 86_400),
    approvalWaitSeconds: int(env, 'IM_ADMIN_APPROVAL_WAIT_SECONDS', 50, 0, 3600),
    approvalTtlSeconds: int(env, 'IM_ADMIN_APPROVAL_TTL_SECONDS', 3600, 5, 7 * 86_400),
    console: consoleConfig(env, names),
    elicitTimeoutSeconds: int(env, 'IM_ADMIN_ELICIT_TIMEOUT_SECONDS', 600, 1, 86_400),
    auditLog,
    spentTokensDir: join(dirname(auditLog), 'confirm-spent'),
    auditMaxBytes: int(env, 'IM_ADMIN_AUDIT_MAX_BYTES', DEFAULT_AUDIT_MAX_BYTES, 0, Number.MAX_SAFE_INTEGER),
    timeoutMs: int(env, 'IM_ADMIN_TIMEOUT_MS', 15_000, 100, 600_000),
    logLevel: logLevel as LogLevel,
    dryRun: bool(env, 'IM_ADMIN_DRY_RUN', false),
    dynamicToolsets: flags.dynamic || bool(env, 'IM_ADMIN_DYNAMIC_TOOLSETS', false),
    protectedUsers: list(env, 'IM_ADMIN_PROTECTED_USERS') ?? [],
    protectedGroups: list(env, 'IM_ADMIN_PROTECTED_GROUPS') ?? [],
    maxMuteMs: int(env, 'IM_ADMIN_MAX_MUTE_MS', 30 * 24 * 3600 * 1000, -1, Number.MAX_SAFE_INTEGER),
    maxTargets: int(env, 'IM_ADMIN_MAX_TARGETS', 60, 1, 100_000),
    maxDestructive: int(env, 'IM_ADMIN_MAX_DESTRUCTIVE', 60, 1, 1_000_000),
    destructiveWindowSeconds: int(env, 'IM_ADMIN_DESTRUCTIVE_WINDOW_SECONDS', 600, 1, 86_400 * 30),
    easemobRate: int(env, 'IM_ADMIN_EASEMOB_RATE', 80, 0, 10_000),
    lanyingRate: int(env, 'IM_ADMIN_LANYING_RATE', 50, 0, 10_000),
    burst: int(env, 'IM_ADMIN_RATE_BURST', 20, 1, 10_000),
    maxResponseBytes: int(env, 'IM_ADMIN_MAX_RESPONSE_BYTES', 32 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  };
  const redis = val(env, 'IM_ADMIN_REDIS_URL');
  if (redis) {
    if (!/^rediss?:\/\/[^\s]+$/.test(redis)) {
      throw new ConfigError(
        `IM_ADMIN_REDIS_URL must look like redis://host:6379 or rediss://…, got "${redis.replace(/\/\/[^@]*@/, '//…@')}"`,
      );
    }
    cfg.redisUrl = redis;
  }
  if (cfg.maxMuteMs === 0)
    throw new ConfigError('IM_ADMIN_MAX_MUTE_MS must be -1 (no cap) or a positive number of milliseconds, got "0"');
  if (!sandbox && lanyingCreds)
    cfg.lanying = { baseUrl: lanyingBase, appId: lanyingCreds[0], accessToken: lanyingCreds[1] };
  if (!sandbox && easemob) cfg.easemob = easemob;
  if (toolsets) cfg.toolsets = toolsets;
  if (tools) cfg.tools = tools;
  const statePath = val(env, 'IM_ADMIN_SANDBOX_STATE');
  if (statePath) cfg.sandboxStatePath = resolve(statePath);
  const seedPath = val(env, 'IM_ADMIN_SANDBOX_SEED');
  if (seedPath) cfg.sandboxSeedPath = resolve(seedPath);
  const files = filesDir(env);
  if (files) cfg.filesDir = files;
  if (cfg.auditMaxBytes > 0 && cfg.auditMaxBytes < 4096)
    throw new ConfigError(
      `IM_ADMIN_AUDIT_MAX_BYTES must be 0 (never rotate) or at least 4096, got "${cfg.auditMaxBytes}"`,
    );
  return cfg;
}

interface HttpConfig {
  host: string;
  port: number;
  token: string | undefined;
  allowedOrigins: string[];
  sessionIdleSeconds: number;
  maxSessions: number;
}

/**
 * Settings of `--http`, validated with the rest of the configuration before anything starts (a bad one is the
 * only line of output). A flag wins over its variable and is the one named in the error.
 */
export function loadHttpConfig(env: Env, flags: { host?: string; port?: string }): HttpConfig {
  const host = flags.host ?? val(env, 'IM_ADMIN_HTTP_HOST') ?? '127.0.0.1';
  const port = flags.port !== undefined ? Number(flags.port) : int(env, 'IM_ADMIN_HTTP_PORT', 3000, 0, 65535);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port must be an integer from 0 to 65535, got "${flags.port}"`);
  const token = val(env, 'IM_ADMIN_HTTP_TOKEN');
  const authOff = env.IM_ADMIN_HTTP_AUTH === 'none';
  if (!token && !authOff) {
    throw new ConfigError('IM_ADMIN_HTTP_TOKEN is missing: --http requires a bearer token (at least 16 characters)');
  }
  if (token && token.length < 16) throw new ConfigError('IM_ADMIN_HTTP_TOKEN must be at least 16 characters');
  if (authOff && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new ConfigError(`IM_ADMIN_HTTP_AUTH=none is only allowed on a loopback host, not "${host}"`);
  }
  return {
    host,
    port,
    token,
    allowedOrigins: list(env, 'IM_ADMIN_HTTP_ALLOWED_ORIGINS') ?? [],
    sessionIdleSeconds: int(env, 'IM_ADMIN_HTTP_SESSION_IDLE_SECONDS', 900, 1, 7 * 86_400),
    maxSessions: int(env, 'IM_ADMIN_HTTP_MAX_SESSIONS', 1000, 1, 1_000_000),
  };
}
