/**
 * Who may use the approval console: named approvers, each with a credential the agent never sees
 * (IM_ADMIN_CONSOLE_APPROVERS or IM_ADMIN_CONSOLE_APPROVERS_FILE; none configured: one `admin` with a random
 * credential printed once at start). A login sets a signed session cookie (HttpOnly, SameSite=Strict, Path=/console,
 * expiring; Secure behind https), failed logins are rate-limited per address and per name, and every form that
 * changes something carries a CSRF token derived from the session. The MCP bearer token opens nothing here.
 *
 * Sessions are stateless (HMAC over name, expiry and a nonce) so replicas with the same approvers and
 * IM_ADMIN_CONFIRM_SECRET accept each other's cookies; the key also covers the credentials, so changing one ends
 * its sessions. A logout is remembered by this process until the cookie would have expired.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

interface Approver {
  name: string;
  secret: string;
}

export interface Session {
  name: string;
  nonce: string;
  expiresAt: number;
  csrf: string;
}

const COOKIE = 'im_admin_console';

/** Failed logins allowed per approver name from one address, and per address (all names), within LOCK_WINDOW_MS. */
const MAX_FAILURES = 5;
const MAX_FAILURES_PER_ADDRESS = 20;
const LOCK_WINDOW_MS = 5 * 60_000;
/** Most failure counts kept (names × addresses, and addresses). */
const MAX_TRACKED = 10_000;

const digest = (s: string) => createHash('sha256').update(s).digest();
const equal = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

type LoginResult =
  | { ok: true; session: Session; cookie: string }
  | { ok: false; status: 401 | 429; retryAfterSeconds?: number };

export class ConsoleAuth {
  private readonly approvers: Map<string, string>;
  private readonly key: Buffer;
  private readonly failures = new Map<string, number[]>();
  private readonly revoked = new Map<string, number>();

  constructor(
    approvers: Approver[],
    private readonly opts: { sessionMs: number; secureCookie: boolean; keySeed?: string; now?: () => number },
  ) {
    this.approvers = new Map(approvers.map((a) => [a.name, a.secret]));
    const seed = opts.keySeed ?? randomBytes(32).toString('base64url');
    const creds = [...this.approvers].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, s]) => `${n}:${s}`);
    this.key = createHmac('sha256', seed)
      .update(`im-admin-mcp console v1\n${creds.join('\n')}`)
      .digest();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  get names(): string[] {
    return [...this.approvers.keys()];
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  /**
   * Bounds the failure counts kept: expired ones go first, then those with the fewest failures, so the locks in
   * force survive a flood of single failures from many addresses.
   */
  private prune(now: number): void {
    if (this.failures.size <= MAX_TRACKED) return;
    for (const [k, list] of this.failures) if (!list.some((t) => now - t < LOCK_WINDOW_MS)) this.failures.delete(k);
    if (this.failures.size <= MAX_TRACKED) return;
    const fewest = [...this.failures].sort((a, b) => a[1].length - b[1].length);
    for (const [k] of fewest.slice(0, this.failures.size - Math.floor(MAX_TRACKED * 0.9))) this.failures.delete(k);
  }

  /** Seconds until `key` may try again, or 0. */
  private locked(key: string, now: number, max: number): number {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < LOCK_WINDOW_MS);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    if (list.length < max) return 0;
    return Math.ceil(((list[list.length - max] as number) + LOCK_WINDOW_MS - now) / 1000);
  }

  login(name: string, secret: string, address: string): LoginResult {
    const now = this.now();
    // A name is locked only for the address that failed with it: approver names are no secret (results say who
    // approved), so a lock on the name alone would let anyone keep the moderators out.
    const keys = [`ip:${address}`, `name:${name}\n${address}`];
    const wait = Math.max(
      this.locked(`ip:${address}`, now, MAX_FAILURES_PER_ADDRESS),
      this.locked(`name:${name}\n${address}`, now, MAX_FAILURES),
    );
    if (wait > 0) return { ok: false, status: 429, retryAfterSeconds: wait };
    const expected = this.approvers.get(name);
    // compare even for an unknown name, so timing does not tell which names exist
    const ok = equal(secret, expected ?? `\0${randomBytes(16).toString('hex')}`) && expected !== undefined;
    if (!ok) {
      for (const k of keys) this.failures.set(k, [...(this.failures.get(k) ?? []), now]);
      this.prune(now);
      return { ok: false, status: 401 };
    }
    for (const k of keys) this.failures.delete(k);
    const expiresAt = now + this.opts.sessionMs;
    const nonce = randomBytes(16).toString('base64url');
    const body = `${Buffer.from(name).toString('base64url')}.${expiresAt.toString(36)}.${nonce}`;
    const value = `${body}.${this.sign(body)}`;
    const session: Session = { name, nonce, expiresAt, csrf: this.csrfOf(nonce) };
    return { ok: true, session, cookie: this.cookie(value, Math.floor(this.opts.sessionMs / 1000)) };
  }

  private cookie(value: string, maxAge: number): string {
    return `${COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${this.opts.secureCookie ? '; Secure' : ''}`;
  }

  private csrfOf(nonce: string): string {
    return this.sign(`csrf\n${nonce}`);
  }

  /** The session of a request's Cookie header, when valid, unexpired, not logged out and its approver still exists. */
  session(cookieHeader: string | undefined): Session | undefined {
    const raw = (cookieHeader ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);
    if (!raw) return undefined;
    const parts = raw.split('.');
    if (parts.length !== 4) return undefined;
    const [n, exp, nonce, sig] = parts as [string, string, string, string];
    if (!equal(sig, this.sign(`${n}.${exp}.${nonce}`))) return undefined;
    const name = Buffer.from(n, 'base64url').toString();
    const expiresAt = Number.parseInt(exp, 36);
    const now = this.now();
    if (!Number.isFinite(expiresAt) || now >= expiresAt || !this.approvers.has(name) || this.revoked.has(nonce))
      return undefined;
    return { name, nonce, expiresAt, csrf: this.csrfOf(nonce) };
  }

  csrfOk(session: Session, given: unknown): boolean {
    return typeof given === 'string' && given.length > 0 && equal(given, session.csrf);
  }

  /** Ends a session (this process remembers it until it would have expired); returns the clearing cookie. */
  logout(session: Session | undefined): string {
    const now = this.now();
    for (const [n, exp] of this.revoked) if (exp <= now) this.revoked.delete(n);
    if (session) this.revoked.set(session.nonce, session.expiresAt);
    return this.cookie('', 0);
  }
}
