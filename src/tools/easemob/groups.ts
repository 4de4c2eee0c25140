/** Easemob: group lifecycle (create, disable/enable, modify, list, membership check, details, dissolve, transfer). */
import { z } from 'zod';
import { CREATE, DESTROY_IDEMPOTENT, READ, SET } from '../define.js';
import { Cursor, easemobToolset, GroupId, Limit, PageNum, PageSize, PathGroupIds, Username } from './params.js';

const tool = easemobToolset('easemob_groups');

export const createGroup = tool({
  name: 'easemob_create_group',
  title: 'Create group',
  doc: '创建群组',
  description:
    'Create a group owned by `owner`; returns its groupid. Public groups are searchable and never allow member invites.',
  http: { method: 'POST', path: '/chatgroups' },
  input: z.strictObject({
    groupname: z.string().max(128).optional(),
    description: z.string().max(512).optional(),
    public: z.boolean(),
    scale: z.enum(['normal', 'large']).optional().describe('large: over 3000 members'),
    maxusers: z.number().int().min(1).max(100000).optional().describe('including owner; default 200'),
    allowinvites: z.boolean().optional(),
    membersonly: z.boolean().optional().describe('joining needs approval (public groups)'),
    invite_need_confirm: z.boolean().optional(),
    owner: Username,
    members: z.array(Username).max(100000).optional().describe('without the owner'),
    custom: z.string().max(1024).optional(),
  }),
  targets: { owner: 'recipient', members: 'recipient' },
  annotations: CREATE,
  output: { data: { groupid: 'string' } },
  checkWith: 'easemob_list_groups',
});

export const disableGroup = tool({
  name: 'easemob_disable_group',
  title: 'Disable (ban) group',
  doc: '封禁群组',
  description:
    'Ban a group: no member can send, receive or manage anything in it or its threads until easemob_enable_group.',
  http: { method: 'POST', path: '/chatgroups/{group_id}/disable' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { disabled: 'boolean' } },
  preimage: 'group',
  preflight: ['not_found', 'already_disabled'],
  effect: 'The group and its threads go silent and cannot be managed. Undo with easemob_enable_group.',
  checkWith: 'easemob_get_groups',
  notes: 'Repeating it leaves the group disabled (data.disabled: true), hence idempotent.',
});

export const enableGroup = tool({
  name: 'easemob_enable_group',
  title: 'Enable (unban) group',
  doc: '解禁群组',
  description: 'Lift a ban set by easemob_disable_group.',
  http: { method: 'POST', path: '/chatgroups/{group_id}/enable' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: SET,
  output: { data: { disabled: 'boolean' } },
  checkWith: 'easemob_get_groups',
});

export const updateGroup = tool({
  name: 'easemob_update_group',
  title: 'Modify group',
  doc: '修改群组信息',
  description: 'Change group settings (at least one field); the reply has true/false per field.',
  http: { method: 'PUT', path: '/chatgroups/{group_id}' },
  input: z.strictObject({
    group_id: GroupId,
    groupname: z.string().max(128).optional(),
    avatar: z.string().max(1024).optional(),
    description: z.string().max(512).optional(),
    maxusers: z.number().int().min(1).max(100000).optional().describe('including owner'),
    membersonly: z.boolean().optional().describe('joining needs approval'),
    allowinvites: z.boolean().optional(),
    invite_need_confirm: z.boolean().optional(),
    public: z.boolean().optional(),
    custom: z.string().max(1024).optional(),
  }),
  targets: { group_id: 'group' },
  annotations: SET,
  output: {
    data: {
      allowinvites: 'boolean',
      invite_need_confirm: 'boolean',
      membersonly: 'boolean',
      public: 'boolean',
      custom: 'boolean',
      description: 'boolean',
      maxusers: 'boolean',
      groupname: 'boolean',
    },
  },
  checkWith: 'easemob_get_groups',
  notes:
    'The seed lists groupname, description, maxusers, membersonly, allowinvites, invite_need_confirm, custom, public; ' +
    'avatar (URL, ≤1024 chars) comes from the current vendor docs (guide/vendors.md). All optional; "at least one" is ' +
    'stated in the description rather than refined on the root object (keeps the strict object schema). ' +
    'Shares PUT /chatgroups/{group_id} with easemob_transfer_group_owner, which sends only newowner.',
});

export const listGroups = tool({
  name: 'easemob_list_groups',
  title: 'List groups in the app',
  doc: '获取 App 中的群组',
  description: "Page through all groups of the app, newest first; pass the answer's `cursor` for the next page.",
  http: { method: 'GET', path: '/chatgroups', query: ['limit', 'cursor'] },
  input: z.strictObject({ limit: Limit(1000).optional(), cursor: Cursor.optional() }),
  annotations: READ,
  output: {
    data: [
      {
        owner: 'string',
        groupid: 'string',
        affiliations: 'integer',
        type: 'string',
        lastModified: 'string',
        groupname: 'string',
      },
    ],
    count: 'integer',
    cursor: 'string',
  },
  paging: { kind: 'cursor', cursor: 'cursor', size: 'limit' },
});

export const listUserGroups = tool({
  name: 'easemob_list_user_groups',
  title: "List a user's groups",
  doc: '获取单个用户加入的所有群组',
  description: 'Page through the groups a user has joined; pagenum starts at 0.',
  http: {
    method: 'GET',
    path: '/chatgroups/user/{username}',
    query: ['pagesize', 'pagenum'],
  },
  input: z.strictObject({ username: Username, pagesize: PageSize(20).optional(), pagenum: PageNum(0).optional() }),
  targets: { username: 'user' },
  annotations: READ,
  output: {
    entities: [
      {
        name: 'string',
        owner: 'string',
        id: 'string',
        groupId: 'string',
        description: 'string',
        disabled: 'boolean',
        public: 'boolean',
        allowinvites: 'boolean',
        membersonly: 'boolean',
        maxusers: 'integer',
        created: 'integer',
      },
    ],
    total: 'integer',
  },
  paging: { kind: 'page', page: 'pagenum', size: 'pagesize', first: 0 },
  notes: 'The seed types pagesize/pagenum as String; they are numbers here and sent as query digits.',
});

export const isGroupMember = tool({
  name: 'easemob_is_group_member',
  title: 'Check group membership',
  doc: '查看指定用户是否已加入群组',
  description: 'Check whether one user belongs to a group; the answer `data` is a bare true/false.',
  http: { method: 'GET', path: '/chatgroups/{group_id}/user/{username}/is_joined' },
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'user' },
  annotations: READ,
  output: { data: 'boolean' },
});

