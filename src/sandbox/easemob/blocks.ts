/**
 * Easemob group block list: list, block one or a batch (a blocked member leaves the group),
 * unblock one or several (one id answers an object, several an array).
 */

import type { Params, Router } from '../http.js';
import {
  decodeOne,
  dropMemberTraces,
  type EasemobContext,
  envelope,
  errors,
  getGroup,
  getGroupForChange,
  jsonBody,
  MAX_BATCH,
  notInGroupReason,
  pathUsers,
  removeFromGroupList,
  touch,
  userList,
} from './common.js';
import type { EasemobGroup } from './state.js';

function block(ctx: EasemobContext, group: EasemobGroup, user: string): void {
  group.members = group.members.filter((m) => m !== user);
  dropMemberTraces(ctx, group, user);
  if (!group.blocks.includes(user)) group.blocks.push(user);
}

function listBlocks(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  return envelope(ctx, { data: [...group.blocks], count: group.blocks.length });
}

function blockOne(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const user = decodeOne(p.username as string);
  if (user === group.owner) throw errors.owner();
  if (!group.members.includes(user)) throw errors.notMembers([user]);
  block(ctx, group, user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: true, action: 'add_blocks', user, groupid: group.groupid } });
}

function blockMany(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const users = userList(jsonBody(ctx), 'usernames', MAX_BATCH, () =>
    errors.invalid(`userNames is more than max limit : ${MAX_BATCH}`),
  );
  if (users.includes(group.owner)) throw errors.owner();
  const outsiders = users.filter((u) => !group.members.includes(u));
  if (outsiders.length === users.length) throw errors.notMembers(outsiders);
  const data = users.map((user) => {
    if (!group.members.includes(user)) {
      return {
        result: false,
        action: 'add_blocks',
        reason: notInGroupReason(ctx, group, user),
        user,
        groupid: group.groupid,
      };
    }
    block(ctx, group, user);
    return { result: true, action: 'add_blocks', user, groupid: group.groupid };
  });
  touch(ctx, group);
  return envelope(ctx, { data });
}

/** E31/E32: one id answers an object, several an array. */
function unblock(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const users = pathUsers(p.usernames as string, `removeBlacklist: list size more than max limit : ${MAX_BATCH}`);
  return removeFromGroupList(ctx, group, users, { key: 'blocks', action: 'remove_blocks', words: 'block list' });
}

export function registerBlockRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/blocks/users', listBlocks)
    .add('POST', '/chatgroups/:gid/blocks/users/:username', blockOne)
    .add('POST', '/chatgroups/:gid/blocks/users', blockMany)
    .add('DELETE', '/chatgroups/:gid/blocks/users/:usernames', unblock);
}
