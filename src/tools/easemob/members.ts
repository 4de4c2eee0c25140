/** Easemob: group members (list, add one/many, remove one/many). */
import { z } from 'zod';
import { CREATE, DESTROY_IDEMPOTENT, READ } from '../define.js';
import { either } from '../output.js';
import { easemobToolset, GroupId, PageNum, PageSize, PathUsernames, Username, Usernames } from './params.js';

const tool = easemobToolset('easemob_members');

export const listMembers = tool({
  name: 'easemob_list_members',
  title: 'List group members',
  doc: '分页获取群成员列表',
  description: "Page through a group's members as {owner: id} or {member: id} entries (admins show as member).",
  http: {
    method: 'GET',
    path: '/chatgroups/{group_id}/users',
    query: ['pagenum', 'pagesize'],
  },
  input: z.strictObject({ group_id: GroupId, pagenum: PageNum(1).optional(), pagesize: PageSize(1000).optional() }),
  targets: { group_id: 'group' },
  annotations: READ,
  output: { data: [{ owner: 'string', member: 'string' }], count: 'integer' },
  paging: { kind: 'page', page: 'pagenum', size: 'pagesize', first: 1 },
});

export const addMember = tool({
  name: 'easemob_add_member',
  title: 'Add group member',
  doc: '添加单个群组成员',
  description: 'Add one user to a group directly, without an invitation. Fails (403) if the user is already a member.',
  http: { method: 'POST', path: '/chatgroups/{group_id}/users/{username}' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'recipient' },
  annotations: CREATE,
  output: { data: { result: 'boolean', groupid: 'string', action: 'string', user: 'string' } },
  checkWith: 'easemob_is_group_member',
  notes: 'The vendor errors on a repeat (already in group), so it is sent once (CREATE), never retried.',
});

export const addMembers = tool({
  name: 'easemob_add_members',
  title: 'Add group members (batch)',
  doc: '批量添加群组成员',
  description:
    'Add users to a group directly; fails only if all are already members. `data.newmembers` lists who was added.',
  http: { method: 'POST', path: '/chatgroups/{group_id}/users' },
  input: z.strictObject({ group_id: GroupId, usernames: Usernames }),
  targets: { group_id: 'group', usernames: 'recipient' },
  annotations: CREATE,
  output: { data: { newmembers: ['string'], groupid: 'string', action: 'string' } },
  batch: { prop: 'usernames', max: 60 },
  checkWith: 'easemob_list_members',
});

export const removeMember = tool({
  name: 'easemob_remove_member',
  title: 'Remove group member',
  doc: '移除单个群组成员',
  description: 'Remove one member from a group; they also leave its threads. The owner cannot be removed.',
  http: { method: 'DELETE', path: '/chatgroups/{group_id}/users/{username}' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'user' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { result: 'boolean', action: 'string', user: 'string', groupid: 'string' } },
  preimage: 'group',
  preflight: ['not_found', 'group_disabled', 'owner', 'not_member'],
  effect:
    'The user leaves the group and its threads. Undo with easemob_add_member (thread memberships are not restored).',
  checkWith: 'easemob_is_group_member',
  notes: 'A repeat answers 403 "not members of this group" but leaves the same state, hence idempotent.',
});

export const removeMembers = tool({
  name: 'easemob_remove_members',
  title: 'Remove group members (batch)',
  doc: '批量移除群组成员',
  description: 'Remove members from a group; they also leave its threads.',
  http: { method: 'DELETE', path: '/chatgroups/{group_id}/users/{members}' },
  input: z.strictObject({ group_id: GroupId, members: PathUsernames }),
  targets: { group_id: 'group', members: 'user' },
  annotations: DESTROY_IDEMPOTENT,
  output: {
    data: either({ result: 'boolean', action: 'string', reason: 'string', user: 'string', groupid: 'string' }, [
      { result: 'boolean', action: 'string', reason: 'string', user: 'string', groupid: 'string' },
    ]),
  },
  batch: { prop: 'members', max: 60 },
  preimage: 'group',
  preflight: ['not_found', 'group_disabled', 'owner', 'not_member'],
  effect:
    'The users leave the group and its threads. Undo with easemob_add_members (thread memberships are not restored).',
  checkWith: 'easemob_list_members',
  notes:
    'members is a comma-joined path list (≤60 and URL ≤4 KB per the docs). `data` is an object for one id and an ' +
    'array for several (guide/vendors.md); fails only when none of the users is a member.',
});
