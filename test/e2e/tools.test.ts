/**
 * End to end: every tool of the catalog through a real MCP client over stdio, against the built server, which talks
 * over HTTP to the built-in sandbox started in this process. Each tool has a success path and a vendor-error path;
 * each asserts what the agent sees (structuredContent, isError, text) and the sandbox state after the call.
 *
 * One sandbox and one server for the file; the sandbox state is reset to the seed before every test, so no test
 * depends on another's side effects. Destructive tools run with IM_ADMIN_CONFIRM=off (confirmation has its own tests).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SandboxHandle,
  type SandboxState,
  SEED_FILE_CONTENT,
  SEED_FILE_ID,
  SEED_GROUP_PRIVATE_ID,
  SEED_GROUP_PUBLIC_ID,
  SEED_THREAD_ID,
  startSandbox,
} from '../../src/sandbox/index.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { SERVED_TOOLS, TOOL_COUNT } from '../helpers/catalog.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { call, emGroup, emThread, lyUser, type Res, resetSandbox, sandboxEnv, snapshot } from './helpers.js';

const L = SEED_GROUP_PUBLIC_ID; // Sandbox Lounge: owner alice, admin bob, members carol dave erin mallory
const C = SEED_GROUP_PRIVATE_ID; // Core Team: owner bob, members alice carol, mallory blocked
const T = SEED_THREAD_ID; // "Launch planning" in L: alice, bob, carol
const NOPE = '999999999999999'; // no such group
const NOPE_T = '299999999999999'; // no such thread
const NOBODY = '9999'; // no such Lanying user

/** the server's files folder (IM_ADMIN_FILES_DIR); local paths in arguments are relative to it */
const DIR = mkdtempSync(join(tmpdir(), 'im-admin-e2e-tools-'));
const UPLOAD = 'report.txt';
const UPLOAD_TEXT = 'quarterly report\nline two\n';
writeFileSync(join(DIR, UPLOAD), UPLOAD_TEXT);
const SAVE_TO = 'out/welcome-copy.txt';

const SPEC = new Map(ALL_TOOLS.map((t) => [t.name, t]));

interface Ctx {
  before: SandboxState;
  /** Unix ms just before and just after the call */
  t0: number;
  t1: number;
}

interface OkCase {
  tool: string;
  label?: string;
  args: Record<string, unknown>;
  /** adjust the seed before the call */
  setup?: (s: SandboxState) => void;
  check: (r: Res, s: SandboxState, ctx: Ctx) => void;
}

interface ErrCase {
  tool: string;
  label: string;
  args: Record<string, unknown>;
  setup?: (s: SandboxState) => void;
  /** the vendor's own error code and the HTTP status it arrived with */
  code: string;
  status: number;
  /** text the vendor message must contain */
  message?: string;
  /** call the server configured with a wrong Lanying access token */
  badToken?: boolean;
}

const usernames = (s: SandboxState) => s.lanying.users.map((u) => u.username);

// ---------------------------------------------------------------------------------------------------------------
// Success paths
// ---------------------------------------------------------------------------------------------------------------

