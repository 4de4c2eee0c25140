/**
 * The server's core in this process: `startRuntime` (the same composition as the CLI) with a fake clock and a
 * test dispatcher, so a call is `app.call(...)` against the recording fake upstream, and a change in src/ is
 * seen without a rebuild.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import type { CallContext, CallResult } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Runtime, type RuntimeOptions, startRuntime } from '../../src/runtime.js';
import { drive, FakeClock } from './clock.js';
import type { FakeUpstream } from './fake-upstream.js';

export interface InProcess {
  runtime: Runtime;
  clock: FakeClock;
  auditPath: string;
  /** one tool call, driving the fake clock until it ends */
  call(name: string, args?: Record<string, unknown>, ctx?: Partial<CallContext>): Promise<CallResult>;
  /** several calls at once (at most `concurrency` in flight), driving the clock until all end */
  callAll<T>(work: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface InProcessOptions extends Pick<RuntimeOptions, 'maxResponseBytes' | 'retry'> {
  clock?: FakeClock;
  /** the fake whose held requests gate the clock (attempt timeouts fire only once every attempt has arrived) */
  fake?: FakeUpstream;
}

export async function startInProcess(env: Record<string, string>, opts: InProcessOptions = {}): Promise<InProcess> {
  const auditPath = join(mkdtempSync(join(tmpdir(), 'im-admin-inproc-')), 'audit.jsonl');
  const config = loadConfig({ IM_ADMIN_AUDIT_LOG: auditPath, ...env });
  const clock = opts.clock ?? new FakeClock();
  // undici's own timers are real time: off here, so only the fake clock decides when an attempt times out.
  const dispatcher = new Agent({ connections: 64, headersTimeout: 0, bodyTimeout: 0, connect: { timeout: 60_000 } });
  const runtime = await startRuntime(config, {
    clock,
    dispatcher,
    ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
  });
  const fake = opts.fake;
  // Quiet: every HTTP attempt in flight is held at the fake (so its timeout may fire), and every attempt that timed
  // out has been seen gone by the fake. Without `fake` (or a hold reply), that is: no attempt in flight.
  const quiet = () => clock.pendingAttempts === (fake?.held ?? 0) && (fake?.heldClosed ?? 0) === clock.firedAttempts;
  const callAll = <T>(work: Promise<T>) => drive(clock, work, quiet);
  return {
    runtime,
    clock,
    auditPath,
    call: (name, args = {}, ctx = {}) =>
      callAll(runtime.app.call(name, args, { signal: new AbortController().signal, ...ctx })),
    callAll,
    close: () => runtime.close(),
  };
}

export const textOf = (r: CallResult): string => r.content.map((c) => c.text ?? '').join('\n');
