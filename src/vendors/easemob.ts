/**
 * Easemob: base `{host}/{org_name}/{app_name}`; `Authorization: Bearer <app token>`, either given or obtained
 * with client credentials (cached to half its life, one fetch in flight, one forced refresh on a 401);
 * errors are HTTP statuses with `{error, error_description}`.
 */
import type { HttpClient, HttpResponse } from '../http/client.js';
import { NetworkError, VendorError } from '../http/errors.js';
import { parseJson, stringifyJson } from '../http/json.js';
import type { Pace } from '../http/pacer.js';
import { parseRetryAfter, type RetryPolicy, withRetries } from '../http/retry.js';
import { redact, registerSecret } from '../log.js';
import {
  describeBody,
  type ErrorHint,
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

export interface EasemobConfig {
  baseUrl: string;
  org: string;
  app: string;
  appToken?: string;
  clientId?: string;
  clientSecret?: string;
}

/** App-token cache: renewed at half its life, one fetch in flight, forced renewal after a 401. */
export class EasemobTokens {
  private token?: string;
  private renewAt = 0;
  private inFlight: SharedFetch | undefined;
  constructor(
    private readonly http: HttpClient,
    private readonly config: EasemobConfig,
    private readonly now: () => number = Date.now,
  ) {
    if (config.appToken) {
      this.token = config.appToken;
      this.renewAt = Number.POSITIVE_INFINITY;
    }
  }

  get canRenew(): boolean {
    return Boolean(this.config.clientId && this.config.clientSecret);
  }

  /** The cached token while it is fresh (no promise to await on every call), else undefined. */
  fresh(): string | undefined {
    return this.token && this.now() < this.renewAt ? this.token : undefined;
  }

  /**
   * The token, fetched once for every caller waiting at the same time. The fetch is nobody's own: a caller that is
   * cancelled stops waiting (its call ends as cancelled) while the fetch goes on for the others; once every caller has
   * stopped waiting (all cancelled, e.g. by the shutdown), the fetch is aborted too. A caller without a signal keeps
   * it going to the end (bounded by the HTTP client's attempt timeout).
   */
  async get(signal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.renewAt) return this.token;
    if (!this.canRenew && this.token) return this.token;
    if (signal?.aborted) throw cancelledWait();
    let shared = this.inFlight;
    if (!shared) {
      const stop = new AbortController();
      const token = this.fetch(stop.signal).finally(() => {
        if (this.inFlight?.token === token) this.inFlight = undefined;
      });
      // its failure reaches every caller still waiting; one nobody waits for any more is not an unhandled rejection
      token.catch(() => {});
      shared = { token, stop, waiting: 0, pinned: false };
      this.inFlight = shared;
    }
    if (!signal) {
      shared.pinned = true;
      return shared.token;
    }
    const fetch = shared;
    fetch.waiting++;
    return untilCancelled(fetch.token, signal, () => {
      if (--fetch.waiting > 0 || fetch.pinned) return;
      // nobody waits any more: the next caller starts a fetch of its own
      if (this.inFlight === fetch) this.inFlight = undefined;
      fetch.stop.abort();
    });
  }

  /** Drops the cached token after a 401 (only when it can be renewed). */
  invalidate(): void {
    if (this.canRenew) this.renewAt = 0;
  }

  private async fetch(signal: AbortSignal): Promise<string> {
    const url = `${base(this.config)}/token`;
    const body = stringifyJson({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
    });
    const r = await this.http.send(
      'easemob',
      { method: 'POST', url, headers: { 'content-type': 'application/json', accept: 'application/json' }, body },
      signal,
    );
    const json = decodeEasemob(r, 'json').json as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string' || !json.access_token) {
      throw new VendorError('easemob', r.status, 'token_missing', 'The token endpoint answered without access_token.');
    }
    // A credential obtained at run time is redacted like the configured ones from here on (results, logs, audit).
    registerSecret(json.access_token);
    const ttlMs = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in * 1000 : 0;
    this.token = json.access_token;
    // expires_in 0 means "never expires"; otherwise renew at half-life, as the official SDKs do.
    this.renewAt = ttlMs === 0 ? Number.POSITIVE_INFINITY : this.now() + ttlMs / 2;
    return this.token;
  }
}

