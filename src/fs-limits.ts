/**
 * Time limits for filesystem steps on operator-configured paths (the audit log, the sandbox state, and any store
 * that lives beside them). A path on a hung network mount, or under /proc where Node's recursive mkdir loops
 * forever, must fail with a clear error naming the setting instead of hanging a write or spinning a core.
 *
 * `ensureDir` replaces `mkdir(…, { recursive: true })`: it creates one level at a time with plain mkdir calls, so
 * a path that can never be created fails in a bounded number of steps (libuv's recursive mkdir retries forever
 * when a parent exists but refuses children, as /proc does).
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Default limit of one filesystem step. */
export const FS_STEP_MS = 5_000;

export class FsDeadlineError extends Error {
  override readonly name = 'FsDeadlineError';
}

/**
 * Settles like `promise`, or rejects with FsDeadlineError after `ms`. `what` says what the step was for and names
 * the setting, e.g. `creating the folder of IM_ADMIN_AUDIT_LOG (/var/log/x/audit.jsonl)`. The underlying operation
 * cannot be cancelled: its late result is ignored.
 */
export function withFsDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new FsDeadlineError(
            `${what}: no answer from the filesystem within ${Math.round(ms / 100) / 10} s (a hung or special mount?)`,
          ),
        ),
      ms,
    );
    timer.unref?.();
  });
  promise.catch(() => {}); // a rejection after the deadline is not an unhandled one
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The errno code of a filesystem error, if any. */
export const errCode = (err: unknown): string | undefined =>
  err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;

/**
 * Creates `dir` and its missing parents (mode for the ones created), each step under the time limit. Bounded: at
 * most one stat and one mkdir per path level.
 */
export async function ensureDir(dir: string, mode: number, what: string, ms = FS_STEP_MS): Promise<void> {
  const missing: string[] = [];
  let cur = dir;
  for (;;) {
    try {
      const s = await withFsDeadline(stat(cur), ms, what);
      if (!s.isDirectory()) throw Object.assign(new Error(`${cur} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (err) {
      if (errCode(err) !== 'ENOENT') throw err;
      const parent = dirname(cur);
      if (parent === cur) throw err;
      missing.push(cur);
      cur = parent;
    }
  }
  for (const d of missing.reverse()) {
    try {
      await withFsDeadline(mkdir(d, { mode }), ms, what);
    } catch (err) {
      // created meanwhile by someone else: fine if it is a folder now
      if (errCode(err) === 'EEXIST' && (await withFsDeadline(stat(d), ms, what)).isDirectory()) continue;
      throw err;
    }
  }
}

/** `what: reason` for an error of a step on a configured path, without a second copy of the errno prefix. */
export function describeFsError(what: string, err: unknown): string {
  if (err instanceof FsDeadlineError) return err.message;
  const code = errCode(err);
  const reason =
    code === 'ENOENT'
      ? 'a folder on the path does not exist and cannot be created there'
      : code === 'ENOTDIR'
        ? 'a part of the path is a file, not a folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EROFS'
            ? 'read-only filesystem'
            : code === 'ENOSPC'
              ? 'no space left on the device'
              : undefined;
  const detail = err instanceof Error ? err.message : String(err);
  return reason ? `${what}: ${reason} (${detail})` : `${what}: ${detail}`;
}
