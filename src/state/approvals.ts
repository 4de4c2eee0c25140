/**
 * The approval queue of IM_ADMIN_CONFIRM=console: a destructive call becomes a pending approval that a person
 * decides on the console. One state machine (`transition`), run inside the store's atomic read-modify-write: in
 * memory (one process) or in Redis (replicas; state/approvals-redis.ts), so an approval is claimed for execution
 * exactly once whatever the number of clicks or replicas.
 *
 *   pending ──approve (enough different names)──▶ approved ──complete──▶ done ──collect──▶ collected
 *      │                                                                  (result kept until collected or expired)
 *      └──deny──▶ denied                    pending past expires_at: expired (approve and deny refused)
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../http/clock.js';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'done' | 'collected';

export interface Requester {
  /** the MCP client's name from its initialize clientInfo */
  client?: string;
  /** the Streamable HTTP session id (HTTP mode) */
  session?: string;
}

export interface ApprovalRecord {
  id: string;
  tool: string;
  vendor: string;
  /** the call's arguments as received (control arguments removed): what runs when approved. Never shown. */
  args: Record<string, unknown>;
  /** binding of `args` (guards/confirm-token.ts argumentHash): an approval_id call with other arguments is refused */
  argsHash: string;
  /** the person-readable paragraph (guards/describe.ts) */
  summary: string;
  /** declared targets, for display and filters */
  targets: Record<string, unknown>;
  /** arguments with secrets redacted, for display */
  shownArgs: Record<string, unknown>;
  /** the structured preview the agent got (current state read from the vendor, effect, request) */
  preview: Record<string, unknown>;
  reason?: string;
  requester: Requester;
  createdAt: number;
  expiresAt: number;
  /** approvals needed: 2 for tools under the two-person rule */
  needed: number;
  approvals: { name: string; at: number; note?: string }[];
  status: ApprovalStatus;
  denial?: { name: string; at: number; note?: string };
  /** the call's result once it ran (a CallResult, JSON) */
  result?: unknown;
  finishedAt?: number;
  /** the audit line as built before the confirmation (targets, args redacted, pre-image, request) */
  audit?: Record<string, unknown>;
}

