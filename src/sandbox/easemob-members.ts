/**
 * Easemob group members (list, add one/batch, remove one/batch), member metadata, admins.
 */

import {
  affiliations,
  decodeOne,
  dropMemberTraces,
  E,
  type EasemobContext,
  EasemobError,
  envelope,
  getGroup,
  isMember,
  jsonBody,
  metadataEnvelope,
  pageParam,
  touch,
  userExists,
  userList,
} from './easemob-common.js';
import { isPlainObject, type Router, splitList } from './http.js';
import type { EasemobGroup } from './state.js';

export const MAX_ADMINS = 99;
const MAX_BATCH = 60;
const MAX_METADATA_TARGETS = 10;
const METADATA_KEY_BYTES = 16;
const METADATA_VALUE_BYTES = 512;
const METADATA_TOTAL_BYTES = 4096;

type P = Record<string, string>;

// E16 list members (pagenum from 1) -------------------------------------------
function listMembers(ctx: EasemobContext, p: P) {
  const gid = decodeOne(p.gid as string);
  const group = ctx.state.easemob.groups.find((g) => g.groupid === gid);
  if (!group) throw new EasemobError(404, 'service_resource_not_found', `do not find this group:${gid}`);
  const pagenum = pageParam(ctx, 'pagenum', 1, 1, Number.MAX_SAFE_INTEGER);
  const pagesize = pageParam(ctx, 'pagesize', 1000, 1, 1000, true);
  const all = affiliations(group).map((u, i) => (i === 0 ? { owner: u } : { member: u }));
  const data = all.slice((pagenum - 1) * pagesize, pagenum * pagesize);
  return envelope(ctx, { data, count: data.length });
}

// E17 / E18 add ------------------------------------------------------------------
function checkJoinable(ctx: EasemobContext, group: EasemobGroup, user: string): void {
  if (!userExists(ctx, user)) throw E.userNotFound(user);
  if (group.blocks.includes(user)) {
    throw new EasemobError(
      403,
      'forbidden_op',
      `can not join this group, reason:user: ${user} is in the block list of group: ${group.groupid}`,
    );
  }
}

function full(): EasemobError {
  return new EasemobError(403, 'exceed_limit', 'members size is greater than max user size !');
}

function addMember(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const user = decodeOne(p.username as string);
  checkJoinable(ctx, group, user);
  if (isMember(group, user)) {
    throw new EasemobError(
      403,
      'forbidden_op',
      `can not join this group, reason:user: ${user} already in group: ${group.groupid}`,
    );
  }
  if (affiliations(group).length + 1 > group.maxusers) throw full();
  group.members.push(user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: true, groupid: group.groupid, action: 'add_member', user } });
}

function addMembers(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const users = userList(jsonBody(ctx), 'usernames', MAX_BATCH, full);
  for (const u of users) checkJoinable(ctx, group, u);
  const fresh = users.filter((u) => !isMember(group, u));
  if (fresh.length === 0) {
    throw new EasemobError(
      403,
      'forbidden_op',
      `can not join this group, reason:user: ${users.join(', ')} already in group: ${group.groupid}`,
    );
  }
  if (affiliations(group).length + fresh.length > group.maxusers) throw full();
  group.members.push(...fresh);
  touch(ctx, group);
  return envelope(ctx, { data: { newmembers: fresh, groupid: group.groupid, action: 'add_member' } });
}

// E19 / E20 remove: object data for one id, array for several ---------------------
function removeMembers(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const users = splitList(p.members as string);
  if (!users || users.length === 0) throw E.illegal('username is required');
  const unique = [...new Set(users)];
  if (unique.length > MAX_BATCH) throw E.invalid(`kickMember: kickMembers number more than maxSize : ${MAX_BATCH}`);
  if (unique.includes(group.owner)) throw E.owner();

  if (unique.length === 1) {
    const user = unique[0] as string;
    if (!group.members.includes(user)) throw E.notMembers([user]);
    group.members = group.members.filter((m) => m !== user);
    dropMemberTraces(ctx, group, user);
    touch(ctx, group);
    return envelope(ctx, { data: { result: true, action: 'remove_member', user, groupid: group.groupid } });
  }

  const nonMembers = unique.filter((u) => !group.members.includes(u));
  if (nonMembers.length === unique.length) throw E.notMembers(nonMembers);
  const data = unique.map((user) => {
    if (!group.members.includes(user)) {
      const reason = userExists(ctx, user)
        ? `user: ${user} doesn't exist in group: ${group.groupid}`
        : `user ${user} doesn't exist.`;
      return { result: false, action: 'remove_member', reason, user, groupid: group.groupid };
    }
    group.members = group.members.filter((m) => m !== user);
    dropMemberTraces(ctx, group, user);
    return { result: true, action: 'remove_member', user, groupid: group.groupid };
  });
  touch(ctx, group);
  return envelope(ctx, { data });
}

