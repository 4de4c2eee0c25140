import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { lanyingClient, start } from './helpers.js';

let sb: SandboxHandle;
let ly: ReturnType<typeof lanyingClient>;

beforeEach(async () => {
  sb = await start();
  ly = lanyingClient(sb);
});
afterEach(async () => {
  await sb.close();
});

const user = (id: number) => sb.state.lanying.users.find((u) => u.user_id === id);

describe('Lanying auth and envelope', () => {
  it('answers business errors inside HTTP 200', async () => {
    const wrongApp = await ly('GET', '/user/profile', { userId: 1001, headers: { app_id: 'nope' } });
    expect(wrongApp.status).toBe(200);
    expect(wrongApp.body).toMatchObject({ code: 40000, data: null });

    const noToken = await fetch(`${sb.lanyingUrl}/user/profile`, {
      headers: { app_id: 'sandbox-app-id', user_id: '1001' },
    });
    expect(noToken.status).toBe(200);
    expect(await noToken.json()).toMatchObject({ code: 10003 });

    const badToken = await ly('GET', '/user/profile', { userId: 1001, headers: { 'access-token': 'wrong' } });
    expect(badToken.body).toMatchObject({ code: 10008 });

    const noSuchUser = await ly('GET', '/user/profile', { userId: 4242 });
    expect(noSuchUser.status).toBe(200);
    expect(noSuchUser.body).toMatchObject({ code: 10000, data: null });
  });

  it('asks for the user_id header when an operation acts on a user', async () => {
    const r = await ly('GET', '/user/profile');
    expect(r.status).toBe(200);
    expect(r.body.code).toBe(10002);
    expect(r.body.message).toMatch(/user_id/);
  });

  it('answers an unknown route with HTTP 404', async () => {
    const r = await ly('GET', '/user/nothing-here', { userId: 1001 });
    expect(r.status).toBe(404);
  });

  it('returns the profile in the documented shape', async () => {
    const r = await ly('GET', '/user/profile', { userId: 1001 });
    expect(r.body).toEqual({
      code: 200,
      message: null,
      data: {
        avatar: 'https://example.invalid/avatars/alice.png',
        description: 'Sandbox admin user with two devices',
        email: 'alice@example.invalid',
        mobile: '+15550001001',
        nick_name: 'Alice',
        private_info: '{"note":"seed user"}',
        public_info: '{"title":"team lead"}',
        user_id: 1001,
        username: 'alice',
      },
    });
  });
});

describe('Lanying profile and settings', () => {
  it('stores raw-text extension information (1.17, 1.21) and profile updates (PUT and POST twins)', async () => {
    expect((await ly('PUT', '/user/private', { userId: 1002, raw: 'secret "note"' })).body.data).toBe(true);
    expect((await ly('POST', '/user/public', { userId: 1002, raw: 'hello world' })).body.data).toBe(true);
    await ly('POST', '/user/profile', { userId: 1002, json: { nick_name: 'Bobby', description: 'd' } });
    const p = (await ly('GET', '/user/profile', { userId: 1002 })).body.data;
    expect(p).toMatchObject({
      private_info: 'secret "note"',
      public_info: 'hello world',
      nick_name: 'Bobby',
      description: 'd',
    });
    const bad = await ly('PUT', '/user/profile', { userId: 1002, json: { nick_name: 5 } });
    expect(bad.body.code).toBe(10002);
  });

  it('sets settings from query parameters', async () => {
    await ly('PUT', '/user/push', { userId: 1001, query: { value: true } });
    await ly('POST', '/user/sounds', { userId: 1001, query: { value: true } });
    await ly('PUT', '/user/authmode', { userId: 1001, query: { value: 2 } });
    await ly('PUT', '/user/push/limit', { userId: 1001, query: { no_push_start_hour: 22, no_push_end_hour: 7 } });
    await ly('PUT', '/user/push/nickname', { userId: 1001, query: { value: 'Ally' } });
    const s = (await ly('GET', '/user/settings', { userId: 1001 })).body.data;
    expect(s).toMatchObject({
      id: 1001,
      user_id: 1001,
      no_push: true,
      no_sounds: true,
      auth_mode: 2,
      no_push_start_hour: 22,
      no_push_end_hour: 7,
      push_nick_name: 'Ally',
    });
    expect((await ly('PUT', '/user/push', { userId: 1001, query: { value: 'maybe' } })).body.code).toBe(10002);
    expect((await ly('PUT', '/user/vibratory', { userId: 1001 })).body.code).toBe(10002);
    expect(
      (await ly('PUT', '/user/push/limit', { userId: 1001, query: { no_push_start_hour: 24, no_push_end_hour: 1 } }))
        .body.code,
    ).toBe(10002);
  });

  it('modifies settings of the body user_id (1.36)', async () => {
    const missing = await ly('PUT', '/user/settings', { userId: 1001, json: { no_push: true } });
    expect(missing.body.code).toBe(10002);
    const r = await ly('PUT', '/user/settings', { json: { user_id: 1004, no_push: true, auth_question: 'q?' } });
    expect(r.body).toMatchObject({ code: 200, data: true });
    expect(user(1004)?.settings).toMatchObject({ no_push: true, auth_question: 'q?' });
  });

  it('changes passwords', async () => {
    const wrong = await ly('POST', '/user/change_password', {
      userId: 1001,
      json: { old_password: 'x', new_password: 'y' },
    });
    expect(wrong.body.code).toBe(10002);
    await ly('POST', '/user/change_password', {
      userId: 1001,
      json: { old_password: 'alice-pass-1001', new_password: 'n1' },
    });
    expect(user(1001)?.password).toBe('n1');
    await ly('POST', '/user/change_password_admin', { userId: 1001, json: { password: 'n2' } });
    expect(user(1001)?.password).toBe('n2');
  });

  it('renames with 10004 on a taken username', async () => {
    expect((await ly('PUT', '/user/username', { userId: 1002, query: { username: 'alice' } })).body.code).toBe(10004);
    expect((await ly('PUT', '/user/username', { userId: 1002, query: { username: 'robert' } })).body.code).toBe(200);
    expect(user(1002)?.username).toBe('robert');
  });
});

