/**
 * Easemob group block list, white list, mutes (with `mute_duration` expiry) and ban-all.
 */

import {
  activeMutes,
  decodeOne,
  dropMemberTraces,
  E,
  type EasemobContext,
  EasemobError,
  envelope,
  getGroup,
  isMember,
  jsonBody,
  touch,
  userExists,
  userList,
} from './easemob-common.js';
import { type Router, splitList } from './http.js';
import type { EasemobGroup } from './state.js';

const MAX_BATCH = 60;
type P = Record<string, string>;

function notInGroupReason(ctx: EasemobContext, group: EasemobGroup, user: string): string {
  return userExists(ctx, user)
    ? `user: ${user} doesn't exist in group: ${group.groupid}`
    : `user ${user} doesn't exist.`;
}

/** Split a comma-joined path list and enforce the batch size with the operation's own error text. */
function pathUsers(raw: string, tooMany: string): string[] {
  const users = splitList(raw);
  if (!users || users.length === 0) throw E.illegal('username is required');
  const unique = [...new Set(users)];
  if (unique.length > MAX_BATCH) throw E.invalid(tooMany);
  return unique;
}

// Block list ---------------------------------------------------------------------
function block(ctx: EasemobContext, group: EasemobGroup, user: string): void {
  group.members = group.members.filter((m) => m !== user);
  dropMemberTraces(ctx, group, user);
  if (!group.blocks.includes(user)) group.blocks.push(user);
}

function listBlocks(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string);
  return envelope(ctx, { data: [...group.blocks], count: group.blocks.length });
}

function blockOne(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const user = decodeOne(p.username as string);
  if (user === group.owner) throw E.owner();
  if (!group.members.includes(user)) throw E.notMembers([user]);
  block(ctx, group, user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: true, action: 'add_blocks', user, groupid: group.groupid } });
}

function blockMany(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const users = userList(jsonBody(ctx), 'usernames', MAX_BATCH, () =>
    E.invalid(`userNames is more than max limit : ${MAX_BATCH}`),
  );
  if (users.includes(group.owner)) throw E.owner();
  const outsiders = users.filter((u) => !group.members.includes(u));
  if (outsiders.length === users.length) throw E.notMembers(outsiders);
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
function unblock(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const users = pathUsers(p.usernames as string, `removeBlacklist: list size more than max limit : ${MAX_BATCH}`);
  if (users.length === 1) {
    const user = users[0] as string;
    if (!group.blocks.includes(user)) {
      throw new EasemobError(403, 'forbidden_op', `users [${user}] are not in the block list of this group!`);
    }
    group.blocks = group.blocks.filter((u) => u !== user);
    touch(ctx, group);
    return envelope(ctx, { data: { result: true, action: 'remove_blocks', user, groupid: group.groupid } });
  }
  const data = users.map((user) => {
    if (!group.blocks.includes(user)) {
      return {
        result: false,
        action: 'remove_blocks',
        reason: `user: ${user} is not in the block list of group: ${group.groupid}`,
        user,
        groupid: group.groupid,
      };
    }
    group.blocks = group.blocks.filter((u) => u !== user);
    return { result: true, action: 'remove_blocks', user, groupid: group.groupid };
  });
  touch(ctx, group);
  return envelope(ctx, { data });
}

// White list ---------------------------------------------------------------------
function listWhite(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string);
  return envelope(ctx, { data: [...group.whitelist], count: group.whitelist.length });
}

function whiteOne(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const user = decodeOne(p.username as string);
  if (!isMember(group, user)) throw E.notMembers([user]);
  if (!group.whitelist.includes(user)) group.whitelist.push(user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: true, action: 'add_user_whitelist', user, groupid: group.groupid } });
}

