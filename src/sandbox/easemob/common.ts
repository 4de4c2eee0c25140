/**
 * Shared pieces of the Easemob emulator: context, error type, envelopes, lookups and
 * input validation. Error texts follow the vendor's documented error tables.
 */
import {
  decodeSegment,
  isJsonObject,
  json,
  parseJson,
  type SandboxRequest,
  type SandboxResponse,
  splitList,
} from '../http.js';
import type { SandboxState } from '../state.js';
import { type EasemobGroup, type EasemobMute, type EasemobThread, SANDBOX_EASEMOB_APPLICATION_UUID } from './state.js';

export interface EasemobContext {
  req: SandboxRequest;
  state: SandboxState;
  now: () => number;
  org: string;
  app: string;
  /** scheme://host/easemob/{org}/{app}: the emulated `https://{host}/{org}/{app}`. */
  baseUrl: string;
}

const EXCEPTIONS: Record<string, string> = {
  resource_not_found: 'EasemobResourceNotFoundException',
  service_resource_not_found: 'ServiceResourceNotFoundException',
  organization_application_not_found: 'EasemobResourceNotFoundException',
  forbidden_op: 'EasemobForbiddenOpException',
  exceed_limit: 'EasemobExceedLimitException',
  illegal_argument: 'java.lang.IllegalArgumentException',
  invalid_parameter: 'EasemobInvalidParameterException',
  required_property_not_found: 'EasemobRequiredPropertyNotFoundException',
  json_parse: 'com.fasterxml.jackson.core.JsonParseException',
  unauthorized: 'EasemobUnauthorizedException',
  invalid_grant: 'EasemobInvalidGrantException',
  metadata_error: 'EasemobMetadataException',
  MetadataException: 'MetadataException',
  unsupported_media_type: 'javax.ws.rs.NotSupportedException',
  request_entity_too_large: 'EasemobRequestEntityTooLargeException',
  reach_limit: 'EasemobReachLimitException',
  unsupported_service_operation: 'UnsupportedServiceOperationException',
};

export class EasemobError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export function errorResponse(status: number, error: string, description: string, now: number): SandboxResponse {
  return json(status, {
    error,
    exception: EXCEPTIONS[error] ?? 'EasemobException',
    timestamp: now,
    duration: 0,
    error_description: description,
  });
}

// Common errors -------------------------------------------------------------

/** The vendor's common error answers, by what went wrong. */
export const errors = {
  groupNotFound: (gid: string) => new EasemobError(404, 'resource_not_found', `grpID ${gid} does not exist!`),
  userNotFound: (user: string) => new EasemobError(404, 'resource_not_found', `username ${user} doesn't exist!`),
  owner: () => new EasemobError(403, 'forbidden_op', 'forbidden operation on group owner!'),
  notMembers: (users: string[]) =>
    new EasemobError(403, 'forbidden_op', `users [${users.join(', ')}] are not members of this group!`),
  notInGroup: (user: string, gid: string) =>
    new EasemobError(403, 'forbidden_op', `user: ${user} doesn't exist in group: ${gid}`),
  disabled: (gid: string) =>
    new EasemobError(403, 'forbidden_op', `group ${gid} is disabled, no modification is allowed`),
  required: (entity: string, prop: string) =>
    new EasemobError(400, 'required_property_not_found', `Entity ${entity} requires a property named ${prop}`),
  illegal: (message: string) => new EasemobError(400, 'illegal_argument', message),
  invalid: (message: string) => new EasemobError(400, 'invalid_parameter', message),
  threadNotFound: (id: string) => new EasemobError(404, 'resource_not_found', `thread ${id} does not exist!`),
};

// Envelopes -----------------------------------------------------------------

/** The common success envelope; `extra` supplies data/entities/count/cursor/properties/params. */
export function envelope(ctx: EasemobContext, extra: Record<string, unknown>): SandboxResponse {
  const params = queryParams(ctx);
  return json(200, {
    action: ctx.req.method.toLowerCase(),
    application: SANDBOX_EASEMOB_APPLICATION_UUID,
    ...(params ? { params } : {}),
    uri: ctx.req.uri,
    entities: [],
    ...extra,
    timestamp: ctx.now(),
    duration: 0,
    organization: ctx.org,
    applicationName: ctx.app,
  });
}

