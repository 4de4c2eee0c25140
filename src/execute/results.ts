/**
 * Shapes vendor answers into compact agent results: the vendor envelope is dropped, what the agent needs next
 * (data, ids, cursors, counts, per-item failures) is kept, and a one-line summary leads the text.
 */
import type { ToolOutput, Vendor } from '../tools/define.js';

const EASEMOB_KEEP = ['data', 'entities', 'count', 'cursor', 'total'] as const;

export function shapeResult(vendor: Vendor, json: unknown): ToolOutput {
  const env = (json ?? {}) as Record<string, unknown>;
  const structured: Record<string, unknown> = {};
  if (vendor === 'lanying') {
    structured.data = env.data ?? null;
    if (env.cursor !== undefined && env.cursor !== null && env.cursor !== '') structured.cursor = env.cursor;
    if (env.version !== undefined && env.version !== null) structured.version = env.version;
  } else {
    for (const k of EASEMOB_KEEP) {
      const v = env[k];
      if (v === undefined || v === null) continue;
      if (k === 'entities' && Array.isArray(v) && v.length === 0 && 'data' in env) continue;
      structured[k] = v;
    }
    const props = env.properties as Record<string, unknown> | undefined;
    if (props && typeof props === 'object' && props.cursor && structured.cursor === undefined)
      structured.cursor = props.cursor;
    if (Object.keys(structured).length === 0) structured.data = null;
  }
  return { structured, summary: summarise(structured) };
}

function summarise(s: Record<string, unknown>): string {
  const parts: string[] = [];
  const list = Array.isArray(s.data) ? s.data : Array.isArray(s.entities) ? s.entities : undefined;
  if (list) {
    parts.push(`${list.length} item(s)`);
    const failed = list.filter(
      (x) =>
        x &&
        typeof x === 'object' &&
        ((x as Record<string, unknown>).result === false || (x as Record<string, unknown>).success === false),
    ).length;
    if (failed > 0) parts.push(`${failed} failed (see reason)`);
  }
  if (typeof s.total === 'number') parts.push(`total ${s.total}`);
  // Easemob keeps returning a cursor on its last page: an empty page is the end, whatever the cursor says.
  if (s.cursor !== undefined && list?.length !== 0) parts.push(`more: pass cursor=${JSON.stringify(s.cursor)}`);
  else if (list?.length === 0) parts.push('end of list');
  return parts.length ? `OK: ${parts.join('; ')}.` : 'OK.';
}
