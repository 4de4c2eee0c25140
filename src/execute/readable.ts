/**
 * Readable twins of raw vendor values (docs/agents.md, "Added fields"). The server never renames or removes a
 * vendor field; beside a declared one it adds a field named `<field>_<suffix>`:
 * - `_iso`: an epoch-millisecond instant as ISO 8601 UTC (`expire_iso`, `created_iso`);
 * - `_text`: a value in words: a millisecond duration (`"1 h 30 min"`), a code (`platform_text: "iOS"`), or a
 *   time that means "no end" (`expire_text: "never (until lifted)"`);
 * - `_user`: the bare user id of an `org#app_user` reference (`owner_user: "alice"`).
 * Which fields get a twin is declared per vendor (vendors/*.ts `readable`, from the documentation), never guessed
 * from a value's look. The one other added field, the top-level `untrusted` list of where chat users' text sits, is
 * built by execute/untrusted.ts from the vendor's `untrusted` declaration.
 */
import type { Readable } from '../vendors/vendor.js';

/** The suffixes of added fields, in one place (the naming rule). */
export const ADDED_SUFFIXES = ['_iso', '_text', '_user'] as const;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A number, or a string of digits (Easemob's `lastModified`), as a number; else undefined. */
function millis(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,16}$/.test(v)) return Number(v);
  return undefined;
}

/** A duration in words, largest units first, at most two: `2 d 3 h`, `90 s` → `1 min 30 s`, `0` → `0 s`. */
export function durationText(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ];
  if (ms < 1000) return `${ms} ms`;
  const parts: string[] = [];
  let rest = ms;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) parts.push(`${n} ${name}`);
    if (n > 0) rest -= n * size;
    if (parts.length === 2) break;
    if (parts.length === 1 && n === 0) break;
  }
  return parts.join(' ');
}

/** The largest epoch-millisecond instant a Date holds. */
const MAX_DATE_MS = 8.64e15;

/** An epoch-millisecond instant as ISO 8601 UTC, to the millisecond. */
function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Adds the twins of every declared field, at any depth (a copy; the input is not changed). */
export function addReadable(value: unknown, r: Readable): unknown {
  if (Array.isArray(value)) return value.map((v) => addReadable(v, r));
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = value[k];
    out[k] = addReadable(v, r);
    const added = twin(k, v, r);
    if (added && !(added[0] in value)) out[added[0]] = added[1];
  }
  return out;
}

function twin(key: string, v: unknown, r: Readable): [string, string] | undefined {
  const time = r.times?.[key];
  if (time !== undefined) {
    const ms = millis(v);
    if (ms === undefined) return undefined;
    if (time.never !== undefined && ms === time.never) return [`${key}_text`, time.neverText ?? 'never'];
    // the ISO form exists only for instants a Date can hold (±8.64e15 ms); a value beyond gets no twin
    return ms > 0 && ms <= MAX_DATE_MS ? [`${key}_iso`, isoTime(ms)] : undefined;
  }
  if (r.durations?.includes(key)) {
    const ms = millis(v);
    return ms !== undefined && ms >= 0 ? [`${key}_text`, durationText(ms)] : undefined;
  }
  if (r.users?.includes(key) && typeof v === 'string') {
    const m = /^[^#]+#[^_]+_(.+)$/.exec(v);
    return m ? [`${key}_user`, m[1] as string] : undefined;
  }
  const code = r.codes?.[key];
  if (code && (typeof v === 'number' || typeof v === 'string')) {
    const word = code[String(v)];
    return word ? [`${key}_text`, word] : undefined;
  }
  return undefined;
}
