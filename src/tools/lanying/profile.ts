/** Lanying: profile (avatar, nickname, mobile, profile fields, extension info, online status). */
import { z } from 'zod';
import { READ, SET } from '../define.js';
import { ACTING_HEADERS, lanyingInput, lanyingToolset, UserId } from './params.js';

const tool = lanyingToolset('lanying_profile');

export const setAvatar = tool({
  name: 'lanying_set_avatar',
  title: 'Set avatar',
  doc: '1.2 Set avatar',
  description: "Set a user's avatar to the URL of an already hosted image (no upload).",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/avatar' },
  input: lanyingInput({ avatar: z.string().min(1) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_profile',
  notes: 'Documented as PUT and POST; we send PUT with a JSON body.',
});

export const batchSetAvatars = tool({
  name: 'lanying_batch_set_avatars',
  title: 'Set avatars in batch',
  doc: '1.3 Set avatar in batch',
  description: 'Set the avatar URLs of the users in list.',
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/avatar/batch' },
  input: lanyingInput(
    {
      list: z.array(z.strictObject({ avatar: z.string().min(1), user_id: UserId })).min(1),
    },
    'actor',
  ),
  targets: { user_id: 'actor', list: { kind: 'user', field: 'user_id' }, group_id: 'group' },
  annotations: SET,
  output: { data: [{ reason: 'string', success: 'boolean', user_id: 'int64' }] },
  batch: { prop: 'list', max: 100 },
  checkWith: 'lanying_get_profile',
  notes:
    'Documented as PUT and POST; we send PUT. The seed marks list as not required, but the call is meaningless without it: required here. 100 per call is our cap: the documentation gives none.',
});

export const setMobile = tool({
  name: 'lanying_set_mobile',
  title: 'Set mobile number',
  doc: '1.14 Set mobile number',
  description: "Set a user's mobile number on the profile.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/mobile', query: ['mobile'] },
  input: lanyingInput({ mobile: z.string().min(1) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_profile',
  notes: 'Documented as PUT and POST; we send PUT. mobile is a query parameter even on PUT. No format is documented.',
});

export const setNickname = tool({
  name: 'lanying_set_nickname',
  title: 'Set nickname',
  doc: '1.15 Set nickname',
  description: "Set a user's profile nickname; the name in push notifications is separate (lanying_set_push_nickname).",
  http: {
    method: 'PUT',
    alsoDocumented: ['POST'],
    path: '/user/nickname',
    query: ['nick_name'],
    headers: ACTING_HEADERS,
  },
  input: lanyingInput({ nick_name: z.string().min(1) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_profile',
  notes: 'Documented as PUT and POST; we send PUT. nick_name is a query parameter even on PUT.',
});

export const getOnlineStatus = tool({
  name: 'lanying_get_online_status',
  title: 'Get online status',
  doc: '1.16 Query user online status',
  description: 'Check whether a user is online right now (data.online true/false).',
  http: { method: 'GET', path: '/user/online_status' },
  input: lanyingInput({}),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: READ,
  output: { data: { online: 'boolean' } },
  notes: 'No parameters besides the acting-as headers; the user is the acting user_id.',
});

export const setPrivateInfo = tool({
  name: 'lanying_set_private_info',
  title: 'Set private extension info',
  doc: '1.17 Set private extension information',
  description: "Replace a user's private extension text (seen only by them); stored exactly as given.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/private', body: 'raw' },
  input: lanyingInput({ body: z.string().max(4096) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_profile',
  notes:
    'Documented as PUT and POST; we send PUT. The seed lists a body parameter with no name; the Swagger types it as a bare string (Spring @RequestBody String), so the property is `body` sent as raw text, not a JSON-quoted string (contract §3; not checked against a live server). 4096 characters is our cap: the documentation gives none. lanying_update_profile can set the same field (private_info) in JSON.',
});

export const getProfile = tool({
  name: 'lanying_get_profile',
  title: 'Get profile',
  doc: '1.18 Get user information',
  description: "Read a user's profile: names, avatar, mobile, email, description, public and private info.",
  http: { method: 'GET', path: '/user/profile' },
  input: lanyingInput({}),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: READ,
  output: {
    data: {
      avatar: 'string',
      description: 'string',
      email: 'string',
      mobile: 'string',
      nick_name: 'string',
      private_info: 'string',
      public_info: 'string',
      user_id: 'int64',
      username: 'string',
    },
  },
  notes:
    'No parameters besides the acting-as headers; the user is the acting user_id (LY-CONN calls it with an admin token + user_id).',
});

export const updateProfile = tool({
  name: 'lanying_update_profile',
  title: 'Update profile',
  doc: '1.19 Update user information',
  description: "Update several of a user's profile fields in one call; omitted fields stay unchanged.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/profile' },
  input: lanyingInput({
    description: z.string().optional(),
    nick_name: z.string().optional(),
    private_info: z.string().optional().describe('visible only to the user'),
    public_info: z.string().optional().describe('visible to everyone'),
  }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_profile',
  notes:
    'Documented as PUT and POST; we send PUT. All fields optional per seed; the Swagger says only fields with content are updated, hence "omitted fields stay unchanged".',
});

export const batchUpdateProfiles = tool({
  name: 'lanying_batch_update_profiles',
  title: 'Update profiles in batch',
  doc: '1.20 Update user information in batch',
  description: 'Update profile fields of the users in list, one entry per user_id.',
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/profile/batch' },
  input: lanyingInput(
    {
      list: z
        .array(
          z.strictObject({
            description: z.string().optional(),
            nick_name: z.string().optional(),
            private_info: z.string().optional(),
            public_info: z.string().optional(),
            user_id: UserId,
          }),
        )
        .min(1),
    },
    'actor',
  ),
  targets: { user_id: 'actor', list: { kind: 'user', field: 'user_id' }, group_id: 'group' },
  annotations: SET,
  output: { data: [{ reason: 'string', success: 'boolean', user_id: 'int64' }] },
  batch: { prop: 'list', max: 100 },
  checkWith: 'lanying_get_profile',
  notes:
    'Documented as PUT and POST; we send PUT. The seed marks list and list[].user_id as not required, but the call is meaningless without them (the Swagger says every field "can be omitted except ID"): both required here. 100 per call is our cap: the documentation gives none.',
});

export const setPublicInfo = tool({
  name: 'lanying_set_public_info',
  title: 'Set public extension info',
  doc: '1.21 Set public extension information',
  description: "Replace a user's public extension text (seen by everyone); stored exactly as given.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/public', body: 'raw' },
  input: lanyingInput({ body: z.string().max(4096) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_profile',
  notes:
    'Documented as PUT and POST; we send PUT. The seed lists a body parameter with no name; the Swagger types it as a bare string (Spring @RequestBody String), so the property is `body` sent as raw text, not a JSON-quoted string (contract §3; not checked against a live server). 4096 characters is our cap: the documentation gives none. lanying_update_profile can set the same field (public_info) in JSON.',
});
