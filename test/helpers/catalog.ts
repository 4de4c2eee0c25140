/**
 * The number of tools the server serves: one per catalog entry. Tests that check what a server lists compare with
 * this; test/unit/catalog.test.ts pins the catalog itself to the documentation (41 Lanying + 50 Easemob operations).
 */
import { ALL_TOOLS } from '../../src/tools/index.js';

export const TOOL_COUNT = ALL_TOOLS.length;

/** The catalog's tools of one vendor: what a server configured for that vendor alone serves. */
export const vendorToolCount = (vendor: (typeof ALL_TOOLS)[number]['vendor']): number =>
  ALL_TOOLS.filter((t) => t.vendor === vendor).length;
