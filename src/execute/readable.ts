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

/** How one declared field gets its twin. */
type Rule =
  | { kind: 'time'; never?: number; neverText?: string }
  | { kind: 'duration' }
  | { kind: 'user' }
  | { kind: 'code'; words: ReadonlyMap<string, string> };

/**
 * A vendor's declaration as one map from field name to rule, made once per declaration: a key of the answer is
 * looked up once, and only among the declared fields (never among what every object inherits, such as
 * `constructor`, which chat users can choose as a metadata key).
 */
const compiled = new WeakMap<Readable, ReadonlyMap<string, Rule>>();
function rulesOf(r: Readable): ReadonlyMap<string, Rule> {
  let rules = compiled.get(r);
  if (rules) return rules;
  const m = new Map<string, Rule>();
  for (const [key, code] of Object.entries(r.codes ?? {}))
    m.set(key, { kind: 'code', words: new Map(Object.entries(code)) });
  for (const key of r.users ?? []) m.set(key, { kind: 'user' });
  for (const key of r.durations ?? []) m.set(key, { kind: 'duration' });
  for (const [key, t] of Object.entries(r.times ?? {})) m.set(key, { kind: 'time', ...t });
  rules = m;
  compiled.set(r, rules);
  return rules;
}

/** Adds the twins of every declared field, at any depth (a copy; the input is not changed). */
export function addReadable(value: unknown, r: Readable): unknown {
  return withTwins(value, rulesOf(r));
}

function withTwins(value: unknown, rules: ReadonlyMap<string, Rule>): unknown {
  if (Array.isArray(value)) return value.map((v) => withTwins(v, rules));
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = value[k];
    out[k] = withTwins(v, rules);
    const rule = rules.get(k);
    const added = rule && twin(k, v, rule);
    if (added && !Object.hasOwn(value, added[0])) out[added[0]] = added[1];
  }
  return out;
}

function twin(key: string, v: unknown, rule: Rule): [string, string] | undefined {
  switch (rule.kind) {
    case 'time': {
      const ms = millis(v);
      if (ms === undefined) return undefined;
      if (rule.never !== undefined && ms === rule.never) return [`${key}_text`, rule.neverText ?? 'never'];
      // the ISO form exists only for instants a Date can hold (±8.64e15 ms); a value beyond gets no twin
      return ms > 0 && ms <= MAX_DATE_MS ? [`${key}_iso`, isoTime(ms)] : undefined;
    }
    case 'duration': {
      const ms = millis(v);
      return ms !== undefined && ms >= 0 ? [`${key}_text`, durationText(ms)] : undefined;
    }
    case 'user': {
      if (typeof v !== 'string') return undefined;
      const m = /^[^#]+#[^_]+_(.+)$/.exec(v);
      return m ? [`${key}_user`, m[1] as string] : undefined;
    }
    case 'code': {
      if (typeof v !== 'number' && typeof v !== 'string') return undefined;
      const word = rule.words.get(String(v));
      return word ? [`${key}_text`, word] : undefined;
    }
  }
}
