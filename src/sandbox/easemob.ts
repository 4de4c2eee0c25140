/**
 * Easemob emulator entry: org/app check, the app-token endpoint, Bearer auth, Content-Type
 * rules, optional rate limit, then the group-management routes (50 documented operations).
 */

import { randomBytes } from 'node:crypto';
import { type EasemobContext, EasemobError, errorResponse, jsonBody } from './easemob-common.js';
import { registerFileRoutes } from './easemob-files.js';
import { registerGroupRoutes } from './easemob-groups.js';
import { registerListRoutes } from './easemob-lists.js';
import { registerMemberRoutes } from './easemob-members.js';
import { registerThreadRoutes } from './easemob-threads.js';
import { header, json, mediaType, Router, type SandboxRequest, type SandboxResponse } from './http.js';
import {
  EASEMOB_DEFAULT_TOKEN_TTL_S,
  SANDBOX_EASEMOB_APP,
  SANDBOX_EASEMOB_APPLICATION_UUID,
  SANDBOX_EASEMOB_CLIENT_ID,
  SANDBOX_EASEMOB_CLIENT_SECRET,
  SANDBOX_EASEMOB_ORG,
  type SandboxState,
} from './state.js';

const router = new Router<EasemobContext>();
registerGroupRoutes(router);
registerFileRoutes(router);
registerMemberRoutes(router);
registerListRoutes(router);
registerThreadRoutes(router);

export interface EasemobOptions {
  state: SandboxState;
  now: () => number;
  /** Requests per second per app before 429 `reach_limit`; undefined = unlimited. */
  rateLimitPerSecond?: number;
}

interface RateWindow {
  second: number;
  count: number;
}

/** Build the Easemob request handler. `req.segments` are the path segments after /easemob. */
export function createEasemobHandler(opts: EasemobOptions): (req: SandboxRequest) => Promise<SandboxResponse> {
  const window: RateWindow = { second: -1, count: 0 };

  return async (req) => {
    const now = opts.now();
    const fail = (e: EasemobError) => errorResponse(e.status, e.error, e.description, now);
    const [org, app, ...rest] = req.segments;
    if (org === undefined || app === undefined) {
      return errorResponse(404, 'service_resource_not_found', 'Service resource not found', now);
    }
    if (org !== SANDBOX_EASEMOB_ORG || app !== SANDBOX_EASEMOB_APP) {
      return errorResponse(
        404,
        'organization_application_not_found',
        `Could not find application for ${org}/${app} from URI: ${org}/${app}/${rest.join('/')}`,
        now,
      );
    }
    const ctx: EasemobContext = {
      req: { ...req, segments: rest },
      state: opts.state,
      now: opts.now,
      org,
      app,
      baseUrl: `${new URL(req.uri).origin}/easemob/${org}/${app}`,
    };

    try {
      if (opts.rateLimitPerSecond !== undefined) {
        const second = Math.floor(now / 1000);
        if (window.second !== second) {
          window.second = second;
          window.count = 0;
        }
        if (++window.count > opts.rateLimitPerSecond) {
          throw new EasemobError(429, 'reach_limit', 'This request has reached api limit');
        }
      }

      if (rest.length === 1 && rest[0] === 'token') {
        if (req.method !== 'POST') {
          throw new EasemobError(405, 'unsupported_service_operation', 'Service operation not supported');
        }
        requireJsonContentType(ctx, true);
        return issueToken(ctx);
      }

      authenticate(ctx);

      const match = router.match(req.method, rest);
      if (match.kind === 'not_found') {
        throw new EasemobError(404, 'service_resource_not_found', 'Service resource not found');
      }
      if (match.kind === 'method_not_allowed') {
        throw new EasemobError(405, 'unsupported_service_operation', 'Service operation not supported');
      }
      const isUpload =
        req.method === 'POST' && rest.length === 3 && rest[0] === 'chatgroups' && rest[2] === 'share_files';
      if (!isUpload) requireJsonContentType(ctx, false);
      return await match.handler(ctx, match.params);
    } catch (err) {
      if (err instanceof EasemobError) return fail(err);
      throw err;
    }
  };
}

/** JSON bodies must come with `Content-Type: application/json` (else 415), as the vendor requires. */
function requireJsonContentType(ctx: EasemobContext, always: boolean): void {
  if (!always && ctx.req.body.length === 0) return;
  if (mediaType(ctx.req.headers) !== 'application/json') {
    throw new EasemobError(
      415,
      'unsupported_media_type',
      'HTTP 415 Unsupported Media Type: send JSON with Content-Type: application/json',
    );
  }
}

function authenticate(ctx: EasemobContext): void {
  const auth = header(ctx.req.headers, 'authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!m) throw new EasemobError(401, 'unauthorized', 'Unable to authenticate (OAuth)');
  const token = ctx.state.easemob.tokens.find((t) => t.token === m[1]);
  if (!token) throw new EasemobError(401, 'unauthorized', 'Unable to authenticate (OAuth)');
  if (token.expiresAt !== null && token.expiresAt <= ctx.now()) {
    throw new EasemobError(401, 'unauthorized', 'Unable to authenticate due to expired access token');
  }
}

function issueToken(ctx: EasemobContext): SandboxResponse {
  const b = jsonBody(ctx);
  if (b.grant_type !== 'client_credentials') {
    throw new EasemobError(400, 'invalid_grant', 'grant_type must be client_credentials');
  }
  if (b.client_id !== SANDBOX_EASEMOB_CLIENT_ID || b.client_secret !== SANDBOX_EASEMOB_CLIENT_SECRET) {
    throw new EasemobError(400, 'invalid_grant', 'client_id or client_secret is invalid');
  }
  let ttl = EASEMOB_DEFAULT_TOKEN_TTL_S;
  if (b.ttl !== undefined && b.ttl !== null) {
    if (typeof b.ttl !== 'number' || !Number.isInteger(b.ttl) || b.ttl < 0) {
      throw new EasemobError(400, 'invalid_parameter', 'ttl must be a non-negative number of seconds');
    }
    ttl = b.ttl;
  }
  const now = ctx.now();
  // Forget expired tokens so the state (and its file) does not grow without bound.
  ctx.state.easemob.tokens = ctx.state.easemob.tokens.filter((t) => t.expiresAt === null || t.expiresAt > now);
  const token = `YWMt${randomBytes(24).toString('base64url')}`;
  ctx.state.easemob.tokens.push({ token, expiresAt: ttl === 0 ? null : now + ttl * 1000 });
  return json(200, { access_token: token, expires_in: ttl, application: SANDBOX_EASEMOB_APPLICATION_UUID });
}
