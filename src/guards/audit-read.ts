/**
 * The one reader of the audit log (guards/audit.ts writes it): the most recent lines, newest first, filtered by tool
 * and target. Reads only the file's tail (at most TAIL_BYTES), each step time-limited (fs-limits.ts). Lines are
 * written redacted, so nothing read here holds a secret; the approval console can share this reader.
 */
import { open } from 'node:fs/promises';
import { errCode, FS_STEP_MS, withFsDeadline } from '../fs-limits.js';
import type { AuditLine } from './audit.js';

/** How much of the file's end is read: enough for thousands of lines, bounded whatever the file's size. */
const TAIL_BYTES = 4 * 1024 * 1024;
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

/** The newest audit lines matching the query, newest first; none when the log does not exist yet. */
export async function readAudit(path: string, q: AuditQuery, stepMs = FS_STEP_MS): Promise<AuditLine[]> {
  const what = `IM_ADMIN_AUDIT_LOG (${path})`;
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await withFsDeadline(open(path, 'r'), stepMs, `${what}: opening to read`);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return [];
    throw err;
  }
  try {
    const { size } = await withFsDeadline(fh.stat(), stepMs, `${what}: reading its size`);
    const start = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    await withFsDeadline(fh.read(buf, 0, buf.length, start), stepMs, `${what}: reading`);
    const lines = buf.toString('utf8').split('\n');
    if (start > 0) lines.shift(); // the first line read may be cut
    const out: AuditLine[] = [];
    for (let i = lines.length - 1; i >= 0 && out.length < q.limit; i--) {
      const text = lines[i]?.trim();
      if (!text) continue;
      let line: AuditLine;
      try {
        line = JSON.parse(text) as AuditLine;
      } catch {
        continue; // a line cut by a crash is skipped, never fatal
      }
      if (q.tool && line.tool !== q.tool) continue;
      if (q.target && !targetIds(line.targets).includes(q.target)) continue;
      out.push(line);
    }
    return out;
  } finally {
    await fh.close().catch(() => {});
  }
}
