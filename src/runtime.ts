/** Composition root: configuration → HTTP pipeline → vendor clients (real or the built-in sandbox) → App. */
import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { App } from './app.js';
import type { Config } from './config.js';
import { ConsoleAuth } from './console/auth.js';
import { ApprovalGate } from './console/gate.js';
import { type ConsoleHandler, createConsole } from './console/server.js';
import { webhookNotifier } from './console/webhook.js';
import { AuditLog } from './guards/audit.js';
import { ConfirmTokens, MemorySpentStore, type SpentStore } from './guards/confirm-token.js';
import { MemoryWindowStore, type WindowStore } from './guards/limits.js';
import { HttpClient } from './http/client.js';
import { type Clock, SYSTEM_CLOCK } from './http/clock.js';
import { MemoryPaceStore, type PaceStore, pacer } from './http/pacer.js';
import { DEFAULT_RETRY, type RetryPolicy } from './http/retry.js';
import type { Vendor } from './kinds.js';
import { log, registerSecret } from './log.js';
import type { SandboxHandle } from './sandbox/index.js';
import { ApprovalQueue, type ApprovalStore, MemoryApprovalStore } from './state/approvals.js';
import { FileSpentStore } from './state/spent-files.js';
import { EasemobClient, EasemobTokens } from './vendors/easemob.js';
import { LanyingClient } from './vendors/lanying.js';
import type { VendorClient } from './vendors/vendor.js';

export interface Runtime {
  app: App;
  sandbox?: SandboxHandle;
  /** IM_ADMIN_CONFIRM=console: the approval gate and the console's request handler (mounted by cli.ts) */
  console?: ConsoleRuntime;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  retry?: RetryPolicy;
  /** response size cap in bytes (default 32 MiB: share files are at most 10 MB) */
  maxResponseBytes?: number;
  /** tests: a fake clock for attempt timeouts, retry and pacing waits, token and confirmation expiry */
  clock?: Clock;
  /** tests: the undici dispatcher of the HTTP client */
  dispatcher?: Dispatcher;
}

export interface ConsoleRuntime {
  gate: ApprovalGate;
  handler: ConsoleHandler;
  /** set when no approver was configured: the one-time `admin` credential cli.ts prints beside the console URL */
  generated?: { name: string; secret: string };
}

