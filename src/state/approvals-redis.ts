/**
 * The approval queue shared by replicas (IM_ADMIN_REDIS_URL): one key per approval (JSON, expiring with it) and a
 * sorted set indexing them. Updates run the queue's own state machine on the value read, then write it with one
 * compare-and-set script, one at a time per process: when another replica changed the record in between, nothing
 * is written and the update runs again on the new value, so two replicas can never both claim an approval for
 * execution (also when a command is resent after a reconnect, which a WATCH would not survive).
 *
 * Fails closed like the other shared stores: an unreachable Redis is a SharedStateError naming the setting.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../http/clock.js';
import type { ApprovalRecord, ApprovalStore } from './approvals.js';

/** Writes ARGV[2] (PX ARGV[3]) and indexes it only if the key still holds ARGV[1] ('' for absent): 1, else 0. */
const COMPARE_AND_SET = `
local cur = redis.call('GET', KEYS[1])
if (cur == false and ARGV[1] == '') or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
  return 1
end
return 0`;

/** How often a waiting call looks at Redis again (other replicas' decisions are not pushed). */
const POLL_MS = 250;
const MAX_ATTEMPTS = 50;

export class RedisApprovalStore implements ApprovalStore {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly index: string;

  constructor(
    private readonly redis: Redis,
    /** a second connection for updates, so a slow list never delays a claim */
    private readonly tx: Redis,
    private readonly op: <T>(what: string, fn: () => Promise<T>) => Promise<T>,
    private readonly prefix: string,
    private readonly clock: Pick<Clock, 'now' | 'sleep'>,
  ) {
    this.index = `${prefix}approvals`;
  }

  private key(id: string): string {
    return `${this.prefix}approval:${id}`;
  }

  get(id: string): Promise<ApprovalRecord | undefined> {
    return this.op('reading an approval', async () => {
      const v = await this.redis.get(this.key(id));
      return v ? (JSON.parse(v) as ApprovalRecord) : undefined;
    });
  }

  list(): Promise<ApprovalRecord[]> {
    return this.op('listing approvals', async () => {
      const ids = await this.redis.zrange(this.index, 0, -1);
      if (ids.length === 0) return [];
      const values = await this.redis.mget(ids.map((id) => this.key(id)));
      const gone = ids.filter((_, i) => values[i] === null);
      if (gone.length) await this.redis.zrem(this.index, ...gone);
      return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as ApprovalRecord);
    });
  }

  update<T>(
    id: string,
    fn: (rec: ApprovalRecord | undefined) => { next?: ApprovalRecord; keepUntil?: number; out: T },
  ): Promise<T> {
    const run = this.chain.then(() =>
      this.op('updating an approval', async () => {
        const key = this.key(id);
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const v = await this.tx.get(key);
          const { next, keepUntil, out } = fn(v ? (JSON.parse(v) as ApprovalRecord) : undefined);
          if (!next) return out;
          const ttl = Math.max(1, (keepUntil ?? next.expiresAt) - this.clock.now());
          // one command, compared and written inside Redis: a command resent after a reconnect can only find the
          // value changed (and run the state machine again on it), never write over another replica's claim
          const wrote = await this.tx.eval(
            COMPARE_AND_SET,
            2,
            key,
            this.index,
            v ?? '',
            JSON.stringify(next),
            String(Math.ceil(ttl)),
            String(next.createdAt),
            id,
          );
          if (wrote === 1) return out; // 0: the record changed since it was read; run again on the new value
        }
        throw new Error(`approval ${id} kept changing`);
      }),
    );
    this.chain = run.catch(() => {});
    return run;
  }

  changed(ms: number, signal?: AbortSignal): Promise<void> {
    return this.clock.sleep(Math.min(ms, POLL_MS), signal);
  }

  async close(): Promise<void> {}
}