const lanyingOk: OkCase[] = [
  {
    tool: 'lanying_set_friend_auth_mode',
    args: { user_id: '1002', value: 2 },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings.auth_mode).toBe(2);
    },
  },
  {
    tool: 'lanying_set_avatar',
    args: { user_id: '1002', avatar: 'https://example.invalid/bob.png' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).avatar).toBe('https://example.invalid/bob.png');
    },
  },
  {
    tool: 'lanying_batch_set_avatars',
    args: {
      list: [
        { user_id: '1002', avatar: 'https://example.invalid/b.png' },
        { user_id: '1004', avatar: 'https://example.invalid/d.png' },
      ],
    },
    check: (r, s) => {
      expect(r.sc.data).toEqual([
        { reason: '', success: true, user_id: 1002 },
        { reason: '', success: true, user_id: 1004 },
      ]);
      expect(lyUser(s, 1002).avatar).toBe('https://example.invalid/b.png');
      expect(lyUser(s, 1004).avatar).toBe('https://example.invalid/d.png');
    },
  },
  {
    tool: 'lanying_batch_set_avatars',
    label: 'one unknown user is reported per item, the others are applied',
    args: {
      list: [
        { user_id: '1002', avatar: 'https://example.invalid/b.png' },
        { user_id: NOBODY, avatar: 'https://example.invalid/x.png' },
      ],
    },
    check: (r, s) => {
      expect(r.sc.data[1]).toMatchObject({ success: false, user_id: 9999, reason: 'user does not exist' });
      expect(r.text).toContain('1 failed (see reason)');
      expect(lyUser(s, 1002).avatar).toBe('https://example.invalid/b.png');
      expect(s.lanying.users.some((u) => u.user_id === 9999)).toBe(false);
    },
  },
  {
    tool: 'lanying_change_password',
    args: { user_id: '1002', old_password: 'bob-pass-1002', new_password: 'n3w-secret-pw' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).password).toBe('n3w-secret-pw');
      expect(r.text).not.toContain('n3w-secret-pw');
    },
  },
  {
    tool: 'lanying_admin_change_password',
    args: { user_id: '1004', password: 'reset-secret-pw' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1004).password).toBe('reset-secret-pw');
      expect(r.text).not.toContain('reset-secret-pw');
    },
  },
  {
    tool: 'lanying_delete_user',
    args: { user_id: '1005' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(usernames(s)).toEqual(['alice', 'bob', 'carol', 'dave']);
    },
  },
  {
    tool: 'lanying_list_devices',
    args: { user_id: '1001' },
    check: (r) => {
      expect(r.sc.version).toBe(1);
      expect(r.sc.data).toEqual([
        { device_sn: 1, platform: 1, platform_text: 'iOS', user_agent: 'iPhone15,2 iOS/17.4 floo/4.0', user_id: 1001 },
        { device_sn: 2, platform: 6, platform_text: 'Web', user_agent: 'Mozilla/5.0 floo-web/4.0', user_id: 1001 },
      ]);
    },
  },
  {
    tool: 'lanying_remove_device',
    args: { user_id: '1001', device_sn: 2 },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1001).devices.map((d) => d.device_sn)).toEqual([1]);
      expect(s.lanying.deviceVersion).toBe(2);
    },
  },
  {
    tool: 'lanying_disable_users',
    args: { list: ['1002', '1004'] },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(s.lanying.users.filter((u) => u.disabled).map((u) => u.user_id)).toEqual([1002, 1003, 1004]);
    },
  },
  {
    tool: 'lanying_set_auto_download',
    args: { user_id: '1002', value: false },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings.auto_download).toBe(false);
    },
  },
  {
    tool: 'lanying_enable_users',
    args: { list: ['1003'] },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1003).disabled).toBe(false);
    },
  },
  {
    tool: 'lanying_kick_device',
    args: { user_id: '1001', device_sn: 1 },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1001).devices.every((d) => !d.online)).toBe(true);
      expect(lyUser(s, 1001).devices).toHaveLength(2);
    },
  },
  {
    tool: 'lanying_list_users',
    args: { page_num: 1, page_size: 3 },
    check: (r) => {
      expect(r.sc.data).toEqual([
        { status: 0, user_id: 1001, username: 'alice' },
        { status: 0, user_id: 1002, username: 'bob' },
        { status: 1, user_id: 1003, username: 'carol' },
      ]);
    },
  },
  {
    tool: 'lanying_set_mobile',
    args: { user_id: '1002', mobile: '+15550001002' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).mobile).toBe('+15550001002');
    },
  },
  {
    tool: 'lanying_set_nickname',
    args: { user_id: '1002', nick_name: 'Bobby' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).nick_name).toBe('Bobby');
    },
  },
  {
    tool: 'lanying_get_online_status',
    args: { user_id: '1001' },
    check: (r) => expect(r.sc).toEqual({ data: { online: true } }),
  },
  {
    tool: 'lanying_set_private_info',
    args: { user_id: '1002', body: '{"secret_note":"raw text"}' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).private_info).toBe('{"secret_note":"raw text"}');
    },
  },
  {
    tool: 'lanying_get_profile',
    args: { user_id: '1001' },
    check: (r) => {
      expect(r.sc.data).toMatchObject({
        user_id: 1001,
        username: 'alice',
        nick_name: 'Alice',
        email: 'alice@example.invalid',
        public_info: '{"title":"team lead"}',
      });
    },
  },
  {
    tool: 'lanying_update_profile',
    args: { user_id: '1002', nick_name: 'Robert', description: 'ops on call' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002)).toMatchObject({ nick_name: 'Robert', description: 'ops on call' });
    },
  },
  {
    tool: 'lanying_batch_update_profiles',
    args: {
      list: [
        { user_id: '1002', nick_name: 'B' },
        { user_id: '1004', description: 'D' },
      ],
    },
    check: (r, s) => {
      expect(r.sc.data).toEqual([
        { reason: '', success: true, user_id: 1002 },
        { reason: '', success: true, user_id: 1004 },
      ]);
      expect(lyUser(s, 1002).nick_name).toBe('B');
      expect(lyUser(s, 1004).description).toBe('D');
      expect(lyUser(s, 1004).nick_name).toBe('Dave');
    },
  },
  {
    tool: 'lanying_batch_update_profiles',
    label: 'one unknown user is reported per item, the others are applied',
    args: {
      list: [
        { user_id: NOBODY, nick_name: 'ghost' },
        { user_id: '1004', nick_name: 'D2' },
      ],
    },
    check: (r, s) => {
      expect(r.sc.data[0]).toMatchObject({ success: false, user_id: 9999, reason: 'user does not exist' });
      expect(r.sc.data[1]).toEqual({ reason: '', success: true, user_id: 1004 });
      expect(r.text).toContain('1 failed (see reason)');
      expect(lyUser(s, 1004).nick_name).toBe('D2');
    },
  },
  {
    tool: 'lanying_set_public_info',
    args: { user_id: '1002', body: 'plain text, not JSON' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).public_info).toBe('plain text, not JSON');
    },
  },
  {
    tool: 'lanying_set_push_disabled',
    args: { user_id: '1002', value: true },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings.no_push).toBe(true);
    },
  },
  {
    tool: 'lanying_bind_push_alias',
    args: { user_id: '1002', alias: 'bob-pixel', push_token: 'fcm-bob' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).alias).toBe('bob-pixel');
      expect(lyUser(s, 1002).settings.push_token).toBe('fcm-bob');
    },
  },
  {
    tool: 'lanying_set_badge',
    args: { user_id: '1001', badge: 0 },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1001).badge).toBe(0);
    },
  },
  {
    tool: 'lanying_set_push_detail_hidden',
    args: { user_id: '1002', value: true },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings.no_push_detail).toBe(true);
    },
  },
  {
    tool: 'lanying_set_push_dnd_hours',
    args: { user_id: '1002', no_push_start_hour: 22, no_push_end_hour: 7 },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings).toMatchObject({ no_push_start_hour: 22, no_push_end_hour: 7 });
    },
  },
  {
    tool: 'lanying_set_push_nickname',
    args: { user_id: '1002', value: 'Bob (ops)' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings.push_nick_name).toBe('Bob (ops)');
    },
  },
  {
    tool: 'lanying_get_push_tags',
    args: { user_id: '1001' },
    check: (r) => expect(r.sc).toEqual({ data: ['vip', 'beta'] }),
  },
  {
    tool: 'lanying_bind_push_tags',
    args: { user_id: '1002', tags: ['gamma', 'beta'] },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).tags).toEqual(['beta', 'gamma']);
    },
  },
  {
    tool: 'lanying_unbind_push_tags',
    args: { user_id: '1001', tags: ['vip'] },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1001).tags).toEqual(['beta']);
    },
  },
  {
    tool: 'lanying_delete_all_push_tags',
    args: { user_id: '1001' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1001).tags).toEqual([]);
      expect(lyUser(s, 1002).tags).toEqual(['beta']);
    },
  },
  {
    tool: 'lanying_batch_register_users',
    args: {
      list: [
        { username: 'frank', password: 'frank-pw' },
        { username: 'grace', password: 'grace-pw' },
      ],
    },
    check: (r, s) => {
      expect(r.sc.data).toEqual([
        { reason: '', success: true, user_id: 1006, username: 'frank' },
        { reason: '', success: true, user_id: 1007, username: 'grace' },
      ]);
      expect(lyUser(s, 1006).username).toBe('frank');
      expect(lyUser(s, 1007).username).toBe('grace');
      expect(r.text).not.toContain('frank-pw');
    },
  },
  {
    tool: 'lanying_batch_register_users',
    label: 'an existing username is reported per item, the others are created',
    args: {
      list: [
        { username: 'alice', password: 'x-pw' },
        { username: 'heidi', password: 'heidi-pw' },
      ],
    },
    check: (r, s) => {
      expect(r.sc.data[0]).toMatchObject({ success: false, username: 'alice', reason: 'username already exists' });
      expect(r.sc.data[1]).toEqual({ reason: '', success: true, user_id: 1006, username: 'heidi' });
      expect(usernames(s)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'heidi']);
      expect(lyUser(s, 1001).password).toBe('alice-pass-1001');
    },
  },
  {
    tool: 'lanying_register_push_user',
    args: { username: 'heidi', password: 'heidi-pw', alias: 'heidi-phone', push_token: 'apns-heidi' },
    check: (r, s) => {
      expect(r.sc.data).toMatchObject({ user_id: 1006, id: 1006, push_token: 'apns-heidi' });
      expect(lyUser(s, 1006)).toMatchObject({ username: 'heidi', alias: 'heidi-phone' });
    },
  },
  {
    tool: 'lanying_register_user',
    args: { username: 'ivan', password: 'ivan-pw' },
    check: (r, s) => {
      expect(r.sc.data).toMatchObject({ user_id: 1006, auth_mode: 1, no_push: false });
      expect(lyUser(s, 1006)).toMatchObject({ username: 'ivan', password: 'ivan-pw', disabled: false });
      expect(r.text).not.toContain('ivan-pw');
    },
  },
  {
    tool: 'lanying_get_settings',
    args: { user_id: '1001' },
    check: (r) => {
      expect(r.sc.data).toMatchObject({ user_id: 1001, push_nick_name: 'Alice', vibratory: true, auth_mode: 1 });
    },
  },
  {
    tool: 'lanying_update_settings',
    args: { user_id: '1002', as_user_id: '1002', no_sounds: true, auth_mode: 3, silence_start_time: 23 },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings).toMatchObject({ no_sounds: true, auth_mode: 3, silence_start_time: 23 });
      expect(lyUser(s, 1002).settings.vibratory).toBe(true);
    },
  },
  {
    tool: 'lanying_set_sounds_off',
    args: { user_id: '1002', value: true },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings.no_sounds).toBe(true);
    },
  },
  {
    tool: 'lanying_bind_device_token',
    args: { user_id: '1002', device_sn: 1, device_token: 'fcm-token-bob', notifier_name: 'fcm-prod' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).bound_tokens).toEqual([
        { device_sn: 1, device_token: 'fcm-token-bob', notifier_name: 'fcm-prod' },
      ]);
    },
  },
  {
    tool: 'lanying_unbind_device_token',
    args: { user_id: '1001', deviceSn: 1 },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: {} });
      expect(lyUser(s, 1001).bound_tokens).toEqual([]);
    },
  },
  {
    tool: 'lanying_change_username',
    args: { user_id: '1004', username: 'david' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1004).username).toBe('david');
    },
  },
  {
    tool: 'lanying_set_vibration',
    args: { user_id: '1002', value: false },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: true });
      expect(lyUser(s, 1002).settings.vibratory).toBe(false);
    },
  },
];

