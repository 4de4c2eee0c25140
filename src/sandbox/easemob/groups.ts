/**
 * Easemob groups: create, disable/enable, modify, transfer owner (same PUT route), list with
 * cursor, a user's groups, is_joined, details of many ids, dissolve.
 */

import { json, type Params, type Router, splitList } from '../http.js';
import {
  activeMutes,
  affiliations,
  decodeCursor,
  decodeOne,
  type EasemobContext,
  EasemobError,
  encodeCursor,
  envelope,
  errors,
  findGroup,
  getGroup,
  getGroupForChange,
  isMember,
  jsonBody,
  pageParam,
  touch,
  userExists,
} from './common.js';
import { type EasemobGroup, newEasemobGroup, SANDBOX_EASEMOB_APPLICATION_UUID } from './state.js';

const MODIFIABLE = [
  'groupname',
  'avatar',
  'description',
  'maxusers',
  'membersonly',
  'allowinvites',
  'invite_need_confirm',
  'public',
  'custom',
] as const;
type Modifiable = (typeof MODIFIABLE)[number];

const NORMAL_MAX_USERS = 3000;

function optType(body: Record<string, unknown>, name: string, type: 'string' | 'boolean' | 'number'): void {
  const v = body[name];
  if (v === undefined || v === null) return;
  if (typeof v !== type || (type === 'number' && !Number.isInteger(v))) {
    throw errors.illegal(`${name} must be ${type === 'number' ? 'an integer' : `a ${type}`}`);
  }
}

// E01 ----------------------------------------------------------------------
function createGroup(ctx: EasemobContext) {
  const body = jsonBody(ctx);
  if (body.public === undefined || body.public === null) throw errors.required('chatgroup', 'public');
  if (body.owner === undefined || body.owner === null || body.owner === '') throw errors.required('chatgroup', 'owner');
  for (const [name, type] of [
    ['groupname', 'string'],
    ['description', 'string'],
    ['public', 'boolean'],
    ['scale', 'string'],
    ['maxusers', 'number'],
    ['allowinvites', 'boolean'],
    ['membersonly', 'boolean'],
    ['invite_need_confirm', 'boolean'],
    ['owner', 'string'],
    ['custom', 'string'],
  ] as const) {
    optType(body, name, type);
  }
  const owner = body.owner as string;
  if (!userExists(ctx, owner)) throw errors.userNotFound(owner);
  const scale = (body.scale as string | undefined) ?? 'normal';
  if (scale !== 'normal' && scale !== 'large') throw errors.invalid('scale must be normal or large');
  const maxusers = (body.maxusers as number | undefined) ?? (scale === 'large' ? 1000 : 200);
  if (maxusers < 1) throw errors.invalid('maxusers must be at least 1');
  if (scale === 'normal' && maxusers > NORMAL_MAX_USERS) {
    throw errors.invalid(`maxusers of a normal group cannot exceed ${NORMAL_MAX_USERS}; use scale "large"`);
  }
  const groupname = (body.groupname as string | undefined) ?? '';
  const description = (body.description as string | undefined) ?? '';
  const custom = (body.custom as string | undefined) ?? '';
  if (groupname.length > 128) throw errors.invalid('groupname cannot exceed 128 characters');
  if (description.length > 512) throw errors.invalid('description cannot exceed 512 characters');
  if (custom.length > 1024) throw errors.invalid('custom cannot exceed 1024 characters');

  let members: string[] = [];
  if (body.members !== undefined && body.members !== null) {
    if (!Array.isArray(body.members) || !body.members.every((m) => typeof m === 'string' && m !== '')) {
      throw errors.illegal('members must be an array of user ids');
    }
    members = [...new Set(body.members as string[])].filter((m) => m !== owner);
    for (const m of members) if (!userExists(ctx, m)) throw errors.userNotFound(m);
  }
  if (members.length + 1 > maxusers) {
    throw new EasemobError(403, 'exceed_limit', 'members size is greater than max user size !');
  }

  const isPublic = body.public as boolean;
  const groupid = String(ctx.state.easemob.nextGroupId++);
  const group = newEasemobGroup(groupid, owner, isPublic, ctx.now());
  Object.assign(group, {
    groupname,
    description,
    custom,
    scale,
    maxusers,
    members,
    membersonly: (body.membersonly as boolean | undefined) ?? false,
    // Public groups never let members invite: the vendor forces allowinvites false.
    allowinvites: isPublic ? false : ((body.allowinvites as boolean | undefined) ?? false),
    invite_need_confirm: (body.invite_need_confirm as boolean | undefined) ?? true,
  } satisfies Partial<EasemobGroup>);
  ctx.state.easemob.groups.push(group);
  return envelope(ctx, { data: { groupid } });
}

