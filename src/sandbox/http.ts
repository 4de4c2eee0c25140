/**
 * Tiny HTTP helpers for the sandbox: request model, router, body reading with a cap,
 * JSON and multipart/form-data parsing. Node built-ins only.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** Largest accepted request body: a 10 MB share file plus multipart overhead. */
const MAX_BODY_BYTES = 10 * 1024 * 1024 + 1024 * 1024;
/** Largest accepted share file. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface SandboxRequest {
  method: string;
  /** Raw (still percent-encoded) path segments after the vendor prefix. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Absolute URL of the request (scheme://host/path, no query), for Easemob's `uri`. */
  uri: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export function json(status: number, value: unknown, headers?: Record<string, string>): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: JSON.stringify(value),
  };
}

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
  }
}

/** Read the whole body. Past `limit` bytes the rest is drained and discarded, then BodyTooLargeError. */
export function readBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Lower-cased media type of the Content-Type header, without parameters ('' when absent). */
export function mediaType(headers: IncomingHttpHeaders): string {
  const ct = headers['content-type'] ?? '';
  return (ct.split(';')[0] ?? '').trim().toLowerCase();
}

/** The first value of a header (node joins repeated headers; this is enough for our use). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  if (Array.isArray(v)) return v[0];
  return v;
}

/** Decode one path segment; undefined when the escape sequence is malformed. */
export function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Split a comma-joined path segment (`a,b` or `a%2Cb`) into decoded, non-empty items.
 * Each raw item is decoded after splitting on ','; an item that still contains a ',' after
 * decoding (the docs' `%2C` form) is split again, which is how the vendor reads it.
 * Returns undefined when an item has a malformed escape.
 */
export function splitList(raw: string): string[] | undefined {
  const out: string[] = [];
  for (const part of raw.split(',')) {
    const decoded = decodeSegment(part);
    if (decoded === undefined) return undefined;
    for (const item of decoded.split(',')) {
      if (item !== '') out.push(item);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Router
// ---------------------------------------------------------------------------

export type Params = Record<string, string>;
type Handler<C> = (ctx: C, params: Params) => SandboxResponse | Promise<SandboxResponse>;

interface Route<C> {
  method: string;
  parts: string[];
  handler: Handler<C>;
}

type RouteMatch<C> =
  | { kind: 'found'; handler: Handler<C>; params: Params }
  | { kind: 'method_not_allowed' }
  | { kind: 'not_found' };

/** Routes are `METHOD /literal/:param/...`; params are handed over raw (percent-encoded). */
export class Router<C> {
  private readonly routes: Route<C>[] = [];

  add(methods: string | string[], pattern: string, handler: Handler<C>): this {
    const parts = pattern.split('/').filter((p) => p !== '');
    for (const method of Array.isArray(methods) ? methods : [methods]) {
      this.routes.push({ method: method.toUpperCase(), parts, handler });
    }
    return this;
  }

  match(method: string, segments: string[]): RouteMatch<C> {
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', handler: route.handler, params };
      pathMatched = true;
    }
    return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
  }
}

function matchParts(parts: string[], segments: string[]): Params | undefined {
  if (parts.length !== segments.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const seg = segments[i] as string;
    if (part.startsWith(':')) {
      if (seg === '') return undefined;
      params[part.slice(1)] = seg;
    } else if (part !== seg) {
      return undefined;
    }
  }
  return params;
}

// ---------------------------------------------------------------------------
// Body parsing
// ---------------------------------------------------------------------------

type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(body: Buffer): JsonParse {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

interface MultipartFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

type MultipartParse =
  | { ok: true; fields: Record<string, string>; files: Record<string, MultipartFile> }
  | { ok: false; message: string };

/** Extract a parameter (e.g. boundary) from a header value such as Content-Type. */
function headerParam(value: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\*?=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i');
  const m = re.exec(value);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1].replace(/\\(.)/g, '$1');
  return m[2];
}

/** Minimal multipart/form-data parser: enough for browser/undici/curl uploads. */
export function parseMultipart(contentType: string, body: Buffer): MultipartParse {
  const boundary = headerParam(contentType, 'boundary');
  if (!boundary) return { ok: false, message: 'multipart boundary missing' };
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: Record<string, MultipartFile> = {};

  let pos = body.indexOf(delimiter);
  if (pos < 0) return { ok: false, message: 'multipart body has no parts' };
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    // Skip the CRLF after the delimiter.
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return { ok: false, message: 'malformed multipart part headers' };
    const rawHeaders = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) return { ok: false, message: 'multipart body not terminated' };
    // Part content ends before the CRLF that precedes the next delimiter.
    let end = next;
    if (end >= 2 && body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    else if (end >= 1 && body[end - 1] === 0x0a) end -= 1;
    const content = body.subarray(headerEnd + 4, end);

    const partHeaders: Record<string, string> = {};
    for (const line of rawHeaders.split(/\r?\n/)) {
      const idx = line.indexOf(':');
      if (idx > 0) partHeaders[line.slice(0, idx).trim().toLowerCase()] = line.slice(idx + 1).trim();
    }
    const disposition = partHeaders['content-disposition'] ?? '';
    const name = headerParam(disposition, 'name');
    if (name !== undefined) {
      const filename = headerParam(disposition, 'filename');
      if (filename !== undefined) {
        let decodedName = filename;
        if (/filename\*=/i.test(disposition)) {
          // RFC 5987: charset'lang'percent-encoded
          const m = /^[^']*'[^']*'(.*)$/.exec(filename);
          decodedName = decodeSegment(m?.[1] ?? filename) ?? filename;
        }
        files[name] = {
          filename: decodedName,
          contentType: partHeaders['content-type'] ?? 'application/octet-stream',
          data: Buffer.from(content),
        };
      } else {
        fields[name] = content.toString('utf8');
      }
    }
    pos = next;
  }
  return { ok: true, fields, files };
}

// ---------------------------------------------------------------------------
// Small value helpers shared by both emulators
// ---------------------------------------------------------------------------

/** Parse a decimal integer query value; undefined when absent, NaN when not an integer. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}

export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
