/**
 * Lanying (MaximTop): base URL = the app's api_endpoint; headers `app_id` and `access-token` on every call;
 * answers are `{code, message, data}` and business errors arrive inside HTTP 200 with `code` ≠ 200.
 */
import type { HttpClient, HttpResponse } from '../http/client.js';
import { NetworkError, VendorError } from '../http/errors.js';
import { parseJson } from '../http/json.js';
import { parseRetryAfter, type RetryPolicy, withRetries } from '../http/retry.js';
import { redact } from '../log.js';
import {
  describeBody,
  queryString,
  requestHeaders,
  type SendOptions,
  type VendorClient,
  type VendorRequest,
  type VendorResponse,
  wireBody,
} from './vendor.js';

export interface LanyingConfig {
  baseUrl: string;
  appId: string;
  accessToken: string;
}

export class LanyingClient implements VendorClient {
  readonly vendor = 'lanying' as const;
  constructor(
    private readonly http: HttpClient,
    private readonly config: LanyingConfig,
    private readonly retry: RetryPolicy,
    private readonly pace: () => Promise<void> = async () => {},
  ) {}

  private url(req: VendorRequest): string {
    return `${this.config.baseUrl.replace(/\/+$/, '')}${req.path}${queryString(req.query)}`;
  }

  private headers(req: VendorRequest, redacted: boolean): Record<string, string> {
    return requestHeaders(req, {
      app_id: this.config.appId,
      'access-token': redacted ? '[redacted]' : this.config.accessToken,
    });
  }

  describe(req: VendorRequest) {
    return { method: req.method, url: this.url(req), headers: this.headers(req, true), body: describeBody(req.body) };
  }

  async send(req: VendorRequest, opts: SendOptions): Promise<VendorResponse> {
    const res = await withRetries(
      async () => {
        await this.pace();
        const r = await this.http.send(
          'lanying',
          {
            method: req.method,
            url: this.url(req),
            headers: this.headers(req, false),
            ...wireBody(req),
          },
          opts.signal,
        );
        return decodeLanying(r, req.expect ?? 'json');
      },
      opts.safeToRepeat,
      this.retry,
      opts.signal,
    );
    return res;
  }
}

export function decodeLanying(r: HttpResponse, expect: 'json' | 'binary'): VendorResponse {
  const text = Buffer.from(r.body).toString('utf8');
  const retryAfterMs = parseRetryAfter(r.headers['retry-after']);
  if (r.status < 200 || r.status > 299) {
    const parsed = tryParse(text) as { code?: unknown; message?: unknown } | undefined;
    const code = parsed?.code !== undefined ? String(parsed.code) : `http_${r.status}`;
    const message = typeof parsed?.message === 'string' ? parsed.message : summariseBody(text, r.status);
    throw new VendorError('lanying', r.status, code, redact(message), retryAfterMs);
  }
  if (expect === 'binary') return { status: r.status, headers: r.headers, bytes: r.body };
  const json = tryParse(text);
  if (json === undefined || typeof json !== 'object' || json === null) {
    throw new NetworkError(
      'lanying',
      'malformed',
      `The Lanying API answered HTTP ${r.status} with a body that is not JSON.`,
      true,
    );
  }
  const env = json as { code?: unknown; message?: unknown };
  if (env.code !== undefined && Number(env.code) !== 200) {
    const message = typeof env.message === 'string' && env.message ? env.message : 'no message';
    throw new VendorError('lanying', r.status, String(env.code), redact(message), retryAfterMs);
  }
  return { status: r.status, headers: r.headers, json };
}

function tryParse(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}

/** A short, safe description of a non-JSON error body (an HTML error page, say). */
export function summariseBody(text: string, status: number): string {
  const title = /<title>([^<]{1,120})<\/title>/i.exec(text)?.[1];
  if (title) return `HTTP ${status} (${title.trim()})`;
  const plain = text.replace(/\s+/g, ' ').trim().slice(0, 160);
  return plain ? `HTTP ${status}: ${plain}` : `HTTP ${status} with an empty body`;
}