describe('Lanying accounts', () => {
  it('registers users (1.34, 1.32, 1.33) and refuses duplicates with 10004', async () => {
    const r = await ly('POST', '/user/register/v2', { json: { username: 'frank', password: 'pw' } });
    expect(r.body.code).toBe(200);
    expect(r.body.data).toMatchObject({ id: 1006, user_id: 1006, auth_mode: 1, no_push: false });
    expect((await ly('POST', '/user/register/v2', { json: { username: 'frank', password: 'pw' } })).body.code).toBe(
      10004,
    );

    const batch = await ly('POST', '/user/register/batch', {
      json: {
        list: [
          { username: 'gina', password: 'p' },
          { username: 'alice', password: 'p' },
        ],
      },
    });
    // every item carries the four fields of the 1.32 table: reason "" on success, user_id 0 when none was created
    expect(batch.body.data).toEqual([
      { reason: '', success: true, user_id: 1007, username: 'gina' },
      { reason: 'username already exists', success: false, user_id: 0, username: 'alice' },
    ]);

    const push = await ly('POST', '/user/register/push', {
      json: { username: 'hank', password: 'p', alias: 'hank-phone', push_token: 'tok' },
    });
    expect(push.body.data).toMatchObject({ user_id: 1008, push_token: 'tok' });
    expect(user(1008)?.alias).toBe('hank-phone');
  });

  it('lists users with page_num from 1 and status 1 for disabled users', async () => {
    const p1 = await ly('GET', '/user/list', { query: { page_num: 1, page_size: 2 } });
    expect(p1.body.data).toEqual([
      { status: 0, user_id: 1001, username: 'alice' },
      { status: 0, user_id: 1002, username: 'bob' },
    ]);
    const p2 = await ly('GET', '/user/list', { query: { page_num: 2, page_size: 2 } });
    expect(p2.body.data).toEqual([
      { status: 1, user_id: 1003, username: 'carol' },
      { status: 0, user_id: 1004, username: 'dave' },
    ]);
    expect((await ly('GET', '/user/list', { query: { page_num: 0 } })).body.code).toBe(10002);
  });

  it('disables and enables users by list (1.9, 1.11)', async () => {
    expect((await ly('PUT', '/user/disable', { json: { list: [1001, '1002'] } })).body.data).toBe(true);
    expect(user(1001)?.disabled).toBe(true);
    expect(user(1002)?.disabled).toBe(true);
    await ly('PUT', '/user/enable', { json: { list: [1001, 1002, 1003] } });
    expect(sb.state.lanying.users.every((u) => !u.disabled)).toBe(true);
    expect((await ly('PUT', '/user/disable', { json: { list: [9999] } })).body.code).toBe(10000);
    expect((await ly('POST', '/user/disable', { json: { list: [1001] } })).status).toBe(405);
  });

  it('deletes a user with DELETE and a JSON body (1.6)', async () => {
    const r = await ly('DELETE', '/user/delete', { userId: 1005, json: {} });
    expect(r.body).toMatchObject({ code: 200, data: true });
    expect(user(1005)).toBeUndefined();
    expect((await ly('GET', '/user/profile', { userId: 1005 })).body.code).toBe(10000);
  });

  it('batch-updates avatars and profiles with per-user results', async () => {
    const r = await ly('PUT', '/user/avatar/batch', {
      json: {
        list: [
          { user_id: 1002, avatar: 'https://a/b.png' },
          { user_id: 4242, avatar: 'x' },
        ],
      },
    });
    // every item carries the three fields of the 1.3 / 1.20 tables: reason "" on success, user_id 0 when unreadable
    expect(r.body.data).toEqual([
      { reason: '', success: true, user_id: 1002 },
      { reason: 'user does not exist', success: false, user_id: 4242 },
    ]);
    const p = await ly('POST', '/user/profile/batch', {
      json: { list: [{ user_id: 1004, nick_name: 'D' }, { nick_name: 'no id' }, { user_id: 1002, nick_name: 5 }] },
    });
    expect(p.body.data).toEqual([
      { reason: '', success: true, user_id: 1004 },
      { reason: 'user_id is required', success: false, user_id: 0 },
      { reason: 'invalid parameter: nick_name must be a string', success: false, user_id: 1002 },
    ]);
    expect(user(1004)?.nick_name).toBe('D');
  });
});

