/**
 * Shared state for replicas, in Redis (IM_ADMIN_REDIS_URL): spent confirmation-token nonces (SET NX, so two
 * replicas can never accept one token twice), the destructive-action window (sorted set, atomic script) and the
 * pacing buckets (GCRA, atomic script). Loaded only when configured.
 *
 * Redis down fails closed: start-up stops with one line naming IM_ADMIN_REDIS_URL, and a call that needs shared
 * state is refused before anything is sent, with a SharedStateError naming it. ioredis' own error events are
 * turned into (rate-limited) JSON log lines, so stderr never gets its raw "[ioredis] Unhandled error event" text.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SpentStore } from '../guards/confirm-token.js';
import type { WindowStore } from '../guards/limits.js';
import type { Clock } from '../http/clock.js';
import type { PaceStore } from '../http/pacer.js';
import { log } from '../log.js';
import { RedisApprovalStore } from './approvals-redis.js';

const WINDOW_LUA = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const PACE_LUA = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
if tat < now then tat = now end
local wait = tat - (burst - 1) * interval - now
if wait < 0 then wait = 0 end
redis.call('SET', KEYS[1], tostring(tat + interval), 'PX', math.ceil(interval * burst + 60000))
return tostring(wait)`;

/** Shared state is unreachable: the call is refused before anything is sent (rendered by execute/render.ts). */
class SharedStateError extends Error {
  override readonly name = 'SharedStateError';
}

/** The URL without its password, for messages. */
const safeRedisUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, '//…@');

/** How often a persisting Redis error is logged again. */
const ERROR_LOG_EVERY_MS = 30_000;
/** Bound of the start-up connection and ping. */
const CONNECT_TIMEOUT_MS = 5_000;

export class RedisStores implements SpentStore, WindowStore, PaceStore {
  private readonly redis: Redis;
  /** further connections (approval transactions), closed with this one */
  private readonly extra: Redis[] = [];
  private lastError: string | undefined;
  private lastLogged = 0;
  /** set once connected: errors while connecting make the one start-up line instead of log lines */
  private started = false;
  constructor(
    private readonly url: string,
    private readonly prefix = 'im-admin-mcp:',
  ) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
    this.redis.on('error', (err: Error) => {
      const text = reason(err);
      const t = Date.now();
      if (this.started && (text !== this.lastError || t - this.lastLogged >= ERROR_LOG_EVERY_MS)) {
        log('warn', 'Redis unavailable: calls that need shared state are refused until it is back', {
          setting: 'IM_ADMIN_REDIS_URL',
          redis: safeRedisUrl(this.url),
          error: text,
        });
        this.lastLogged = t;
      }
      this.lastError = text;
    });
    this.redis.on('ready', () => {
      if (this.lastError) log('info', 'Redis reachable again', { redis: safeRedisUrl(this.url) });
      this.lastError = undefined;
    });
  }

  /** Connects and pings, bounded; on failure stops reconnecting and throws one line naming IM_ADMIN_REDIS_URL. */
  async connect(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          await this.redis.connect();
          await this.redis.ping();
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)),
            CONNECT_TIMEOUT_MS,
          );
        }),
      ]);
      this.started = true;
      this.lastError = undefined;
    } catch (err) {
      this.redis.disconnect();
      const why = this.lastError ?? reason(err);
      throw new Error(
        `IM_ADMIN_REDIS_URL (${safeRedisUrl(this.url)}): Redis is not reachable (${why}); it holds the shared confirmation tokens, limits and pacing, so the server does not start without it`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one Redis operation; a failure becomes a SharedStateError naming the setting. */
  private async op<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const why = this.lastError ?? reason(err);
      throw new SharedStateError(
        `Shared state in Redis is unavailable (IM_ADMIN_REDIS_URL=${safeRedisUrl(this.url)}: ${why}) while ${what}. Nothing was sent; retry when Redis is back.`,
      );
    }
  }

  spend(nonce: string, expiresAtMs: number): Promise<boolean> {
    const ttl = Math.max(1, expiresAtMs - Date.now() + 1000);
    return this.op(
      'checking the confirmation token',
      async () => (await this.redis.set(`${this.prefix}spent:${nonce}`, '1', 'PX', ttl, 'NX')) === 'OK',
    );
  }

  take(key: string, now: number, windowMs: number, max: number): Promise<string | undefined> {
    const member = `${now}:${randomBytes(8).toString('base64url')}`;
    return this.op('counting destructive actions', async () => {
      const r = await this.redis.eval(WINDOW_LUA, 1, `${this.prefix}window:${key}`, now, windowMs, max, member);
      return Number(r) === 1 ? member : undefined;
    });
  }

  release(key: string, slot: string): Promise<void> {
    return this.op('giving back a destructive-action slot', async () => {
      await this.redis.zrem(`${this.prefix}window:${key}`, slot);
    });
  }

  reserve(key: string, intervalMs: number, burst: number, now: number): Promise<number> {
    return this.op('pacing the vendor call', async () => {
      const r = await this.redis.eval(PACE_LUA, 1, `${this.prefix}pace:${key}`, now, intervalMs, burst);
      return Number(r);
    });
  }

  /** The approval queue (IM_ADMIN_CONFIRM=console) in this Redis, on a second connection for its transactions. */
  approvals(clock: Pick<Clock, 'now' | 'sleep'>): RedisApprovalStore {
    const tx = this.redis.duplicate();
    tx.on('error', (err: Error) => {
      this.lastError = reason(err); // logged through the main connection's handler
    });
    this.extra.push(tx);
    return new RedisApprovalStore(this.redis, tx, (what, fn) => this.op(what, fn), this.prefix, clock);
  }

  /** Quits politely when connected; never waits on a Redis that is gone. */
  async close(): Promise<void> {
    for (const c of this.extra.splice(0)) c.disconnect();
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.redis.quit().then(
        () => {},
        () => {},
      ),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 1_000);
      }),
    ]);
    clearTimeout(timer);
    this.redis.disconnect();
  }
}

/** A short reason from an ioredis or socket error: the errno code when there is one, not ioredis' wording. */
function reason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) {
    const words: Record<string, string> = {
      ECONNREFUSED: 'connection refused',
      ETIMEDOUT: 'connection timed out',
      ENOTFOUND: 'host not found',
      ECONNRESET: 'connection reset',
      EHOSTUNREACH: 'host unreachable',
    };
    return words[e.code] ?? e.code;
  }
  const m = typeof e?.message === 'string' ? e.message : String(err);
  if (/max retries per request|Connection is closed|Stream isn't writeable/i.test(m)) return 'not connected';
  return m.slice(0, 200);
}
