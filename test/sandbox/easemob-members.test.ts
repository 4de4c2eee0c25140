import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { easemobClient, fakeClock, GROUP1, GROUP2, start, THREAD1 } from './helpers.js';

let sb: SandboxHandle;
let em: ReturnType<typeof easemobClient>;
const clock = fakeClock();

beforeEach(async () => {
  clock.set(1_800_000_000_000);
  sb = await start({ now: clock.now });
  em = easemobClient(sb);
});
afterEach(async () => {
  await sb.close();
});

const group = (id: string) => {
  const g = sb.state.easemob.groups.find((x) => x.groupid === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
};

/** Register extra Easemob users directly in the state (the seed has no user API). */
function addKnownUsers(n: number, prefix = 'u'): string[] {
  const users = Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
  sb.state.easemob.users.push(...users);
  return users;
}

describe('members', () => {
  it('pages members with pagenum from 1, owner first', async () => {
    const all = await em('GET', `/chatgroups/${GROUP1}/users`);
    expect(all.body.count).toBe(6);
    expect(all.body.data[0]).toEqual({ owner: 'alice' });
    const p2 = await em('GET', `/chatgroups/${GROUP1}/users`, { query: { pagenum: 2, pagesize: 2 } });
    expect(p2.body.data).toEqual([{ member: 'carol' }, { member: 'dave' }]);
    expect(p2.body.params).toEqual({ pagenum: ['2'], pagesize: ['2'] });
    expect((await em('GET', `/chatgroups/${GROUP1}/users`, { query: { pagenum: 0 } })).status).toBe(400);
  });

  it('adds one member; refuses existing, unknown and blocked users', async () => {
    const r = await em('POST', `/chatgroups/${GROUP2}/users/dave`);
    expect(r.body.data).toEqual({ result: true, groupid: GROUP2, action: 'add_member', user: 'dave' });
    const again = await em('POST', `/chatgroups/${GROUP2}/users/dave`);
    expect(again.status).toBe(403);
    expect(again.body.error).toBe('forbidden_op');
    const unknown = await em('POST', `/chatgroups/${GROUP2}/users/zed`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_description).toBe("username zed doesn't exist!");
    const blocked = await em('POST', `/chatgroups/${GROUP2}/users/mallory`);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toBe('forbidden_op');
    const blockedBatch = await em('POST', `/chatgroups/${GROUP2}/users`, { json: { usernames: ['erin', 'mallory'] } });
    expect(blockedBatch.status).toBe(403);
    expect(group(GROUP2).members).not.toContain('mallory');
    expect(group(GROUP2).members).not.toContain('erin');
  });

  it('adds in batch (at most 60, within maxusers)', async () => {
    const r = await em('POST', `/chatgroups/${GROUP2}/users`, { json: { usernames: ['dave', 'erin', 'alice'] } });
    expect(r.body.data).toEqual({ newmembers: ['dave', 'erin'], groupid: GROUP2, action: 'add_member' });
    const all = await em('POST', `/chatgroups/${GROUP2}/users`, { json: { usernames: ['dave', 'erin'] } });
    expect(all.status).toBe(403);

    const many = addKnownUsers(61);
    const over = await em('POST', `/chatgroups/${GROUP1}/users`, { json: { usernames: many } });
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject({
      error: 'exceed_limit',
      error_description: 'members size is greater than max user size !',
    });
    expect(group(GROUP1).members).not.toContain('u001');

    // GROUP2 has maxusers 50 and 5 members now: 46 more do not fit.
    const full = await em('POST', `/chatgroups/${GROUP2}/users`, { json: { usernames: many.slice(0, 46) } });
    expect(full.status).toBe(403);
    expect(full.body.error).toBe('exceed_limit');
    expect((await em('POST', `/chatgroups/${GROUP2}/users`, { json: { usernames: many.slice(0, 45) } })).status).toBe(
      200,
    );
  });

  it('removes one member with object data and several with array data', async () => {
    const one = await em('DELETE', `/chatgroups/${GROUP1}/users/carol`);
    expect(one.body.data).toEqual({ result: true, action: 'remove_member', user: 'carol', groupid: GROUP1 });
    expect(group(GROUP1).metadata.carol).toBeUndefined();
    expect(sb.state.easemob.threads.find((t) => t.id === THREAD1)?.members.map((m) => m.user)).toEqual([
      'alice',
      'bob',
    ]);

    const several = await em('DELETE', `/chatgroups/${GROUP1}/users/dave,erin,zed`);
    expect(Array.isArray(several.body.data)).toBe(true);
    expect(several.body.data).toEqual([
      { result: true, action: 'remove_member', user: 'dave', groupid: GROUP1 },
      { result: true, action: 'remove_member', user: 'erin', groupid: GROUP1 },
      { result: false, action: 'remove_member', reason: "user zed doesn't exist.", user: 'zed', groupid: GROUP1 },
    ]);
    const encoded = await em('DELETE', `/chatgroups/${GROUP2}/users/alice%2Ccarol`);
    expect(encoded.body.data).toHaveLength(2);

    const notMember = await em('DELETE', `/chatgroups/${GROUP1}/users/carol`);
    expect(notMember.status).toBe(403);
    expect(notMember.body.error_description).toBe('users [carol] are not members of this group!');
  });

  it('never removes the owner, and caps batch removal at 60', async () => {
    const owner = await em('DELETE', `/chatgroups/${GROUP1}/users/alice`);
    expect(owner.status).toBe(403);
    expect(owner.body).toMatchObject({
      error: 'forbidden_op',
      error_description: 'forbidden operation on group owner!',
    });
    expect((await em('DELETE', `/chatgroups/${GROUP1}/users/bob,alice`)).status).toBe(403);
    expect(group(GROUP1).members).toContain('bob');

    const many = Array.from({ length: 61 }, (_, i) => `x${i}`).join(',');
    const over = await em('DELETE', `/chatgroups/${GROUP1}/users/${many}`);
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({
      error: 'invalid_parameter',
      error_description: 'kickMember: kickMembers number more than maxSize : 60',
    });
  });
});

describe('admins', () => {
  it('adds and removes admins; remove answers result "success"', async () => {
    expect((await em('GET', `/chatgroups/${GROUP1}/admin`)).body).toMatchObject({ data: ['bob'], count: 1 });
    const add = await em('POST', `/chatgroups/${GROUP1}/admin`, { json: { newadmin: 'carol' } });
    expect(add.body.data).toEqual({ result: 'success', newadmin: 'carol' });
    expect((await em('POST', `/chatgroups/${GROUP1}/admin`, { json: { newadmin: 'alice' } })).status).toBe(403);
    expect((await em('POST', `/chatgroups/${GROUP2}/admin`, { json: { newadmin: 'dave' } })).status).toBe(404);
    const rm = await em('DELETE', `/chatgroups/${GROUP1}/admin/carol`);
    expect(rm.body.data).toEqual({ result: 'success', oldadmin: 'carol' });
    const notAdmin = await em('DELETE', `/chatgroups/${GROUP1}/admin/carol`);
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.error_description).toBe(`user:carol is not admin of group:${GROUP1}`);
  });

  it('caps admins at 99', async () => {
    const users = addKnownUsers(99, 'a');
    group(GROUP1).members.push(...users);
    for (const u of users.slice(0, 98)) {
      const r = await em('POST', `/chatgroups/${GROUP1}/admin`, { json: { newadmin: u } });
      expect(r.status).toBe(200);
    }
    expect(group(GROUP1).admins).toHaveLength(99);
    const over = await em('POST', `/chatgroups/${GROUP1}/admin`, { json: { newadmin: users[98] } });
    expect(over.status).toBe(403);
    expect(over.body.error).toBe('exceed_limit');
    expect(group(GROUP1).admins).toHaveLength(99);
  });
});

