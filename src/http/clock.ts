/**
 * Time as the HTTP pipeline sees it: the attempt timer, retry and pacing waits, and "now". Production uses the
 * system clock ({@link SYSTEM_CLOCK}); tests inject a fake one so timeouts and backoff do not depend on wall time.
 */
export interface Clock {
  now(): number;
  /** resolves after `ms`, or at once when `signal` aborts */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** calls `fire` after `ms` unless the returned function is called first */
  setTimer(ms: number, fire: () => void): () => void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          resolve();
        },
        { once: true },
      );
    }),
  setTimer: (ms, fire) => {
    const t = setTimeout(fire, ms);
    return () => clearTimeout(t);
  },
};
