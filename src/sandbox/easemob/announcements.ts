/** Easemob group announcements: get and set (at most 512 characters). */

import type { Params, Router } from '../http.js';
import { type EasemobContext, envelope, errors, getGroup, getGroupForChange, jsonBody, touch } from './common.js';

function getAnnouncement(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  return envelope(ctx, { data: { announcement: group.announcement } });
}

function setAnnouncement(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const body = jsonBody(ctx);
  if (body.announcement === undefined || body.announcement === null)
    throw errors.required('announcement', 'announcement');
  if (typeof body.announcement !== 'string') throw errors.illegal('announcement must be a string');
  if (body.announcement.length > 512) throw errors.invalid('announcement cannot exceed 512 characters');
  group.announcement = body.announcement;
  touch(ctx, group);
  return envelope(ctx, { data: { id: group.groupid, result: true } });
}

export function registerAnnouncementRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/announcement', getAnnouncement)
    .add('POST', '/chatgroups/:gid/announcement', setAnnouncement);
}
