/**
 * A fake clock for in-process tests: the HTTP attempt timer, retry and pacing waits, token and confirmation
 * expiry all read it (through `startRuntime`'s `clock` option), and time moves only when the test says so. No
 * assertion then depends on how fast this machine is.
 */
import type { Clock } from '../../src/http/clock.js';

interface Timer {
  at: number;
  seq: number;
  kind: 'attempt' | 'wait';
  fire: () => void;
}

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Set<Timer>();
  /** attempt timers that fired: each aborted one HTTP attempt */
  firedAttempts = 0;

  constructor(start = Date.UTC(2030, 0, 1)) {
    this.t = start;
  }

  now = (): number => this.t;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        cancel();
        resolve();
      };
      const cancel = this.add(ms, 'wait', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  setTimer = (ms: number, fire: () => void): (() => void) =>
    this.add(ms, 'attempt', () => {
      this.firedAttempts++;
      fire();
    });

  private add(ms: number, kind: Timer['kind'], fire: () => void): () => void {
    const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, kind, fire };
    this.timers.add(timer);
    return () => {
      this.timers.delete(timer);
    };
  }

  /** HTTP attempts in flight (their timeout timer is pending) */
  get pendingAttempts(): number {
    let n = 0;
    for (const t of this.timers) if (t.kind === 'attempt') n++;
    return n;
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > end) break;
      this.t = next.at;
      this.timers.delete(next);
      next.fire();
    }
    this.t = end;
  }

  /** Moves time to the earliest pending timer and fires every timer due then; false when none is pending. */
  advanceToNext(): boolean {
    const next = this.earliest();
    if (!next) return false;
    this.advance(next.at - this.t);
    return true;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }
}

/**
 * Runs `work` to its end, moving the fake clock to its next timer whenever the system is quiet: `quiet()` says
 * that nothing but the clock can make progress (e.g. every HTTP attempt in flight has reached the fake upstream
 * and is held there). Real time is only used to let I/O happen between checks; nothing is measured with it.
 */
export async function drive<T>(clock: FakeClock, work: Promise<T>, quiet: () => boolean = () => true): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  let idle = 0;
  while (!done) {
    // right after the clock moved, check again at once; while waiting for I/O, poll without spinning
    await new Promise((r) => (idle < 3 ? setImmediate(r) : setTimeout(r, 1)));
    if (!done && clock.pendingTimers > 0 && quiet()) {
      clock.advanceToNext();
      idle = 0;
    } else idle++;
  }
  return settled;
}
