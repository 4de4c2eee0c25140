/**
 * Shared state for replicas, in Redis (IM_ADMIN_REDIS_URL): spent confirmation-token nonces (SET NX, so two
 * replicas can never accept one token twice), the destructive-action window (sorted set, atomic script) and the
 * pacing buckets (GCRA, atomic script). Loaded only when configured.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SpentStore } from '../guards/confirm-token.js';
import type { WindowStore } from '../guards/limits.js';
import type { PaceStore } from '../http/pacer.js';

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

export class RedisStores implements SpentStore, WindowStore, PaceStore {
  private readonly redis: Redis;
  constructor(
    url: string,
    private readonly prefix = 'im-admin-mcp:',
  ) {
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  }

  async connect(): Promise<void> {
    await this.redis.connect();
    await this.redis.ping();
  }

  async spend(nonce: string, expiresAtMs: number): Promise<boolean> {
    const ttl = Math.max(1, expiresAtMs - Date.now() + 1000);
    return (await this.redis.set(`${this.prefix}spent:${nonce}`, '1', 'PX', ttl, 'NX')) === 'OK';
  }

  async take(key: string, now: number, windowMs: number, max: number): Promise<string | undefined> {
    const member = `${now}:${randomBytes(8).toString('base64url')}`;
    const r = await this.redis.eval(WINDOW_LUA, 1, `${this.prefix}window:${key}`, now, windowMs, max, member);
    return Number(r) === 1 ? member : undefined;
  }

  async release(key: string, slot: string): Promise<void> {
    await this.redis.zrem(`${this.prefix}window:${key}`, slot);
  }

  async reserve(key: string, intervalMs: number, burst: number, now: number): Promise<number> {
    const r = await this.redis.eval(PACE_LUA, 1, `${this.prefix}pace:${key}`, now, intervalMs, burst);
    return Number(r);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