/** One token fetch shared by the callers waiting for it, and how many of them wait with a signal. */
interface SharedFetch {
  token: Promise<string>;
  stop: AbortController;
  waiting: number;
  /** a caller without a signal waits for it: it is never aborted for want of waiters */
  pinned: boolean;
}

/** A call cancelled while it waited for the token: its own request was not sent. */
const cancelledWait = () => new NetworkError('easemob', 'cancelled', 'The request was cancelled by the client.', false);

/** `shared`, or a cancelled NetworkError as soon as `signal` aborts (then `left` runs; `shared` goes on). */
function untilCancelled<T>(shared: Promise<T>, signal: AbortSignal, left: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(cancelledWait());
      left();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

const base = (c: EasemobConfig): string =>
  `${c.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(c.org)}/${encodeURIComponent(c.app)}`;

export class EasemobClient implements VendorClient {
  readonly vendor = 'easemob' as const;
  constructor(
    private readonly http: HttpClient,
    config: EasemobConfig,
    private readonly tokens: EasemobTokens,
    private readonly retry: RetryPolicy,
    private readonly pace: Pace = () => undefined,
  ) {
    this.base = base(config);
  }

  /** `{host}/{org}/{app}`, worked out once */
  private readonly base: string;

  private url(req: VendorRequest): string {
    return `${this.base}${req.path}${queryString(req.query)}`;
  }

  private headers(req: VendorRequest, token: string): Record<string, string> {
    return requestHeaders(req, { authorization: `Bearer ${token}` });
  }

  describe(req: VendorRequest) {
    return {
      method: req.method,
      url: this.url(req),
      headers: this.headers(req, '[redacted]'),
      body: describeBody(req.body),
    };
  }

  async send(req: VendorRequest, opts: SendOptions): Promise<VendorResponse> {
    const once = async (): Promise<VendorResponse> => {
      const wait = this.pace();
      if (wait) await wait;
      const token = this.tokens.fresh() ?? (await this.tokens.get(opts.signal));
      const r = await this.http.send(
        'easemob',
        {
          method: req.method,
          url: this.url(req),
          headers: this.headers(req, token),
          ...wireBody(req),
        },
        opts.signal,
      );
      return decodeEasemob(r, req.expect ?? 'json');
    };
    return withRetries(
      async () => {
        try {
          return await once();
        } catch (err) {
          // A 401 means the token was refused before anything was applied: renew once and resend, whatever the operation.
          if (err instanceof VendorError && err.status === 401 && this.tokens.canRenew) {
            this.tokens.invalidate();
            return once();
          }
          throw err;
        }
      },
      opts.safeToRepeat,
      this.retry,
      opts.signal,
    );
  }
}

function decodeEasemob(r: HttpResponse, expect: 'json' | 'binary'): VendorResponse {
  const ok = r.status >= 200 && r.status <= 299;
  if (ok && expect === 'binary') return { status: r.status, headers: r.headers, bytes: r.body };
  const text = Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength).toString('utf8');
  let json: unknown;
  try {
    json = parseJson(text);
  } catch {
    json = undefined;
  }
  if (!ok) {
    const e = (json ?? {}) as { error?: unknown; error_description?: unknown };
    const code = typeof e.error === 'string' && e.error ? e.error : `http_${r.status}`;
    const message = typeof e.error_description === 'string' ? e.error_description : summariseBody(text, r.status);
    throw new VendorError('easemob', r.status, code, redact(message), parseRetryAfter(r.headers['retry-after']));
  }
  if (json === undefined || json === null || typeof json !== 'object') {
    throw new NetworkError(
      'easemob',
      'malformed',
      `The Easemob API answered HTTP ${r.status} with a body that is not JSON.`,
      true,
    );
  }
  return { status: r.status, headers: r.headers, json };
}

const KEEP = ['data', 'entities', 'count', 'cursor', 'total'] as const;

const AUTH_HINT = 'Authentication failed: check EASEMOB_APP_TOKEN or EASEMOB_CLIENT_ID/EASEMOB_CLIENT_SECRET.';