// E02 / E03 ----------------------------------------------------------------
function setDisabled(disabled: boolean) {
  return (ctx: EasemobContext, p: Params) => {
    const group = getGroup(ctx, p.gid as string);
    group.disabled = disabled;
    touch(ctx, group);
    return envelope(ctx, { data: { disabled }, properties: {} });
  };
}

// E04 modify / E27 transfer -------------------------------------------------
function modifyOrTransfer(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const body = jsonBody(ctx);
  const keys = Object.keys(body);
  if (keys.includes('newowner') && keys.length === 1) return transferOwner(ctx, group, body.newowner);

  const invalid = keys.filter((k) => !(MODIFIABLE as readonly string[]).includes(k));
  if (invalid.length > 0) throw errors.invalid(`some of [${invalid.join(', ')}] are not valid fields`);
  if (keys.length === 0) throw errors.illegal(`request body must contain at least one of [${MODIFIABLE.join(', ')}]`);

  const data: Partial<Record<Modifiable, boolean>> = {};
  for (const key of keys as Modifiable[]) {
    const v = body[key];
    switch (key) {
      case 'groupname':
      case 'description':
      case 'custom':
      case 'avatar': {
        if (typeof v !== 'string') throw errors.illegal(`${key} must be a string`);
        const max = key === 'groupname' ? 128 : key === 'description' ? 512 : 1024;
        if (v.length > max) {
          data[key] = false;
          break;
        }
        if (key === 'avatar') {
          data[key] = true; // accepted; the sandbox does not model group avatars beyond this answer
          break;
        }
        group[key] = v;
        data[key] = true;
        break;
      }
      case 'maxusers': {
        if (typeof v !== 'number' || !Number.isInteger(v)) throw errors.illegal('maxusers must be an integer');
        const tooSmall = v < affiliations(group).length;
        const tooLarge = group.scale === 'normal' && v > NORMAL_MAX_USERS;
        if (tooSmall || tooLarge || v < 1) {
          data.maxusers = false;
          break;
        }
        group.maxusers = v;
        data.maxusers = true;
        break;
      }
      case 'membersonly':
      case 'allowinvites':
      case 'invite_need_confirm':
      case 'public': {
        if (typeof v !== 'boolean') throw errors.illegal(`${key} must be a boolean`);
        group[key] = v;
        data[key] = true;
        break;
      }
    }
  }
  touch(ctx, group);
  return envelope(ctx, { data, properties: {} });
}

function transferOwner(ctx: EasemobContext, group: EasemobGroup, newowner: unknown) {
  if (typeof newowner !== 'string' || newowner === '') throw errors.illegal('newowner must be a user id');
  if (newowner === group.owner) throw new EasemobError(403, 'forbidden_op', 'new owner and old owner are the same');
  if (!group.members.includes(newowner)) throw errors.notInGroup(newowner, group.groupid);
  const old = group.owner;
  group.owner = newowner;
  group.members = [...group.members.filter((m) => m !== newowner), old];
  group.admins = group.admins.filter((a) => a !== newowner);
  group.mutes = group.mutes.filter((m) => m.user !== newowner);
  touch(ctx, group);
  return envelope(ctx, { data: { newowner: true } });
}

// E05 list with cursor -------------------------------------------------------
type GroupCursor = [number, string];
const isGroupCursor = (v: unknown): v is GroupCursor =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

/** Newest first; ties by group id descending. */
function byCreatedDesc(a: EasemobGroup, b: EasemobGroup): number {
  if (a.created !== b.created) return b.created - a.created;
  return a.groupid < b.groupid ? 1 : a.groupid > b.groupid ? -1 : 0;
}

function listGroups(ctx: EasemobContext) {
  const limit = pageParam(ctx, 'limit', 10, 1, 1000);
  const after = decodeCursor(ctx, isGroupCursor);
  const sorted = [...ctx.state.easemob.groups].sort(byCreatedDesc);
  const start = after
    ? sorted.findIndex((g) => g.created < after[0] || (g.created === after[0] && g.groupid < after[1]))
    : 0;
  const page = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start >= 0 && start + limit < sorted.length;
  const data = page.map((g) => ({
    owner: `${ctx.org}#${ctx.app}_${g.owner}`,
    groupid: g.groupid,
    affiliations: affiliations(g).length,
    type: 'group',
    lastModified: String(g.lastModified),
    groupname: g.groupname,
  }));
  return envelope(ctx, {
    data,
    count: data.length,
    ...(more && last ? { cursor: encodeCursor([last.created, last.groupid]) } : {}),
  });
}

