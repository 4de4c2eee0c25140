/** Lanying contract cases, in documentation order (1.1 … 1.41). */
import { ly } from '../helpers/fake-upstream.js';
import type { ContractCase } from './types.js';

/** 2^53 + 1: rounds to 2^53 as a JS number, so it only survives if kept as text end to end. */
const BIG = '9007199254740993';
/** The largest int64. */
const MAX_INT64 = '9223372036854775807';

const RAW_TEXT = 'He said "hi"\nsecond line\ttab — 你好 🎉 \\ backslash';
const TEXT_PLAIN = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json';

/** The settings object 1.33, 1.34 and 1.35 answer with (seed field list). */
const SETTINGS = {
  auth_answer: '',
  auth_mode: 1,
  auth_question: '',
  auto_download: true,
  group_confirm: false,
  id: 501,
  no_push: false,
  no_push_detail: false,
  no_push_end_hour: 8,
  no_push_start_hour: 22,
  no_sounds: false,
  push_nick_name: 'Alice',
  push_token: 'tok-abc',
  silence_end_time: 7,
  silence_start_time: 23,
  user_id: 1001,
  vibratory: true,
};

export const lanyingCases: ContractCase[] = [
  // 1.1 Set how to validate when adding friend
  {
    tool: 'lanying_set_friend_auth_mode',
    args: { value: 2, user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/authmode',
      query: { value: '2' },
      headers: { user_id: '1001' },
      absentHeaders: ['group_id'],
    },
    result: { data: true },
  },
  {
    tool: 'lanying_set_friend_auth_mode',
    label: 'acting as group admin: group_id header only',
    args: { value: 0, group_id: '2001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/authmode',
      query: { value: '0' },
      headers: { group_id: '2001' },
      absentHeaders: ['user_id'],
    },
    result: { data: true },
    textIncludes: ['OK.'],
  },
  {
    tool: 'lanying_set_friend_auth_mode',
    label: 'user_id as a JSON number',
    args: { value: 3, user_id: 1001 },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/authmode',
      query: { value: '3' },
      headers: { user_id: '1001' },
      absentHeaders: ['group_id'],
    },
    result: { data: true },
  },

  // 1.2 Set avatar
  {
    tool: 'lanying_set_avatar',
    args: { avatar: 'https://cdn.example.com/a/1001.png', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/avatar',
      headers: { user_id: '1001', 'content-type': JSON_TYPE },
      json: { avatar: 'https://cdn.example.com/a/1001.png' },
    },
    result: { data: true },
  },

  // 1.3 Set avatar in batch
  {
    tool: 'lanying_batch_set_avatars',
    args: {
      list: [
        { avatar: 'https://cdn.example.com/a/1001.png', user_id: '1001' },
        { avatar: 'https://cdn.example.com/a/1002.png', user_id: 1002 },
      ],
      user_id: '1',
    },
    reply: ly([
      { reason: '', success: true, user_id: 1001 },
      { reason: 'user not exist', success: false, user_id: 1002 },
    ]),
    expect: {
      method: 'PUT',
      path: '/user/avatar/batch',
      headers: { user_id: '1' },
      json: {
        list: [
          { avatar: 'https://cdn.example.com/a/1001.png', user_id: 1001 },
          { avatar: 'https://cdn.example.com/a/1002.png', user_id: 1002 },
        ],
      },
    },
    result: {
      data: [
        { reason: '', success: true, user_id: 1001 },
        { reason: 'user not exist', success: false, user_id: 1002 },
      ],
    },
    textIncludes: ['2 item(s)', '1 failed (see reason)'],
  },

  // 1.4 Modify password
  {
    tool: 'lanying_change_password',
    args: { new_password: 'N3w-pass!', old_password: 'old-pass', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'POST',
      path: '/user/change_password',
      headers: { user_id: '1001' },
      absentHeaders: ['group_id'],
      json: { new_password: 'N3w-pass!', old_password: 'old-pass' },
    },
    result: { data: true },
  },

  // 1.5 Administrator change password
  {
    tool: 'lanying_admin_change_password',
    args: { password: 'Reset-2024', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'POST',
      path: '/user/change_password_admin',
      headers: { user_id: '1001' },
      json: { password: 'Reset-2024' },
    },
    result: { data: true },
  },

  // 1.6 Delete users: DELETE with a JSON body
  {
    tool: 'lanying_delete_user',
    label: 'admin token: DELETE with an empty JSON body',
    args: { user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'DELETE',
      path: '/user/delete',
      headers: { user_id: '1001', 'content-type': JSON_TYPE },
      bodyText: '{}',
    },
    result: { data: true },
  },
  {
    tool: 'lanying_delete_user',
    label: 'with password: DELETE with a JSON body',
    args: { password: 'user-pass', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'DELETE',
      path: '/user/delete',
      headers: { user_id: '1001' },
      json: { password: 'user-pass' },
    },
    result: { data: true },
  },

  // 1.7 Device list
  {
    tool: 'lanying_list_devices',
    args: { user_id: '1001' },
    reply: ly([{ device_sn: 1, platform: 2, user_agent: 'Mozilla/5.0 (Linux; Android 14) floo/3.1', user_id: 1001 }], {
      cursor: 'c2',
      version: 7,
    }),
    expect: { method: 'GET', path: '/user/device/list', headers: { user_id: '1001' } },
    result: {
      untrusted: ['/data/*/user_agent'],
      data: [
        {
          device_sn: 1,
          platform: 2,
          platform_text: 'Android',
          user_agent: 'Mozilla/5.0 (Linux; Android 14) floo/3.1',
          user_id: 1001,
        },
      ],
      cursor: 'c2',
      version: 7,
    },
    textIncludes: ['1 item(s)', 'more: pass cursor="c2"'],
  },
  {
    tool: 'lanying_list_devices',
    label: 'last page: empty cursor and null version are dropped',
    args: { user_id: '1001' },
    reply: ly([], { cursor: '', version: null }),
    expect: { method: 'GET', path: '/user/device/list', headers: { user_id: '1001' } },
    result: { data: [] },
    textIncludes: ['0 item(s)'],
  },

  // 1.8 Delete device
  {
    tool: 'lanying_remove_device',
    args: { device_sn: 3, user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'DELETE',
      path: '/user/device/remove',
      query: { device_sn: '3' },
      headers: { user_id: '1001' },
    },
    result: { data: true },
  },

  // 1.9 Banned user
  {
    tool: 'lanying_disable_users',
    label: 'the control argument reason is never sent',
    args: { list: ['1001', '1002'], user_id: '1', reason: 'spam wave, ticket 42' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/disable',
      headers: { user_id: '1' },
      json: { list: [1001, 1002] },
    },
    result: { data: true },
  },
  {
    tool: 'lanying_disable_users',
    label: 'int64 beyond 2^53 stays exact in the body',
    args: { list: [BIG] },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/disable',
      headers: { 'content-type': JSON_TYPE },
      absentHeaders: ['user_id', 'group_id'],
      bodyText: `{"list":[${BIG}]}`,
    },
    result: { data: true },
  },

  // 1.10 Set whether to download thumbnails and files automatically
  {
    tool: 'lanying_set_auto_download',
    args: { value: false, user_id: '1001' },
    reply: ly(true),
    expect: { method: 'PUT', path: '/user/download', query: { value: 'false' }, headers: { user_id: '1001' } },
    result: { data: true },
  },

  // 1.11 Unbanned user
  {
    tool: 'lanying_enable_users',
    label: 'ids as JSON numbers',
    args: { list: [1001, 1002], user_id: '1' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/enable',
      headers: { user_id: '1' },
      bodyText: '{"list":[1001,1002]}',
    },
    result: { data: true },
  },

  // 1.12 Kick specified device
  {
    tool: 'lanying_kick_device',
    args: { device_sn: 2, user_id: '1001' },
    reply: ly(true),
    expect: { method: 'PUT', path: '/user/kick', query: { device_sn: '2' }, headers: { user_id: '1001' } },
    result: { data: true },
  },
  {
    tool: 'lanying_kick_device',
    label: 'no device_sn: kick all, no query string',
    args: { user_id: '1001' },
    reply: ly(true),
    expect: { method: 'PUT', path: '/user/kick', headers: { user_id: '1001' } },
    result: { data: true },
  },

  // 1.13 List all users under the APP
  {
    tool: 'lanying_list_users',
    label: 'page query, no acting header',
    args: { page_num: 2, page_size: 20 },
    reply: ly([
      { status: 0, user_id: 1001, username: 'alice' },
      { status: 1, user_id: 1002, username: 'bob' },
    ]),
    expect: {
      method: 'GET',
      path: '/user/list',
      query: { page_num: '2', page_size: '20' },
      absentHeaders: ['user_id', 'group_id'],
    },
    result: {
      untrusted: ['/data/*/username'],
      data: [
        { status: 0, user_id: 1001, username: 'alice' },
        { status: 1, user_id: 1002, username: 'bob' },
      ],
    },
    textIncludes: ['2 item(s)'],
  },
  {
    tool: 'lanying_list_users',
    label: 'no paging arguments; int64 beyond 2^53 in the answer kept as exact text',
    args: {},
    reply: {
      text: `{"code":200,"message":null,"data":[{"status":0,"user_id":${BIG},"username":"big"}]}`,
      headers: { 'content-type': 'application/json' },
    },
    expect: { method: 'GET', path: '/user/list', absentHeaders: ['user_id', 'group_id'] },
    result: { untrusted: ['/data/*/username'], data: [{ status: 0, user_id: BIG, username: 'big' }] },
    textIncludes: [BIG],
  },

  // 1.14 Set mobile number
  {
    tool: 'lanying_set_mobile',
    label: 'a "+" in the query survives encoding',
    args: { mobile: '+8613800138000', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/mobile',
      query: { mobile: '+8613800138000' },
      headers: { user_id: '1001' },
    },
    result: { data: true },
  },

  // 1.15 Set nickname
  {
    tool: 'lanying_set_nickname',
    args: { nick_name: 'Zhang San & 张三', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/nickname',
      query: { nick_name: 'Zhang San & 张三' },
      headers: { user_id: '1001' },
    },
    result: { data: true },
  },

  // 1.16 Query user online status
  {
    tool: 'lanying_get_online_status',
    args: { user_id: '1001' },
    reply: ly({ online: true }),
    expect: { method: 'GET', path: '/user/online_status', headers: { user_id: '1001' } },
    result: { data: { online: true } },
  },

  // 1.17 Set private extension information: raw string body
  {
    tool: 'lanying_set_private_info',
    label: 'raw text with quotes, newlines, unicode',
    args: { body: RAW_TEXT, user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/private',
      headers: { user_id: '1001', 'content-type': TEXT_PLAIN },
      bodyText: RAW_TEXT,
    },
    result: { data: true },
  },
  {
    tool: 'lanying_set_private_info',
    label: 'JSON-looking text is sent as written, not re-quoted',
    args: { body: '{"theme":"dark","pin":"0042"}', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/private',
      headers: { user_id: '1001', 'content-type': TEXT_PLAIN },
      bodyText: '{"theme":"dark","pin":"0042"}',
    },
    result: { data: true },
  },

  {
    tool: 'lanying_set_private_info',
    label: 'empty text clears it: empty raw body',
    args: { body: '', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/private',
      headers: { user_id: '1001', 'content-type': TEXT_PLAIN, 'content-length': '0' },
      bodyText: '',
    },
    result: { data: true },
  },

  // 1.18 Get user information
  {
    tool: 'lanying_get_profile',
    label: 'acting user_id at the int64 maximum',
    args: { user_id: MAX_INT64 },
    reply: ly({
      avatar: 'https://cdn.example.com/a/1001.png',
      description: 'hello',
      email: 'alice@example.com',
      mobile: '13800138000',
      nick_name: 'Alice',
      private_info: '{"theme":"dark"}',
      public_info: 'hi all',
      user_id: 1001,
      username: 'alice',
    }),
    expect: { method: 'GET', path: '/user/profile', headers: { user_id: MAX_INT64 }, absentHeaders: ['group_id'] },
    result: {
      untrusted: [
        '/data/avatar',
        '/data/description',
        '/data/email',
        '/data/mobile',
        '/data/nick_name',
        '/data/private_info',
        '/data/public_info',
        '/data/username',
      ],
      data: {
        avatar: 'https://cdn.example.com/a/1001.png',
        description: 'hello',
        email: 'alice@example.com',
        mobile: '13800138000',
        nick_name: 'Alice',
        private_info: '{"theme":"dark"}',
        public_info: 'hi all',
        user_id: 1001,
        username: 'alice',
      },
    },
  },

  // 1.19 Update user information
  {
    tool: 'lanying_update_profile',
    args: { description: 'Support bot', nick_name: 'Helper', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/profile',
      headers: { user_id: '1001' },
      json: { description: 'Support bot', nick_name: 'Helper' },
    },
    result: { data: true },
  },

  // 1.20 Update user information in batch
  {
    tool: 'lanying_batch_update_profiles',
    args: {
      list: [
        { nick_name: 'Alice', user_id: '1001' },
        { public_info: 'hi', description: 'tester', user_id: BIG },
      ],
      user_id: '1',
    },
    reply: ly([
      { reason: '', success: true, user_id: 1001 },
      { reason: '', success: true, user_id: 1003 },
    ]),
    expect: {
      method: 'PUT',
      path: '/user/profile/batch',
      headers: { user_id: '1', 'content-type': JSON_TYPE },
      bodyText: `{"list":[{"nick_name":"Alice","user_id":1001},{"description":"tester","public_info":"hi","user_id":${BIG}}]}`,
    },
    result: {
      data: [
        { reason: '', success: true, user_id: 1001 },
        { reason: '', success: true, user_id: 1003 },
      ],
    },
    textIncludes: ['2 item(s)'],
  },

  // 1.21 Set public extension information: raw string body
  {
    tool: 'lanying_set_public_info',
    args: { body: RAW_TEXT, user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/public',
      headers: { user_id: '1001', 'content-type': TEXT_PLAIN },
      bodyText: RAW_TEXT,
    },
    result: { data: true },
  },
  {
    tool: 'lanying_set_public_info',
    label: 'plain short text',
    args: { body: 'Open to chat 👋', user_id: '1002' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/public',
      headers: { user_id: '1002', 'content-type': TEXT_PLAIN },
      bodyText: 'Open to chat 👋',
    },
    result: { data: true },
  },

  // 1.22 Set whether to turn off push
  {
    tool: 'lanying_set_push_disabled',
    args: { value: true, user_id: '1001' },
    reply: ly(true),
    expect: { method: 'PUT', path: '/user/push', query: { value: 'true' }, headers: { user_id: '1001' } },
    result: { data: true },
  },

  // 1.23 Bind alias
  {
    tool: 'lanying_bind_push_alias',
    args: { alias: 'vip-1001', push_token: 'fcm-token-xyz', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'POST',
      path: '/user/push/alias',
      headers: { user_id: '1001' },
      json: { alias: 'vip-1001', push_token: 'fcm-token-xyz' },
    },
    result: { data: true },
  },

  // 1.24 Set badge
  {
    tool: 'lanying_set_badge',
    args: { badge: 0, user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'POST',
      path: '/user/push/badge',
      headers: { user_id: '1001' },
      bodyText: '{"badge":0}',
    },
    result: { data: true },
  },

  // 1.25 Set whether to turn off push details
  {
    tool: 'lanying_set_push_detail_hidden',
    args: { value: true, user_id: '1001' },
    reply: ly(true),
    expect: { method: 'PUT', path: '/user/push/detail', query: { value: 'true' }, headers: { user_id: '1001' } },
    result: { data: true },
  },

  // 1.26 Set push no-disturb time: two query parameters
  {
    tool: 'lanying_set_push_dnd_hours',
    args: { no_push_start_hour: 22, no_push_end_hour: 7, user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/push/limit',
      query: { no_push_end_hour: '7', no_push_start_hour: '22' },
      headers: { user_id: '1001' },
    },
    result: { data: true },
  },

  // 1.27 Set push nickname
  {
    tool: 'lanying_set_push_nickname',
    args: { value: 'Alice 🌸', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/push/nickname',
      query: { value: 'Alice 🌸' },
      headers: { user_id: '1001' },
    },
    result: { data: true },
  },

  // 1.28 Get tag
  {
    tool: 'lanying_get_push_tags',
    args: { user_id: '1001' },
    reply: ly(['vip', 'beta']),
    expect: { method: 'GET', path: '/user/push/tag', headers: { user_id: '1001' } },
    result: { data: ['vip', 'beta'] },
    textIncludes: ['2 item(s)'],
  },

  // 1.29 Bind tag
  {
    tool: 'lanying_bind_push_tags',
    args: { tags: ['vip', 'beta'], user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'POST',
      path: '/user/push/tag',
      headers: { user_id: '1001' },
      json: { tags: ['vip', 'beta'] },
    },
    result: { data: true },
  },

  // 1.30 Unbind tag: DELETE with a JSON body
  {
    tool: 'lanying_unbind_push_tags',
    args: { tags: ['beta'], user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'DELETE',
      path: '/user/push/tag',
      headers: { user_id: '1001', 'content-type': JSON_TYPE },
      bodyText: '{"tags":["beta"]}',
    },
    result: { data: true },
  },

  // 1.31 Delete all tags
  {
    tool: 'lanying_delete_all_push_tags',
    args: { user_id: '1001' },
    reply: ly(true),
    expect: { method: 'DELETE', path: '/user/push/tag/all', headers: { user_id: '1001' } },
    result: { data: true },
  },

  // 1.32 Register user in batch
  {
    tool: 'lanying_batch_register_users',
    args: {
      list: [
        { password: 'pw-1', username: 'carol' },
        { password: 'pw-2', username: 'alice' },
      ],
    },
    reply: ly([
      { reason: '', success: true, user_id: 1003, username: 'carol' },
      { reason: 'user exists', success: false, user_id: 0, username: 'alice' },
    ]),
    expect: {
      method: 'POST',
      path: '/user/register/batch',
      absentHeaders: ['user_id', 'group_id'],
      json: {
        list: [
          { password: 'pw-1', username: 'carol' },
          { password: 'pw-2', username: 'alice' },
        ],
      },
    },
    result: {
      untrusted: ['/data/*/username'],
      data: [
        { reason: '', success: true, user_id: 1003, username: 'carol' },
        { reason: 'user exists', success: false, user_id: 0, username: 'alice' },
      ],
    },
    textIncludes: ['2 item(s)', '1 failed (see reason)'],
  },

  // 1.33 Register push user
  {
    tool: 'lanying_register_push_user',
    args: {
      alias: 'alice-phone',
      device_guid: 'dev-7f3a',
      password: 'pw-alice',
      push_token: 'tok-abc',
      username: 'alice',
    },
    reply: ly(SETTINGS),
    expect: {
      method: 'POST',
      path: '/user/register/push',
      absentHeaders: ['user_id', 'group_id'],
      json: {
        alias: 'alice-phone',
        device_guid: 'dev-7f3a',
        password: 'pw-alice',
        push_token: 'tok-abc',
        username: 'alice',
      },
    },
    result: { untrusted: ['/data/push_nick_name'], data: SETTINGS },
  },

  // 1.34 Register user
  {
    tool: 'lanying_register_user',
    args: { password: 'pw-alice', username: 'alice' },
    reply: ly(SETTINGS),
    expect: {
      method: 'POST',
      path: '/user/register/v2',
      absentHeaders: ['user_id', 'group_id'],
      json: { password: 'pw-alice', username: 'alice' },
    },
    result: { untrusted: ['/data/push_nick_name'], data: SETTINGS },
  },

  // 1.35 Get user settings
  {
    tool: 'lanying_get_settings',
    args: { user_id: '1001' },
    reply: ly(SETTINGS),
    expect: { method: 'GET', path: '/user/settings', headers: { user_id: '1001' } },
    result: { untrusted: ['/data/push_nick_name'], data: SETTINGS },
  },

  // 1.36 Modify user settings: body user_id, header from as_user_id
  {
    tool: 'lanying_update_settings',
    label: 'as_user_id becomes the user_id header, body user_id separate',
    args: {
      user_id: '1002',
      as_user_id: '1001',
      id: '501',
      auth_mode: 1,
      no_push: true,
      no_push_start_hour: 22,
      no_push_end_hour: 7,
    },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/settings',
      headers: { user_id: '1001', 'content-type': JSON_TYPE },
      absentHeaders: ['group_id', 'as_user_id'],
      json: { auth_mode: 1, id: 501, no_push: true, no_push_end_hour: 7, no_push_start_hour: 22, user_id: 1002 },
    },
    result: { data: true },
  },
  {
    tool: 'lanying_update_settings',
    label: 'no as_user_id: no acting header; int64 body user_id exact',
    args: { user_id: MAX_INT64, vibratory: false },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/settings',
      absentHeaders: ['user_id', 'group_id'],
      bodyText: `{"user_id":${MAX_INT64},"vibratory":false}`,
    },
    result: { data: true },
  },

  // 1.37 Set whether to mute sound alert for new message
  {
    tool: 'lanying_set_sounds_off',
    args: { value: true, user_id: '1001' },
    reply: ly(true),
    expect: { method: 'PUT', path: '/user/sounds', query: { value: 'true' }, headers: { user_id: '1001' } },
    result: { data: true },
  },

  // 1.38 Bind token
  {
    tool: 'lanying_bind_device_token',
    args: { device_sn: 2, device_token: 'apns-0a1b2c3d', notifier_name: 'apns-prod', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/token/bind',
      headers: { user_id: '1001' },
      json: { device_sn: 2, device_token: 'apns-0a1b2c3d', notifier_name: 'apns-prod' },
    },
    result: { data: true },
  },

  // 1.39 Unbind token: camelCase query deviceSn, data is an object
  {
    tool: 'lanying_unbind_device_token',
    args: { deviceSn: 2, user_id: '1001' },
    reply: ly({}),
    expect: {
      method: 'DELETE',
      path: '/user/token/unbind',
      query: { deviceSn: '2' },
      headers: { user_id: '1001' },
    },
    result: { data: {} },
  },

  // 1.40 Modify username
  {
    tool: 'lanying_change_username',
    args: { username: 'alice_2024', user_id: '1001' },
    reply: ly(true),
    expect: {
      method: 'PUT',
      path: '/user/username',
      query: { username: 'alice_2024' },
      headers: { user_id: '1001' },
    },
    result: { data: true },
  },

  // 1.41 Set whether to vibrate alert for new message
  {
    tool: 'lanying_set_vibration',
    args: { value: false, user_id: '1001' },
    reply: ly(true),
    expect: { method: 'PUT', path: '/user/vibratory', query: { value: 'false' }, headers: { user_id: '1001' } },
    result: { data: true },
  },
  {
    tool: 'lanying_set_vibration',
    label: 'boolean given as the string "true"',
    args: { value: 'true', user_id: '1001' },
    reply: ly(true),
    expect: { method: 'PUT', path: '/user/vibratory', query: { value: 'true' }, headers: { user_id: '1001' } },
    result: { data: true },
  },
];
