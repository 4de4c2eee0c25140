/**
 * Confirmation tokens (contract §4): HMAC-signed over (tool, canonical argument hash, expiry, nonce), single use,
 * expiring. The token itself carries only the expiry, a nonce and the signature; verification recomputes the
 * signature from the tool and arguments of the confirming call, so any change of tool or arguments fails.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CONTROL_ARGS } from '../execute/schema.js';

/** Remembers which nonces were spent. In memory by default; a shared store lets replicas agree. */
export interface SpentStore {
  /** Marks the nonce spent; false when it already was. Must be atomic across replicas. */
  spend(nonce: string, expiresAtMs: number): Promise<boolean>;
}

export class MemorySpentStore implements SpentStore {
  private readonly spent = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}
  async spend(nonce: string, expiresAtMs: number): Promise<boolean> {
    const t = this.now();
    if (this.spent.size > 1000) for (const [n, exp] of this.spent) if (exp < t) this.spent.delete(n);
    if (this.spent.has(nonce)) return false;
    this.spent.set(nonce, expiresAtMs);
    return true;
  }
}

/** Canonical JSON (sorted keys) of one value. */
function canonical(v: unknown): string {
  const canon = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(canon);
    if (x && typeof x === 'object') {
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, canon((x as Record<string, unknown>)[k])]),
      );
    }
    return typeof x === 'bigint' ? x.toString() : x;
  };
  return JSON.stringify(canon(v));
}

/**
 * The arguments a confirmation covers: everything the person was shown, the `reason` included (the audit line
 * keeps it), but not the token itself nor paging controls; undefined values left out.
 */
const BOUND_CONTROLS = new Set(['reason']);
const relevant = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(args).filter(([k, v]) => (!CONTROL_ARGS.has(k) || BOUND_CONTROLS.has(k)) && v !== undefined),
  );

/** Hash of the canonical JSON of the arguments that define the action. */
export function argumentHash(args: Record<string, unknown>): string {
  return createHash('sha256')
    .update(canonical(relevant(args)))
    .digest('base64url');
}

const keyHashes = (args: Record<string, unknown>): Map<string, string> =>
  new Map(
    Object.entries(relevant(args)).map(([k, v]) => [
      k,
      createHash('sha256').update(canonical(v)).digest('base64url').slice(0, 16),
    ]),
  );

type TokenVerdict = 'ok' | 'malformed' | 'mismatch' | 'expired' | 'used';

/** A token that does not fit the call, and (when this process issued it) what differs. */
export interface Mismatch {
  verdict: 'mismatch';
  /** the tool the token was issued for, when it was another */
  tool?: string;
  /** argument names whose values differ from the ones the token was issued for */
  args?: string[];
}

/** A token checked against its call, not yet spent: `spend` it when everything else allows the call. */
export interface CheckedToken {
  verdict: 'ok';
  nonce: string;
  expiresAtMs: number;
}

/** How many issued tokens are remembered to explain a mismatch (the oldest are forgotten first). */
const MAX_REMEMBERED = 10_000;

export class ConfirmTokens {
  /** nonce → what it was issued for, to say what differs on a mismatch (this process's tokens only) */
  private readonly issued = new Map<string, { tool: string; keys: Map<string, string>; exp: number }>();

  constructor(
    private readonly secret: Buffer,
    readonly ttlMs: number,
    private readonly store: SpentStore,
    private readonly now: () => number = Date.now,
  ) {}

  private sign(tool: string, hash: string, exp: string, nonce: string): string {
    return createHmac('sha256', this.secret).update(`${tool}\n${hash}\n${exp}\n${nonce}`).digest('base64url');
  }

  mint(tool: string, args: Record<string, unknown>): { token: string; expiresAt: Date } {
    const expMs = this.now() + this.ttlMs;
    const exp = expMs.toString(36);
    const nonce = randomBytes(12).toString('base64url');
    if (this.issued.size >= MAX_REMEMBERED) {
      const t = this.now();
      for (const [n, v] of this.issued) if (v.exp < t || this.issued.size >= MAX_REMEMBERED) this.issued.delete(n);
    }
    this.issued.set(nonce, { tool, keys: keyHashes(args), exp: expMs });
    return { token: `${exp}.${nonce}.${this.sign(tool, argumentHash(args), exp, nonce)}`, expiresAt: new Date(expMs) };
  }

  /** Checks signature, binding and expiry without spending the token. */
  check(
    token: string,
    tool: string,
    args: Record<string, unknown>,
  ): CheckedToken | Mismatch | { verdict: 'malformed' | 'expired' } {
    const parts = token.split('.');
    if (parts.length !== 3) return { verdict: 'malformed' };
    const [exp, nonce, sig] = parts as [string, string, string];
    const expMs = Number.parseInt(exp, 36);
    if (!Number.isFinite(expMs) || !nonce || !sig || !/^[A-Za-z0-9_-]{1,64}$/.test(nonce))
      return { verdict: 'malformed' };
    const expected = Buffer.from(this.sign(tool, argumentHash(args), exp, nonce));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return this.explain(nonce, tool, args);
    if (this.now() > expMs) return { verdict: 'expired' };
    return { verdict: 'ok', nonce, expiresAtMs: expMs };
  }

  /** Marks a checked token spent; false when it already was (single use, across replicas with a shared store). */
  async spend(checked: CheckedToken): Promise<boolean> {
    const ok = await this.store.spend(checked.nonce, checked.expiresAtMs);
    if (ok) this.issued.delete(checked.nonce);
    return ok;
  }

  /** check + spend in one step. */
  async verify(token: string, tool: string, args: Record<string, unknown>): Promise<TokenVerdict> {
    const c = this.check(token, tool, args);
    if (c.verdict !== 'ok') return c.verdict;
    return (await this.spend(c)) ? 'ok' : 'used';
  }

  private explain(nonce: string, tool: string, args: Record<string, unknown>): Mismatch {
    const issued = this.issued.get(nonce);
    if (!issued) return { verdict: 'mismatch' };
    if (issued.tool !== tool) return { verdict: 'mismatch', tool: issued.tool };
    const now = keyHashes(args);
    const names = new Set([...issued.keys.keys(), ...now.keys()]);
    return { verdict: 'mismatch', args: [...names].filter((k) => issued.keys.get(k) !== now.get(k)).sort() };
  }
}
