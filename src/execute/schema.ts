/**
 * JSON Schema from the zod definition that validates the call (zod 4's own converter), cleaned of noise only:
 * no `$schema`, no ±2^53 integer bounds. Every rule validation applies is a keyword here (contract §3): no refine or
 * superRefine carries a rule of its own, and no pattern is dropped. `zod-to-json-schema` is never used: on zod 4
 * objects it silently returns an empty schema.
 */
import { z } from 'zod';
import type { ToolSpec } from '../tools/define.js';
import { BATCH_ACCEPT } from './batch.js';
import { MAX_ITEMS } from './paging.js';

export type JsonSchema = Record<string, unknown>;

/**
 * The token a confirmation_required answer gave (guards/confirm-token.ts); its use is told in the instructions. No
 * length rule: any string that is not a token this server issued is refused by the confirmation step, with the same
 * words whatever its length (a listed `maxLength` cost 5 tokens in each of 22 tools and caught nothing more).
 */
const CONFIRMATION_TOKEN = z.string().optional();

/** IM_ADMIN_CONFIRM=console: the handle of a pending approval, to collect its outcome (console/gate.ts). */
const APPROVAL_ID = z.string().max(100, 'too long for an approval id').optional();

/** Paged lists: follow cursors or pages up to this many rows (execute/paging.ts). */
const MAX_ITEMS_ARG = z.number().int().min(1).max(MAX_ITEMS).optional();

/** How much of a `reason` is kept: the audit line, the approval console and the webhook show at most this much. */
const REASON_KEPT = 500;

/**
 * Why the write is made: recorded in the audit log, never sent. Longer text is cut to REASON_KEPT characters (whole
 * code points) and marked with "…" rather than refused: a long reason is no reason to fail a moderation call, and a
 * listed `maxLength` cost 5 tokens in each of 67 write tools.
 */
const REASON = z
  .string()
  .transform((s) => {
    if (s.length <= REASON_KEPT) return s;
    const points = [...s];
    return points.length <= REASON_KEPT ? s : `${points.slice(0, REASON_KEPT - 1).join('')}…`;
  })
  .optional();

/**
 * The arguments that steer this server, never sent to a vendor: declared here once, with their schemas. Which tools
 * accept them: `callSchema`. Tokens bind every other argument, and `reason` too (guards/confirm-token.ts).
 */
const CONTROL = {
  confirmation_token: CONFIRMATION_TOKEN,
  approval_id: APPROVAL_ID,
  reason: REASON,
  max_items: MAX_ITEMS_ARG,
} as const;
export const CONTROL_ARGS: ReadonlySet<string> = new Set(Object.keys(CONTROL));

/**
 * The zod object a call is validated with: the entry's input, plus `reason` on every write tool and
 * `confirmation_token` on destructive tools.
 */
export function callSchema(spec: ToolSpec, opts: { approvals?: boolean } = {}): z.ZodObject {
  const input = widenBatch(spec);
  if (spec.annotations.readOnlyHint) return spec.paging ? input.extend({ max_items: CONTROL.max_items }) : input;
  const extra = spec.annotations.destructiveHint
    ? {
        reason: CONTROL.reason,
        confirmation_token: CONTROL.confirmation_token,
        // listed only with IM_ADMIN_CONFIRM=console: the default tools/list (and the manifest) stay as they are
        ...(opts.approvals ? { approval_id: CONTROL.approval_id } : {}),
      }
    : { reason: CONTROL.reason };
  return input.extend(extra);
}

/**
 * The declared batch property accepts up to BATCH_ACCEPT items; the executor splits it into calls of the declared
 * vendor limit. Item rules stay those of the entry.
 */
function widenBatch(spec: ToolSpec): z.ZodObject {
  const b = spec.batch;
  if (!b) return spec.input;
  const field = spec.input.shape[b.prop] as z.ZodType | undefined;
  const optional = field instanceof z.ZodOptional;
  const arr = (optional ? (field as z.ZodOptional<z.ZodType>).unwrap() : field) as z.ZodArray<z.ZodType> | undefined;
  if (!(arr instanceof z.ZodArray)) throw new Error(`${spec.name}: batch property ${b.prop} is not an array`);
  let widened: z.ZodType = z.array(arr.element).min(1).max(BATCH_ACCEPT);
  if (arr.description) widened = widened.describe(arr.description);
  return spec.input.extend({ [b.prop]: optional ? widened.optional() : widened });
}

export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const js = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      const j = jsonSchema as Record<string, unknown>;
      if (j.minimum === Number.MIN_SAFE_INTEGER) delete j.minimum;
      if (j.maximum === Number.MAX_SAFE_INTEGER) delete j.maximum;
    },
  }) as JsonSchema;
  delete js.$schema;
  return js;
}

/**
 * Argument tolerance for clients that serialise badly: where the schema expects an array or object and a JSON
 * string arrives, it is parsed; numeric strings become numbers where a number is expected, safe integers become
 * strings where an id string is expected, "true"/"false" become booleans. Anything else is left for zod to refuse.
 */
export function coerceArgs(args: Record<string, unknown>, schema: JsonSchema): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    const value = Object.hasOwn(props, k) ? coerceValue(v, props[k] as JsonSchema) : v;
    // defineProperty, not assignment, for an own "__proto__" key from JSON: it must stay a key (and be refused as
    // unknown), never become the object's prototype. Only there: defining every key turns the object into a slow
    // dictionary that the schema parse then walks on every call.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value, enumerable: true, configurable: true, writable: true });
    else out[k] = value;
  }
  return out;
}

function coerceValue(v: unknown, s: JsonSchema): unknown {
  const type = s.type;
  if (typeof v === 'string') {
    const t = v.trim();
    if ((type === 'array' && t.startsWith('[')) || (type === 'object' && t.startsWith('{'))) {
      try {
        return coerceValue(JSON.parse(t), s);
      } catch {
        return v;
      }
    }
    if ((type === 'integer' || type === 'number') && /^-?[0-9]+(\.[0-9]+)?$/.test(t)) return Number(t);
    if (type === 'boolean' && (t === 'true' || t === 'false')) return t === 'true';
    return v;
  }
  if (typeof v === 'number' && type === 'string' && Number.isSafeInteger(v)) return String(v);
  if (Array.isArray(v) && type === 'array' && s.items && typeof s.items === 'object') {
    return v.map((x) => coerceValue(x, s.items as JsonSchema));
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && type === 'object' && s.properties) {
    return coerceArgs(v as Record<string, unknown>, s);
  }
  return v;
}

/** The value at a zod issue's path in the validated input (undefined when absent). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
const article = (t: string): string => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/**
 * Readable zod issues: one line per problem, naming the argument and what to fix. `input` is what was validated:
 * zod 4 does not keep the received value, and an argument that is present with the wrong type is not "required".
 */
export function describeIssues(error: z.ZodError, input?: unknown): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? `\`${i.path.join('.')}\`` : 'arguments';
      if (i.code === 'unrecognized_keys')
        return `${where}: unknown argument(s) ${i.keys.map((k) => `\`${k}\``).join(', ')}`;
      if (i.code === 'too_big' && i.origin === 'array') {
        return `${where}: at most ${String(i.maximum)} items in one call; split the list`;
      }
      if (i.code === 'invalid_type') {
        const got = valueAt(input, i.path);
        if (got === undefined) return `${where}: required`;
        return `${where}: expected ${article(i.expected)}, got ${kindOf(got)}`;
      }
      return `${where}: ${i.message}`;
    })
    .join('\n');
}
