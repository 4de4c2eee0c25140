/**
 * Spent confirmation tokens on the local disk, for a server without Redis whose tokens outlive it
 * (IM_ADMIN_CONFIRM_SECRET set): one empty file per spent token in a folder beside the audit log (0700, files
 * 0600), named `<expiry>-<nonce>`, created exclusively, so a token runs once even across restarts and across
 * processes sharing the folder. Files of expired tokens are removed now and then. Every step has a time limit.
 */
import { mkdir, open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpentStore } from '../guards/confirm-token.js';

/** How long one filesystem step may take before the call is refused. */
const STEP_MS = 5_000;
const PRUNE_EVERY_MS = 60_000;

function deadline<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${STEP_MS / 1000} s`)), STEP_MS);
    timer.unref();
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

export class FileSpentStore implements SpentStore {
  private ready?: Promise<unknown>;
  private lastPrune = 0;

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async spend(nonce: string, expiresAtMs: number): Promise<boolean> {
    const where = `the confirmation token store ${this.dir} (beside IM_ADMIN_AUDIT_LOG)`;
    this.ready ??= deadline(mkdir(this.dir, { recursive: true, mode: 0o700 }), `Creating ${where}`).catch(
      (e: unknown) => {
        this.ready = undefined;
        throw new Error(`Cannot create ${where}: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    await this.ready;
    this.prune();
    try {
      const fh = await deadline(
        open(join(this.dir, `${expiresAtMs.toString(36)}-${nonce}`), 'wx', 0o600),
        `Writing ${where}`,
      );
      await fh.close();
      return true;
    } catch (e) {
      if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'EEXIST') return false;
      throw new Error(`Cannot record a spent token in ${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Removes the files of expired tokens, at most once a minute, in the background. */
  private prune(): void {
    const t = this.now();
    if (t - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = t;
    void deadline(readdir(this.dir), 'Listing the token store')
      .then(async (names) => {
        for (const n of names) {
          const exp = Number.parseInt(n.slice(0, n.indexOf('-')), 36);
          if (Number.isFinite(exp) && exp < t) await unlink(join(this.dir, n)).catch(() => {});
        }
      })
      .catch(() => {});
  }
}