describe('member metadata', () => {
  it('sets, merges, deletes with an empty value, and reads back', async () => {
    const set = await em('PUT', `/metadata/chatgroup/${GROUP1}/user/carol`, { json: { metaData: { role: 'dev' } } });
    // the answer holds the keys set (the seed's example and field table), not the member's whole map
    expect(set.body).toEqual({ timestamp: clock.now(), data: { role: 'dev' }, duration: 0 });
    expect((await em('GET', `/metadata/chatgroup/${GROUP1}/user/carol`)).body.data).toEqual({
      nickname: 'Caz',
      role: 'dev',
    });
    const cleared = await em('PUT', `/metadata/chatgroup/${GROUP1}/user/carol`, {
      json: { metaData: { nickname: '' } },
    });
    expect(cleared.body.data).toEqual({ nickname: '' });
    expect((await em('GET', `/metadata/chatgroup/${GROUP1}/user/carol`)).body.data).toEqual({ role: 'dev' });

    const notIn = await em('GET', `/metadata/chatgroup/${GROUP2}/user/dave`);
    expect(notIn.status).toBe(404);
    const longKey = await em('PUT', `/metadata/chatgroup/${GROUP1}/user/dave`, {
      json: { metaData: { ['k'.repeat(17)]: 'v' } },
    });
    expect(longKey.status).toBe(400);
    expect(longKey.body.error).toBe('metadata_error');
  });

  it('batch-gets at most 10 targets (a POST that reads)', async () => {
    await em('PUT', `/metadata/chatgroup/${GROUP1}/user/dave`, { json: { metaData: { a: '1', b: '2' } } });
    const r = await em('POST', `/metadata/chatgroup/${GROUP1}/get`, {
      json: { targets: ['carol', 'dave', 'nobody'], properties: ['a', 'nickname'] },
    });
    expect(r.body.data).toEqual({ carol: { nickname: 'Caz' }, dave: { a: '1' } });
    const all = await em('POST', `/metadata/chatgroup/${GROUP1}/get`, { json: { targets: ['dave'], properties: [] } });
    expect(all.body.data).toEqual({ dave: { a: '1', b: '2' } });
    const over = await em('POST', `/metadata/chatgroup/${GROUP1}/get`, {
      json: { targets: Array.from({ length: 11 }, (_, i) => `t${i}`), properties: [] },
    });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ error: 'metadata_error', error_description: 'query param reaches limit.' });
  });
});
