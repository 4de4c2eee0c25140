/**
 * Confirmation tokens (contract §4): HMAC-signed over (tool, canonical argument hash, expiry, nonce), single use,
 * expiring. The token itself carries only the expiry, a nonce and the signature; verification recomputes the
 * signature from the tool and arguments of the confirming call, so any change of tool or arguments fails.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CONTROL_ARGS } from '../execute/build-request.js';

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

/** Canonical JSON (sorted keys) of the arguments that define the action: control arguments excluded. */
export function argumentHash(args: Record<string, unknown>): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
      );
    }
    return typeof v === 'bigint' ? v.toString() : v;
  };
  const relevant = Object.fromEntries(Object.entries(args).filter(([k, v]) => !CONTROL_ARGS.has(k) && v !== undefined));
  return createHash('sha256')
    .update(JSON.stringify(canon(relevant)))
    .digest('base64url');
}

export type TokenVerdict = 'ok' | 'malformed' | 'mismatch' | 'expired' | 'used';

export class ConfirmTokens {
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
    return { token: `${exp}.${nonce}.${this.sign(tool, argumentHash(args), exp, nonce)}`, expiresAt: new Date(expMs) };
  }

  async verify(token: string, tool: string, args: Record<string, unknown>): Promise<TokenVerdict> {
    const parts = token.split('.');
    if (parts.length !== 3) return 'malformed';
    const [exp, nonce, sig] = parts as [string, string, string];
    const expMs = Number.parseInt(exp, 36);
    if (!Number.isFinite(expMs) || !nonce || !sig) return 'malformed';
    const expected = Buffer.from(this.sign(tool, argumentHash(args), exp, nonce));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'mismatch';
    if (this.now() > expMs) return 'expired';
    return (await this.store.spend(nonce, expMs)) ? 'ok' : 'used';
  }
}
