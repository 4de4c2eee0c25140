/**
 * The number of tools the server serves: one per catalog entry (documented operation) plus the lookups composed of
 * them. Tests that check what a server lists compare with this; test/unit/catalog.test.ts pins the catalog itself to
 * the documentation (41 Lanying + 50 Easemob operations).
 */
import { LOOKUPS } from '../../src/lookups/index.js';
import { ALL_TOOLS } from '../../src/tools/index.js';

/** What a default server lists, in its order: the documented operations, then the lookups. */
export const SERVED_TOOLS: readonly {
  name: string;
  vendor: string;
  toolset: string;
  annotations: { readOnlyHint: boolean };
}[] = [...ALL_TOOLS, ...LOOKUPS];
export const TOOL_COUNT = SERVED_TOOLS.length;

/** The catalog's documented operations of one vendor (their place in the list: Lanying first). */
export const vendorToolCount = (vendor: (typeof ALL_TOOLS)[number]['vendor']): number =>
  ALL_TOOLS.filter((t) => t.vendor === vendor).length;

/** What a server configured for that vendor alone serves: its operations and lookups. */
export const vendorServedCount = (vendor: (typeof ALL_TOOLS)[number]['vendor']): number =>
  SERVED_TOOLS.filter((t) => t.vendor === vendor).length;
