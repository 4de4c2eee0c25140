/**
 * Auto-pagination: list tools whose documented query has a cursor or a page number accept `max_items`; the server
 * then follows cursors or pages up to that many rows (and at most MAX_PAGES vendor calls) and returns the rows with
 * what continues the listing (`cursor`, or `next_page`). Driven by each entry's declared query parameters.
 */
import type { z } from 'zod';
import type { ToolOutput, ToolSpec } from '../tools/define.js';

export const MAX_ITEMS = 5000;
export const MAX_PAGES = 50;

export type Paging =
  | { kind: 'cursor'; cursor: string; size?: string }
  | { kind: 'page'; page: string; size: string; first: number };

export function pagingOf(spec: ToolSpec): Paging | undefined {
  const q = spec.http.query ?? [];
  const size = q.find((n) => n === 'limit' || n === 'pagesize' || n === 'page_size');
  if (q.includes('cursor')) return { kind: 'cursor', cursor: 'cursor', ...(size ? { size } : {}) };
  const page = q.find((n) => n === 'pagenum' || n === 'page_num');
  if (page && size) {
    // The first page is the page parameter's documented minimum (Easemob counts some lists from 0, others from 1).
    const field = spec.input.shape[page] as z.ZodType | undefined;
    const min = (field as unknown as { unwrap?: () => { minValue?: number | null } })?.unwrap?.()?.minValue;
    return { kind: 'page', page, size, first: typeof min === 'number' ? min : 1 };
  }
  return undefined;
}

/** The largest page size the entry's schema allows for its size parameter. */
export function maxPageSize(spec: ToolSpec, p: Paging): number | undefined {
  const name = p.size;
  if (!name) return undefined;
  const field = spec.input.shape[name] as unknown as { unwrap?: () => { maxValue?: number | null } } | undefined;
  const max = field?.unwrap?.()?.maxValue;
  return typeof max === 'number' ? max : undefined;
}

const rowsOf = (s: Record<string, unknown>): unknown[] =>
  Array.isArray(s.data) ? s.data : Array.isArray(s.entities) ? s.entities : [];

/** Follows cursors or pages with `fetch` until `max` rows, the end, or MAX_PAGES calls. */
export async function collectPages(
  spec: ToolSpec,
  p: Paging,
  args: Record<string, unknown>,
  max: number,
  fetch: (args: Record<string, unknown>) => Promise<ToolOutput>,
): Promise<ToolOutput> {
  const rows: unknown[] = [];
  const pageSize = maxPageSize(spec, p);
  let call: Record<string, unknown> = { ...args };
  if (p.kind === 'cursor' && p.size && call[p.size] === undefined && pageSize) call[p.size] = Math.min(pageSize, max);
  if (p.kind === 'page') {
    if (call[p.size] === undefined && pageSize) call[p.size] = Math.min(pageSize, max);
    if (call[p.page] === undefined) call[p.page] = p.first;
  }
  let calls = 0;
  let next: Record<string, unknown> | undefined;
  let total: unknown;
  for (;;) {
    const out = await fetch(call);
    calls++;
    const page = rowsOf(out.structured);
    if (out.structured.total !== undefined) total = out.structured.total;
    rows.push(...page);
    next = undefined;
    if (p.kind === 'cursor') {
      const c = out.structured.cursor;
      if (typeof c === 'string' && c !== '' && page.length > 0) next = { [p.cursor]: c };
    } else {
      const size = Number(call[p.size]);
      const reachedTotal = typeof total === 'number' && rows.length >= total;
      if (page.length > 0 && page.length >= size && !reachedTotal) next = { [p.page]: Number(call[p.page]) + 1 };
    }
    if (!next || rows.length >= max || calls >= MAX_PAGES) break;
    call = { ...call, ...next };
  }
  const structured: Record<string, unknown> = { data: rows.slice(0, max), count: Math.min(rows.length, max), calls };
  if (total !== undefined) structured.total = total;
  // What continues the listing: the vendor's next cursor or page (rows beyond max in the last page are re-read).
  if (next && rows.length <= max)
    Object.assign(structured, p.kind === 'cursor' ? { cursor: next[p.cursor] } : { next_page: next[p.page] });
  const more = structured.cursor !== undefined || structured.next_page !== undefined;
  return {
    structured,
    summary: `OK: ${structured.count} item(s) in ${calls} call(s)${more ? `; more: pass ${p.kind === 'cursor' ? `cursor=${JSON.stringify(structured.cursor)}` : `${(p as { page: string }).page}=${String(structured.next_page)}`}` : rows.length > max ? '; more rows exist: raise max_items' : '; end of list'}.`,
  };
}