/** Envelope of the thread APIs: no `application`, no default `entities`. */
export function threadEnvelope(ctx: EasemobContext, extra: Record<string, unknown>): SandboxResponse {
  return json(200, {
    action: ctx.req.method.toLowerCase(),
    applicationName: ctx.app,
    duration: 0,
    ...extra,
    organization: ctx.org,
    timestamp: ctx.now(),
    uri: ctx.req.uri,
  });
}

/** Envelope of the member-metadata APIs: `{timestamp, data, duration}` only. */
export function metadataEnvelope(ctx: EasemobContext, data: unknown): SandboxResponse {
  return json(200, { timestamp: ctx.now(), data, duration: 0 });
}

/** Query parameters echoed as the vendor does (`params: {limit: ["2"]}`), or undefined when none. */
function queryParams(ctx: EasemobContext): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  let any = false;
  for (const [k, v] of ctx.req.query) {
    any = true;
    const list = out[k] ?? [];
    list.push(v);
    out[k] = list;
  }
  return any ? out : undefined;
}

// Lookups -------------------------------------------------------------------

export function decodeOne(raw: string): string {
  const v = decodeSegment(raw);
  if (v === undefined || v === '') throw errors.illegal(`malformed path segment "${raw}"`);
  return v;
}

export function findGroup(state: SandboxState, gid: string): EasemobGroup | undefined {
  return state.easemob.groups.find((g) => g.groupid === gid);
}

/** The group named by a raw path param, to read it. */
export function getGroup(ctx: EasemobContext, rawGid: string): EasemobGroup {
  const gid = decodeOne(rawGid);
  const group = findGroup(ctx.state, gid);
  if (!group) throw errors.groupNotFound(gid);
  return group;
}

/**
 * The group named by a raw path param, to change it: a disabled group is refused
 * ("禁用后不能对群组进行任何修改": a disabled group cannot be modified).
 */
export function getGroupForChange(ctx: EasemobContext, rawGid: string): EasemobGroup {
  const group = getGroup(ctx, rawGid);
  if (group.disabled) throw errors.disabled(group.groupid);
  return group;
}

export function getThread(ctx: EasemobContext, rawId: string): EasemobThread {
  const id = decodeOne(rawId);
  const thread = ctx.state.easemob.threads.find((t) => t.id === id);
  if (!thread) throw errors.threadNotFound(id);
  return thread;
}

/**
 * The thread named by a raw path param, to manage it (rename, add or kick members): refused while its group is
 * disabled ("封禁群组": members can no longer manage the group or its threads).
 */
export function getThreadForChange(ctx: EasemobContext, rawId: string): EasemobThread {
  const thread = getThread(ctx, rawId);
  const group = findGroup(ctx.state, thread.group_id);
  if (group?.disabled) throw errors.disabled(group.groupid);
  return thread;
}

export function userExists(ctx: EasemobContext, user: string): boolean {
  return ctx.state.easemob.users.includes(user);
}

export function isMember(group: EasemobGroup, user: string): boolean {
  return group.owner === user || group.members.includes(user);
}

/** Owner first, then members in join order. */
export function affiliations(group: EasemobGroup): string[] {
  return [group.owner, ...group.members];
}

/** Drop expired mutes (in place) and return the active ones. */
export function activeMutes(group: EasemobGroup, now: number): EasemobMute[] {
  group.mutes = group.mutes.filter((m) => m.expire === -1 || m.expire > now);
  return group.mutes;
}

export function touch(ctx: EasemobContext, group: EasemobGroup): void {
  group.lastModified = ctx.now();
}

/** Remove a user from every role list of a group and from the group's threads (membership itself excluded). */
export function dropMemberTraces(ctx: EasemobContext, group: EasemobGroup, user: string): void {
  group.admins = group.admins.filter((u) => u !== user);
  group.mutes = group.mutes.filter((m) => m.user !== user);
  group.whitelist = group.whitelist.filter((u) => u !== user);
  delete group.metadata[user];
  for (const t of ctx.state.easemob.threads) {
    if (t.group_id === group.groupid) t.members = t.members.filter((m) => m.user !== user);
  }
}

// Input ---------------------------------------------------------------------

