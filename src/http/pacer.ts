/**
 * Client-side pacing per vendor app: a token bucket (GCRA form) that delays calls so bursts from one agent or a
 * batch stay under the vendor's rate limit instead of provoking 429s. The bucket state lives in a store: in
 * memory by default, shared (Redis) when replicas must share one app's budget.
 */
export interface PaceStore {
  /**
   * Reserves the next slot of bucket `key` (one call per `intervalMs`, bursts of `burst`) and returns how many
   * milliseconds the caller must wait before sending.
   */
  reserve(key: string, intervalMs: number, burst: number, now: number): Promise<number>;
}

/** The bucket arithmetic, shared by the memory store and the Redis script: returns [wait, new TAT]. */
function gcra(tat: number | undefined, now: number, intervalMs: number, burst: number): [number, number] {
  const base = Math.max(tat ?? now, now);
  const wait = Math.max(0, base - (burst - 1) * intervalMs - now);
  return [wait, base + intervalMs];
}

export class MemoryPaceStore implements PaceStore {
  private readonly tat = new Map<string, number>();
  async reserve(key: string, intervalMs: number, burst: number, now: number): Promise<number> {
    const [wait, next] = gcra(this.tat.get(key), now, intervalMs, burst);
    this.tat.set(key, next);
    return wait;
  }
}

interface PaceOptions {
  /** calls per second; 0 turns pacing off */
  ratePerSecond: number;
  burst: number;
}

/**
 * A `pace()` function for one vendor app: a promise that resolves when the call may be sent, or undefined when it
 * may be sent at once (pacing off: no promise and no wait on the hot path).
 */
export type Pace = () => Promise<void> | undefined;

export function pacer(
  store: PaceStore,
  key: string,
  opts: PaceOptions,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Pace {
  if (opts.ratePerSecond <= 0) return () => undefined;
  const interval = 1000 / opts.ratePerSecond;
  return async () => {
    const wait = await store.reserve(key, interval, opts.burst, now());
    if (wait > 0) await sleep(wait);
  };
}
