/**
 * Shapes vendor answers into compact agent results: the vendor envelope is dropped, what the agent needs next
 * (data, ids, cursors, counts, per-item failures) is kept, and a one-line summary leads the text.
 */
import type { ToolOutput, Vendor } from '../kinds.js';
import { VENDORS } from '../vendors/index.js';
import { addReadable } from './readable.js';

/** The vendor's answer, shaped by its profile, with readable twins of declared fields, and the summary line. */
export function shapeResult(vendor: Vendor, json: unknown): ToolOutput {
  const structured = withReadable(vendor, VENDORS[vendor].shape(json));
  return { structured, summary: summarise(structured) };
}

/** A structured result with the readable twins its vendor declares (execute/readable.ts). */
export function withReadable(vendor: Vendor, structured: Record<string, unknown>): Record<string, unknown> {
  return addReadable(structured, VENDORS[vendor].readable) as Record<string, unknown>;
}

function summarise(s: Record<string, unknown>): string {
  const parts: string[] = [];
  const list = Array.isArray(s.data) ? s.data : Array.isArray(s.entities) ? s.entities : undefined;
  if (list) {
    parts.push(`${list.length} item(s)`);
    let failed = 0;
    for (const x of list) {
      if (!x || typeof x !== 'object') continue;
      const item = x as Record<string, unknown>;
      if (item.result === false || item.success === false) failed++;
    }
    if (failed > 0) parts.push(`${failed} failed (see reason)`);
  }
  if (typeof s.total === 'number') parts.push(`total ${s.total}`);
  // Easemob keeps returning a cursor on its last page: an empty page is the end, whatever the cursor says.
  if (s.cursor !== undefined && list?.length !== 0) parts.push(`more: pass cursor=${JSON.stringify(s.cursor)}`);
  else if (list?.length === 0) parts.push('end of list');
  return parts.length ? `OK: ${parts.join('; ')}.` : 'OK.';
}
