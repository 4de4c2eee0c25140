/**
 * Batches that scale: a tool whose vendor call has a per-call item limit (declared as `batch`) accepts up
 * to BATCH_ACCEPT items and is split here into vendor-sized calls, in order. Ids that go into a URL path are also
 * kept under the vendor's URL length (Easemob: 4 KB). Each call's result is merged into per-item results.
 */
import type { ToolOutput, ToolSpec } from '../tools/define.js';

/** Most items one tool call accepts for a batch property; split into vendor-sized calls. */
export const BATCH_ACCEPT = 1000;
/** Encoded length budget of a comma-joined path list (the Easemob URL limit is 4 KB, minus the rest of the URL). */
export const PATH_LIST_BUDGET = 3500;

/** Splits the arguments into vendor-sized calls (one element when no split is needed). */
export function splitArgs(spec: ToolSpec, args: Record<string, unknown>): Record<string, unknown>[] {
  const b = spec.batch;
  const list = b ? args[b.prop] : undefined;
  if (!b || !Array.isArray(list)) return [args];
  const inPath = (spec.http.route ?? spec.http.path).includes(`{${b.prop}}`);
  const chunks: unknown[][] = [];
  let current: unknown[] = [];
  let length = 0;
  for (const item of list) {
    const size = inPath ? encodeURIComponent(String(item)).length + 1 : 0;
    if (current.length > 0 && (current.length >= b.max || (inPath && length + size > PATH_LIST_BUDGET))) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(item);
    length += size;
  }
  if (current.length > 0) chunks.push(current);
  if (chunks.length <= 1) return [args];
  return chunks.map((items) => ({ ...args, [b.prop]: items }));
}

export interface ChunkOutcome {
  items: unknown[];
  output?: ToolOutput;
  error?: { code?: string; status?: number; message: string };
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Merges the per-call outcomes of a split batch into one compact result. */
export function mergeChunks(spec: ToolSpec, outcomes: ChunkOutcome[]): ToolOutput {
  const data: unknown[] = [];
  const failed: { items: unknown[]; error: ChunkOutcome['error'] }[] = [];
  let itemFailures = 0;
  for (const o of outcomes) {
    if (o.output) {
      const s = o.output.structured;
      const rows = asList(s.data ?? s.entities);
      for (const r of rows) {
        const row = r as Record<string, unknown> | null;
        if (row && typeof row === 'object' && (row.result === false || row.success === false)) itemFailures++;
      }
      data.push(...rows);
    } else failed.push({ items: o.items, error: o.error });
  }
  const total = outcomes.reduce((n, o) => n + o.items.length, 0);
  const structured: Record<string, unknown> = {
    data,
    calls: outcomes.length,
    items: total,
    calls_failed: failed.length,
  };
  if (failed.length > 0) structured.failed = failed;
  const parts = [`${outcomes.length} vendor calls for ${total} items (${spec.batch?.max} per call)`];
  if (itemFailures > 0) parts.push(`${itemFailures} item(s) failed (see reason)`);
  if (failed.length > 0) parts.push(`${failed.length} call(s) failed: their items are listed under \`failed\``);
  return { structured, summary: `${failed.length === outcomes.length ? 'Failed' : 'Done'}: ${parts.join('; ')}.` };
}
