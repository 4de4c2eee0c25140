/** Easemob: group admins (list, add, remove). Toolset easemob_members. */
import { z } from 'zod';
import { DESTROY_IDEMPOTENT, READ, SET } from '../define.js';
import { easemobToolset, GroupId, Username } from './params.js';

const tool = easemobToolset('easemob_members');

export const listAdmins = tool({
  name: 'easemob_list_admins',
  title: 'List group admins',
  doc: '获取群管理员列表',
  description:
    "List the user ids of a group's admins (`data`, at most 99); the owner is found with easemob_get_groups.",
  http: { method: 'GET', path: '/chatgroups/{group_id}/admin' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: READ,
  output: { data: ['string'], count: 'integer' },
});

export const addAdmin = tool({
  name: 'easemob_add_admin',
  title: 'Add group admin',
  doc: '添加群管理员',
  description:
    'Promote a group member to admin (block/allow lists, mutes). The user must be a member; a group has at most 99 admins.',
  http: { method: 'POST', path: '/chatgroups/{group_id}/admin' },
  input: z.strictObject({ group_id: GroupId, newadmin: Username }),
  targets: { group_id: 'group', newadmin: 'recipient' },
  annotations: SET,
  output: { data: { result: 'string', newadmin: 'string' } },
  checkWith: 'easemob_list_admins',
  notes:
    'A role change: repeating it leaves the user an admin (the vendor docs list no "already admin" error), hence SET. ' +
    'newadmin is required (guide/vendors.md). data.result is a string ("success").',
});

export const removeAdmin = tool({
  name: 'easemob_remove_admin',
  title: 'Remove group admin',
  doc: '移除群管理员',
  description:
    'Demote a group admin to an ordinary member; the user stays in the group. `data.result` is the string "success".',
  http: { method: 'DELETE', path: '/chatgroups/{group_id}/admin/{username}' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'user' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { result: 'string', oldadmin: 'string' } },
  preimage: 'group',
  preflight: ['not_found', 'group_disabled', 'not_admin'],
  effect: 'The user loses admin rights but stays a member. Undo with easemob_add_admin.',
  checkWith: 'easemob_list_admins',
  notes: 'The seed types data.result as Bool but shows "success"/"failure" strings.',
});
