/**
 * Spent confirmation tokens on the local disk, for a server without Redis whose tokens outlive it
 * (IM_ADMIN_CONFIRM_SECRET set): one empty file per spent token in a folder beside the audit log (0700, files
 * 0600), named `<expiry>-<nonce>`, created exclusively, so a token runs once even across restarts and across
 * processes sharing the folder. Files of expired tokens are removed now and then. Every step has a time limit.
 */
import { open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFsError, ensureDir, errCode, FS_STEP_MS, withFsDeadline } from '../fs-limits.js';
import type { SpentStore } from '../guards/confirm-token.js';

const PRUNE_EVERY_MS = 60_000;
const deadline = <T>(p: Promise<T>, what: string): Promise<T> => withFsDeadline(p, FS_STEP_MS, what);

export class FileSpentStore implements SpentStore {
  private ready: Promise<unknown> | undefined;
  private lastPrune = 0;

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async spend(nonce: string, expiresAtMs: number): Promise<boolean> {
    const where = `the confirmation token store ${this.dir} (beside IM_ADMIN_AUDIT_LOG)`;
    this.ready ??= ensureDir(this.dir, 0o700, `creating ${where}`).catch((e: unknown) => {
      this.ready = undefined;
      throw new Error(describeFsError(`Cannot create ${where}`, e));
    });
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
      if (errCode(e) === 'EEXIST') return false;
      throw new Error(describeFsError(`Cannot record a spent token in ${where}`, e));
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
