/** Easemob: group mutes (list, mute members, mute all, unmute members, unmute all). Toolset easemob_moderation. */
import { z } from 'zod';
import { DESTROY_IDEMPOTENT, READ, SET } from '../define.js';
import { either } from '../output.js';
import { easemobToolset, GroupId, PathUsernames, Usernames } from './params.js';

const tool = easemobToolset('easemob_moderation');

export const listMutedMembers = tool({
  name: 'easemob_list_muted_members',
  title: 'List muted members',
  doc: '获取禁言列表',
  description: "List a group's muted members, each with when the mute ends (`expire`).",
  http: { method: 'GET', path: '/chatgroups/{group_id}/mute' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: READ,
  output: { data: [{ expire: 'integer', user: 'string' }] },
});

export const muteMembers = tool({
  name: 'easemob_mute_members',
  title: 'Mute members',
  doc: '禁言指定群成员',
  description: 'Mute members in a group and its threads (not the owner).',
  http: { method: 'POST', path: '/chatgroups/{group_id}/mute' },
  input: z.strictObject({
    group_id: GroupId,
    usernames: Usernames,
    mute_duration: z.number().int().min(-1).describe('ms; -1 = permanent'),
  }),
  targets: { group_id: 'group', usernames: 'user' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: [{ result: 'boolean', expire: 'integer', user: 'string' }] },
  batch: { prop: 'usernames', max: 60 },
  preimage: 'group_mutes',
  preflight: ['not_found', 'group_disabled', 'owner', 'not_member'],
  duration: { prop: 'mute_duration', unit: 'ms', permanent: -1 },
  effect:
    'The users cannot send messages in the group or its threads until the mute ends. Undo with easemob_unmute_members.',
  checkWith: 'easemob_list_muted_members',
  notes:
    'Both fields required (guide/vendors.md). 0 lifts a mute per the vendor docs; use easemob_unmute_members instead. ' +
    'A repeat with the same duration restarts the same mute (idempotent by state).',
});

export const muteAll = tool({
  name: 'easemob_mute_all',
  title: 'Mute whole group',
  doc: '禁言全体群成员',
  description:
    'Mute a whole group and its threads, with no end, until easemob_unmute_all. The docs say only allow-list users can still speak; they are silent on the owner and admins.',
  http: { method: 'POST', path: '/chatgroups/{group_id}/ban', body: 'none' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { mute: 'boolean' } },
  preimage: 'group',
  preflight: ['not_found', 'group_disabled', 'already_muted'],
  effect: 'Only allow-list users can send messages in the group and its threads, with no end until easemob_unmute_all.',
  checkWith: 'easemob_get_groups',
  notes:
    'POST /ban takes no body, hence no duration: it lasts until easemob_unmute_all. The seed: "对所有群组成员一键禁言" and ' +
    '"仅群组白名单中的用户可在群组以及该群组下的子区内发送消息"; it names neither the owner nor admins, so the description ' +
    'says the docs are silent rather than guess. easemob_get_groups shows the state in data[].mute.',
});

export const unmuteMembers = tool({
  name: 'easemob_unmute_members',
  title: 'Unmute members',
  doc: '解除成员禁言',
  description: 'Lift the mute of group members so they can speak in the group and its threads again.',
  http: {
    method: 'DELETE',
    path: '/chatgroups/{group_id}/mute/{member1}(,{member2},…)',
    route: '/chatgroups/{group_id}/mute/{member}',
  },
  input: z.strictObject({ group_id: GroupId, member: PathUsernames }),
  targets: { group_id: 'group', member: 'recipient' },
  annotations: SET,
  output: { data: either({ result: 'boolean', user: 'string' }, [{ result: 'boolean', user: 'string' }]) },
  batch: { prop: 'member', max: 60 },
  checkWith: 'easemob_list_muted_members',
  notes:
    'The documented path {member1}(,{member2},…) is not fillable; the route fills {member} with the comma-joined ' +
    'array (the parameter table names it `member`).',
});

export const unmuteAll = tool({
  name: 'easemob_unmute_all',
  title: 'Unmute whole group',
  doc: '解除全员禁言',
  description: 'Lift the whole-group mute set by easemob_mute_all.',
  http: { method: 'DELETE', path: '/chatgroups/{group_id}/ban' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: SET,
  output: { data: { mute: 'boolean' } },
  checkWith: 'easemob_get_groups',
});
