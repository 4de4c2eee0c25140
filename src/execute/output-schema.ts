/**
 * The listed outputSchema of every tool, built once at start-up from its entry's `output` declaration
 * (tools/output.ts) by one shared function that adds what the server itself returns, so that every result the tool
 * can give validates (an MCP client validates structuredContent against it, on errors too):
 * - the readable twins its vendor declares (`_iso`, `_text`, `_user`; execute/readable.ts) beside declared fields;
 * - `untrusted` (execute/untrusted.ts) and `error` (a vendor error, invalid arguments, a refusal, a network failure…);
 * - for a declared list (`paging`): the rows of pages followed with `max_items` as `data`, `count`, `calls`, and
 *   `cursor` or `next_page`; for a declared batch: the merged per-call results (`data`, `calls`, `items`,
 *   `calls_failed`, `failed`);
 * - for a write: the dry run (`dry_run`, `request`, `requests`); for a destructive one also the confirmation
 *   (`confirmation_required`, `confirmation_token`, `expires_at`, `preview`), the person's cancellation
 *   (`cancelled`, `answer`) and the approval console's answers (`approval_pending`, `approval_id`, `console_url`,
 *   `approval_denied`, `denied_by`, `note`).
 * Vendor objects stay open (no `additionalProperties: false`: a vendor may add fields) and vendor values may be
 * null; every property is optional, since each variant carries its own.
 */
import type { ToolSpec } from '../tools/define.js';
import { type Answer, type AnswerShape, Either } from '../tools/output.js';
import { VENDORS } from '../vendors/index.js';
import type { Readable } from '../vendors/vendor.js';
import type { JsonSchema } from './schema.js';

const TYPES = {
  string: ['string', 'null'],
  integer: ['integer', 'null'],
  number: ['number', 'null'],
  boolean: ['boolean', 'null'],
  int64: ['integer', 'string', 'null'],
} as const;

const STRING = { type: 'string' };
const BOOLEAN = { type: 'boolean' };
const INTEGER = { type: 'integer' };
const OBJECT = { type: 'object' };
const ARRAY = { type: 'array' };

/** The twins a declared field gets from its vendor's `readable` (all strings). */
function twins(field: string, r: Readable): string[] {
  const out: string[] = [];
  const time = r.times?.[field];
  if (time) {
    out.push(`${field}_iso`);
    if (time.never !== undefined) out.push(`${field}_text`);
  }
  if (r.durations?.includes(field)) out.push(`${field}_text`);
  if (r.users?.includes(field)) out.push(`${field}_user`);
  if (r.codes?.[field]) out.push(`${field}_text`);
  return out;
}

function schemaOf(a: Answer, r: Readable): JsonSchema {
  if (typeof a === 'string') return a === 'any' ? {} : { type: [...TYPES[a]] };
  if (a instanceof Either) return { anyOf: a.of.map((x) => schemaOf(x, r)) };
  if (Array.isArray(a)) return { type: ['array', 'null'], items: schemaOf(a[0] as Answer, r) };
  return { type: ['object', 'null'], properties: propsOf(a as AnswerShape, r) };
}

function propsOf(shape: AnswerShape, r: Readable): Record<string, JsonSchema> {
  const props: Record<string, JsonSchema> = {};
  for (const [k, v] of Object.entries(shape)) {
    props[k] = schemaOf(v, r);
    for (const t of twins(k, r)) if (!(t in shape)) props[t] = STRING;
  }
  return props;
}

/** The rows a list or batch answer holds (execute/paging.ts, execute/batch.ts: `data`, else `entities`), one each. */
function rowsOf(shape: AnswerShape): Answer[] {
  const rows: Answer[] = [];
  const add = (a: Answer | undefined) => {
    if (a === undefined) return;
    if (a instanceof Either) for (const x of a.of) add(x);
    else if (Array.isArray(a)) rows.push(a[0] as Answer);
    else rows.push(a);
  };
  add(shape.data);
  const entities = shape.entities;
  if (Array.isArray(entities)) rows.push(entities[0] as Answer);
  return rows;
}

type Spec = Pick<ToolSpec, 'vendor' | 'annotations' | 'paging' | 'batch'> & { output?: AnswerShape };

/** The tool's outputSchema: its declared answer and every field the server adds, each optional. */
export function outputSchema(spec: Spec): JsonSchema {
  const r = VENDORS[spec.vendor].readable;
  const shape = spec.output ?? {};
  const props: Record<string, JsonSchema> = { untrusted: { type: 'array', items: STRING }, ...propsOf(shape, r) };
  const merged = spec.paging !== undefined || spec.batch !== undefined;
  if (merged) {
    // the rows of several calls joined into one `data` list, beside what the vendor's own `data` may be
    const rows = rowsOf(shape);
    const list: JsonSchema = {
      type: 'array',
      items: rows.length === 1 ? schemaOf(rows[0] as Answer, r) : { anyOf: rows.map((x) => schemaOf(x, r)) },
    };
    const own = props.data;
    props.data =
      own && JSON.stringify(own.items) !== JSON.stringify(list.items) ? { anyOf: [own, list] } : (own ?? list);
    props.count ??= INTEGER;
    props.calls = INTEGER;
  }
  if (spec.paging) {
    props.total ??= {};
    props.cursor ??= {};
    props.next_page = INTEGER;
  }
  if (spec.batch) Object.assign(props, { items: INTEGER, calls_failed: INTEGER, failed: ARRAY });
  props.error = OBJECT;
  if (!spec.annotations.readOnlyHint) Object.assign(props, { dry_run: BOOLEAN, request: OBJECT, requests: ARRAY });
  if (spec.annotations.destructiveHint) {
    Object.assign(props, {
      confirmation_required: BOOLEAN,
      confirmation_token: STRING,
      expires_at: STRING,
      preview: OBJECT,
      cancelled: BOOLEAN,
      answer: STRING,
      approval_pending: BOOLEAN,
      approval_id: STRING,
      console_url: STRING,
      approval_denied: BOOLEAN,
      denied_by: STRING,
      note: STRING,
    });
  }
  return { type: 'object', properties: props };
}
