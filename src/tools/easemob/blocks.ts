/** Easemob: group block list (list, block one/many, unblock one/many). Toolset easemob_moderation. */
import { z } from 'zod';
import { DESTROY_IDEMPOTENT, READ, SET } from '../define.js';
import { either } from '../output.js';
import { easemobToolset, GroupId, PathUsernames, Username, Usernames } from './params.js';

const tool = easemobToolset('easemob_moderation');

export const listBlockedUsers = tool({
  name: 'easemob_list_blocked_users',
  title: 'List blocked users',
  doc: '查询群组黑名单',
  description: "List the user ids on a group's block list; they cannot see the group or receive its messages.",
  http: { method: 'GET', path: '/chatgroups/{group_id}/blocks/users' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: READ,
  output: { data: ['string'], count: 'integer' },
});

export const blockUser = tool({
  name: 'easemob_block_user',
  title: 'Block group member',
  doc: '添加单个用户至群组黑名单',
  description:
    'Put a member on the group block list: they leave the group, cannot see it or rejoin until unblocked. Not the owner.',
  http: { method: 'POST', path: '/chatgroups/{group_id}/blocks/users/{username}' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'user' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { result: 'boolean', action: 'string', user: 'string', groupid: 'string' } },
  preimage: 'group_blocks',
  preflight: ['not_found', 'group_disabled', 'owner', 'already_blocked', 'not_member'],
  effect:
    'The user is removed from the group and blocked. Undo with easemob_unblock_user (the user must then be re-added).',
  checkWith: 'easemob_list_blocked_users',
  notes: 'Idempotent by end state: a repeat may answer 403 (no longer a member) but the user stays blocked.',
});

export const blockUsers = tool({
  name: 'easemob_block_users',
  title: 'Block group members (batch)',
  doc: '批量添加用户至群组黑名单',
  description: 'Block members of a group: they leave it and cannot rejoin until unblocked.',
  http: { method: 'POST', path: '/chatgroups/{group_id}/blocks/users' },
  input: z.strictObject({ group_id: GroupId, usernames: Usernames }),
  targets: { group_id: 'group', usernames: 'user' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: [{ result: 'boolean', action: 'string', reason: 'string', user: 'string', groupid: 'string' }] },
  batch: { prop: 'usernames', max: 60 },
  preimage: 'group_blocks',
  preflight: ['not_found', 'group_disabled', 'owner', 'already_blocked', 'not_member'],
  effect:
    'The users are removed from the group and blocked. Undo with easemob_unblock_users (they must then be re-added).',
  checkWith: 'easemob_list_blocked_users',
});

export const unblockUser = tool({
  name: 'easemob_unblock_user',
  title: 'Unblock user',
  doc: '从群组黑名单移除单个用户',
  description:
    "Take one user off a group's block list so they can be added again; it does not re-add them to the group.",
  http: { method: 'DELETE', path: '/chatgroups/{group_id}/blocks/users/{username}' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'recipient' },
  annotations: SET,
  output: { data: { result: 'boolean', action: 'string', user: 'string', groupid: 'string' } },
  checkWith: 'easemob_list_blocked_users',
});

export const unblockUsers = tool({
  name: 'easemob_unblock_users',
  title: 'Unblock users (batch)',
  doc: '从群组黑名单批量移除用户',
  description: "Take users off a group's block list (does not re-add them to the group).",
  http: { method: 'DELETE', path: '/chatgroups/{group_id}/blocks/users/{usernames}' },
  input: z.strictObject({ group_id: GroupId, usernames: PathUsernames }),
  targets: { group_id: 'group', usernames: 'recipient' },
  annotations: SET,
  output: {
    data: either({ result: 'boolean', action: 'string', user: 'string', groupid: 'string' }, [
      { result: 'boolean', action: 'string', user: 'string', groupid: 'string' },
    ]),
  },
  batch: { prop: 'usernames', max: 60 },
  checkWith: 'easemob_list_blocked_users',
  notes:
    'usernames is a comma-joined path list; the docs show the comma as %2C, SDKs send it raw (ids encoded, raw ",").',
});
