/** Composition root: configuration → HTTP pipeline → vendor clients (real or the built-in sandbox) → App. */
import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { App } from './app.js';
import type { Config } from './config.js';
import { AuditLog } from './guards/audit.js';
import { ConfirmTokens, MemorySpentStore, type SpentStore } from './guards/confirm-token.js';
import { MemoryWindowStore, type WindowStore } from './guards/limits.js';
import { HttpClient } from './http/client.js';
import type { Clock } from './http/clock.js';
import { MemoryPaceStore, type PaceStore, pacer } from './http/pacer.js';
import { DEFAULT_RETRY, type RetryPolicy } from './http/retry.js';
import type { Vendor } from './kinds.js';
import { log, registerSecret } from './log.js';
import type { SandboxHandle } from './sandbox/index.js';
import { FileSpentStore } from './state/spent-files.js';
import { EasemobClient, EasemobTokens } from './vendors/easemob.js';
import { LanyingClient } from './vendors/lanying.js';
import type { VendorClient } from './vendors/vendor.js';

export interface Runtime {
  app: App;
  sandbox?: SandboxHandle;
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

export async function startRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const clock = opts.clock;
  // Shared state: in memory, or in Redis when replicas must agree (token single use, caps, pacing budget).
  // Connected first: Redis down stops start-up with its one line, before the sandbox says anything.
  let stores: { spent: SpentStore; window: WindowStore; pace: PaceStore; close(): Promise<void> };
  if (config.redisUrl) {
    const { RedisStores } = await import('./state/redis.js');
    const redis = new RedisStores(config.redisUrl);
    await redis.connect();
    stores = { spent: redis, window: redis, pace: redis, close: () => redis.close() };
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
  const app = new App(config, {
    clients,
    confirm: { mode: config.confirm, tokens },
    audit,
    window: stores.window,
    ...(clock ? { now: clock.now } : {}),
  });

  return {
    app,
    ...(sandbox ? { sandbox } : {}),
    async close() {
      await audit.close();
      await stores.close();
      await http.close();
      await sandbox?.close();
    },
  };
}
