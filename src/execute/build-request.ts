/**
 * Pure request mapping: (catalog entry, validated arguments) → the vendor request. Every rule lives here once:
 * path templates (arrays joined with a raw "," after encoding each id), query and header properties, JSON,
 * raw-text or no body. Also used by dry-run and the audit log, so what is shown is what is sent.
 */
import { InputError } from '../http/errors.js';
import { stringifyJson } from '../http/json.js';
import type { ToolSpec } from '../tools/define.js';
import { pathIdProblem } from '../tools/params.js';
import type { VendorRequest } from '../vendors/vendor.js';
import { CONTROL_ARGS } from './schema.js';

function wireValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return stringifyJson(v);
}

function encodeSegment(name: string, v: unknown): string {
  const s = wireValue(v);
  const problem = pathIdProblem(s);
  if (problem) throw new InputError(`\`${name}\` ${problem}. Nothing was sent.`);
  return encodeURIComponent(s);
}

/** What a request of one entry maps, worked out once per entry: its path template cut at `{name}`, and the names. */
interface Mapping {
  /** literal text at even indexes, property names at odd ones */
  parts: readonly string[];
  /** every property the path, the query and the headers take, and the control arguments (never sent) */
  used: ReadonlySet<string>;
  /** query properties and header properties, each as [property, name on the wire] */
  query: readonly (readonly [string, string])[];
  headers: readonly (readonly [string, string])[];
}
const mappings = new WeakMap<ToolSpec, Mapping>();
function mappingOf(spec: ToolSpec): Mapping {
  let m = mappings.get(spec);
  if (!m) {
    const parts = (spec.http.route ?? spec.http.path).split(/\{([^}]+)\}/);
    const used = new Set<string>(CONTROL_ARGS);
    for (let i = 1; i < parts.length; i += 2) used.add(parts[i] as string);
    const query = (spec.http.query ?? []).map((name) => [name, name] as const);
    const headers = Object.entries(spec.http.headers ?? {});
    for (const [prop] of [...query, ...headers]) used.add(prop);
    m = { parts, used, query, headers };
    mappings.set(spec, m);
  }
  return m;
}

/** The filled vendor-relative path (the vendor's client adds its own prefix, such as Easemob's `/{org}/{app}`). */
export function fillPath(spec: ToolSpec, args: Record<string, unknown>, used?: Set<string>): string {
  const { parts } = mappingOf(spec);
  let path = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    used?.add(name);
    const v = args[name];
    if (v === undefined || v === null) throw new InputError(`\`${name}\` is required. Nothing was sent.`);
    if (Array.isArray(v)) {
      if (v.length === 0) throw new InputError(`\`${name}\` needs at least one id. Nothing was sent.`);
      path += v.map((item) => encodeSegment(name, item)).join(',');
    } else path += encodeSegment(name, v);
    path += parts[i + 1] as string;
  }
  return path;
}

/** The given properties that have a value, under their wire names; undefined when none has. */
function wireFields(
  args: Record<string, unknown>,
  pairs: readonly (readonly [string, string])[],
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const [prop, wire] of pairs) {
    const v = args[prop];
    if (v !== undefined) {
      out ??= {};
      out[wire] = wireValue(v);
    }
  }
  return out;
}

export function buildRequest(spec: ToolSpec, args: Record<string, unknown>): VendorRequest {
  const { used, query, headers } = mappingOf(spec);
  const path = fillPath(spec, args);
  const req: VendorRequest = { method: spec.http.method, path };
  const q = wireFields(args, query);
  if (q) req.query = q;
  const h = wireFields(args, headers);
  if (h) req.headers = h;

  const rest: Record<string, unknown> = {};
  let restCount = 0;
  for (const k of Object.keys(args)) {
    const v = args[k];
    if (!used.has(k) && v !== undefined) {
      rest[k] = v;
      restCount++;
    }
  }

  const kind = spec.http.body ?? (restCount > 0 ? 'json' : 'none');
  if (kind === 'raw') {
    const text = rest.body;
    if (typeof text !== 'string') throw new Error(`${spec.name}: raw body needs a string property \`body\``);
    req.body = { kind: 'raw', text };
  } else if (kind === 'json') {
    req.body = { kind: 'json', text: stringifyJson(rest) };
  } else if (restCount > 0) {
    throw new Error(`${spec.name}: body 'none' but arguments ${Object.keys(rest).join(', ')} are unmapped`);
  }
  return req;
}
