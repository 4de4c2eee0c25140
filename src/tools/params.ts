/** Zod fragments shared by both vendors' entries. */
import { z } from 'zod';

// Control characters, checked without a regex literal that would trip linters.
const hasControlChar = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
};

/** Why a string cannot be one path segment, or undefined when it can. */
export function pathIdProblem(s: string): string | undefined {
  if (s.length === 0) return 'must not be empty';
  if (s.includes('/')) return 'must not contain "/"';
  if (s.includes('\\')) return 'must not contain "\\"';
  if (s === '.' || s.includes('..')) return 'must not contain ".."';
  if (s.includes(',')) return 'must not contain "," (one id only; use the batch tool for several)';
  if (s.includes('?') || s.includes('#')) return 'must not contain "?" or "#"';
  if (hasControlChar(s)) return 'must not contain control characters';
  if (s.trim() !== s) return 'must not start or end with spaces';
  return undefined;
}

/**
 * `pathIdProblem` as one pattern, so the listed schema states it (contract §3): not ".", no "..", no leading or
 * trailing whitespace (`\s` is the set `trim` removes), no "/", "\\", ",", "?", "#" or control characters, not
 * empty. `[\s\S]`, not `.`, so a line separator cannot hide a ".." from the lookahead. A test ties the two.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern refuses
const PATH_SEGMENT = /^(?!\.$|\s|[\s\S]*(\.\.|\s$))[^/\\,?#\x00-\x1f\x7f]+$/;
const MAX_ID_LENGTH = 256;

/**
 * One identifier that goes into a URL path segment: anything the vendor may have registered (spaces inside,
 * `@`, any script) except what could change the path. The pattern and the length are schema keywords, so the listed
 * schema states exactly what is refused; the message names the hazard. Percent-encoded by the request builder.
 */
const pathId = () =>
  z
    .string()
    .max(MAX_ID_LENGTH, `id must be at most ${MAX_ID_LENGTH} characters`)
    .regex(PATH_SEGMENT, { error: (iss) => `id ${pathIdProblem(String(iss.input)) ?? 'is not one path segment'}` });

/**
 * What kind of thing an id schema names. Not part of the listed JSON Schema (a registry of its own): the catalog
 * test reads it to check that every property holding such an id is declared in the entry's `targets`.
 */
export const ID_KINDS = z.registry<{ kind: 'user' | 'group' | 'thread' | 'file' | 'device' | 'tag' }>();

/** A path id that names a thing of `kind` (registered in ID_KINDS). */
export function kindOfId<T extends z.ZodType>(
  schema: T,
  kind: 'user' | 'group' | 'thread' | 'file' | 'device' | 'tag',
): T {
  ID_KINDS.add(schema, { kind });
  return schema;
}

/** A list of ids joined with "," into one path segment. How many per call: the entry's `batch`. */
export const pathIdList = (item: z.ZodType<string>) => z.array(item).min(1);
/** A fresh path-id schema (for a kind of id of its own). */
export const newPathId = pathId;

/**
 * An int64 identifier (Lanying user and group ids). Accepted as a decimal string (numbers are coerced to
 * strings before validation when they are safe integers) and carried as a BigInt, so ids above 2^53 reach
 * the vendor without loss: JSON bodies write it as a bare number, headers and queries as digits. The rule is the
 * listed pattern alone (up to 19 digits); a 19-digit value beyond 2^63-1 is left for the vendor to refuse, since
 * stating that bound exactly would cost a long pattern in every Lanying tool.
 */
const INT64 = /^[0-9]{1,19}$/;
const int64 = () =>
  z
    .string()
    .regex(INT64, 'must be a decimal integer id (int64, up to 19 digits)')
    .transform((s) => BigInt(s));
export const Int64 = int64();
/** A fresh int64 schema (for a kind of id of its own). */
export const newInt64 = int64;

export const Hour = z.number().int().min(0).max(23);
