/**
 * Easemob group members: list (pagenum from 1), add one or a batch, remove one or a batch
 * (a removed member also leaves the group's threads and loses its roles and attributes).
 */

import { type Params, type Router, splitList } from '../http.js';
import {
  affiliations,
  decodeOne,
  dropMemberTraces,
  type EasemobContext,
  EasemobError,
  envelope,
  errors,
  getGroupForChange,
  isMember,
  jsonBody,
  MAX_BATCH,
  pageParam,
  touch,
  userExists,
  userList,
} from './common.js';
import type { EasemobGroup } from './state.js';

// E16 list members (pagenum from 1) -------------------------------------------
function listMembers(ctx: EasemobContext, p: Params) {
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
  if (!userExists(ctx, user)) throw errors.userNotFound(user);
  if (group.blocks.includes(user)) {
    throw new EasemobError(
      403,
      'forbidden_op',
      `can not join this group, reason:user: ${user} is in the block list of group: ${group.groupid}`,
    );
  }
}

function groupFull(): EasemobError {
  return new EasemobError(403, 'exceed_limit', 'members size is greater than max user size !');
}

function addMember(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const user = decodeOne(p.username as string);
  checkJoinable(ctx, group, user);
  if (isMember(group, user)) {
    throw new EasemobError(
      403,
      'forbidden_op',
      `can not join this group, reason:user: ${user} already in group: ${group.groupid}`,
    );
  }
  if (affiliations(group).length + 1 > group.maxusers) throw groupFull();
  group.members.push(user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: true, groupid: group.groupid, action: 'add_member', user } });
}

function addMembers(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const users = userList(jsonBody(ctx), 'usernames', MAX_BATCH, groupFull);
  for (const u of users) checkJoinable(ctx, group, u);
  const fresh = users.filter((u) => !isMember(group, u));
  if (fresh.length === 0) {
    throw new EasemobError(
      403,
      'forbidden_op',
      `can not join this group, reason:user: ${users.join(', ')} already in group: ${group.groupid}`,
    );
  }
  if (affiliations(group).length + fresh.length > group.maxusers) throw groupFull();
  group.members.push(...fresh);
  touch(ctx, group);
  return envelope(ctx, { data: { newmembers: fresh, groupid: group.groupid, action: 'add_member' } });
}

// E19 / E20 remove: object data for one id, array for several ---------------------
function removeMembers(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const users = splitList(p.members as string);
  if (!users || users.length === 0) throw errors.illegal('username is required');
  const unique = [...new Set(users)];
  if (unique.length > MAX_BATCH)
    throw errors.invalid(`kickMember: kickMembers number more than maxSize : ${MAX_BATCH}`);
  if (unique.includes(group.owner)) throw errors.owner();

  if (unique.length === 1) {
    const user = unique[0] as string;
    if (!group.members.includes(user)) throw errors.notMembers([user]);
    group.members = group.members.filter((m) => m !== user);
    dropMemberTraces(ctx, group, user);
    touch(ctx, group);
    return envelope(ctx, { data: { result: true, action: 'remove_member', user, groupid: group.groupid } });
  }

  const nonMembers = unique.filter((u) => !group.members.includes(u));
  if (nonMembers.length === unique.length) throw errors.notMembers(nonMembers);
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

export function registerMemberRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/users', listMembers)
    .add('POST', '/chatgroups/:gid/users/:username', addMember)
    .add('POST', '/chatgroups/:gid/users', addMembers)
    .add('DELETE', '/chatgroups/:gid/users/:members', removeMembers);
}
