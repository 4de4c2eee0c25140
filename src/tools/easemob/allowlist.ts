/** Easemob: group allow list ("white list": list, add one/many, remove). Toolset easemob_moderation. */
import { z } from 'zod';
import { READ, SET } from '../define.js';
import { either } from '../output.js';
import { easemobToolset, GroupId, PathUsernames, Username, Usernames } from './params.js';

const tool = easemobToolset('easemob_moderation');

export const listAllowlist = tool({
  name: 'easemob_list_allowlist',
  title: 'List allow list',
  doc: '查询群组白名单',
  description: "List a group's allow list: the users who may still send messages while the whole group is muted.",
  http: { method: 'GET', path: '/chatgroups/{group_id}/white/users' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: READ,
  output: { data: ['string'], count: 'integer' },
});

export const addAllowlistUser = tool({
  name: 'easemob_add_allowlist_user',
  title: 'Add user to allow list',
  doc: '添加单个用户至群组白名单',
  description: "Add one user to a group's allow list so they can still send messages when the whole group is muted.",
  http: { method: 'POST', path: '/chatgroups/{group_id}/white/users/{username}' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'recipient' },
  annotations: SET,
  output: { data: { result: 'boolean', action: 'string', user: 'string', groupid: 'string' } },
  checkWith: 'easemob_list_allowlist',
  notes: 'List membership: a repeat leaves the user on the list (no repeat error is documented), hence SET.',
});

export const addAllowlistUsers = tool({
  name: 'easemob_add_allowlist_users',
  title: 'Add users to allow list (batch)',
  doc: '批量添加用户至群组白名单',
  description: "Add users to a group's allow list (they can speak during mute-all).",
  http: { method: 'POST', path: '/chatgroups/{group_id}/white/users' },
  input: z.strictObject({ group_id: GroupId, usernames: Usernames }),
  targets: { group_id: 'group', usernames: 'recipient' },
  annotations: SET,
  output: { data: [{ result: 'boolean', action: 'string', user: 'string', groupid: 'string' }] },
  batch: { prop: 'usernames', max: 60 },
  checkWith: 'easemob_list_allowlist',
  notes: 'The seed table has no required column at all here; usernames is required (guide/vendors.md).',
});

export const removeAllowlistUsers = tool({
  name: 'easemob_remove_allowlist_users',
  title: 'Remove users from allow list',
  doc: '从群组白名单移除用户',
  description: "Remove users from a group's allow list; mute-all applies to them again.",
  http: { method: 'DELETE', path: '/chatgroups/{group_id}/white/users/{username}' },
  input: z.strictObject({ group_id: GroupId, username: PathUsernames }),
  targets: { group_id: 'group', username: 'user' },
  annotations: SET,
  output: {
    data: either({ result: 'boolean', action: 'string', user: 'string', groupid: 'string' }, [
      { result: 'boolean', action: 'string', user: 'string', groupid: 'string' },
    ]),
  },
  batch: { prop: 'username', max: 60 },
  checkWith: 'easemob_list_allowlist',
  notes:
    'The documented path parameter is `username` but takes up to 60 comma-joined ids: an array keeping that name ' +
    '(contract §3). Not destructive per the contract.',
});