const easemobOk: OkCase[] = [
  {
    tool: 'easemob_create_group',
    args: { groupname: 'Night Shift', public: false, owner: 'dave', members: ['erin', 'carol'], maxusers: 10 },
    check: (r, s, { t0, t1 }) => {
      expect(r.sc).toEqual({ data: { groupid: '100000000000003' } });
      const g = emGroup(s, '100000000000003');
      expect(g).toMatchObject({ groupname: 'Night Shift', owner: 'dave', members: ['erin', 'carol'], maxusers: 10 });
      expect(g.public).toBe(false);
      expect(g.created).toBeGreaterThanOrEqual(t0);
      expect(g.created).toBeLessThanOrEqual(t1);
    },
  },
  {
    tool: 'easemob_disable_group',
    args: { group_id: C },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { disabled: true } });
      expect(emGroup(s, C).disabled).toBe(true);
      expect(emGroup(s, L).disabled).toBe(false);
    },
  },
  {
    tool: 'easemob_enable_group',
    args: { group_id: C },
    setup: (s) => {
      emGroup(s, C).disabled = true;
    },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { disabled: false } });
      expect(emGroup(s, C).disabled).toBe(false);
    },
  },
  {
    tool: 'easemob_update_group',
    args: { group_id: L, groupname: 'Lounge v2', maxusers: 300, membersonly: true },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { groupname: true, maxusers: true, membersonly: true } });
      expect(emGroup(s, L)).toMatchObject({ groupname: 'Lounge v2', maxusers: 300, membersonly: true });
    },
  },
  {
    tool: 'easemob_list_groups',
    args: { limit: 1 },
    check: (r) => {
      expect(r.sc.count).toBe(1);
      expect(r.sc.data).toEqual([expect.objectContaining({ groupid: C, groupname: 'Core Team', affiliations: 3 })]);
      expect(typeof r.sc.cursor).toBe('string');
      expect(r.text).toContain('more: pass cursor=');
    },
  },
  {
    tool: 'easemob_list_user_groups',
    args: { username: 'alice' },
    check: (r) => {
      expect(r.sc.total).toBe(2);
      expect(r.sc.entities.map((g: { groupId: string }) => g.groupId)).toEqual([C, L]);
    },
  },
  {
    tool: 'easemob_is_group_member',
    args: { group_id: L, username: 'carol' },
    check: (r) => expect(r.sc).toEqual({ data: true }),
  },
  {
    tool: 'easemob_get_groups',
    args: { group_id: [L, C] },
    check: (r) => {
      expect(r.sc.count).toBe(2);
      expect(r.sc.data[0]).toMatchObject({ id: L, name: 'Sandbox Lounge', owner: 'alice', affiliations_count: 6 });
      expect(r.sc.data[1]).toMatchObject({ id: C, name: 'Core Team', owner: 'bob', affiliations_count: 3 });
    },
  },
  {
    tool: 'easemob_dissolve_group',
    args: { group_id: C },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { success: true, groupid: C } });
      expect(s.easemob.groups.map((g) => g.groupid)).toEqual([L]);
    },
  },
  {
    tool: 'easemob_get_announcement',
    args: { group_id: L },
    check: (r) =>
      expect(r.sc).toEqual({
        untrusted: ['/data/announcement'],
        data: { announcement: 'Welcome to the Sandbox Lounge. Be kind.' },
      }),
  },
  {
    tool: 'easemob_set_announcement',
    args: { group_id: L, announcement: 'New rules: no spam.' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { id: L, result: true } });
      expect(emGroup(s, L).announcement).toBe('New rules: no spam.');
    },
  },
  {
    tool: 'easemob_list_share_files',
    args: { group_id: L },
    check: (r) => {
      expect(r.sc.data).toEqual([
        expect.objectContaining({
          file_id: SEED_FILE_ID,
          file_name: 'welcome.txt',
          file_owner: 'alice',
          file_size: Buffer.byteLength(SEED_FILE_CONTENT),
        }),
      ]);
    },
  },
  {
    tool: 'easemob_upload_share_file',
    args: { group_id: C, file: UPLOAD },
    check: (r, s) => {
      expect(r.sc).toMatchObject({ group_id: C, file_name: 'report.txt', file_size: Buffer.byteLength(UPLOAD_TEXT) });
      const f = emGroup(s, C).files.find((x) => x.file_id === r.sc.file_id);
      expect(f).toMatchObject({ file_name: 'report.txt', file_owner: 'bob' });
      expect(Buffer.from(f?.data_base64 ?? '', 'base64').toString()).toBe(UPLOAD_TEXT);
    },
  },
  {
    tool: 'easemob_download_share_file',
    args: { group_id: L, file_id: SEED_FILE_ID },
    check: (r) => {
      expect(r.sc).toMatchObject({ file_id: SEED_FILE_ID, bytes: Buffer.byteLength(SEED_FILE_CONTENT) });
      expect(r.sc.text).toBe(SEED_FILE_CONTENT);
      expect(Buffer.from(r.sc.content_base64, 'base64').toString()).toBe(SEED_FILE_CONTENT);
    },
  },
  {
    tool: 'easemob_download_share_file',
    label: 'to a local path',
    args: { group_id: L, file_id: SEED_FILE_ID, save_to: SAVE_TO },
    check: (r) => {
      expect(r.sc).toEqual({ file_id: SEED_FILE_ID, saved_to: SAVE_TO, bytes: Buffer.byteLength(SEED_FILE_CONTENT) });
      expect(readFileSync(join(DIR, SAVE_TO), 'utf8')).toBe(SEED_FILE_CONTENT);
    },
  },
  {
    tool: 'easemob_delete_share_file',
    args: { group_id: L, file_id: SEED_FILE_ID },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { group_id: L, file_id: SEED_FILE_ID, result: true } });
      expect(emGroup(s, L).files).toEqual([]);
    },
  },
  {
    tool: 'easemob_list_members',
    args: { group_id: C },
    check: (r) => {
      expect(r.sc).toEqual({ data: [{ owner: 'bob' }, { member: 'alice' }, { member: 'carol' }], count: 3 });
    },
  },
  {
    tool: 'easemob_add_member',
    args: { group_id: C, username: 'dave' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { result: true, groupid: C, action: 'add_member', user: 'dave' } });
      expect(emGroup(s, C).members).toEqual(['alice', 'carol', 'dave']);
    },
  },
  {
    tool: 'easemob_add_members',
    args: { group_id: C, usernames: ['dave', 'erin'] },
    check: (r, s) => {
      expect(r.sc.data).toMatchObject({ newmembers: ['dave', 'erin'], groupid: C });
      expect(emGroup(s, C).members).toEqual(['alice', 'carol', 'dave', 'erin']);
    },
  },
  {
    tool: 'easemob_remove_member',
    args: { group_id: L, username: 'erin' },
    check: (r, s) => {
      expect(r.sc.data).toMatchObject({ result: true, user: 'erin', groupid: L });
      expect(emGroup(s, L).members).toEqual(['bob', 'carol', 'dave', 'mallory']);
    },
  },
  {
    tool: 'easemob_remove_members',
    args: { group_id: L, members: ['carol', 'dave'] },
    check: (r, s) => {
      expect(r.sc.data).toEqual([
        expect.objectContaining({ result: true, user: 'carol' }),
        expect.objectContaining({ result: true, user: 'dave' }),
      ]);
      const g = emGroup(s, L);
      expect(g.members).toEqual(['bob', 'erin', 'mallory']);
      // their roles in the group go with them: dave's allow-list entry, carol's attributes and thread membership
      expect(g.whitelist).toEqual([]);
      expect(g.metadata).toEqual({});
      expect(emThread(s, T).members.map((m) => m.user)).toEqual(['alice', 'bob']);
    },
  },
  {
    tool: 'easemob_set_member_metadata',
    args: { group_id: L, username: 'dave', metaData: { nickname: 'D', role: 'qa' } },
    check: (r, s) => {
      expect(r.sc).toEqual({ untrusted: ['/data'], data: { nickname: 'D', role: 'qa' } });
      expect(emGroup(s, L).metadata.dave).toEqual({ nickname: 'D', role: 'qa' });
    },
  },
  {
    tool: 'easemob_get_member_metadata',
    args: { group_id: L, username: 'carol' },
    check: (r) => expect(r.sc).toEqual({ untrusted: ['/data'], data: { nickname: 'Caz' } }),
  },
  {
    tool: 'easemob_get_members_metadata',
    args: { group_id: L, targets: ['carol', 'dave'], properties: [] },
    check: (r) => expect(r.sc).toEqual({ untrusted: ['/data'], data: { carol: { nickname: 'Caz' }, dave: {} } }),
  },
  {
    tool: 'easemob_list_admins',
    args: { group_id: L },
    check: (r) => expect(r.sc).toEqual({ data: ['bob'], count: 1 }),
  },
  {
    tool: 'easemob_add_admin',
    args: { group_id: L, newadmin: 'carol' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { result: 'success', newadmin: 'carol' } });
      expect(emGroup(s, L).admins).toEqual(['bob', 'carol']);
    },
  },
  {
    tool: 'easemob_remove_admin',
    args: { group_id: L, username: 'bob' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { result: 'success', oldadmin: 'bob' } });
      expect(emGroup(s, L).admins).toEqual([]);
      expect(emGroup(s, L).members).toContain('bob');
    },
  },
  {
    tool: 'easemob_transfer_group_owner',
    args: { group_id: C, newowner: 'alice' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { newowner: true } });
      expect(emGroup(s, C).owner).toBe('alice');
      expect(emGroup(s, C).members).toEqual(['carol', 'bob']);
    },
  },
  {
    tool: 'easemob_list_blocked_users',
    args: { group_id: C },
    check: (r) => expect(r.sc).toEqual({ data: ['mallory'], count: 1 }),
  },
  {
    tool: 'easemob_block_user',
    args: { group_id: L, username: 'erin' },
    check: (r, s) => {
      expect(r.sc.data).toMatchObject({ result: true, action: 'add_blocks', user: 'erin' });
      expect(emGroup(s, L).blocks).toEqual(['erin']);
      expect(emGroup(s, L).members).not.toContain('erin');
    },
  },
  {
    tool: 'easemob_block_users',
    args: { group_id: L, usernames: ['erin', 'dave'] },
    check: (r, s) => {
      expect(r.sc.data.map((x: { result: boolean }) => x.result)).toEqual([true, true]);
      const g = emGroup(s, L);
      expect(g.blocks).toEqual(['erin', 'dave']);
      expect(g.members).toEqual(['bob', 'carol', 'mallory']);
      expect(g.whitelist).toEqual([]);
    },
  },
  {
    tool: 'easemob_unblock_user',
    args: { group_id: C, username: 'mallory' },
    check: (r, s) => {
      expect(r.sc.data).toMatchObject({ result: true, action: 'remove_blocks', user: 'mallory' });
      expect(emGroup(s, C).blocks).toEqual([]);
      expect(emGroup(s, C).members).not.toContain('mallory');
    },
  },
  {
    tool: 'easemob_unblock_users',
    args: { group_id: C, usernames: ['mallory', 'erin'] },
    setup: (s) => {
      emGroup(s, C).blocks.push('erin');
    },
    check: (r, s) => {
      expect(r.sc.data.map((x: { user: string; result: boolean }) => [x.user, x.result])).toEqual([
        ['mallory', true],
        ['erin', true],
      ]);
      expect(emGroup(s, C).blocks).toEqual([]);
    },
  },
  {
    tool: 'easemob_list_allowlist',
    args: { group_id: L },
    check: (r) => expect(r.sc).toEqual({ data: ['dave'], count: 1 }),
  },
  {
    tool: 'easemob_add_allowlist_user',
    args: { group_id: L, username: 'erin' },
    check: (r, s) => {
      expect(r.sc.data).toMatchObject({ result: true, user: 'erin' });
      expect(emGroup(s, L).whitelist).toEqual(['dave', 'erin']);
    },
  },
  {
    tool: 'easemob_add_allowlist_users',
    args: { group_id: L, usernames: ['erin', 'carol'] },
    check: (r, s) => {
      expect(r.sc.data.map((x: { result: boolean }) => x.result)).toEqual([true, true]);
      expect(emGroup(s, L).whitelist).toEqual(['dave', 'erin', 'carol']);
    },
  },
  {
    tool: 'easemob_remove_allowlist_users',
    args: { group_id: L, username: ['dave'] },
    check: (r, s) => {
      expect(r.sc.data).toMatchObject({ result: true, action: 'remove_user_whitelist', user: 'dave' });
      expect(emGroup(s, L).whitelist).toEqual([]);
      expect(emGroup(s, L).members).toContain('dave');
    },
  },
  {
    tool: 'easemob_list_muted_members',
    args: { group_id: L },
    check: (r, s) => {
      const expire = emGroup(s, L).mutes[0]?.expire;
      expect(expire).toBeGreaterThan(Date.now());
      expect(r.sc).toEqual({ data: [{ user: 'mallory', expire, expire_iso: new Date(expire ?? 0).toISOString() }] });
    },
  },
  {
    tool: 'easemob_mute_members',
    args: { group_id: L, usernames: ['erin'], mute_duration: 60_000 },
    check: (r, s, { t0, t1 }) => {
      const [row] = r.sc.data;
      expect(row).toMatchObject({ result: true, user: 'erin' });
      expect(row.expire).toBeGreaterThanOrEqual(t0 + 60_000);
      expect(row.expire).toBeLessThanOrEqual(t1 + 60_000);
      expect(emGroup(s, L).mutes).toContainEqual({ user: 'erin', expire: row.expire });
    },
  },
  {
    tool: 'easemob_mute_all',
    args: { group_id: L },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { mute: true } });
      expect(emGroup(s, L).muteAll).toBe(true);
    },
  },
  {
    tool: 'easemob_unmute_members',
    args: { group_id: L, member: ['mallory'] },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: [{ result: true, user: 'mallory' }] });
      expect(emGroup(s, L).mutes).toEqual([]);
    },
  },
  {
    tool: 'easemob_unmute_all',
    args: { group_id: L },
    setup: (s) => {
      emGroup(s, L).muteAll = true;
    },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { mute: false } });
      expect(emGroup(s, L).muteAll).toBe(false);
    },
  },
  {
    tool: 'easemob_list_threads',
    args: { limit: 10 },
    check: (r) => {
      expect(r.sc.entities).toEqual([{ id: T }]);
      expect(typeof r.sc.cursor).toBe('string');
    },
  },
  {
    tool: 'easemob_list_user_threads',
    args: { username: 'bob' },
    check: (r) => {
      expect(r.sc.entities).toEqual([
        expect.objectContaining({ id: T, name: 'Launch planning', owner: 'alice', groupId: L }),
      ]);
    },
  },
  {
    tool: 'easemob_list_user_group_threads',
    args: { group_id: L, username: 'carol', sort: 'asc' },
    check: (r) => expect(r.sc.entities.map((t: { id: string }) => t.id)).toEqual([T]),
  },
  {
    tool: 'easemob_create_thread',
    args: { group_id: L, name: 'Retro', msg_id: '1190000000000000002', owner: 'dave' },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { thread_id: '200000000000002' } });
      expect(emThread(s, '200000000000002')).toMatchObject({
        name: 'Retro',
        owner: 'dave',
        group_id: L,
        msg_id: '1190000000000000002',
      });
    },
  },
  {
    tool: 'easemob_rename_thread',
    args: { thread_id: T, name: 'Launch retro' },
    check: (r, s) => {
      expect(r.sc).toEqual({ untrusted: ['/data/name'], data: { name: 'Launch retro' } });
      expect(emThread(s, T).name).toBe('Launch retro');
    },
  },
  {
    tool: 'easemob_delete_thread',
    args: { thread_id: T },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { status: 'ok' } });
      expect(s.easemob.threads).toEqual([]);
    },
  },
  {
    tool: 'easemob_list_thread_members',
    args: { thread_id: T },
    check: (r) => expect(r.sc.data).toEqual({ affiliations: ['alice', 'bob', 'carol'] }),
  },
  {
    tool: 'easemob_add_thread_members',
    args: { thread_id: T, usernames: ['dave', 'erin'] },
    check: (r, s) => {
      expect(r.sc).toEqual({ data: { status: 'ok' } });
      expect(emThread(s, T).members.map((m) => m.user)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    },
  },
  {
    tool: 'easemob_kick_thread_members',
    args: { thread_id: T, usernames: ['carol'] },
    check: (r, s) => {
      expect(r.sc).toEqual({ entities: [{ result: true, user: 'carol' }] });
      expect(emThread(s, T).members.map((m) => m.user)).toEqual(['alice', 'bob']);
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Vendor-error paths: the request reaches the sandbox, which refuses it; nothing may change.
// ---------------------------------------------------------------------------------------------------------------

const NO_USER = { code: '10000', status: 200, message: 'user 9999 does not exist' };
const BAD_TOKEN = { code: '10008', status: 200, message: 'invalid access-token', badToken: true };
const NO_GROUP = { code: 'resource_not_found', status: 404, message: `grpID ${NOPE} does not exist!` };
const NO_THREAD = { code: 'resource_not_found', status: 404, message: `thread ${NOPE_T} does not exist!` };
const OWNER = { code: 'forbidden_op', status: 403, message: 'forbidden operation on group owner!' };
const BAD_CURSOR = { code: 'invalid_parameter', status: 400, message: 'invalid cursor' };

const unknownUser = (tool: string, args: Record<string, unknown> = {}): ErrCase => ({
  tool,
  label: 'unknown user',
  args: { user_id: NOBODY, ...args },
  ...NO_USER,
});

const lanyingErr: ErrCase[] = [
  unknownUser('lanying_set_friend_auth_mode', { value: 0 }),
  unknownUser('lanying_set_avatar', { avatar: 'https://example.invalid/x.png' }),
  {
    tool: 'lanying_batch_set_avatars',
    label: 'admin token refused',
    args: { list: [{ user_id: '1002', avatar: 'https://example.invalid/b.png' }] },
    ...BAD_TOKEN,
  },
  {
    tool: 'lanying_change_password',
    label: 'wrong old password',
    args: { user_id: '1002', old_password: 'not-bobs-password', new_password: 'n3w-secret-pw' },
    code: '10002',
    status: 200,
    message: 'old_password is wrong',
  },
  unknownUser('lanying_admin_change_password', { password: 'reset-secret-pw' }),
  unknownUser('lanying_delete_user'),
  unknownUser('lanying_list_devices'),
  {
    tool: 'lanying_remove_device',
    label: 'no such device',
    args: { user_id: '1001', device_sn: 7 },
    code: '10002',
    status: 200,
    message: 'device_sn 7 does not exist',
  },
  {
    tool: 'lanying_disable_users',
    label: 'one unknown id refuses the whole list',
    args: { list: ['1002', NOBODY] },
    ...NO_USER,
  },
  unknownUser('lanying_set_auto_download', { value: false }),
  {
    tool: 'lanying_enable_users',
    label: 'one unknown id refuses the whole list',
    args: { list: ['1003', NOBODY] },
    ...NO_USER,
  },
  {
    tool: 'lanying_kick_device',
    label: 'no such device',
    args: { user_id: '1001', device_sn: 9 },
    code: '10002',
    status: 200,
    message: 'device_sn 9 does not exist',
  },
  { tool: 'lanying_list_users', label: 'admin token refused', args: { page_num: 1 }, ...BAD_TOKEN },
  unknownUser('lanying_set_mobile', { mobile: '+15550009999' }),
  unknownUser('lanying_set_nickname', { nick_name: 'ghost' }),
  unknownUser('lanying_get_online_status'),
  unknownUser('lanying_set_private_info', { body: 'x' }),
  unknownUser('lanying_get_profile'),
  unknownUser('lanying_update_profile', { nick_name: 'ghost' }),
  {
    tool: 'lanying_batch_update_profiles',
    label: 'admin token refused',
    args: { list: [{ user_id: '1002', nick_name: 'B' }] },
    ...BAD_TOKEN,
  },
  unknownUser('lanying_set_public_info', { body: 'x' }),
  unknownUser('lanying_set_push_disabled', { value: true }),
  unknownUser('lanying_bind_push_alias', { alias: 'ghost' }),
  unknownUser('lanying_set_badge', { badge: 1 }),
  unknownUser('lanying_set_push_detail_hidden', { value: true }),
  unknownUser('lanying_set_push_dnd_hours', { no_push_start_hour: 1, no_push_end_hour: 2 }),
  unknownUser('lanying_set_push_nickname', { value: 'ghost' }),
  unknownUser('lanying_get_push_tags'),
  unknownUser('lanying_bind_push_tags', { tags: ['x'] }),
  unknownUser('lanying_unbind_push_tags', { tags: ['vip'] }),
  unknownUser('lanying_delete_all_push_tags'),
  {
    tool: 'lanying_batch_register_users',
    label: 'admin token refused',
    args: { list: [{ username: 'frank', password: 'frank-pw' }] },
    ...BAD_TOKEN,
  },
  {
    tool: 'lanying_register_push_user',
    label: 'username taken',
    args: { username: 'bob', password: 'other-pw' },
    code: '10004',
    status: 200,
    message: 'user already exists',
  },
  {
    tool: 'lanying_register_user',
    label: 'username taken',
    args: { username: 'alice', password: 'other-pw' },
    code: '10004',
    status: 200,
    message: 'user already exists',
  },
  unknownUser('lanying_get_settings'),
  {
    tool: 'lanying_update_settings',
    label: 'unknown user in the body',
    args: { user_id: NOBODY, no_sounds: true },
    ...NO_USER,
  },
  unknownUser('lanying_set_sounds_off', { value: true }),
  unknownUser('lanying_bind_device_token', { device_sn: 1, device_token: 't', notifier_name: 'n' }),
  unknownUser('lanying_unbind_device_token', { deviceSn: 1 }),
  {
    tool: 'lanying_change_username',
    label: 'name taken by another user',
    args: { user_id: '1004', username: 'alice' },
    code: '10004',
    status: 200,
    message: 'user already exists',
  },
  unknownUser('lanying_set_vibration', { value: true }),
];

const noGroup = (tool: string, args: Record<string, unknown> = {}): ErrCase => ({
  tool,
  label: 'unknown group',
  args: { group_id: NOPE, ...args },
  ...NO_GROUP,
});
const noThread = (tool: string, args: Record<string, unknown> = {}): ErrCase => ({
  tool,
  label: 'unknown thread',
  args: { thread_id: NOPE_T, ...args },
  ...NO_THREAD,
});

const easemobErr: ErrCase[] = [
  {
    tool: 'easemob_create_group',
    label: 'unknown owner',
    args: { groupname: 'x', public: true, owner: 'nobody' },
    code: 'resource_not_found',
    status: 404,
    message: "username nobody doesn't exist!",
  },
  noGroup('easemob_disable_group'),
  noGroup('easemob_enable_group'),
  noGroup('easemob_update_group', { groupname: 'x' }),
  { tool: 'easemob_list_groups', label: 'bad cursor', args: { cursor: 'not-a-cursor' }, ...BAD_CURSOR },
  {
    tool: 'easemob_list_user_groups',
    label: 'unknown user',
    args: { username: 'nobody' },
    code: 'service_resource_not_found',
    status: 404,
  },
  noGroup('easemob_is_group_member', { username: 'alice' }),
  { ...noGroup('easemob_get_groups'), args: { group_id: [NOPE] } },
  noGroup('easemob_dissolve_group'),
  noGroup('easemob_get_announcement'),
  noGroup('easemob_set_announcement', { announcement: 'x' }),
  noGroup('easemob_list_share_files'),
  noGroup('easemob_upload_share_file', { file: UPLOAD }),
  {
    tool: 'easemob_download_share_file',
    label: 'unknown file',
    args: { group_id: L, file_id: 'no-such-file' },
    code: 'resource_not_found',
    status: 404,
    message: 'file no-such-file does not exist!',
  },
  {
    tool: 'easemob_delete_share_file',
    label: 'unknown file',
    args: { group_id: L, file_id: 'no-such-file' },
    code: 'resource_not_found',
    status: 404,
    message: 'file no-such-file does not exist!',
  },
  {
    ...noGroup('easemob_list_members'),
    code: 'service_resource_not_found',
    message: `do not find this group:${NOPE}`,
  },
  {
    tool: 'easemob_add_member',
    label: 'blocked user',
    args: { group_id: C, username: 'mallory' },
    code: 'forbidden_op',
    status: 403,
    message: 'is in the block list',
  },
  {
    tool: 'easemob_add_members',
    label: 'one blocked user refuses the batch',
    args: { group_id: C, usernames: ['dave', 'mallory'] },
    code: 'forbidden_op',
    status: 403,
    message: 'mallory is in the block list',
  },
  { tool: 'easemob_remove_member', label: 'the owner', args: { group_id: L, username: 'alice' }, ...OWNER },
  {
    tool: 'easemob_remove_members',
    label: 'the owner among them',
    args: { group_id: L, members: ['carol', 'alice'] },
    ...OWNER,
  },
  {
    tool: 'easemob_set_member_metadata',
    label: 'not a member',
    args: { group_id: C, username: 'dave', metaData: { nickname: 'D' } },
    code: 'MetadataException',
    status: 404,
    message: 'user not in group',
  },
  {
    tool: 'easemob_get_member_metadata',
    label: 'not a member',
    args: { group_id: C, username: 'dave' },
    code: 'MetadataException',
    status: 404,
    message: 'user not in group',
  },
  noGroup('easemob_get_members_metadata', { targets: ['alice'], properties: [] }),
  noGroup('easemob_list_admins'),
  { tool: 'easemob_add_admin', label: 'the owner', args: { group_id: L, newadmin: 'alice' }, ...OWNER },
  {
    tool: 'easemob_remove_admin',
    label: 'not an admin',
    args: { group_id: L, username: 'carol' },
    code: 'forbidden_op',
    status: 403,
    message: 'is not admin of group',
  },
  {
    tool: 'easemob_transfer_group_owner',
    label: 'new owner not a member',
    args: { group_id: C, newowner: 'dave' },
    code: 'forbidden_op',
    status: 403,
    message: `user: dave doesn't exist in group: ${C}`,
  },
  noGroup('easemob_list_blocked_users'),
  { tool: 'easemob_block_user', label: 'the owner', args: { group_id: L, username: 'alice' }, ...OWNER },
  {
    tool: 'easemob_block_users',
    label: 'the owner among them',
    args: { group_id: L, usernames: ['erin', 'alice'] },
    ...OWNER,
  },
  {
    tool: 'easemob_unblock_user',
    label: 'not blocked',
    args: { group_id: L, username: 'carol' },
    code: 'forbidden_op',
    status: 403,
    message: 'not in the block list',
  },
  {
    tool: 'easemob_unblock_users',
    label: 'not blocked',
    args: { group_id: L, usernames: ['carol'] },
    code: 'forbidden_op',
    status: 403,
    message: 'not in the block list',
  },
  noGroup('easemob_list_allowlist'),
  {
    tool: 'easemob_add_allowlist_user',
    label: 'not a member',
    args: { group_id: C, username: 'dave' },
    code: 'forbidden_op',
    status: 403,
    message: 'are not members of this group',
  },
  {
    tool: 'easemob_add_allowlist_users',
    label: 'none of them members',
    args: { group_id: C, usernames: ['dave', 'erin'] },
    code: 'forbidden_op',
    status: 403,
    message: 'users [dave, erin] are not members of this group!',
  },
  {
    tool: 'easemob_remove_allowlist_users',
    label: 'not on the allow list',
    args: { group_id: L, username: ['carol'] },
    code: 'forbidden_op',
    status: 403,
    message: 'not in the white list',
  },
  noGroup('easemob_list_muted_members'),
  {
    tool: 'easemob_mute_members',
    label: 'the owner',
    args: { group_id: L, usernames: ['alice'], mute_duration: 60_000 },
    ...OWNER,
  },
  noGroup('easemob_mute_all'),
  noGroup('easemob_unmute_members', { member: ['mallory'] }),
  noGroup('easemob_unmute_all'),
  { tool: 'easemob_list_threads', label: 'bad cursor', args: { cursor: 'not-a-cursor' }, ...BAD_CURSOR },
  {
    tool: 'easemob_list_user_threads',
    label: 'bad cursor',
    args: { username: 'alice', cursor: 'not-a-cursor' },
    ...BAD_CURSOR,
  },
  noGroup('easemob_list_user_group_threads', { username: 'alice' }),
  {
    tool: 'easemob_create_thread',
    label: 'owner not in the group',
    args: { group_id: C, name: 'x', msg_id: '1190000000000000009', owner: 'dave' },
    code: 'forbidden_op',
    status: 403,
    message: `user: dave doesn't exist in group: ${C}`,
  },
  noThread('easemob_rename_thread', { name: 'x' }),
  noThread('easemob_delete_thread'),
  noThread('easemob_list_thread_members'),
  {
    tool: 'easemob_add_thread_members',
    label: 'not a group member',
    args: { thread_id: T, usernames: ['dave', 'nobody'] },
    code: 'forbidden_op',
    status: 403,
    message: 'users [nobody] are not members of this group!',
  },
  noThread('easemob_kick_thread_members', { usernames: ['carol'] }),
];

// ---------------------------------------------------------------------------------------------------------------

let sb: SandboxHandle;
let server: Started;
/** the same sandbox, reached with a wrong Lanying access token (only Lanying is configured) */
let badToken: Started;
const okTools = new Set<string>();
const errTools = new Set<string>();

beforeAll(async () => {
  sb = await startSandbox();
  [server, badToken] = await Promise.all([
    startServer({
      env: sandboxEnv(sb, { IM_ADMIN_CONFIRM: 'off', IM_ADMIN_MAX_DESTRUCTIVE: '100000', IM_ADMIN_FILES_DIR: DIR }),
    }),
    startServer({
      env: {
        LANYING_BASE_URL: sb.lanyingUrl,
        LANYING_APP_ID: sb.credentials.lanying.appId,
        LANYING_ACCESS_TOKEN: 'not-the-sandbox-token',
        IM_ADMIN_CONFIRM: 'off',
      },
    }),
  ]);
});
afterAll(async () => {
  await server?.close();
  await badToken?.close();
  await sb?.close();
});
beforeEach(() => resetSandbox(sb));

const title = (c: { tool: string; label?: string }) => (c.label ? `${c.tool} (${c.label})` : c.tool);

describe('the server against its sandbox', () => {
  it('is not in sandbox mode (credentials given) and serves every tool', async () => {
    expect((await server.client.listTools()).tools).toHaveLength(TOOL_COUNT);
    expect(server.client.getInstructions() ?? '').not.toContain('SANDBOX');
  });
});

describe('success path of every tool', () => {
  it.each([...lanyingOk, ...easemobOk].map((c) => [title(c), c] as const))('%s', async (_name, c) => {
    c.setup?.(sb.state);
    const before = snapshot(sb.state);
    const t0 = Date.now();
    const r = await call(server, c.tool, c.args);
    const t1 = Date.now();
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toMatch(/^OK|^Uploaded|^Downloaded|^Saved/);
    c.check(r, sb.state, { before, t0, t1 });
    if (SPEC.get(c.tool)?.annotations.readOnlyHint) expect(snapshot(sb.state)).toEqual(before);
    okTools.add(c.tool);
  });
});

describe('vendor-error path of every tool', () => {
  it.each([...lanyingErr, ...easemobErr].map((c) => [title(c), c] as const))('%s', async (_name, c) => {
    c.setup?.(sb.state);
    const before = snapshot(sb.state);
    const r = await call(c.badToken ? badToken : server, c.tool, c.args);
    expect(r.isError, r.text).toBe(true);
    const vendor = c.tool.startsWith('lanying_') ? 'lanying' : 'easemob';
    expect(r.sc.error).toMatchObject({ vendor, code: c.code, status: c.status });
    if (c.message) expect(r.sc.error.message).toContain(c.message);
    // the text names the vendor's code and message, and what to do
    expect(r.text).toContain(`${vendor === 'lanying' ? 'Lanying' : 'Easemob'} error ${c.code} (HTTP ${c.status})`);
    expect(r.text.split('\n').length).toBeGreaterThan(1);
    expect(snapshot(sb.state)).toEqual(before);
    errTools.add(c.tool);
  });
});

// Every tool is reached without a table: every-tool.test.ts (derived from the catalog and the contract cases) and
// sandbox/doc-examples.test.ts (each operation's documented shape). These tables add the sandbox state each call
// leaves and the vendor's own refusals; a new operation may add cases here, it need not.
describe('coverage', () => {
  const all = new Set(ALL_TOOLS.map((t) => t.name));
  const okCases = [...lanyingOk, ...easemobOk].map((c) => c.tool);
  const errCases = [...lanyingErr, ...easemobErr].map((c) => c.tool);
  it('the tables name only tools of the catalog', () => {
    expect([...okCases, ...errCases].filter((t) => !all.has(t))).toEqual([]);
  });
  it('every case of the tables passed in this run', () => {
    expect([...okTools].sort()).toEqual([...new Set(okCases)].sort());
    expect([...errTools].sort()).toEqual([...new Set(errCases)].sort());
  });
});

describe('zero configuration: the built-in sandbox', () => {
  let bare: Started;
  beforeAll(async () => {
    bare = await startServer({ env: {} });
  });
  afterAll(async () => bare?.close());

  it('serves every tool and says SANDBOX in its instructions', async () => {
    const { tools } = await bare.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(SERVED_TOOLS.map((t) => t.name).sort());
    const instructions = bare.client.getInstructions() ?? '';
    expect(instructions).toContain('SANDBOX');
    expect(instructions).toContain('Sandbox Lounge');
    expect(bare.stderr()).not.toContain('sandbox-client-secret');
  });

  it('lets a person create a group and read it back', async () => {
    const created = await call(bare, 'easemob_create_group', {
      groupname: 'Book Club',
      description: 'made in the zero-config sandbox',
      public: true,
      owner: 'alice',
      members: ['bob', 'carol'],
    });
    expect(created.isError, created.text).toBe(false);
    const groupid = created.sc.data.groupid as string;
    expect(groupid).toMatch(/^\d+$/);

    const read = await call(bare, 'easemob_get_groups', { group_id: [groupid] });
    expect(read.isError, read.text).toBe(false);
    expect(read.sc.data[0]).toMatchObject({
      id: groupid,
      name: 'Book Club',
      description: 'made in the zero-config sandbox',
      owner: 'alice',
      public: true,
      affiliations_count: 3,
      affiliations: [{ owner: 'alice' }, { member: 'bob' }, { member: 'carol' }],
    });
  });
});
