/**
 * The append-only JSONL audit log: one line per write request sent to a vendor (and per refused or dry-run
 * write), secrets redacted. Lines are appended through one queue so concurrent calls never interleave, the file is
 * created with mode 0600 in a folder created with 0700, and a log that cannot be opened fails the write before
 * anything is sent. Every filesystem step has a time limit (fs-limits.ts) and its errors name IM_ADMIN_AUDIT_LOG.
 * When the file would grow past `maxBytes` (IM_ADMIN_AUDIT_MAX_BYTES) it is renamed to `<path>.<UTC time>` and a
 * new one is started, between two lines (never inside one); rotated files are kept: retention is the operator's.
 */
import { type FileHandle, open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeFsError, ensureDir, errCode, FS_STEP_MS, withFsDeadline } from '../fs-limits.js';
import { redact } from '../log.js';

/** Every outcome an audit line can record. */
export const AUDIT_OUTCOMES = ['success', 'error', 'refused', 'declined', 'cancelled', 'dry_run'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditLine {
  time: string;
  tool: string;
  vendor: string;
  targets: Record<string, unknown>;
  args: Record<string, unknown>;
  /** documented in docs/safety.md (audit trail): the approval console filters on these */
  outcome: AuditOutcome;
  /**
   * how the person decided: `elicitation`, `token`, `console` (IM_ADMIN_CONFIRM=console), `off`
   * (IM_ADMIN_CONFIRM=off); `not_confirmed`: a destructive call refused before anyone decided; `not_required`: a
   * write that needs no confirmation
   */
  confirmed?: 'elicitation' | 'token' | 'console' | 'off' | 'not_confirmed' | 'not_required';
  /** IM_ADMIN_CONFIRM=console: the approval, who asked for it, and who approved or denied it (with the note) */
  approval_id?: string;
  requested_by?: { client?: string; session?: string };
  approved_by?: string[];
  denied_by?: string;
  note?: string;
  reason?: string;
  error?: Record<string, unknown>;
  preimage?: unknown;
  request?: { method: string; url: string };
  duration_ms?: number;
  /** for a batch split into several vendor calls: which call this line records */
  chunk?: { index: number; of: number };
}

interface AuditOptions {
  /** rotate before the file would grow past this many bytes; 0: never (default) */
  maxBytes?: number;
  /** time limit of one filesystem step, ms */
  stepMs?: number;
}

export class AuditLog {
  private handle: Promise<FileHandle> | undefined;
  private tail: Promise<void> = Promise.resolve();
  /** bytes in the current file (read when opened, then counted) */
  private size = 0;
  private readonly maxBytes: number;
  private readonly stepMs: number;

  constructor(
    readonly path: string,
    opts: AuditOptions = {},
  ) {
    this.maxBytes = opts.maxBytes ?? 0;
    this.stepMs = opts.stepMs ?? FS_STEP_MS;
  }

  private step<T>(p: Promise<T>, doing: string): Promise<T> {
    return withFsDeadline(p, this.stepMs, `IM_ADMIN_AUDIT_LOG (${this.path}): ${doing}`);
  }

  /** Opens (creating) the log; rejects when it cannot be written, so the caller can refuse before sending. */
  ready(): Promise<FileHandle> {
    this.handle ??= (async () => {
      const what = `IM_ADMIN_AUDIT_LOG (${this.path})`;
      try {
        await ensureDir(dirname(this.path), 0o700, `${what}: creating its folder`, this.stepMs);
        const fh = await this.step(open(this.path, 'a', 0o600), 'opening');
        try {
          await this.step(fh.chmod(0o600), 'setting mode 0600');
          this.size = (await this.step(fh.stat(), 'reading its size')).size;
        } catch (err) {
          void fh.close().catch(() => {});
          throw err;
        }
        return fh;
      } catch (err) {
        throw new Error(describeFsError(`${what} cannot be written`, err));
      }
    })();
    this.handle.catch(() => {
      this.handle = undefined; // try again on the next write
    });
    return this.handle;
  }

  /** Appends one line; lines are written one at a time, in call order, rotating between lines. */
  append(line: AuditLine): Promise<void> {
    const text = `${redact(JSON.stringify(line))}\n`;
    const bytes = Buffer.byteLength(text);
    const next = this.tail.then(async () => {
      let fh = await this.ready();
      if (this.maxBytes > 0 && this.size > 0 && this.size + bytes > this.maxBytes) fh = await this.rotate(fh);
      await this.step(fh.appendFile(text, 'utf8'), 'appending a line');
      this.size += bytes;
    });
    this.tail = next.catch(() => {});
    return next;
  }

  /** Renames the full file aside (`<path>.<UTC time>[-n]`) and opens a new one. Runs inside the append queue. */
  private async rotate(fh: FileHandle): Promise<FileHandle> {
    this.handle = undefined;
    await this.step(fh.close(), 'closing before rotation');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let target = `${this.path}.${stamp}`;
    for (let n = 1; ; n++) {
      const taken = await this.step(stat(target), 'choosing a rotation name').then(
        () => true,
        (err: unknown) => {
          if (errCode(err) === 'ENOENT') return false;
          throw err;
        },
      );
      if (!taken) break;
      target = `${this.path}.${stamp}-${n}`;
    }
    await this.step(rename(this.path, target), `rotating to ${target}`);
    return this.ready();
  }

  async close(): Promise<void> {
    await this.tail;
    const h = this.handle;
    this.handle = undefined;
    const fh = h ? await h.catch(() => undefined) : undefined;
    if (fh) await this.step(fh.close(), 'closing').catch(() => {});
  }
}
