/**
 * Easemob threads (子区) and thread members. Cursor paging: `limit` 1–50 (default 50), `cursor`,
 * `sort` asc|desc (default desc); the next cursor is answered in `properties.cursor` whenever the
 * page is not empty (the vendor keeps returning a cursor on the last page; an empty page ends).
 */

import { json, type Params, type Router } from '../http.js';
import {
  decodeCursor,
  decodeOne,
  type EasemobContext,
  EasemobError,
  encodeCursor,
  errors,
  findGroup,
  getGroup,
  getThread,
  getThreadForChange,
  isMember,
  jsonBody,
  pageParam,
  threadEnvelope,
  userList,
} from './common.js';
import type { EasemobThread } from './state.js';

/** Where a page ends: [time, id] of its last item. */
type CursorKey = [number, string];
const MAX_THREAD_USERS = 10;
const MAX_NAME = 64;

const isCursorKey = (v: unknown): v is CursorKey =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

function compareCursorKeys(a: CursorKey, b: CursorKey): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

function sortParam(ctx: EasemobContext): 'asc' | 'desc' {
  const sort = ctx.req.query.get('sort');
  if (sort === null || sort === '') return 'desc';
  if (sort !== 'asc' && sort !== 'desc') throw errors.invalid('sort must be asc or desc');
  return sort;
}

/** One page of `items` ordered by `keyOf` in `dir`, starting after the request's cursor. */
function page<T>(
  ctx: EasemobContext,
  items: T[],
  keyOf: (t: T) => CursorKey,
  dir: 'asc' | 'desc',
): { items: T[]; properties: Record<string, string> } {
  const limit = pageParam(ctx, 'limit', 50, 1, 50);
  const after = decodeCursor(ctx, isCursorKey);
  const sign = dir === 'asc' ? 1 : -1;
  const sorted = [...items].sort((a, b) => sign * compareCursorKeys(keyOf(a), keyOf(b)));
  const rest = after ? sorted.filter((t) => sign * compareCursorKeys(keyOf(t), after) > 0) : sorted;
  const out = rest.slice(0, limit);
  const last = out[out.length - 1];
  return { items: out, properties: last ? { cursor: encodeCursor(keyOf(last)) } : {} };
}

function userThreadView(t: EasemobThread) {
  return { name: t.name, owner: t.owner, id: t.id, msgId: t.msg_id, groupId: t.group_id, created: t.created };
}

// E42 -------------------------------------------------------------------------------
function listThreads(ctx: EasemobContext) {
  const { items, properties } = page(ctx, ctx.state.easemob.threads, (t) => [t.created, t.id], sortParam(ctx));
  return threadEnvelope(ctx, { entities: items.map((t) => ({ id: t.id })), properties });
}

// E43 / E44 -------------------------------------------------------------------------
function userThreads(ctx: EasemobContext, user: string, groupId?: string) {
  const joined: { t: EasemobThread; at: number }[] = [];
  for (const t of ctx.state.easemob.threads) {
    if (groupId !== undefined && t.group_id !== groupId) continue;
    const m = t.members.find((x) => x.user === user);
    if (m) joined.push({ t, at: m.joined });
  }
  const { items, properties } = page(ctx, joined, (j) => [j.at, j.t.id], sortParam(ctx));
  return threadEnvelope(ctx, { entities: items.map((j) => userThreadView(j.t)), properties });
}

// E45 create ----------------------------------------------------------------------------
function idString(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return undefined;
}

function checkName(v: unknown): string {
  if (v === undefined || v === null) throw errors.required('thread', 'name');
  if (typeof v !== 'string' || v === '') throw errors.illegal('name must be a non-empty string');
  if ([...v].length > MAX_NAME) throw errors.invalid(`thread name cannot exceed ${MAX_NAME} characters`);
  return v;
}

