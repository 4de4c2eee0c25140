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
  summariseBody,
  type VendorClient,
  type VendorProfile,
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

function decodeLanying(r: HttpResponse, expect: 'json' | 'binary'): VendorResponse {
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

const HINTS: Record<string, string> = {
  '402': 'The access token was refused: check LANYING_ACCESS_TOKEN.',
  '10003': 'The access token is missing: set LANYING_ACCESS_TOKEN.',
  '10008':
    'The access token is invalid or expired: issue a new admin token in the Lanying console and set LANYING_ACCESS_TOKEN.',
  '40000': 'The app id is unknown: check LANYING_APP_ID and LANYING_BASE_URL.',
  '10000': 'No such user: check the user id (lanying_list_users lists them).',
  '10002': 'A parameter was refused: fix it as the message says.',
  '10004': 'The user already exists: pick another username.',
  '10010': 'No permission: the token or acting user may not do this.',
  '20001': 'No such group: check group_id.',
  '20002': 'The acting user is not a member of that group.',
};

/** Lanying: `{code, message, data}` envelopes; the agent gets `data` and the paging fields. */
export const LANYING: VendorProfile = {
  vendor: 'lanying',
  label: 'Lanying',
  pathPrefix: '',
  shape(json) {
    const env = (json ?? {}) as Record<string, unknown>;
    const structured: Record<string, unknown> = { data: env.data ?? null };
    if (env.cursor !== undefined && env.cursor !== null && env.cursor !== '') structured.cursor = env.cursor;
    if (env.version !== undefined && env.version !== null) structured.version = env.version;
    return structured;
  },
  hint(err) {
    return (
      HINTS[err.code] ??
      (err.status === 401
        ? "Authentication failed: check LANYING_ACCESS_TOKEN and LANYING_APP_ID (and LANYING_BASE_URL: the app's api_endpoint)."
        : undefined)
    );
  },
};
