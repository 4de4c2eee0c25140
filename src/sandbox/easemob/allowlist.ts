/**
 * Easemob group white list (allow list: members who may speak while everyone is muted): list, add one
 * or a batch, remove one or several (one id answers an object, several an array).
 */

import type { Params, Router } from '../http.js';
import {
  decodeOne,
  type EasemobContext,
  envelope,
  errors,
  getGroup,
  getGroupForChange,
  isMember,
  jsonBody,
  MAX_BATCH,
  notInGroupReason,
  pathUsers,
  removeFromGroupList,
  touch,
  userList,
} from './common.js';

function listWhite(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  return envelope(ctx, { data: [...group.whitelist], count: group.whitelist.length });
}

function whiteOne(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const user = decodeOne(p.username as string);
  if (!isMember(group, user)) throw errors.notMembers([user]);
  if (!group.whitelist.includes(user)) group.whitelist.push(user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: true, action: 'add_user_whitelist', user, groupid: group.groupid } });
}

function whiteMany(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const users = userList(jsonBody(ctx), 'usernames', MAX_BATCH, () =>
    errors.invalid(`usernames size is more than max limit : ${MAX_BATCH}`),
  );
  const outsiders = users.filter((u) => !isMember(group, u));
  if (outsiders.length === users.length) throw errors.notMembers(outsiders);
  const data = users.map((user) => {
    if (!isMember(group, user)) {
      return {
        result: false,
        action: 'add_user_whitelist',
        reason: notInGroupReason(ctx, group, user),
        user,
        groupid: group.groupid,
      };
    }
    if (!group.whitelist.includes(user)) group.whitelist.push(user);
    return { result: true, action: 'add_user_whitelist', user, groupid: group.groupid };
  });
  touch(ctx, group);
  return envelope(ctx, { data });
}

/** E36: one id answers an object, several an array (same rule as the other batch removals). */
function unwhite(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const users = pathUsers(p.usernames as string, `removeWhitelist size is more than max limit : ${MAX_BATCH}`);
  return removeFromGroupList(ctx, group, users, {
    key: 'whitelist',
    action: 'remove_user_whitelist',
    words: 'white list',
  });
}

export function registerAllowlistRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/white/users', listWhite)
    .add('POST', '/chatgroups/:gid/white/users/:username', whiteOne)
    .add('POST', '/chatgroups/:gid/white/users', whiteMany)
    .add('DELETE', '/chatgroups/:gid/white/users/:usernames', unwhite);
}
