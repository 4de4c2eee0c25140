/** Easemob: group allow list ("white list": list, add one/many, remove). Toolset easemob_moderation. */
import { z } from 'zod';
import { defineTool, READ, SET } from '../define.js';
import { GroupId, PathUsernames60, Username, Usernames60 } from './params.js';

export const listAllowlist = defineTool({
  name: 'easemob_list_allowlist',
  title: 'List allow list',
  doc: '查询群组白名单',
  vendor: 'easemob',
  seq: 33,
  toolset: 'easemob_moderation',
  description: "List a group's allow list: the users who may still send messages while the whole group is muted.",
  http: { method: 'GET', path: '/{org_name}/{app_name}/chatgroups/{group_id}/white/users' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: READ,
});

export const addAllowlistUser = defineTool({
  name: 'easemob_add_allowlist_user',
  title: 'Add user to allow list',
  doc: '添加单个用户至群组白名单',
  vendor: 'easemob',
  seq: 34,
  toolset: 'easemob_moderation',
  description: "Add one user to a group's allow list so they can still send messages when the whole group is muted.",
  http: { method: 'POST', path: '/{org_name}/{app_name}/chatgroups/{group_id}/white/users/{username}' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'recipient' },
  annotations: SET,
  checkWith: 'easemob_list_allowlist',
  notes: 'List membership: a repeat leaves the user on the list (no repeat error is documented), hence SET.',
});

export const addAllowlistUsers = defineTool({
  name: 'easemob_add_allowlist_users',
  title: 'Add users to allow list (batch)',
  doc: '批量添加用户至群组白名单',
  vendor: 'easemob',
  seq: 35,
  toolset: 'easemob_moderation',
  description: "Add users to a group's allow list (they can speak during mute-all). Per-user results in `data`.",
  http: { method: 'POST', path: '/{org_name}/{app_name}/chatgroups/{group_id}/white/users' },
  input: z.strictObject({ group_id: GroupId, usernames: Usernames60 }),
  targets: { group_id: 'group', usernames: 'recipient' },
  annotations: SET,
  limits: { maxItems: { usernames: 60 } },
  checkWith: 'easemob_list_allowlist',
  notes: 'The seed table has no required column at all here; usernames is required (guide/vendors.md).',
});

export const removeAllowlistUsers = defineTool({
  name: 'easemob_remove_allowlist_users',
  title: 'Remove users from allow list',
  doc: '从群组白名单移除用户',
  vendor: 'easemob',
  seq: 36,
  toolset: 'easemob_moderation',
  description: "Remove users from a group's allow list; mute-all applies to them again. Per-user results in `data`.",
  http: { method: 'DELETE', path: '/{org_name}/{app_name}/chatgroups/{group_id}/white/users/{username}' },
  input: z.strictObject({ group_id: GroupId, username: PathUsernames60.describe('user ids') }),
  targets: { group_id: 'group', username: 'user' },
  annotations: SET,
  limits: { maxItems: { username: 60 } },
  checkWith: 'easemob_list_allowlist',
  notes:
    'The documented path parameter is `username` but takes up to 60 comma-joined ids: an array keeping that name ' +
    '(contract §3). Not destructive per the contract.',
});
