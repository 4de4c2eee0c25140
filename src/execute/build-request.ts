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

/** The filled vendor-relative path (the vendor's client adds its own prefix, such as Easemob's `/{org}/{app}`). */
export function fillPath(spec: ToolSpec, args: Record<string, unknown>, used?: Set<string>): string {
  const template = spec.http.route ?? spec.http.path;
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    used?.add(name);
    const v = args[name];
    if (v === undefined || v === null) throw new InputError(`\`${name}\` is required. Nothing was sent.`);
    if (Array.isArray(v)) {
      if (v.length === 0) throw new InputError(`\`${name}\` needs at least one id. Nothing was sent.`);
      return v.map((item) => encodeSegment(name, item)).join(',');
    }
    return encodeSegment(name, v);
  });
}

export function buildRequest(spec: ToolSpec, args: Record<string, unknown>): VendorRequest {
  const used = new Set<string>(CONTROL_ARGS);
  const path = fillPath(spec, args, used);
  const req: VendorRequest = { method: spec.http.method, path };

  const query: Record<string, string> = {};
  for (const name of spec.http.query ?? []) {
    used.add(name);
    const v = args[name];
    if (v !== undefined) query[name] = wireValue(v);
  }
  if (Object.keys(query).length > 0) req.query = query;
  const headers: Record<string, string> = {};
  for (const [prop, header] of Object.entries(spec.http.headers ?? {})) {
    used.add(prop);
    const v = args[prop];
    if (v !== undefined) headers[header] = wireValue(v);
  }
  if (Object.keys(headers).length > 0) req.headers = headers;

  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (!used.has(k) && v !== undefined) rest[k] = v;

  const kind = spec.http.body ?? (Object.keys(rest).length > 0 ? 'json' : 'none');
  if (kind === 'raw') {
    const text = rest.body;
    if (typeof text !== 'string') throw new Error(`${spec.name}: raw body needs a string property \`body\``);
    req.body = { kind: 'raw', text };
  } else if (kind === 'json') {
    req.body = { kind: 'json', text: stringifyJson(rest) };
  } else if (Object.keys(rest).length > 0) {
    throw new Error(`${spec.name}: body 'none' but arguments ${Object.keys(rest).join(', ')} are unmapped`);
  }
  return req;
}
