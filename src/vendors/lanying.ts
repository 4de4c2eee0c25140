/**
 * Lanying (MaximTop): base URL = the app's api_endpoint; headers `app_id` and `access-token` on every call;
 * answers are `{code, message, data}` and business errors arrive inside HTTP 200 with `code` ≠ 200.
 */
import type { HttpClient, HttpResponse } from '../http/client.js';
import { NetworkError, VendorError } from '../http/errors.js';
import { parseJson } from '../http/json.js';
import type { Pace } from '../http/pacer.js';
import { parseRetryAfter, type RetryPolicy, withRetries } from '../http/retry.js';
import { redact } from '../log.js';
import {
  describeBody,
  type ErrorHint,
  findHint,
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
    private readonly pace: Pace = () => undefined,
  ) {
    this.base = config.baseUrl.replace(/\/+$/, '');
  }

  /** the base URL without trailing slashes, worked out once */
  private readonly base: string;

  private url(req: VendorRequest): string {
    return `${this.base}${req.path}${queryString(req.query)}`;
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
        const wait = this.pace();
        if (wait) await wait;
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
  const text = Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength).toString('utf8');
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

/** The error codes the documentation and the vendor guide name (guide/vendors.md), with what to do. */
const ERRORS: readonly ErrorHint[] = [
  { code: '402', meaning: 'access token refused', what: 'The access token was refused: check LANYING_ACCESS_TOKEN.' },
  { code: '10003', meaning: 'access token missing', what: 'The access token is missing: set LANYING_ACCESS_TOKEN.' },
  {
    code: '10008',
    meaning: 'access token invalid or expired',
    what: 'The access token is invalid or expired: issue a new admin token in the Lanying console and set LANYING_ACCESS_TOKEN.',
  },
  {
    code: '40000',
    meaning: 'unknown app id',
    what: 'The app id is unknown: check LANYING_APP_ID and LANYING_BASE_URL.',
  },
  { code: '10000', meaning: 'no such user', what: 'No such user: check the user id (lanying_list_users lists them).' },
  { code: '10002', meaning: 'parameter refused', what: 'A parameter was refused: fix it as the message says.' },
  { code: '10004', meaning: 'user already exists', what: 'The user already exists: pick another username.' },
  { code: '10010', meaning: 'no permission', what: 'No permission: the token or acting user may not do this.' },
  { code: '20001', meaning: 'no such group', what: 'No such group: check group_id.' },
  { code: '20002', meaning: 'acting user not in the group', what: 'The acting user is not a member of that group.' },
  {
    status: 401,
    meaning: 'authentication failed',
    what: "Authentication failed: check LANYING_ACCESS_TOKEN and LANYING_APP_ID (and LANYING_BASE_URL: the app's api_endpoint).",
  },
];

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
  // 1.7 Device list: `platform` 1 ios, 2 android, 3 windows, 4 mac, 5 linux, 6 web.
  readable: { codes: { platform: { 1: 'iOS', 2: 'Android', 3: 'Windows', 4: 'macOS', 5: 'Linux', 6: 'Web' } } },
  // Written by chat users (through the client SDKs): 1.18 user information `nick_name`, `description`, `avatar`,
  // `email`, `mobile`, `private_info`, `public_info`, `alias`, `ext`; 1.35 settings `auth_question`, `auth_answer`,
  // `push_nick_name`; 1.7 devices `user_agent` (sent by the user's client); `username`, which a user chooses when
  // registering with a user token (1.34 allows CJK, letters, digits and `_`: a sentence fits).
  untrusted: {
    fields: [
      'username',
      'nick_name',
      'description',
      'avatar',
      'email',
      'mobile',
      'private_info',
      'public_info',
      'alias',
      'ext',
      'auth_question',
      'auth_answer',
      'push_nick_name',
      'user_agent',
    ],
  },
  errors: ERRORS,
  hint(err) {
    return findHint(ERRORS, err)?.what;
  },
};