function createThread(ctx: EasemobContext) {
  const body = jsonBody(ctx);
  for (const prop of ['group_id', 'name', 'msg_id', 'owner']) {
    if (body[prop] === undefined || body[prop] === null || body[prop] === '') throw errors.required('thread', prop);
  }
  const groupId = idString(body.group_id);
  const msgId = idString(body.msg_id);
  if (!groupId) throw errors.illegal('group_id must be a group id');
  if (!msgId) throw errors.illegal('msg_id must be a message id');
  if (typeof body.owner !== 'string') throw errors.illegal('owner must be a user id');
  const name = checkName(body.name);
  const group = findGroup(ctx.state, groupId);
  if (!group) throw errors.groupNotFound(groupId);
  if (group.disabled) throw errors.disabled(groupId);
  if (!isMember(group, body.owner)) throw errors.notInGroup(body.owner, groupId);
  if (ctx.state.easemob.threads.some((t) => t.group_id === groupId && t.msg_id === msgId)) {
    throw new EasemobError(403, 'forbidden_op', `message ${msgId} already has a thread`);
  }
  const now = ctx.now();
  const thread: EasemobThread = {
    id: String(ctx.state.easemob.nextThreadId++),
    name,
    owner: body.owner,
    group_id: groupId,
    msg_id: msgId,
    created: now,
    members: [{ user: body.owner, joined: now }],
  };
  ctx.state.easemob.threads.push(thread);
  return threadEnvelope(ctx, { data: { thread_id: thread.id } });
}

// E46 / E47 -------------------------------------------------------------------------------
function renameThread(ctx: EasemobContext, p: Params) {
  const thread = getThreadForChange(ctx, p.tid as string);
  thread.name = checkName(jsonBody(ctx).name);
  return threadEnvelope(ctx, { data: { name: thread.name } });
}

function deleteThread(ctx: EasemobContext, p: Params) {
  const thread = getThread(ctx, p.tid as string);
  ctx.state.easemob.threads = ctx.state.easemob.threads.filter((t) => t !== thread);
  return threadEnvelope(ctx, { data: { status: 'ok' } });
}

// E48–E50 members ----------------------------------------------------------------------------
function threadMembers(ctx: EasemobContext, p: Params) {
  const thread = getThread(ctx, p.tid as string);
  const { items, properties } = page(ctx, thread.members, (m) => [m.joined, m.user], 'asc');
  return json(200, {
    action: 'get',
    data: { affiliations: items.map((m) => m.user) },
    duration: 0,
    properties,
    timestamp: ctx.now(),
    uri: ctx.req.uri,
  });
}

function tooMany(): EasemobError {
  return errors.invalid(`usernames size is more than max limit : ${MAX_THREAD_USERS}`);
}

function joinThread(ctx: EasemobContext, p: Params) {
  const thread = getThreadForChange(ctx, p.tid as string);
  const users = userList(jsonBody(ctx), 'usernames', MAX_THREAD_USERS, tooMany);
  const group = findGroup(ctx.state, thread.group_id);
  const outsiders = group ? users.filter((u) => !isMember(group, u)) : users;
  if (outsiders.length > 0) throw errors.notMembers(outsiders);
  const now = ctx.now();
  for (const user of users) {
    if (!thread.members.some((m) => m.user === user)) thread.members.push({ user, joined: now });
  }
  return threadEnvelope(ctx, { data: { status: 'ok' } });
}

function kickThread(ctx: EasemobContext, p: Params) {
  const thread = getThreadForChange(ctx, p.tid as string);
  const users = userList(jsonBody(ctx), 'usernames', MAX_THREAD_USERS, tooMany);
  const entities = users.map((user) => {
    const inThread = thread.members.some((m) => m.user === user);
    if (!inThread || user === thread.owner) return { result: false, user };
    thread.members = thread.members.filter((m) => m.user !== user);
    return { result: true, user };
  });
  return threadEnvelope(ctx, { entities });
}

export function registerThreadRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/thread', listThreads)
    .add('GET', '/threads/user/:username', (ctx, p) => userThreads(ctx, decodeOne(p.username as string)))
    .add('GET', '/threads/chatgroups/:gid/user/:username', (ctx, p) => {
      const group = getGroup(ctx, p.gid as string);
      return userThreads(ctx, decodeOne(p.username as string), group.groupid);
    })
    .add('POST', '/thread', createThread)
    .add('PUT', '/thread/:tid', renameThread)
    .add('DELETE', '/thread/:tid', deleteThread)
    .add('GET', '/thread/:tid/users', threadMembers)
    .add('POST', '/thread/:tid/users', joinThread)
    .add('DELETE', '/thread/:tid/users', kickThread);
}