// E06 a user's groups (pagenum from 0) ---------------------------------------
function userGroups(ctx: EasemobContext, p: Params) {
  const user = decodeOne(p.username as string);
  if (!userExists(ctx, user)) throw new EasemobError(404, 'service_resource_not_found', 'Service resource not found');
  const pagesize = pageParam(ctx, 'pagesize', 5, 1, 20);
  const pagenum = pageParam(ctx, 'pagenum', 0, 0, Number.MAX_SAFE_INTEGER);
  const joined = ctx.state.easemob.groups.filter((g) => isMember(g, user)).sort(byCreatedDesc);
  const page = joined.slice(pagenum * pagesize, (pagenum + 1) * pagesize);
  return json(200, {
    action: 'get',
    applicationName: ctx.app,
    duration: 0,
    entities: page.map((g) => ({
      name: g.groupname,
      owner: g.owner,
      id: g.groupid,
      groupId: g.groupid,
      description: g.description,
      disabled: g.disabled,
      public: g.public,
      allowinvites: g.allowinvites,
      membersonly: g.membersonly,
      maxusers: g.maxusers,
      created: g.created,
    })),
    organization: ctx.org,
    timestamp: ctx.now(),
    total: joined.length,
    uri: ctx.req.uri,
  });
}

// E07 is_joined: bare boolean data --------------------------------------------
function isJoined(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  const user = decodeOne(p.username as string);
  return json(200, {
    action: 'get',
    application: SANDBOX_EASEMOB_APPLICATION_UUID,
    data: isMember(group, user),
    duration: 0,
    organization: ctx.org,
    timestamp: ctx.now(),
  });
}

// E08 details of up to 100 ids -------------------------------------------------
function details(group: EasemobGroup, now: number) {
  activeMutes(group, now);
  return {
    id: group.groupid,
    name: group.groupname,
    description: group.description,
    membersonly: group.membersonly,
    allowinvites: group.allowinvites,
    maxusers: group.maxusers,
    owner: group.owner,
    created: group.created,
    custom: group.custom,
    mute: group.muteAll,
    affiliations_count: affiliations(group).length,
    disabled: group.disabled,
    affiliations: [{ owner: group.owner }, ...group.members.map((m) => ({ member: m }))],
    public: group.public,
  };
}

function groupDetails(ctx: EasemobContext, p: Params) {
  const ids = splitList(p.gid as string);
  if (!ids || ids.length === 0) throw errors.illegal('group_id is required');
  if (ids.length > 100) throw errors.invalid('the number of group ids exceeds the limit : 100');
  const unique = [...new Set(ids)];
  if (unique.length === 1) {
    const gid = unique[0] as string;
    const group = findGroup(ctx.state, gid);
    if (!group) throw errors.groupNotFound(gid);
    return envelope(ctx, { count: 1, data: [details(group, ctx.now())], properties: {} });
  }
  let found = 0;
  const data = unique.map((gid) => {
    const group = findGroup(ctx.state, gid);
    if (!group) return { id: gid, error: "group id doesn't exist" };
    found++;
    return details(group, ctx.now());
  });
  return envelope(ctx, { count: found, data, properties: {} });
}

// E09 dissolve ----------------------------------------------------------------
function dissolve(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  ctx.state.easemob.groups = ctx.state.easemob.groups.filter((g) => g !== group);
  ctx.state.easemob.threads = ctx.state.easemob.threads.filter((t) => t.group_id !== group.groupid);
  return envelope(ctx, { data: { success: true, groupid: group.groupid } });
}

export function registerGroupRoutes(router: Router<EasemobContext>): void {
  router
    .add('POST', '/chatgroups', createGroup)
    .add('GET', '/chatgroups', listGroups)
    .add('GET', '/chatgroups/user/:username', userGroups)
    .add('POST', '/chatgroups/:gid/disable', setDisabled(true))
    .add('POST', '/chatgroups/:gid/enable', setDisabled(false))
    .add('PUT', '/chatgroups/:gid', modifyOrTransfer)
    .add('GET', '/chatgroups/:gid/user/:username/is_joined', isJoined)
    .add('GET', '/chatgroups/:gid', groupDetails)
    .add('DELETE', '/chatgroups/:gid', dissolve);
}
