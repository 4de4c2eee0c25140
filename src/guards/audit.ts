/**
 * The append-only JSONL audit log: one line per write request sent to a vendor (and per refused or dry-run
 * write), secrets redacted. Lines are appended through one queue so concurrent calls never interleave, the file is
 * created with mode 0600 in a folder created with 0700, and a log that cannot be opened fails the write before
 * anything is sent.
 */
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
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
  /** documented in README (Audit log): the approval console filters on these */
  outcome: AuditOutcome;
  /**
   * how the person decided: `elicitation`, `token`, `off` (IM_ADMIN_CONFIRM=off); `not_confirmed`: a destructive
   * call refused before anyone decided; `not_required`: a write that needs no confirmation
   */
  confirmed?: 'elicitation' | 'token' | 'off' | 'not_confirmed' | 'not_required';
  reason?: string;
  error?: Record<string, unknown>;
  preimage?: unknown;
  request?: { method: string; url: string };
  duration_ms?: number;
  /** for a batch split into several vendor calls: which call this line records */
  chunk?: { index: number; of: number };
}

export class AuditLog {
  private handle?: Promise<FileHandle>;
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Opens (creating) the log; rejects when it cannot be written, so the caller can refuse before sending. */
  ready(): Promise<FileHandle> {
    this.handle ??= (async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const fh = await open(this.path, 'a', 0o600);
      await fh.chmod(0o600);
      return fh;
    })();
    this.handle.catch(() => {
      this.handle = undefined; // try again on the next write
    });
    return this.handle;
  }

  /** Appends one line; lines are written one at a time, in call order. */
  append(line: AuditLine): Promise<void> {
    const text = `${redact(JSON.stringify(line))}\n`;
    const next = this.tail.then(async () => {
      const fh = await this.ready();
      await fh.appendFile(text, 'utf8');
    });
    this.tail = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    await this.tail;
    const h = this.handle;
    this.handle = undefined;
    if (h) await (await h.catch(() => undefined))?.close();
  }
}
