/**
 * What the rest of the server knows of a vendor: its client (send one request through the shared pipeline) and its
 * profile (the path prefix its client adds, how its answers are shaped, what to do about its errors). A third
 * vendor is one more module here and one more folder under `tools/`.
 */
import type { VendorError } from '../http/errors.js';
import type { HttpMethod, Vendor } from '../kinds.js';

export type VendorBody =
  | { kind: 'json'; text: string }
  | { kind: 'raw'; text: string }
  | { kind: 'multipart'; contentType: string; bytes: Uint8Array };

export interface VendorRequest {
  method: HttpMethod;
  /** vendor-relative path, each segment already percent-encoded (Easemob: without `/{org}/{app}`) */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: VendorBody;
  expect?: 'json' | 'binary';
}

export interface VendorResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json?: unknown;
  bytes?: Uint8Array;
}

export interface SendOptions {
  /** the catalog entry is safe to repeat (read-only or idempotent): retries allowed after sending */
  safeToRepeat: boolean;
  signal?: AbortSignal;
}

export interface VendorClient {
  readonly vendor: Vendor;
  send(req: VendorRequest, opts: SendOptions): Promise<VendorResponse>;
  /** the full request as it would be sent, secrets redacted (dry-run, audit) */
  describe(req: VendorRequest): { method: string; url: string; headers: Record<string, string>; body?: unknown };
}

/** The vendor knowledge shared code needs without a client: naming, paths, answers, errors. */
export interface VendorProfile {
  readonly vendor: Vendor;
  /** how people call the vendor ("Lanying") */
  readonly label: string;
  /** the start of every documented path that the client adds itself (Easemob `/{org_name}/{app_name}`) */
  readonly pathPrefix: string;
  /** the vendor's answer envelope → the compact structured result (data, ids, cursors, counts kept) */
  shape(json: unknown): Record<string, unknown>;
  /** the answer fields that get a readable twin beside them (execute/readable.ts), as the documentation types them */
  readonly readable: Readable;
  /** where chat users' text sits in its answers (execute/untrusted.ts), as the documentation describes the fields */
  readonly untrusted: Untrusted;
  /** the vendor's error codes the server knows, with what to do (read by `hint` and the error-code resource) */
  readonly errors: readonly ErrorHint[];
  /** what to do about this error, said the vendor's way (its codes, its credential settings); else undefined */
  hint(err: VendorError): string | undefined;
}

/**
 * Fields of a vendor's answers, by name at any depth, that get a readable twin (docs/agents.md, "Added fields").
 */
export interface Readable {
  /** epoch-millisecond instants (numbers or digit strings) → `<field>_iso`; `never`: the value meaning "no end" */
  times?: Readonly<Record<string, { never?: number; neverText?: string }>>;
  /** millisecond durations → `<field>_text` */
  durations?: readonly string[];
  /** `org#app_user` references → `<field>_user` (the bare user id) */
  users?: readonly string[];
  /** coded values → `<field>_text`: field → code → word */
  codes?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * Text a chat user wrote (not the server, not the vendor): the structured result lists where it sits in one added
 * key, `untrusted`, of RFC 6901 pointers (docs/agents.md, "Added fields").
 */
export interface Untrusted {
  /** answer fields, by name at any depth, whose string, object or array value a chat user wrote */
  fields: readonly string[];
  /** tool name → pointers into its structured result (`*`: every index) where a whole map is user-written */
  results?: Readonly<Record<string, readonly string[]>>;
}

/** One known error: matched by the vendor's code, or by HTTP status when no code is given; `what`: what to do. */
export interface ErrorHint {
  code?: string;
  status?: number;
  /** what the code means, in a few words */
  meaning: string;
  /** what to do about it */
  what: string;
}

/** The hint for an error: the first entry matching its code, else its status (entries without a code). */
export function findHint(hints: readonly ErrorHint[], err: { code: string; status: number }): ErrorHint | undefined {
  return (
    hints.find(
      (h) => h.code !== undefined && h.code === err.code && (h.status === undefined || h.status === err.status),
    ) ?? hints.find((h) => h.code === undefined && h.status === err.status)
  );
}

/** Accept and content-type headers for a request's body and expected answer, after the vendor's auth headers. */
export function requestHeaders(req: VendorRequest, auth: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = {
    accept: req.expect === 'binary' ? 'application/octet-stream' : 'application/json',
  };
  for (const k in auth) h[k] = auth[k] as string;
  if (req.headers) for (const k in req.headers) h[k] = req.headers[k] as string;
  if (req.body?.kind === 'json') h['content-type'] = 'application/json';
  if (req.body?.kind === 'raw') h['content-type'] = 'text/plain; charset=utf-8';
  if (req.body?.kind === 'multipart') h['content-type'] = req.body.contentType;
  return h;
}

/** The bytes or text a request sends, if any. */
export function wireBody(req: VendorRequest): { body?: string | Uint8Array } {
  if (!req.body) return {};
  return { body: req.body.kind === 'multipart' ? req.body.bytes : req.body.text };
}

export function queryString(query: Record<string, string> | undefined): string {
  if (!query) return '';
  const entries = Object.entries(query);
  if (entries.length === 0) return '';
  return `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

export function describeBody(body: VendorBody | undefined): unknown {
  if (!body) return undefined;
  if (body.kind === 'multipart') return `[multipart ${body.bytes.length} bytes]`;
  if (body.kind === 'raw') return body.text;
  try {
    return redactFields(JSON.parse(body.text));
  } catch {
    return body.text;
  }
}

/** A short, safe description of a non-JSON error body (an HTML error page, say). */
export function summariseBody(text: string, status: number): string {
  const title = /<title>([^<]{1,120})<\/title>/i.exec(text)?.[1];
  if (title) return `HTTP ${status} (${title.trim()})`;
  const plain = text.replace(/\s+/g, ' ').trim().slice(0, 160);
  return plain ? `HTTP ${status}: ${plain}` : `HTTP ${status} with an empty body`;
}

/** Argument and body fields whose values are secrets (passwords, tokens, client secrets). */
// `sign`: Lanying's push-registration signature (1.33), undocumented but a credential-like value
const SECRET_FIELD = /password|secret|token|^sign$/i;

/** A deep copy with every secret-named field replaced by "[redacted]". */
export function redactFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactFields);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_FIELD.test(k) && v != null ? '[redacted]' : redactFields(v);
    return out;
  }
  return value;
}
