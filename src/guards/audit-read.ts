/**
 * The one reader of the audit log (guards/audit.ts writes it): the most recent lines, newest first, filtered by tool
 * and target. Reads only the file's tail (at most AUDIT_TAIL_BYTES), each step time-limited (fs-limits.ts). Lines are
 * written redacted, so nothing read here holds a secret; the approval console can share this reader.
 */
import { open } from 'node:fs/promises';
import { errCode, FS_STEP_MS, withFsDeadline } from '../fs-limits.js';
import type { AuditLine } from './audit.js';

/** How much of the file's end is read: enough for thousands of lines, bounded whatever the file's size. */
export const AUDIT_TAIL_BYTES = 4 * 1024 * 1024;
export const AUDIT_READ_MAX = 200;

interface AuditQuery {
  /** only lines of this tool */
  tool?: string;
  /** only lines whose declared targets name this id (a user, group, thread, file, device or tag) */
  target?: string;
  /** at most this many lines (1..AUDIT_READ_MAX) */
  limit: number;
}

/** Every id a line's declared targets name, flattened (lists and `{kind, field}` items alike). */
function targetIds(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(targetIds);
  if (v && typeof v === 'object') return Object.values(v).flatMap(targetIds);
  return v === undefined || v === null ? [] : [String(v)];
}

/**
 * The lines of the log's tail, newest first (at most `limit` of those `keep` admits), and whether the file is longer
 * than the part read. None when the log does not exist yet. A line cut by a crash is skipped, never fatal.
 */
export async function readAuditTail(
  path: string,
  opts: { keep?: (line: AuditLine) => boolean; limit?: number; stepMs?: number } = {},
): Promise<{ lines: AuditLine[]; cut: boolean }> {
  const what = `IM_ADMIN_AUDIT_LOG (${path})`;
  const stepMs = opts.stepMs ?? FS_STEP_MS;
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await withFsDeadline(open(path, 'r'), stepMs, `${what}: opening to read`);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return { lines: [], cut: false };
    throw err;
  }
  try {
    const { size } = await withFsDeadline(fh.stat(), stepMs, `${what}: reading its size`);
    const start = Math.max(0, size - AUDIT_TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    await withFsDeadline(fh.read(buf, 0, buf.length, start), stepMs, `${what}: reading`);
    const texts = buf.toString('utf8').split('\n');
    if (start > 0) texts.shift(); // the first line read may be cut
    const limit = opts.limit ?? Number.POSITIVE_INFINITY;
    const lines: AuditLine[] = [];
    for (let i = texts.length - 1; i >= 0 && lines.length < limit; i--) {
      const text = texts[i]?.trim();
      if (!text) continue;
      let line: AuditLine;
      try {
        line = JSON.parse(text) as AuditLine;
      } catch {
        continue;
      }
      if (!opts.keep || opts.keep(line)) lines.push(line);
    }
    return { lines, cut: start > 0 };
  } finally {
    await fh.close().catch(() => {});
  }
}

/** The newest audit lines matching the query, newest first; none when the log does not exist yet. */
export async function readAudit(path: string, q: AuditQuery, stepMs = FS_STEP_MS): Promise<AuditLine[]> {
  const keep = (line: AuditLine) =>
    (!q.tool || line.tool === q.tool) && (!q.target || targetIds(line.targets).includes(q.target));
  return (await readAuditTail(path, { keep, limit: q.limit, stepMs })).lines;
}
