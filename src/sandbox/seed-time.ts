/** Timestamp used for `created` fields of seed objects (2025-01-01T00:00:00Z), independent of the clock. */
export const SEED_EPOCH = 1735689600000;
