/**
 * Easemob authentication: the app-token endpoint (client credentials, `ttl`), Bearer checks with expiry,
 * and the JSON Content-Type rule.
 */

import { randomBytes } from 'node:crypto';
import { header, json, mediaType, type SandboxResponse } from '../http.js';
import { type EasemobContext, EasemobError, jsonBody } from './common.js';
import {
  EASEMOB_DEFAULT_TOKEN_TTL_S,
  SANDBOX_EASEMOB_APPLICATION_UUID,
  SANDBOX_EASEMOB_CLIENT_ID,
  SANDBOX_EASEMOB_CLIENT_SECRET,
} from './state.js';

/** JSON bodies must come with `Content-Type: application/json` (else 415), as the vendor requires. */
export function requireJsonContentType(ctx: EasemobContext, always: boolean): void {
  if (!always && ctx.req.body.length === 0) return;
  if (mediaType(ctx.req.headers) !== 'application/json') {
    throw new EasemobError(
      415,
      'unsupported_media_type',
      'HTTP 415 Unsupported Media Type: send JSON with Content-Type: application/json',
    );
  }
}

export function authenticate(ctx: EasemobContext): void {
  const auth = header(ctx.req.headers, 'authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!m) throw new EasemobError(401, 'unauthorized', 'Unable to authenticate (OAuth)');
  const token = ctx.state.easemob.tokens.find((t) => t.token === m[1]);
  if (!token) throw new EasemobError(401, 'unauthorized', 'Unable to authenticate (OAuth)');
  if (token.expiresAt !== null && token.expiresAt <= ctx.now()) {
    throw new EasemobError(401, 'unauthorized', 'Unable to authenticate due to expired access token');
  }
}

export function issueToken(ctx: EasemobContext): SandboxResponse {
  const body = jsonBody(ctx);
  if (body.grant_type !== 'client_credentials') {
    throw new EasemobError(400, 'invalid_grant', 'grant_type must be client_credentials');
  }
  if (body.client_id !== SANDBOX_EASEMOB_CLIENT_ID || body.client_secret !== SANDBOX_EASEMOB_CLIENT_SECRET) {
    throw new EasemobError(400, 'invalid_grant', 'client_id or client_secret is invalid');
  }
  let ttl = EASEMOB_DEFAULT_TOKEN_TTL_S;
  if (body.ttl !== undefined && body.ttl !== null) {
    if (typeof body.ttl !== 'number' || !Number.isInteger(body.ttl) || body.ttl < 0) {
      throw new EasemobError(400, 'invalid_parameter', 'ttl must be a non-negative number of seconds');
    }
    ttl = body.ttl;
  }
  const now = ctx.now();
  // Forget expired tokens so the state (and its file) does not grow without bound.
  ctx.state.easemob.tokens = ctx.state.easemob.tokens.filter((t) => t.expiresAt === null || t.expiresAt > now);
  const token = `YWMt${randomBytes(24).toString('base64url')}`;
  ctx.state.easemob.tokens.push({ token, expiresAt: ttl === 0 ? null : now + ttl * 1000 });
  return json(200, { access_token: token, expires_in: ttl, application: SANDBOX_EASEMOB_APPLICATION_UUID });
}
