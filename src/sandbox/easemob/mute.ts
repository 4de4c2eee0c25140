/**
 * Easemob group mutes: list (expired mutes dropped), mute (`mute_duration` in ms, -1 permanent,
 * 0 lifts), unmute one or several (always an array), and ban-all (全员禁言) on and off.
 */

import type { Params, Router } from '../http.js';
import {
  activeMutes,
  type EasemobContext,
  envelope,
  errors,
  getGroup,
  getGroupForChange,
  jsonBody,
  MAX_BATCH,
  notInGroupReason,
  pathUsers,
  touch,
  userList,
} from './common.js';

function listMutes(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  const data = activeMutes(group, ctx.now()).map((m) => ({ expire: m.expire, user: m.user }));
  return envelope(ctx, { data });
}

function mute(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const body = jsonBody(ctx);
  const users = userList(body, 'usernames', MAX_BATCH, () =>
    errors.invalid(`userNames size is more than max limit : ${MAX_BATCH}`),
  );
  const duration = body.mute_duration;
  if (duration === undefined || duration === null) throw errors.required('mute', 'mute_duration');
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < -1) {
    throw errors.invalid('mute_duration must be a number of milliseconds, -1 (permanent) or 0 (lift)');
  }
  if (users.includes(group.owner)) throw errors.owner();
  const outsiders = users.filter((u) => !group.members.includes(u));
  if (outsiders.length === users.length) throw errors.notMembers(outsiders);

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
function unmute(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
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
  return (ctx: EasemobContext, p: Params) => {
    const group = getGroupForChange(ctx, p.gid as string);
    group.muteAll = on;
    touch(ctx, group);
    return envelope(ctx, { data: { mute: on } });
  };
}

export function registerMuteRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/mute', listMutes)
    .add('POST', '/chatgroups/:gid/mute', mute)
    .add('DELETE', '/chatgroups/:gid/mute/:members', unmute)
    .add('POST', '/chatgroups/:gid/ban', setMuteAll(true))
    .add('DELETE', '/chatgroups/:gid/ban', setMuteAll(false));
}
