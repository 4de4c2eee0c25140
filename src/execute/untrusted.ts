/**
 * Where chat users' text sits in a structured result (docs/agents.md, "Added fields"): one added key, `untrusted`,
 * placed first, listing RFC 6901 pointers into the same result. A segment `*` stands for every index of an array, so
 * a list of 200 groups costs one pointer per field; a pointer to an object or array covers everything below it, keys
 * included. Which fields a chat user writes is declared per vendor (vendors/*.ts `untrusted`), never guessed from a
 * value. Raw values are never changed or moved. The walk is one pass; each pointer string is built once, however many
 * rows of a list pass through it.
 */
import type { Untrusted } from '../vendors/vendor.js';

/** The added key's name. */
const UNTRUSTED_KEY = 'untrusted';

const fieldSets = new WeakMap<Untrusted, ReadonlySet<string>>();
function fieldSet(u: Untrusted): ReadonlySet<string> {
  let s = fieldSets.get(u);
  if (!s) {
    s = new Set(u.fields);
    fieldSets.set(u, s);
  }
  return s;
}

/** A key as one RFC 6901 segment (`~` → `~0`, `/` → `~1`). */
const segment = (k: string): string =>
  k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k;

/** A value a person could have written something into: a non-empty string, object or array. */
function written(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') {
    for (const _ in v) return true;
  }
  return false;
}

/**
 * One place in the result, shared by every element of an array (`*`): its pointer is built once, however many rows
 * pass through it, so a long list allocates nothing per row.
 */
class Place {
  private children?: Map<string, Place>;
  marked = false;
  constructor(readonly pointer: string) {}
  child(key: string): Place {
    this.children ??= new Map();
    let c = this.children.get(key);
    if (!c) {
      c = new Place(key === '*' ? `${this.pointer}/*` : `${this.pointer}/${segment(key)}`);
      this.children.set(key, c);
    }
    return c;
  }
}

function walk(v: unknown, at: Place, fields: ReadonlySet<string>, found: Place[]): void {
  if (Array.isArray(v)) {
    if (v.length === 0) return;
    const each = at.child('*');
    for (const x of v) if (x && typeof x === 'object') walk(x, each, fields, found);
    return;
  }
  if (!v || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    const x = o[k];
    if (fields.has(k)) {
      if (!written(x)) continue;
      const place = at.child(k);
      if (!place.marked) {
        place.marked = true;
        found.push(place);
      }
      continue;
    }
    if (x && typeof x === 'object') walk(x, at.child(k), fields, found);
  }
}

/** The value(s) a pointer names (`*` expanded over every index); none when it does not resolve. */
export function resolvePointer(value: unknown, pointer: string): unknown[] {
  if (pointer === '') return [value];
  let at: unknown[] = [value];
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const next: unknown[] = [];
    for (const v of at) {
      if (key === '*' && Array.isArray(v)) next.push(...v);
      else if (v && typeof v === 'object' && Object.hasOwn(v, key)) next.push((v as Record<string, unknown>)[key]);
    }
    at = next;
  }
  return at;
}

/**
 * Pointers to chat users' text in `value` (each once, in the order found), under `prefix`: the tool's declared whole
 * maps first, then every declared field at any depth.
 */
export function findUntrusted(value: unknown, u: Untrusted, tool?: string, prefix = ''): string[] {
  const whole = tool === undefined ? undefined : u.results?.[tool];
  const pointers: string[] = [];
  if (whole) for (const p of whole) if (resolvePointer(value, p).some(written)) pointers.push(`${prefix}${p}`);
  const found: Place[] = [];
  walk(value, new Place(prefix), fieldSet(u), found);
  for (const place of found) if (!pointers.includes(place.pointer)) pointers.push(place.pointer);
  return pointers;
}

/** The result with `untrusted` first when it holds chat users' text; else the result itself, unchanged. */
export function withUntrusted(
  structured: Record<string, unknown>,
  pointers: readonly string[],
): Record<string, unknown> {
  return pointers.length ? { [UNTRUSTED_KEY]: pointers, ...structured } : structured;
}