// E21–E23 member metadata -----------------------------------------------------------
function metadataMember(ctx: EasemobContext, p: P, write: boolean): { group: EasemobGroup; user: string } {
  const group = getGroup(ctx, p.gid as string, write);
  const user = decodeOne(p.username as string);
  if (!isMember(group, user)) throw new EasemobError(404, 'MetadataException', 'user not in group');
  return { group, user };
}

function setMetadata(ctx: EasemobContext, p: P) {
  const { group, user } = metadataMember(ctx, p, true);
  const b = jsonBody(ctx);
  if (b.metaData === undefined || b.metaData === null) throw E.required('metadata', 'metaData');
  if (!isPlainObject(b.metaData)) throw E.illegal('metaData must be a JSON object of string values');
  const next: Record<string, string> = { ...(group.metadata[user] ?? {}) };
  for (const [key, value] of Object.entries(b.metaData)) {
    if (typeof value !== 'string') throw E.illegal(`metaData value of ${key} must be a string`);
    if (Buffer.byteLength(key) > METADATA_KEY_BYTES || key === '') {
      throw new EasemobError(400, 'metadata_error', 'exceeds chatgroup user metadata single key limit');
    }
    if (Buffer.byteLength(value) > METADATA_VALUE_BYTES) {
      throw new EasemobError(400, 'metadata_error', 'exceeds chatgroup user metadata single value limit');
    }
    if (value === '') delete next[key];
    else next[key] = value;
  }
  const total = Object.entries(next).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (total > METADATA_TOTAL_BYTES) {
    throw new EasemobError(400, 'metadata_error', 'exceeds chatgroup user metadata total size limit');
  }
  if (Object.keys(next).length === 0) delete group.metadata[user];
  else group.metadata[user] = next;
  return metadataEnvelope(ctx, next);
}

function getMetadata(ctx: EasemobContext, p: P) {
  const { group, user } = metadataMember(ctx, p, false);
  return metadataEnvelope(ctx, { ...(group.metadata[user] ?? {}) });
}

function batchGetMetadata(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string);
  const b = jsonBody(ctx);
  const targets = userList(
    b,
    'targets',
    MAX_METADATA_TARGETS,
    () => new EasemobError(400, 'metadata_error', 'query param reaches limit.'),
  );
  let keys: string[] | undefined;
  if (b.properties !== undefined && b.properties !== null) {
    if (!Array.isArray(b.properties) || !b.properties.every((k) => typeof k === 'string')) {
      throw E.illegal('properties must be an array of keys');
    }
    keys = b.properties.length > 0 ? (b.properties as string[]) : undefined;
  }
  const data: Record<string, Record<string, string>> = {};
  for (const user of targets) {
    if (!isMember(group, user)) continue;
    const all = group.metadata[user] ?? {};
    data[user] = keys ? Object.fromEntries(Object.entries(all).filter(([k]) => keys.includes(k))) : { ...all };
  }
  return metadataEnvelope(ctx, data);
}

// E24–E26 admins ----------------------------------------------------------------------
function listAdmins(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string);
  return envelope(ctx, { data: [...group.admins], count: group.admins.length });
}

function addAdmin(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const b = jsonBody(ctx);
  if (b.newadmin === undefined || b.newadmin === null || b.newadmin === '') throw E.required('admin', 'newadmin');
  if (typeof b.newadmin !== 'string') throw E.illegal('newadmin must be a user id');
  const user = b.newadmin;
  if (user === group.owner) throw E.owner();
  if (!group.members.includes(user)) {
    throw new EasemobError(404, 'resource_not_found', `user: ${user} doesn't exist in group: ${group.groupid}`);
  }
  if (group.admins.includes(user)) {
    throw new EasemobError(403, 'forbidden_op', `user: ${user} is already admin of group: ${group.groupid}`);
  }
  if (group.admins.length >= MAX_ADMINS) {
    throw new EasemobError(403, 'exceed_limit', `the number of group admins reaches the limit : ${MAX_ADMINS}`);
  }
  group.admins.push(user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: 'success', newadmin: user }, properties: {} });
}

function removeAdmin(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const user = decodeOne(p.username as string);
  if (!group.admins.includes(user)) {
    throw new EasemobError(403, 'forbidden_op', `user:${user} is not admin of group:${group.groupid}`);
  }
  group.admins = group.admins.filter((a) => a !== user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: 'success', oldadmin: user } });
}

export function registerMemberRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/users', listMembers)
    .add('POST', '/chatgroups/:gid/users/:username', addMember)
    .add('POST', '/chatgroups/:gid/users', addMembers)
    .add('DELETE', '/chatgroups/:gid/users/:members', removeMembers)
    .add('PUT', '/metadata/chatgroup/:gid/user/:username', setMetadata)
    .add('GET', '/metadata/chatgroup/:gid/user/:username', getMetadata)
    .add('POST', '/metadata/chatgroup/:gid/get', batchGetMetadata)
    .add('GET', '/chatgroups/:gid/admin', listAdmins)
    .add('POST', '/chatgroups/:gid/admin', addAdmin)
    .add('DELETE', '/chatgroups/:gid/admin/:username', removeAdmin);
}