export async function startRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const clock = opts.clock;
  // Shared state: in memory, or in Redis when replicas must agree (token single use, caps, pacing budget).
  // Connected first: Redis down stops start-up with its one line, before the sandbox says anything.
  let stores: {
    spent: SpentStore;
    window: WindowStore;
    pace: PaceStore;
    approvals?: ApprovalStore;
    close(): Promise<void>;
  };
  const time = clock ?? SYSTEM_CLOCK;
  if (config.redisUrl) {
    const { RedisStores } = await import('./state/redis.js');
    const redis = new RedisStores(config.redisUrl);
    await redis.connect();
    stores = {
      spent: redis,
      window: redis,
      pace: redis,
      ...(config.confirm === 'console' ? { approvals: redis.approvals(time) } : {}),
      close: () => redis.close(),
    };
  } else {
    stores = {
      // With a fixed secret, tokens outlive the process: their spending must too (a folder beside the audit log).
      spent: process.env.IM_ADMIN_CONFIRM_SECRET?.trim()
        ? new FileSpentStore(config.spentTokensDir, clock?.now)
        : new MemorySpentStore(clock?.now),
      window: new MemoryWindowStore(),
      pace: new MemoryPaceStore(),
      close: async () => {},
    };
  }

  let sandbox: SandboxHandle | undefined;
  let lanying = config.lanying;
  let easemob = config.easemob;
  if (config.sandbox) {
    // Loaded only when used, so a production start does not pay for the emulator.
    const { startSandbox } = await import('./sandbox/index.js');
    try {
      sandbox = await startSandbox({
        ...(config.sandboxStatePath ? { statePath: config.sandboxStatePath } : {}),
        ...(config.sandboxSeedPath ? { seedPath: config.sandboxSeedPath } : {}),
      });
    } catch (err) {
      await stores.close().catch(() => {});
      throw err;
    }
    const c = sandbox.credentials;
    lanying = { baseUrl: sandbox.lanyingUrl, appId: c.lanying.appId, accessToken: c.lanying.accessToken };
    // The sandbox is reached with client credentials so the token path runs end to end.
    easemob = {
      baseUrl: sandbox.easemobUrl,
      org: c.easemob.org,
      app: c.easemob.app,
      clientId: c.easemob.clientId,
      clientSecret: c.easemob.clientSecret,
    };
    // Said whatever the log level: a person must never mistake the sandbox for production.
    log(
      'warn',
      'SANDBOX: serving the built-in emulator, not a real IM app (no vendor credentials configured, or --sandbox)',
      {
        lanying: sandbox.lanyingUrl,
        easemob: sandbox.easemobUrl,
      },
    );
  }
  for (const s of [lanying?.accessToken, easemob?.appToken, easemob?.clientSecret]) registerSecret(s);

  const http = new HttpClient({
    timeoutMs: config.timeoutMs,
    maxResponseBytes: opts.maxResponseBytes ?? config.maxResponseBytes,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    ...(clock ? { setTimer: clock.setTimer } : {}),
  });
  const retry = { ...(opts.retry ?? DEFAULT_RETRY), ...(clock ? { clock } : {}) };

  const clients: Partial<Record<Vendor, VendorClient>> = {};
  if (lanying) {
    const pace = pacer(
      stores.pace,
      `lanying:${lanying.appId}`,
      { ratePerSecond: config.lanyingRate, burst: config.burst },
      clock?.now,
      clock?.sleep,
    );
    clients.lanying = new LanyingClient(http, lanying, retry, pace);
  }
  if (easemob) {
    const pace = pacer(
      stores.pace,
      `easemob:${easemob.org}#${easemob.app}`,
      { ratePerSecond: config.easemobRate, burst: config.burst },
      clock?.now,
      clock?.sleep,
    );
    clients.easemob = new EasemobClient(http, easemob, new EasemobTokens(http, easemob, clock?.now), retry, pace);
  }

  const secretText = process.env.IM_ADMIN_CONFIRM_SECRET;
  if (config.redisUrl && !secretText) {
    log(
      'warn',
      'IM_ADMIN_REDIS_URL is set but IM_ADMIN_CONFIRM_SECRET is not: tokens from one replica will not verify on another',
    );
  }
  registerSecret(secretText);
  const secret = secretText ? Buffer.from(secretText) : randomBytes(32);
  const tokens = new ConfirmTokens(secret, config.confirmTtlSeconds * 1000, stores.spent, clock?.now);
  const audit = new AuditLog(config.auditLog, { maxBytes: config.auditMaxBytes });
  const consoleRt =
    config.confirm === 'console' ? makeConsole(config, audit, stores.approvals, time, secretText) : undefined;
  const app = new App(config, {
    ...(consoleRt ? { approvals: consoleRt.gate } : {}),
    clients,
    confirm: { mode: config.confirm, tokens },
    audit,
    window: stores.window,
    ...(clock ? { now: clock.now } : {}),
  });

  // An approved call runs through the same write pipeline, marked with its approval (never set from MCP input).
  consoleRt?.gate.setRunner((rec, approved) =>
    app.call(rec.tool, rec.args, { signal: new AbortController().signal, approved, requester: rec.requester }),
  );

  return {
    app,
    ...(sandbox ? { sandbox } : {}),
    ...(consoleRt ? { console: consoleRt } : {}),
    async close() {
      await audit.close();
      await stores.close();
      await http.close();
      await sandbox?.close();
    },
  };
}

/** IM_ADMIN_CONFIRM=console: queue (Redis-shared or in memory), gate, approvers, webhook, console handler. */
function makeConsole(
  config: Config,
  audit: AuditLog,
  shared: ApprovalStore | undefined,
  time: Clock,
  keySeed: string | undefined,
): ConsoleRuntime {
  const c = config.console;
  const generated =
    c.approvers.length === 0 ? { name: 'admin', secret: randomBytes(18).toString('base64url') } : undefined;
  const approvers = generated ? [generated] : c.approvers;
  for (const a of approvers) registerSecret(a.secret);
  registerSecret(c.webhookUrl);
  const queue = new ApprovalQueue(shared ?? new MemoryApprovalStore(time), {
    ttlMs: config.approvalTtlSeconds * 1000,
    clock: time,
  });
  const gate = new ApprovalGate(queue, {
    waitMs: config.approvalWaitSeconds * 1000,
    twoPerson: new Set(c.twoPersonTools),
    audit,
    now: time.now,
    ...(c.webhookUrl ? { notify: webhookNotifier(c.webhookUrl, time) } : {}),
  });
  if (c.baseUrl) gate.publicBase = c.baseUrl;
  const auth = new ConsoleAuth(approvers, {
    sessionMs: c.sessionSeconds * 1000,
    secureCookie: c.baseUrl?.startsWith('https:') ?? false,
    ...(keySeed?.trim() ? { keySeed: keySeed.trim() } : {}),
    now: time.now,
  });
  const handler = createConsole({
    gate,
    auth,
    auditPath: config.auditLog,
    ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}),
    now: time.now,
  });
  return { gate, handler, ...(generated ? { generated } : {}) };
}