function whiteMany(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const users = userList(jsonBody(ctx), 'usernames', MAX_BATCH, () =>
    E.invalid(`usernames size is more than max limit : ${MAX_BATCH}`),
  );
  const outsiders = users.filter((u) => !isMember(group, u));
  if (outsiders.length === users.length) throw E.notMembers(outsiders);
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
function unwhite(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const users = pathUsers(p.usernames as string, `removeWhitelist size is more than max limit : ${MAX_BATCH}`);
  if (users.length === 1) {
    const user = users[0] as string;
    if (!group.whitelist.includes(user)) {
      throw new EasemobError(403, 'forbidden_op', `users [${user}] are not in the white list of this group!`);
    }
    group.whitelist = group.whitelist.filter((u) => u !== user);
    touch(ctx, group);
    return envelope(ctx, { data: { result: true, action: 'remove_user_whitelist', user, groupid: group.groupid } });
  }
  const data = users.map((user) => {
    if (!group.whitelist.includes(user)) {
      return {
        result: false,
        action: 'remove_user_whitelist',
        reason: `user: ${user} is not in the white list of group: ${group.groupid}`,
        user,
        groupid: group.groupid,
      };
    }
    group.whitelist = group.whitelist.filter((u) => u !== user);
    return { result: true, action: 'remove_user_whitelist', user, groupid: group.groupid };
  });
  touch(ctx, group);
  return envelope(ctx, { data });
}

// Mutes ----------------------------------------------------------------------------
function listMutes(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string);
  const data = activeMutes(group, ctx.now()).map((m) => ({ expire: m.expire, user: m.user }));
  return envelope(ctx, { data });
}

function mute(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const b = jsonBody(ctx);
  const users = userList(b, 'usernames', MAX_BATCH, () =>
    E.invalid(`userNames size is more than max limit : ${MAX_BATCH}`),
  );
  const duration = b.mute_duration;
  if (duration === undefined || duration === null) throw E.required('mute', 'mute_duration');
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < -1) {
    throw E.invalid('mute_duration must be a number of milliseconds, -1 (permanent) or 0 (lift)');
  }
  if (users.includes(group.owner)) throw E.owner();
  const outsiders = users.filter((u) => !group.members.includes(u));
  if (outsiders.length === users.length) throw E.notMembers(outsiders);

  const now = ctx.now();
  activeMutes(group, now);
  const expire = duration === -1 ? -1 : now + duration;
  const data = users.map((user) => {
    if (!group.members.includes(user)) {
      return { result: false, reason: notInGroupReason(ctx, group, user), expire: 0, user };
    }
    group.mutes = group.mutes.filter((m) => m.user !== user);
    if (duration !== 0) group.mutes.push({ user, expire });
    return { result: true, expire, user };
  });
  touch(ctx, group);
  return envelope(ctx, { data });
}

/** E40: always an array, as the documented example shows even for one member. */
function unmute(ctx: EasemobContext, p: P) {
  const group = getGroup(ctx, p.gid as string, true);
  const users = pathUsers(p.members as string, `removeMute member size more than max limit : ${MAX_BATCH}`);
  activeMutes(group, ctx.now());
  const data = users.map((user) => {
    if (!group.mutes.some((m) => m.user === user)) {
      return { result: false, reason: `user: ${user} is not muted in group: ${group.groupid}`, user };
    }
    group.mutes = group.mutes.filter((m) => m.user !== user);
    return { result: true, user };
  });
  touch(ctx, group);
  return envelope(ctx, { data });
}

function setMuteAll(on: boolean) {
  return (ctx: EasemobContext, p: P) => {
    const group = getGroup(ctx, p.gid as string, true);
    group.muteAll = on;
    touch(ctx, group);
    return envelope(ctx, { data: { mute: on } });
  };
}

export function registerListRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/blocks/users', listBlocks)
    .add('POST', '/chatgroups/:gid/blocks/users/:username', blockOne)
    .add('POST', '/chatgroups/:gid/blocks/users', blockMany)
    .add('DELETE', '/chatgroups/:gid/blocks/users/:usernames', unblock)
    .add('GET', '/chatgroups/:gid/white/users', listWhite)
    .add('POST', '/chatgroups/:gid/white/users/:username', whiteOne)
    .add('POST', '/chatgroups/:gid/white/users', whiteMany)
    .add('DELETE', '/chatgroups/:gid/white/users/:usernames', unwhite)
    .add('GET', '/chatgroups/:gid/mute', listMutes)
    .add('POST', '/chatgroups/:gid/mute', mute)
    .add('DELETE', '/chatgroups/:gid/mute/:members', unmute)
    .add('POST', '/chatgroups/:gid/ban', setMuteAll(true))
    .add('DELETE', '/chatgroups/:gid/ban', setMuteAll(false));
}
