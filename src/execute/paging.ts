/**
 * Auto-pagination: entries that declare `paging` accept `max_items`; the server then follows cursors or pages up to
 * that many rows (and at most MAX_PAGES vendor calls) and returns the rows with what continues the listing
 * (`cursor`, or `next_page`). Driven only by the declaration and the listed schema.
 */
import type { ToolOutput, ToolSpec } from '../tools/define.js';

export const MAX_ITEMS = 5000;
const MAX_PAGES = 50;

type Paging = NonNullable<ToolSpec['paging']>;

/** The largest page size the listed schema allows for the declared size property (its `maximum`). */
export function largestPage(p: Paging, listed: Record<string, unknown>): number | undefined {
  if (!p.size) return undefined;
  const props = listed.properties as Record<string, { maximum?: unknown }> | undefined;
  const max = props?.[p.size]?.maximum;
  return typeof max === 'number' ? max : undefined;
}

const rowsOf = (s: Record<string, unknown>): unknown[] =>
  Array.isArray(s.data) ? s.data : Array.isArray(s.entities) ? s.entities : [];

/** Follows cursors or pages with `fetch` until `max` rows, the end, or MAX_PAGES calls. */
export async function collectPages(
  p: Paging,
  pageSize: number | undefined,
  args: Record<string, unknown>,
  max: number,
  fetch: (args: Record<string, unknown>) => Promise<ToolOutput>,
): Promise<ToolOutput> {
  const rows: unknown[] = [];
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
    summary: `OK: ${structured.count} item(s) in ${calls} call(s)${more ? `; more: pass ${p.kind === 'cursor' ? `cursor=${JSON.stringify(structured.cursor)}` : `${p.kind === 'page' ? p.page : ''}=${String(structured.next_page)}`}` : rows.length > max ? '; more rows exist: raise max_items' : '; end of list'}.`,
  };
}

/**
 * Follows a declared list page by page for a lookup: until the end, until `stop` says so for a page's rows, or
 * until `maxPages` pages; `capReached` when the cap stopped it while the list went on.
 */
export async function walkPages(
  p: Paging,
  pageSize: number | undefined,
  args: Record<string, unknown>,
  maxPages: number,
  fetch: (args: Record<string, unknown>) => Promise<Record<string, unknown>>,
  stop?: (rows: unknown[]) => boolean,
): Promise<{ rows: unknown[]; pages: number; capReached: boolean }> {
  const rows: unknown[] = [];
  let call: Record<string, unknown> = { ...args };
  if (p.size && call[p.size] === undefined && pageSize) call[p.size] = pageSize;
  if (p.kind === 'page' && call[p.page] === undefined) call[p.page] = p.first;
  let pages = 0;
  for (;;) {
    const out = await fetch(call);
    pages++;
    const page = rowsOf(out);
    rows.push(...page);
    if (stop?.(page)) return { rows, pages, capReached: false };
    let next: Record<string, unknown> | undefined;
    if (p.kind === 'cursor') {
      const c = out.cursor;
      if (typeof c === 'string' && c !== '' && page.length > 0) next = { [p.cursor]: c };
    } else {
      const size = Number(call[p.size]);
      const reachedTotal = typeof out.total === 'number' && rows.length >= out.total;
      if (page.length > 0 && page.length >= size && !reachedTotal) next = { [p.page]: Number(call[p.page]) + 1 };
    }
    if (!next) return { rows, pages, capReached: false };
    if (pages >= maxPages) return { rows, pages, capReached: true };
    call = { ...call, ...next };
  }
}
