/** Easemob: threads (list app/user/user-in-group, create, rename, delete, members, add, kick). */
import { z } from 'zod';
import { CREATE, DESTROY_IDEMPOTENT, READ, SET } from '../define.js';
import { Cursor, easemobToolset, GroupId, Limit, Sort, ThreadId, Username, Usernames } from './params.js';

const tool = easemobToolset('easemob_threads');

const page = { limit: Limit(50).optional(), cursor: Cursor.optional(), sort: Sort.optional() };
const PAGE_QUERY = ['limit', 'cursor', 'sort'] as const;
const ThreadName = z.string().min(1).max(64);

export const listThreads = tool({
  name: 'easemob_list_threads',
  title: 'List threads in the app',
  doc: '获取 app 中的子区',
  description: 'Page through all threads of the app (ids only, newest first by default).',
  http: { method: 'GET', path: '/thread', query: PAGE_QUERY },
  input: z.strictObject(page),
  annotations: READ,
  output: { entities: [{ id: 'string' }], cursor: 'string' },
  paging: { kind: 'cursor', cursor: 'cursor', size: 'limit' },
});

export const listUserThreads = tool({
  name: 'easemob_list_user_threads',
  title: "List a user's threads",
  doc: '获取单个用户加入的所有子区(分页获取)',
  description: 'Page through the threads a user has joined in all groups (name, owner, group, parent msgId).',
  http: { method: 'GET', path: '/threads/user/{username}', query: PAGE_QUERY },
  input: z.strictObject({ username: Username, ...page }),
  targets: { username: 'user' },
  annotations: READ,
  output: {
    entities: [
      { name: 'string', owner: 'string', id: 'string', msgId: 'string', groupId: 'string', created: 'integer' },
    ],
    cursor: 'string',
  },
  paging: { kind: 'cursor', cursor: 'cursor', size: 'limit' },
});

export const listUserGroupThreads = tool({
  name: 'easemob_list_user_group_threads',
  title: "List a user's threads in a group",
  doc: '获取单个用户在指定群组中加入的所有子区 (分页获取)',
  description:
    'Page through the threads a user joined in one group; the last page still has a cursor: stop when no entities come back.',
  http: {
    method: 'GET',
    path: '/threads/chatgroups/{group_id}/user/{username}',
    query: PAGE_QUERY,
  },
  input: z.strictObject({ group_id: GroupId, username: Username, ...page }),
  targets: { group_id: 'group', username: 'user' },
  annotations: READ,
  output: {
    entities: [
      { name: 'string', owner: 'string', id: 'string', msgId: 'string', groupId: 'string', created: 'integer' },
    ],
    cursor: 'string',
  },
  paging: { kind: 'cursor', cursor: 'cursor', size: 'limit' },
  notes: 'The seed says limit/cursor are "required only when paging"; they are optional here.',
});

export const createThread = tool({
  name: 'easemob_create_thread',
  title: 'Create thread',
  doc: '创建子区',
  description: 'Create a thread on a group message (msg_id), owned by a group member; returns data.thread_id.',
  http: { method: 'POST', path: '/thread' },
  input: z.strictObject({
    group_id: GroupId,
    name: ThreadName,
    msg_id: z.string().min(1).max(64).describe('parent message id'),
    owner: Username,
  }),
  targets: { group_id: 'group', owner: 'recipient' },
  annotations: CREATE,
  output: { data: { thread_id: 'string' } },
  checkWith: 'easemob_list_user_group_threads',
  notes:
    'All four body fields are required (guide/vendors.md). The seed types group_id and msg_id as String although its ' +
    'curl example sends numbers; they are sent as strings.',
});

export const renameThread = tool({
  name: 'easemob_rename_thread',
  title: 'Rename thread',
  doc: '修改子区',
  description: 'Rename a thread; the answer echoes the name in data.name.',
  http: { method: 'PUT', path: '/thread/{thread_id}' },
  input: z.strictObject({ thread_id: ThreadId, name: ThreadName }),
  targets: { thread_id: 'thread' },
  annotations: SET,
  output: { data: { name: 'string' } },
  checkWith: 'easemob_list_user_threads',
  notes: 'The only documented modifiable field is name (required).',
});

export const deleteThread = tool({
  name: 'easemob_delete_thread',
  title: 'Delete thread',
  doc: '删除子区',
  description: 'Permanently delete a thread.',
  http: { method: 'DELETE', path: '/thread/{thread_id}' },
  input: z.strictObject({ thread_id: ThreadId }),
  targets: { thread_id: 'thread' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { status: 'string' } },
  preimage: 'none',
  preflight: [],
  effect: 'The thread and its membership are deleted. Cannot be undone.',
  checkWith: 'easemob_list_threads',
});

export const listThreadMembers = tool({
  name: 'easemob_list_thread_members',
  title: 'List thread members',
  doc: '获取子区成员列表(分页)',
  description: "Page through the user ids of a thread's members (`data.affiliations`).",
  http: {
    method: 'GET',
    path: '/thread/{thread_id}/users',
    query: ['limit', 'cursor'],
  },
  input: z.strictObject({ thread_id: ThreadId, limit: Limit(50).optional(), cursor: Cursor.optional() }),
  targets: { thread_id: 'thread' },
  annotations: READ,
  output: { data: { affiliations: ['string'] }, cursor: 'string' },
  paging: { kind: 'cursor', cursor: 'cursor', size: 'limit' },
});

export const addThreadMembers = tool({
  name: 'easemob_add_thread_members',
  title: 'Add thread members',
  doc: '用户批量加入子区',
  description: 'Add users (members of its group) to a thread.',
  http: { method: 'POST', path: '/thread/{thread_id}/users' },
  input: z.strictObject({ thread_id: ThreadId, usernames: Usernames }),
  targets: { thread_id: 'thread', usernames: 'recipient' },
  annotations: CREATE,
  output: { data: { status: 'string' } },
  batch: { prop: 'usernames', max: 10 },
  checkWith: 'easemob_list_thread_members',
  notes: 'Treated like adding group members (CREATE, sent once): a repeat may be refused for users already in it.',
});

export const kickThreadMembers = tool({
  name: 'easemob_kick_thread_members',
  title: 'Kick thread members',
  doc: '批量踢出子区成员',
  description: 'Remove users from a thread (result false for a user not in it).',
  http: { method: 'DELETE', path: '/thread/{thread_id}/users' },
  input: z.strictObject({ thread_id: ThreadId, usernames: Usernames }),
  targets: { thread_id: 'thread', usernames: 'user' },
  annotations: DESTROY_IDEMPOTENT,
  output: { entities: [{ result: 'boolean', user: 'string' }] },
  batch: { prop: 'usernames', max: 10 },
  preimage: 'none',
  preflight: [],
  effect: 'The users leave the thread. Undo with easemob_add_thread_members.',
  checkWith: 'easemob_list_thread_members',
  notes: 'DELETE with a JSON body {"usernames":[…]}: the seed curl omits the body (guide/vendors.md, EM-J2 ThreadApi).',
});
