/**
 * Reading vendor answers of unknown shape in the guards (pre-images, protection, previews, preflight): each helper
 * gives a safe default instead of throwing, so a surprising answer is "unknown", never a crash.
 */
export type JsonObject = Record<string, unknown>;

/** The value as an object, or `{}` when it is not one (arrays are not). */
export const asObject = (v: unknown): JsonObject =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};

/** True when the value is a plain object (not an array, not null). */
export const isObject = (v: unknown): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** The value as an array, or `[]`. */
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** One id or a list of ids as strings (`undefined`: none). */
export const idList = (v: unknown): string[] => (v === undefined ? [] : [v].flat().map(String));

/** The listed keys that are present. */
export const pickKeys = (o: JsonObject, keys: string[]): JsonObject =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