export const getGroups = tool({
  name: 'easemob_get_groups',
  title: 'Get group details',
  doc: '获取群组详情',
  description:
    'Get details (owner, members, mute, disabled, custom…) of groups. Unknown ids come back as "group id doesn\'t exist" entries.',
  http: { method: 'GET', path: '/chatgroups/{group_id}' },
  input: z.strictObject({ group_id: PathGroupIds }),
  targets: { group_id: 'group' },
  annotations: READ,
  output: {
    data: [
      {
        id: 'string',
        name: 'string',
        description: 'string',
        membersonly: 'boolean',
        allowinvites: 'boolean',
        maxusers: 'integer',
        owner: 'string',
        created: 'integer',
        custom: 'string',
        mute: 'boolean',
        affiliations_count: 'integer',
        disabled: 'boolean',
        affiliations: [{ member: 'string', owner: 'string' }],
        public: 'boolean',
      },
    ],
    count: 'integer',
  },
  batch: { prop: 'group_id', max: 100 },
  notes: 'The documented group_id is a comma-joined list in the path; here an array of ids joined with ",".',
});

export const dissolveGroup = tool({
  name: 'easemob_dissolve_group',
  title: 'Dissolve group',
  doc: '解散群组',
  description: 'Permanently dissolve a group, deleting its members list, files and all its threads.',
  http: { method: 'DELETE', path: '/chatgroups/{group_id}' },
  input: z.strictObject({ group_id: GroupId }),
  targets: { group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { success: 'boolean', groupid: 'string' } },
  preimage: 'group',
  preflight: ['not_found'],
  effect: 'The group, its membership, share files and threads are deleted. Cannot be undone.',
  checkWith: 'easemob_get_groups',
});

export const transferGroupOwner = tool({
  name: 'easemob_transfer_group_owner',
  title: 'Transfer group ownership',
  doc: '转让群组',
  description:
    'Make another member of the group its owner; the current owner loses owner rights. Fails if newowner is not a member.',
  http: { method: 'PUT', path: '/chatgroups/{group_id}' },
  input: z.strictObject({ group_id: GroupId, newowner: Username }),
  targets: { group_id: 'group', newowner: 'recipient' },
  alsoActsOn: ['group_owner'],
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { newowner: 'boolean' } },
  preimage: 'group',
  preflight: ['not_found', 'group_disabled', 'already_owner', 'not_member'],
  effect:
    'The current owner loses owner rights to newowner. Undo with easemob_transfer_group_owner back to the old owner.',
  checkWith: 'easemob_get_groups',
  notes:
    'Same route as easemob_update_group; only {"newowner"} is sent. A repeat answers 403 "new owner and old owner are ' +
    'the same" but leaves the same state, hence idempotent. The seed omits the required column; newowner is required.',
});
