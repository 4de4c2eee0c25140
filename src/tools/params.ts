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
  // a whole segment of "." or ".." is a path step (also percent-encoded); ".." inside an id is just characters
  if (s === '.' || s === '..') return 'must not be "." or ".."';
  if (s.includes(',')) return 'must not contain "," (one id only; use the batch tool for several)';
  if (s.includes('?') || s.includes('#')) return 'must not contain "?" or "#"';
  if (hasControlChar(s)) return 'must not contain control characters';
  if (s.trim() !== s) return 'must not start or end with spaces';
  return undefined;
}

/**
 * An Easemob id as the vendor issues them (its user registration docs: "1–64 bytes of a-z, 0-9, `_`, `-`, `.`", not
 * case sensitive, so A-Z too; group and thread ids are digits, share-file ids letters, digits and `-`), minus "."
 * and "..", which a URL would read as a path step even when percent-encoded. ECMA-262 `\w` is `[A-Za-z0-9_]`. Every id
 * this admits is one safe path segment (`pathIdProblem` finds nothing: a test ties the two); the request builder
 * checks the segment again before sending.
 */
const EASEMOB_ID = /^(?!\.\.?$)[\w.-]{1,64}$/;

/** What is wrong with a string given as an Easemob id, said the way the agent can fix it. */
function easemobIdProblem(s: string): string {
  const hazard = pathIdProblem(s);
  if (hazard) return hazard;
  if (s.length > 64) return 'must be at most 64 characters';
  return 'may hold only letters, digits, "_", "-" and "." (the vendor\'s id characters)';
}

/**
 * One Easemob identifier that goes into a URL path segment. The pattern is a schema keyword, so the listed schema
 * states exactly what is refused; the message names what to fix. Percent-encoded by the request builder.
 */
const pathId = () => z.string().regex(EASEMOB_ID, { error: (iss) => `id ${easemobIdProblem(String(iss.input))}` });

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
const INT64 = /^\d{1,19}$/;
const int64 = () =>
  z
    .string()
    .regex(INT64, 'must be a decimal integer id (int64, up to 19 digits)')
    .transform((s) => BigInt(s));
export const Int64 = int64();
/** A fresh int64 schema (for a kind of id of its own). */
export const newInt64 = int64;

export const Hour = z.number().int().min(0).max(23);