/** The JSON body as an object (an empty body is `{}`). Content-Type was checked by the entry point. */
export function jsonBody(ctx: EasemobContext): Record<string, unknown> {
  if (ctx.req.body.length === 0) return {};
  const parsed = parseJson(ctx.req.body);
  if (!parsed.ok) throw new EasemobError(400, 'json_parse', `Unexpected character in request body: ${parsed.message}`);
  if (!isJsonObject(parsed.value)) throw new EasemobError(400, 'json_parse', 'request body must be a JSON object');
  return parsed.value;
}

/** Largest batch of users for add, block, allow, mute, unmute and remove. */
export const MAX_BATCH = 60;

/** The per-user reason of a batch item whose user is not in the group. */
export function notInGroupReason(ctx: EasemobContext, group: EasemobGroup, user: string): string {
  return userExists(ctx, user)
    ? `user: ${user} doesn't exist in group: ${group.groupid}`
    : `user ${user} doesn't exist.`;
}

/** Split a comma-joined path list and enforce the batch size with the operation's own error text. */
export function pathUsers(raw: string, tooMany: string): string[] {
  const users = splitList(raw);
  if (!users || users.length === 0) throw errors.illegal('username is required');
  const unique = [...new Set(users)];
  if (unique.length > MAX_BATCH) throw errors.invalid(tooMany);
  return unique;
}

/** `usernames` (or another name) as a non-empty array of non-empty strings, at most `max` long. */
export function userList(
  body: Record<string, unknown>,
  name: string,
  max: number,
  tooMany: () => EasemobError,
): string[] {
  const v = body[name];
  if (v === undefined || v === null) throw errors.required('request', name);
  if (!Array.isArray(v) || v.length === 0 || !v.every((u) => typeof u === 'string' && u !== '')) {
    throw errors.illegal(`${name} must be a non-empty array of user ids`);
  }
  if (v.length > max) throw tooMany();
  return [...new Set(v as string[])];
}

/** An integer query parameter in [min, max] (values above `clampMax` are clamped), or the default. */
export function pageParam(
  ctx: EasemobContext,
  name: string,
  dflt: number,
  min: number,
  max: number,
  clamp = false,
): number {
  const raw = ctx.req.query.get(name);
  if (raw === null || raw.trim() === '') return dflt;
  if (!/^-?\d+$/.test(raw.trim())) throw errors.invalid(`${name} must be an integer`);
  const n = Number(raw.trim());
  if (n > max && clamp) return max;
  if (n < min || n > max) throw errors.invalid(`${name} must be between ${min} and ${max}`);
  return n;
}

/** Opaque cursors: base64 of a JSON key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(ctx: EasemobContext, check: (v: unknown) => v is T): T | undefined {
  const raw = ctx.req.query.get('cursor');
  if (raw === null || raw === '') return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    // fall through
  }
  throw errors.invalid(`invalid cursor: ${raw}`);
}

/**
 * E32/E36 (unblock, allow-list removal): removes users named in the path from one of the group's lists. One id
 * answers an object (403 when it is not on the list), several an array with a result per user.
 */
export function removeFromGroupList(
  ctx: EasemobContext,
  group: EasemobGroup,
  users: string[],
  list: { key: 'blocks' | 'whitelist'; action: string; words: string },
): SandboxResponse {
  const has = (user: string) => group[list.key].includes(user);
  const drop = (user: string) => {
    group[list.key] = group[list.key].filter((u) => u !== user);
  };
  if (users.length === 1) {
    const user = users[0] as string;
    if (!has(user))
      throw new EasemobError(403, 'forbidden_op', `users [${user}] are not in the ${list.words} of this group!`);
    drop(user);
    touch(ctx, group);
    return envelope(ctx, { data: { result: true, action: list.action, user, groupid: group.groupid } });
  }
  const data = users.map((user) => {
    if (!has(user)) {
      return {
        result: false,
        action: list.action,
        reason: `user: ${user} is not in the ${list.words} of group: ${group.groupid}`,
        user,
        groupid: group.groupid,
      };
    }
    drop(user);
    return { result: true, action: list.action, user, groupid: group.groupid };
  });
  touch(ctx, group);
  return envelope(ctx, { data });
}
