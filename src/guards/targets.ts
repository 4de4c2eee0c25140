/**
 * The one reader of each entry's `targets` declaration (tools/define.ts TargetKind): which values of a call name a
 * user, a group, a thread, a file, a device or a tag. Protection, previews, caps and audit lines all go through it.
 */
import type { TargetKind, ToolSpec, Vendor } from '../tools/define.js';
import { easemobUserKey } from '../tools/easemob/params.js';

interface TargetValues {
  prop: string;
  kind: TargetKind;
  /** the ids, as strings (a single id is a list of one; a list of objects gives each item's declared field) */
  values: string[];
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The declared targets present in `args`, in declaration order. */
export function targetsOf(spec: ToolSpec, args: Record<string, unknown>): TargetValues[] {
  const out: TargetValues[] = [];
  for (const [prop, decl] of Object.entries(spec.targets ?? {})) {
    if (decl === undefined || args[prop] === undefined) continue;
    const kind = typeof decl === 'string' ? decl : decl.kind;
    const items = asList(args[prop]);
    const values =
      typeof decl === 'string'
        ? items.map(String)
        : items.flatMap((x) => {
            const v = x && typeof x === 'object' ? (x as Record<string, unknown>)[decl.field] : undefined;
            return v === undefined ? [] : [String(v)];
          });
    out.push({ prop, kind, values });
  }
  return out;
}

/** The ids of `kinds` among the call's targets. */
export function idsOf(spec: ToolSpec, args: Record<string, unknown>, ...kinds: TargetKind[]): string[] {
  return targetsOf(spec, args)
    .filter((t) => kinds.includes(t.kind))
    .flatMap((t) => t.values);
}

/**
 * A user id as the vendor compares it: Easemob user ids are not case sensitive (its SDKs lower-case them), Lanying
 * ids are integers (leading zeros do not matter).
 */
export function sameUser(vendor: Vendor, id: string): string {
  const t = id.trim();
  if (vendor === 'easemob') return easemobUserKey(t);
  return /^[0-9]+$/.test(t) ? BigInt(t).toString() : t;
}
