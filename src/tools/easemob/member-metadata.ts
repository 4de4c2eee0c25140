/** Easemob: group member custom attributes (set, get one, batch get). Toolset easemob_members. */
import { z } from 'zod';
import { READ, SET } from '../define.js';
import { easemobToolset, GroupId, Username, Usernames } from './params.js';

const tool = easemobToolset('easemob_members');

export const setMemberMetadata = tool({
  name: 'easemob_set_member_metadata',
  title: 'Set member attributes',
  doc: '设置群成员自定义属性',
  description:
    "Set a group member's custom attributes (e.g. group nickname) key by key; an empty-string value deletes that key.",
  http: { method: 'PUT', path: '/metadata/chatgroup/{group_id}/user/{username}' },
  input: z.strictObject({
    group_id: GroupId,
    username: Username,
    metaData: z.record(z.string().min(1).max(16), z.string().max(512)).describe('key → value; UTF-8 ≤16 B → ≤512 B'),
  }),
  targets: { group_id: 'group', username: 'user' },
  annotations: SET,
  output: { data: {} },
  checkWith: 'easemob_get_member_metadata',
  notes:
    'Key ≤16 bytes, value ≤512 bytes (the seed says bytes for both), ≤4 KB in total per member. Listed and checked ' +
    "here in characters (JSON Schema cannot state bytes; listed = validated); the byte limits are the vendor's to " +
    'enforce and are told in the property description. ' +
    'An empty value deletes the key; the contract classes this as not destructive.',
});

export const getMemberMetadata = tool({
  name: 'easemob_get_member_metadata',
  title: "Get a member's attributes",
  doc: '获取单个群成员的所有自定义属性',
  description: 'Get all custom attributes of one group member as a key → value object in `data` (empty when none).',
  http: { method: 'GET', path: '/metadata/chatgroup/{group_id}/user/{username}' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'user' },
  annotations: READ,
  output: { data: {} },
});

export const getMembersMetadata = tool({
  name: 'easemob_get_members_metadata',
  title: "Get several members' attributes",
  doc: '根据属性 key 获取多个群成员的自定义属性',
  description:
    'Get chosen custom attributes of group members, keyed by user id; an empty `properties` returns every key.',
  http: { method: 'POST', path: '/metadata/chatgroup/{group_id}/get' },
  input: z.strictObject({
    group_id: GroupId,
    targets: Usernames.describe('user ids'),
    properties: z.array(z.string().max(16)).max(100).describe('keys; [] = all'),
  }),
  targets: { group_id: 'group', targets: 'user' },
  annotations: READ,
  output: { data: {} },
  batch: { prop: 'targets', max: 10 },
  notes:
    'A POST that only reads (contract §3). The seed says properties may be empty or omitted; the current vendor docs ' +
    'mark it required (guide/vendors.md), so it is required here and [] means all keys. The cap of 100 keys is ours.',
});
