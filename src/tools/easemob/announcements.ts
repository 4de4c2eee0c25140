/** Easemob: group announcement (get, set). Toolset easemob_groups. */
import { z } from 'zod';
import { READ, SET } from '../define.js';
import { easemobToolset, GroupId } from './params.js';

const tool = easemobToolset('easemob_groups');

export const getAnnouncement = tool({
  name: 'easemob_get_announcement',
  title: 'Get group announcement',
  doc: '获取群组公告',
  description: "Read a group's announcement (`data.announcement`).",
  http: { method: 'GET', path: '/chatgroups/{group_id}/announcement' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: READ,
  output: { data: { announcement: 'string' } },
});

export const setAnnouncement = tool({
  name: 'easemob_set_announcement',
  title: 'Set group announcement',
  doc: '修改群组公告',
  description: "Replace a group's announcement; the previous text is lost.",
  http: { method: 'POST', path: '/chatgroups/{group_id}/announcement' },
  input: z.strictObject({ group_id: GroupId, announcement: z.string().max(512) }),
  targets: { group_id: 'group' },
  annotations: SET,
  output: { data: { id: 'string', result: 'boolean' } },
  checkWith: 'easemob_get_announcement',
  notes: 'Overwrites the previous announcement, but the contract classes announcements as not destructive (SET).',
});