/** The error codes the documentation and the vendor guide name (guide/vendors.md, docs/errors.md). */
const ERRORS: readonly ErrorHint[] = [
  { status: 401, code: 'unauthorized', meaning: 'the app token is missing, wrong or expired', what: AUTH_HINT },
  {
    status: 400,
    code: 'invalid_grant',
    meaning: 'the client id or secret is wrong',
    what: 'Copy EASEMOB_CLIENT_ID and EASEMOB_CLIENT_SECRET again from the console.',
  },
  {
    status: 404,
    code: 'organization_application_not_found',
    meaning: 'wrong org or app name, or the wrong host',
    what: 'Check EASEMOB_ORG, EASEMOB_APP (the AppKey is org#app) and EASEMOB_BASE_URL.',
  },
  {
    status: 400,
    code: 'invalid_parameter',
    meaning: 'a parameter was refused',
    what: 'Fix the arguments as the message says and retry.',
  },
  {
    status: 400,
    code: 'illegal_argument',
    meaning: 'a parameter was refused',
    what: 'Fix the arguments as the message says and retry.',
  },
  {
    status: 403,
    code: 'forbidden_op',
    meaning:
      'the vendor forbids it: the owner cannot be removed, muted or blocked; already (or not) a member; new owner equals old owner',
    what: 'Do not retry unchanged; read the group first (easemob_get_member_standing, easemob_get_groups).',
  },
  {
    status: 403,
    code: 'exceed_limit',
    meaning: 'a plan or group limit is reached (members, admins, groups)',
    what: 'Remove something or raise the plan limit.',
  },
  {
    status: 404,
    code: 'resource_not_found',
    meaning: 'the group, user, thread or file does not exist',
    what: 'Check the id with a list or lookup tool (easemob_find_groups).',
  },
  { status: 404, code: 'service_resource_not_found', meaning: 'the user does not exist', what: 'Check the user id.' },
  {
    status: 429,
    code: 'reach_limit',
    meaning: 'rate limited (about 100 calls/s per app)',
    what: 'Wait a few seconds and retry; lower IM_ADMIN_EASEMOB_RATE.',
  },
];

/** Easemob: REST answers with `data` or `entities` and paging fields; the rest of the envelope is dropped. */
export const EASEMOB: VendorProfile = {
  vendor: 'easemob',
  label: 'Easemob',
  pathPrefix: '/{org_name}/{app_name}',
  shape(json) {
    const env = (json ?? {}) as Record<string, unknown>;
    const structured: Record<string, unknown> = {};
    for (const k of KEEP) {
      const v = env[k];
      if (v === undefined || v === null) continue;
      if (k === 'entities' && Array.isArray(v) && v.length === 0 && 'data' in env) continue;
      structured[k] = v;
    }
    const props = env.properties as Record<string, unknown> | undefined;
    if (props && typeof props === 'object' && props.cursor && structured.cursor === undefined)
      structured.cursor = props.cursor;
    if (Object.keys(structured).length === 0) structured.data = null;
    return structured;
  },
  // 获取 App 中的群组 / 获取群组详情 / 共享文件: `created` (Long, ms), `lastModified` (String, ms); 禁言: `expire`
  // (ms, -1 permanent); App 中的群组: `owner` as `{org}#{app}_{user}`.
  readable: {
    times: { created: {}, lastModified: {}, expire: { never: -1, neverText: 'never (until unmuted)' } },
    users: ['owner'],
  },
  // Written by chat users (group owners and members, through the client SDKs): 获取群组详情 / App 中的群组
  // `groupname`, `description`, `custom` (group extension), `avatar`; 群公告 `announcement`; 子区 `name`; 共享文件
  // `file_name` and a downloaded file's content; 群成员自定义属性: the whole `data` map (keys and values) of the three
  // metadata operations.
  untrusted: {
    fields: ['groupname', 'description', 'custom', 'avatar', 'announcement', 'name', 'file_name', 'ext'],
    results: {
      easemob_set_member_metadata: ['/data'],
      easemob_get_member_metadata: ['/data'],
      easemob_get_members_metadata: ['/data'],
      // a downloaded share file's content, written by the member who uploaded it
      easemob_download_share_file: ['/text', '/content_base64'],
    },
  },
  errors: ERRORS,
  hint(err) {
    return err.status === 401 ? AUTH_HINT : undefined;
  },
};
