/** Easemob group admins: list, add (at most 99), remove. */

import type { Params, Router } from '../http.js';
import {
  decodeOne,
  type EasemobContext,
  EasemobError,
  envelope,
  errors,
  getGroup,
  getGroupForChange,
  jsonBody,
  touch,
} from './common.js';

const MAX_ADMINS = 99;

function listAdmins(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  return envelope(ctx, { data: [...group.admins], count: group.admins.length });
}

function addAdmin(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const body = jsonBody(ctx);
  if (body.newadmin === undefined || body.newadmin === null || body.newadmin === '')
    throw errors.required('admin', 'newadmin');
  if (typeof body.newadmin !== 'string') throw errors.illegal('newadmin must be a user id');
  const user = body.newadmin;
  if (user === group.owner) throw errors.owner();
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

function removeAdmin(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const user = decodeOne(p.username as string);
  if (!group.admins.includes(user)) {
    throw new EasemobError(403, 'forbidden_op', `user:${user} is not admin of group:${group.groupid}`);
  }
  group.admins = group.admins.filter((a) => a !== user);
  touch(ctx, group);
  return envelope(ctx, { data: { result: 'success', oldadmin: user } });
}

export function registerAdminRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/admin', listAdmins)
    .add('POST', '/chatgroups/:gid/admin', addAdmin)
    .add('DELETE', '/chatgroups/:gid/admin/:username', removeAdmin);
}