describe('Lanying devices, tokens and push', () => {
  it('lists devices with a version, kicks and removes devices', async () => {
    const list = await ly('GET', '/user/device/list', { userId: 1001 });
    expect(list.body).toMatchObject({ code: 200, version: 1 });
    expect(list.body.data).toEqual([
      { device_sn: 1, platform: 1, user_agent: 'iPhone15,2 iOS/17.4 floo/4.0', user_id: 1001 },
      { device_sn: 2, platform: 6, user_agent: 'Mozilla/5.0 floo-web/4.0', user_id: 1001 },
    ]);
    expect((await ly('GET', '/user/online_status', { userId: 1001 })).body.data).toEqual({ online: true });
    await ly('PUT', '/user/kick', { userId: 1001, query: { device_sn: 1 } });
    expect((await ly('GET', '/user/online_status', { userId: 1001 })).body.data).toEqual({ online: false });
    expect((await ly('POST', '/user/kick', { userId: 1001, query: { device_sn: 9 } })).body.code).toBe(10002);

    await ly('DELETE', '/user/device/remove', { userId: 1001, query: { device_sn: 1 } });
    expect(user(1001)?.devices.map((d) => d.device_sn)).toEqual([2]);
    expect(user(1001)?.bound_tokens).toEqual([]);
    expect((await ly('GET', '/user/device/list', { userId: 1001 })).body.version).toBe(2);
  });

  it('binds and unbinds push tokens (deviceSn query, object data)', async () => {
    await ly('POST', '/user/token/bind', {
      userId: 1002,
      json: { device_sn: 1, device_token: 'fcm-1', notifier_name: 'fcm' },
    });
    expect(user(1002)?.bound_tokens).toEqual([{ device_sn: 1, device_token: 'fcm-1', notifier_name: 'fcm' }]);
    const r = await ly('DELETE', '/user/token/unbind', { userId: 1002, query: { deviceSn: 1 } });
    expect(r.body).toEqual({ code: 200, message: null, data: {} });
    expect(user(1002)?.bound_tokens).toEqual([]);
  });

  it('manages tags, alias and badge', async () => {
    expect((await ly('GET', '/user/push/tag', { userId: 1001 })).body.data).toEqual(['vip', 'beta']);
    await ly('POST', '/user/push/tag', { userId: 1001, json: { tags: ['beta', 'gold'] } });
    await ly('DELETE', '/user/push/tag', { userId: 1001, json: { tags: ['vip'] } });
    expect(user(1001)?.tags).toEqual(['beta', 'gold']);
    await ly('DELETE', '/user/push/tag/all', { userId: 1001 });
    expect(user(1001)?.tags).toEqual([]);
    expect((await ly('POST', '/user/push/tag', { userId: 1001, json: { tags: [] } })).body.code).toBe(10002);

    await ly('POST', '/user/push/alias', { userId: 1002, json: { alias: 'bob-phone' } });
    await ly('POST', '/user/push/badge', { userId: 1002, json: { badge: 7 } });
    expect(user(1002)).toMatchObject({ alias: 'bob-phone', badge: 7 });
  });
});