/** A store of approval records with an atomic read-modify-write. */
export interface ApprovalStore {
  get(id: string): Promise<ApprovalRecord | undefined>;
  /** every live record (pending, decided, results not yet expired), any order */
  list(): Promise<ApprovalRecord[]>;
  /**
   * Applies `fn` to the record atomically (across replicas for a shared store): `fn` may run more than once, so
   * it must be pure; `next` (when given) is stored and kept until `keepUntil` (ms).
   */
  update<T>(
    id: string,
    fn: (rec: ApprovalRecord | undefined) => { next?: ApprovalRecord; keepUntil?: number; out: T },
  ): Promise<T>;
  /** resolves when a record may have changed, after at most `ms`, or when `signal` aborts */
  changed(ms: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export type ApproveOutcome =
  | { ok: true; run: true; record: ApprovalRecord }
  | { ok: true; run: false; record: ApprovalRecord; missing: number }
  | { ok: false; code: 'not_found' | 'expired' | 'decided' | 'same_approver'; message: string };

export type DenyOutcome =
  | { ok: true; record: ApprovalRecord }
  | { ok: false; code: 'not_found' | 'expired' | 'decided'; message: string };

export const isExpired = (r: ApprovalRecord, now: number): boolean => r.status === 'pending' && now >= r.expiresAt;

const decidedText = (r: ApprovalRecord) =>
  r.status === 'denied' ? `it was denied by ${r.denial?.name ?? 'someone'}` : 'it was already approved';

/** One step of the state machine (pure). */
function approveStep(
  r: ApprovalRecord | undefined,
  name: string,
  now: number,
  note?: string,
): { next?: ApprovalRecord; out: ApproveOutcome } {
  if (!r) return { out: { ok: false, code: 'not_found', message: 'no such approval (it may have expired)' } };
  if (r.status !== 'pending')
    return { out: { ok: false, code: 'decided', message: `not approved: ${decidedText(r)}` } };
  if (isExpired(r, now))
    return { out: { ok: false, code: 'expired', message: 'not approved: the approval has expired' } };
  if (r.approvals.some((a) => a.name === name)) {
    return {
      out: {
        ok: false,
        code: 'same_approver',
        message: `not approved: ${name} has already approved; ${r.tool} needs ${r.needed} different approvers`,
      },
    };
  }
  const approvals = [...r.approvals, { name, at: now, ...(note ? { note } : {}) }];
  const enough = approvals.length >= r.needed;
  const next: ApprovalRecord = { ...r, approvals, status: enough ? 'approved' : 'pending' };
  return {
    next,
    out: enough
      ? { ok: true, run: true, record: next }
      : { ok: true, run: false, record: next, missing: r.needed - approvals.length },
  };
}

function denyStep(
  r: ApprovalRecord | undefined,
  name: string,
  now: number,
  note?: string,
): { next?: ApprovalRecord; out: DenyOutcome } {
  if (!r) return { out: { ok: false, code: 'not_found', message: 'no such approval (it may have expired)' } };
  if (r.status !== 'pending') return { out: { ok: false, code: 'decided', message: `not denied: ${decidedText(r)}` } };
  if (isExpired(r, now))
    return { out: { ok: false, code: 'expired', message: 'not denied: the approval has expired' } };
  const next: ApprovalRecord = { ...r, status: 'denied', denial: { name, at: now, ...(note ? { note } : {}) } };
  return { next, out: { ok: true, record: next } };
}

interface QueueOptions {
  /** how long a pending approval waits for a decision (IM_ADMIN_APPROVAL_TTL_SECONDS), ms */
  ttlMs: number;
  clock?: Pick<Clock, 'now'>;
}

export type NewApproval = Omit<
  ApprovalRecord,
  'id' | 'createdAt' | 'expiresAt' | 'approvals' | 'status' | 'denial' | 'result' | 'finishedAt'
>;

/** The queue: the operations the gate and the console use, over a store. */
export class ApprovalQueue {
  readonly ttlMs: number;
  private readonly now: () => number;
  constructor(
    readonly store: ApprovalStore,
    opts: QueueOptions,
  ) {
    this.ttlMs = opts.ttlMs;
    this.now = opts.clock?.now ?? Date.now;
  }

  /** A new pending approval; its id is random (unguessable: it is also the agent's collection handle). */
  async submit(req: NewApproval): Promise<ApprovalRecord> {
    const now = this.now();
    const rec: ApprovalRecord = {
      ...req,
      id: `apv_${randomBytes(12).toString('base64url')}`,
      createdAt: now,
      expiresAt: now + this.ttlMs,
      approvals: [],
      status: 'pending',
    };
    // kept one more TTL after it expires, so the agent and the console can still be told it expired
    await this.store.update(rec.id, () => ({ next: rec, keepUntil: rec.expiresAt + this.ttlMs, out: undefined }));
    return rec;
  }

  get(id: string): Promise<ApprovalRecord | undefined> {
    return this.store.get(id);
  }

  /** Pending approvals not yet expired, newest first. */
  async pending(): Promise<ApprovalRecord[]> {
    const now = this.now();
    return (await this.store.list())
      .filter((r) => r.status === 'pending' && !isExpired(r, now))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  /** What the console's queue shows: undecided approvals, newest first, those that expired still listed (greyed). */
  async undecided(): Promise<ApprovalRecord[]> {
    return (await this.store.list())
      .filter((r) => r.status === 'pending')
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  /** A pending approval of the same tool and arguments (an agent asking again), to wait on instead of a copy. */
  async findPending(tool: string, argsHash: string): Promise<ApprovalRecord | undefined> {
    return (await this.pending()).find((r) => r.tool === tool && r.argsHash === argsHash);
  }

  /** Records one approval; `run: true` is returned to exactly one caller: the one that must execute the action. */
  approve(id: string, name: string, note?: string): Promise<ApproveOutcome> {
    const now = this.now();
    // an approved action stays until it has run and its result is stored, even past its expiry
    return this.store.update(id, (r) => ({
      ...approveStep(r, name, now, note),
      keepUntil: Math.max((r?.expiresAt ?? 0) + this.ttlMs, now + this.ttlMs),
    }));
  }

  deny(id: string, name: string, note?: string): Promise<DenyOutcome> {
    const now = this.now();
    return this.store.update(id, (r) => {
      const s = denyStep(r, name, now, note);
      // a denial is kept for the agent to collect for one more TTL
      return { ...s, keepUntil: now + this.ttlMs };
    });
  }

  /** Stores the result of an approved action (kept until collected, or one TTL). */
  complete(id: string, result: unknown): Promise<boolean> {
    const now = this.now();
    return this.store.update(id, (r) => {
      if (r?.status !== 'approved') return { out: false };
      return { next: { ...r, status: 'done', result, finishedAt: now }, keepUntil: now + this.ttlMs, out: true };
    });
  }

  /** Takes the result of a done approval, once; any other state is returned as it is. */
  collect(id: string): Promise<{ record?: ApprovalRecord; collected: boolean }> {
    const now = this.now();
    return this.store.update<{ record?: ApprovalRecord; collected: boolean }>(id, (r) => {
      if (r?.status !== 'done') return { out: { ...(r ? { record: r } : {}), collected: false } };
      const next: ApprovalRecord = { ...r, status: 'collected' };
      return { next, keepUntil: now + this.ttlMs, out: { record: r, collected: true } };
    });
  }

  /**
   * Waits until the approval leaves pending/approved, expires, `until` passes or `signal` aborts; `tick` is called
   * between checks (progress notifications). Returns the last record seen.
   */
  async wait(
    id: string,
    until: number,
    signal: AbortSignal,
    tick?: () => Promise<void> | void,
    pollMs = 1_000,
  ): Promise<ApprovalRecord | undefined> {
    for (;;) {
      const r = await this.store.get(id);
      const now = this.now();
      if (!r || (r.status !== 'pending' && r.status !== 'approved') || isExpired(r, now)) return r;
      if (now >= until || signal.aborted) return r;
      await this.store.changed(Math.min(until - now, pollMs), signal);
      await tick?.();
    }
  }
}

/** In memory: one process. Every update is synchronous inside, hence atomic. */
export class MemoryApprovalStore implements ApprovalStore {
  private readonly records = new Map<string, { rec: ApprovalRecord; keepUntil: number }>();
  private waiters = new Set<() => void>();
  constructor(private readonly clock: Pick<Clock, 'now' | 'sleep'>) {}

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, e] of this.records) if (now >= e.keepUntil) this.records.delete(id);
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    this.sweep();
    return structuredClone(this.records.get(id)?.rec);
  }

  async list(): Promise<ApprovalRecord[]> {
    this.sweep();
    return [...this.records.values()].map((e) => structuredClone(e.rec));
  }

  async update<T>(
    id: string,
    fn: (rec: ApprovalRecord | undefined) => { next?: ApprovalRecord; keepUntil?: number; out: T },
  ): Promise<T> {
    this.sweep();
    const cur = this.records.get(id);
    const { next, keepUntil, out } = fn(cur ? structuredClone(cur.rec) : undefined);
    if (next) {
      this.records.set(id, { rec: structuredClone(next), keepUntil: keepUntil ?? cur?.keepUntil ?? next.expiresAt });
      const w = this.waiters;
      this.waiters = new Set();
      for (const wake of w) wake();
    }
    return out;
  }

  changed(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const inner = new AbortController();
      const done = () => {
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        inner.abort();
        resolve();
      };
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
      void this.clock.sleep(ms, inner.signal).then(done);
    });
  }

  async close(): Promise<void> {
    for (const wake of this.waiters) wake();
  }
}
