/** Lanying: accounts (register, list, delete, passwords, username, ban/unban). */
import { z } from 'zod';
import { CREATE, DESTROY, DESTROY_IDEMPOTENT, READ, SET } from '../define.js';
import { ACTING_HEADERS, lanyingInput, lanyingToolset, SETTINGS_ANSWER, UserId } from './params.js';

const tool = lanyingToolset('lanying_accounts');

export const changePassword = tool({
  name: 'lanying_change_password',
  title: 'Change password',
  doc: '1.4 Modify password',
  description: "Change a user's password given the old one (else lanying_admin_change_password).",
  http: { method: 'POST', path: '/user/change_password' },
  input: lanyingInput({ new_password: z.string().min(1), old_password: z.string().min(1) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: DESTROY,
  output: { data: 'boolean' },
  preimage: 'lanying_user',
  preflight: ['not_found'],
  effect:
    'The old password stops working at once; only another change (lanying_admin_change_password) replaces the new one.',
  notes:
    'POST only. Not idempotent: a repeat fails because old_password no longer matches. Destructive because it overwrites a password (contract §3).',
});

export const adminChangePassword = tool({
  name: 'lanying_admin_change_password',
  title: 'Reset password (admin)',
  doc: '1.5 Administrator change password',
  description: "Overwrite a user's password without the old one, e.g. to reset a forgotten one.",
  http: { method: 'POST', path: '/user/change_password_admin' },
  input: lanyingInput({ password: z.string().min(1) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: 'boolean' },
  preimage: 'lanying_user',
  preflight: ['not_found'],
  effect: 'The previous password stops working at once; it cannot be restored unless you know and set it again.',
  notes:
    'POST only. The target user is the acting user_id header (vendors.md: admin token + user_id = act as that user). Idempotent: repeating sets the same password.',
});

export const deleteUser = tool({
  name: 'lanying_delete_user',
  title: 'Delete user',
  doc: '1.6 Delete users',
  description: 'Permanently delete a user account; to only block login use lanying_disable_users.',
  http: { method: 'DELETE', alsoDocumented: ['POST'], path: '/user/delete', body: 'json' },
  input: lanyingInput({ password: z.string().optional().describe('only with a user token') }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: 'boolean' },
  preimage: 'lanying_user',
  preflight: ['not_found'],
  effect: 'The account and its data are deleted. Cannot be undone.',
  checkWith: 'lanying_list_users',
  notes:
    'Documented as DELETE and POST; we send DELETE with a JSON body (vendors.md: DELETE with body). The heading says "users" but the body names no ids: it deletes the acting user. password optional per seed (user token only).',
});

export const disableUsers = tool({
  name: 'lanying_disable_users',
  title: 'Ban users',
  doc: '1.9 Banned user',
  description: 'Ban the users in list from logging in; accounts and data stay. Undo with lanying_enable_users.',
  http: { method: 'PUT', path: '/user/disable' },
  input: lanyingInput({ list: z.array(UserId).min(1) }, 'actor'),
  targets: { user_id: 'actor', list: 'user', group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: 'boolean' },
  batch: { prop: 'list', max: 100 },
  preimage: 'lanying_users',
  preflight: ['not_found', 'already_disabled'],
  effect: 'The listed users cannot log in until re-enabled with lanying_enable_users.',
  checkWith: 'lanying_list_users',
  notes:
    'PUT only (seed and Swagger). Target ids are in the body, not the acting header. 100 per call is our cap: the documentation gives no limit. Whether existing sessions are cut off is undocumented.',
});

export const enableUsers = tool({
  name: 'lanying_enable_users',
  title: 'Unban users',
  doc: '1.11 Unbanned user',
  description: 'Lift the login ban on the users in list (reverses lanying_disable_users).',
  http: { method: 'PUT', path: '/user/enable' },
  input: lanyingInput({ list: z.array(UserId).min(1) }, 'actor'),
  targets: { user_id: 'actor', list: 'recipient', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  batch: { prop: 'list', max: 100 },
  checkWith: 'lanying_list_users',
  notes: 'PUT only. Not destructive (restores access). 100 per call is our cap: the documentation gives no limit.',
});

export const listUsers = tool({
  name: 'lanying_list_users',
  title: 'List users',
  doc: '1.13 List all users under the APP',
  description: "List the app's users (id, username, status 0 normal / 1 banned), one page at a time.",
  http: { method: 'GET', path: '/user/list', query: ['page_num', 'page_size'] },
  input: lanyingInput(
    {
      page_num: z.number().int().min(1).max(2147483647).optional(),
      page_size: z.number().int().min(1).max(200).optional().describe('default 50'),
    },
    'actor',
  ),
  targets: { user_id: 'actor', group_id: 'group' },
  annotations: READ,
  output: { data: [{ status: 'integer', user_id: 'int64', username: 'string' }] },
  paging: { kind: 'page', page: 'page_num', size: 'page_size', first: 1 },
  notes:
    'page_num ≥ 1 (default 1) and page_size 1–200 (default 50) from the Swagger; the seed gives no maximum. The response carries no total: stop when a page is shorter than page_size.',
});

export const batchRegisterUsers = tool({
  name: 'lanying_batch_register_users',
  title: 'Register users in batch',
  doc: '1.32 Register user in batch',
  description: 'Create several accounts. Names need a letter and may not start with mta or maxim.',
  http: { method: 'POST', path: '/user/register/batch' },
  input: lanyingInput(
    {
      list: z.array(z.strictObject({ password: z.string().min(1), username: z.string().min(1) })).min(1),
    },
    'actor',
  ),
  targets: { user_id: 'actor', group_id: 'group' },
  annotations: CREATE,
  output: { data: [{ reason: 'string', success: 'boolean', user_id: 'int64', username: 'string' }] },
  batch: { prop: 'list', max: 100 },
  checkWith: 'lanying_list_users',
  notes:
    'POST only. The seed marks list as not required, but the call is meaningless without it: required here. 100 per call is our cap: the documentation gives none. Username rule from the Swagger pattern ^(?!mta|maxim)[a-zA-Z0-9_一-龥]*[a-zA-Z_一-龥]+…; left to the vendor (code 10002) rather than encoded in the schema. Not idempotent: a repeat fails per user with "user exists".',
});

export const registerPushUser = tool({
  name: 'lanying_register_push_user',
  title: 'Register push user',
  doc: '1.33 Register push user',
  description:
    "Create an account together with its push binding (alias, device, push token); returns the new user's settings.",
  http: { method: 'POST', path: '/user/register/push' },
  input: lanyingInput(
    {
      alias: z.string().optional(),
      device_guid: z.string().optional().describe('device id'),
      password: z.string().min(1),
      push_token: z.string().optional(),
      sign: z.string().optional().describe('signature (undocumented)'),
      username: z.string().min(1),
    },
    'actor',
  ),
  targets: { user_id: 'actor', group_id: 'group' },
  annotations: CREATE,
  output: { data: SETTINGS_ANSWER },
  checkWith: 'lanying_list_users',
  notes:
    'POST only. Field names as the seed and Swagger (PushUserRegisterRequest) write them: alias, device_guid, password, push_token, sign, username; only password and username are required. What sign signs is undocumented. The seed documents the response as the settings object (user_id, push_token, …), not a profile. Same username rule as 1.34.',
});

export const registerUser = tool({
  name: 'lanying_register_user',
  title: 'Register user',
  doc: '1.34 Register user',
  description:
    'Create one account; returns its user_id and default settings. Names need a letter and may not start with mta or maxim.',
  http: { method: 'POST', path: '/user/register/v2' },
  input: lanyingInput({ password: z.string().min(1), username: z.string().min(1) }, 'actor'),
  targets: { user_id: 'actor', group_id: 'group' },
  annotations: CREATE,
  output: { data: SETTINGS_ANSWER },
  checkWith: 'lanying_list_users',
  notes:
    'POST only. Username rule from the Swagger pattern (no mta/maxim prefix, at least one non-digit, letters/digits/_/CJK); left to the vendor rather than encoded. A repeat fails with 10004 user exists.',
});

export const changeUsername = tool({
  name: 'lanying_change_username',
  title: 'Change username',
  doc: '1.40 Modify username',
  description: "Rename a user's login name; the user_id stays, but the old name stops working for login at once.",
  http: {
    method: 'PUT',
    alsoDocumented: ['POST'],
    path: '/user/username',
    query: ['username'],
    headers: ACTING_HEADERS,
  },
  input: lanyingInput({ username: z.string().min(1).describe('the new one') }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_list_users',
  notes:
    "Documented as PUT and POST; we send PUT. username is a query parameter even on PUT. Not destructive by the contract's list (SET), but the description warns the old login name stops working.",
});
