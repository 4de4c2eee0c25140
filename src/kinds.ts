/**
 * The vocabulary every layer shares: which vendor, which HTTP method, what a call yields. A leaf: it imports
 * nothing, so `http/`, `vendors/` and `tools/` can all use it without depending on each other.
 */
export type Vendor = 'lanying' | 'easemob';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a successful call yields before rendering: the compact structured data and a one-line summary. */
export interface ToolOutput {
  structured: Record<string, unknown>;
  /** one short line for the text result (ids, cursors, counts); the JSON copy is added by the renderer */
  summary?: string;
}
