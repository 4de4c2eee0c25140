/**
 * The one retry policy. Only operations whose catalog entry is safe to repeat (read-only or idempotent) are
 * retried after the request may have reached the vendor; a connection that never opened is retried for any
 * operation, since nothing was sent. Exponential backoff with jitter, Retry-After honoured up to a cap, a
 * maximum number of attempts and a total deadline.
 *
 * undici's RetryAgent was considered: its decision is per HTTP method and status, while ours is per catalog
 * entry, must see Lanying errors carried inside HTTP 200 and must interleave the Easemob token refresh, so the
 * loop lives here (about 40 lines) and undici does the transport.
 */
import { type Clock, SYSTEM_CLOCK } from './clock.js';
import { NetworkError, VendorError } from './errors.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** a Retry-After longer than this is not waited for: the error says when to retry instead */
  maxRetryAfterMs: number;
  /** total time across attempts */
  deadlineMs: number;
  /** the clock the deadline and waits are measured on; injected for tests, the system clock otherwise */
  clock?: Pick<Clock, 'now' | 'sleep'>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
  deadlineMs: 30_000,
};

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Whether this failure may be retried for an operation of the given safety. */
export function isRetryable(err: unknown, safeToRepeat: boolean): boolean {
  if (err instanceof NetworkError) {
    if (err.kind === 'cancelled' || err.kind === 'too-large' || err.kind === 'malformed') return false;
    return !err.maybeSent || safeToRepeat;
  }
  if (err instanceof VendorError) return safeToRepeat && RETRYABLE_STATUS.has(err.status);
  return false;
}

export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  safeToRepeat: boolean,
  policy: RetryPolicy,
  signal?: AbortSignal,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = (policy.clock ?? SYSTEM_CLOCK).sleep,
): Promise<T> {
  const now = (policy.clock ?? SYSTEM_CLOCK).now;
  const started = now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (n >= policy.maxAttempts || !isRetryable(err, safeToRepeat) || signal?.aborted) throw err;
      const retryAfter = err instanceof VendorError ? err.retryAfterMs : undefined;
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) throw err;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      const delay = retryAfter ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
      if (now() - started + delay > policy.deadlineMs) throw err;
      await sleep(delay, signal);
    }
  }
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\s*[0-9]+(\.[0-9]+)?\s*$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
