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

async function createGroup(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  clock.advance(1000);
  const r = await em('POST', '/chatgroups', { json: { groupname: name, public: true, owner: 'dave', ...extra } });
  expect(r.status).toBe(200);
  return r.body.data.groupid as string;
}

describe('create, details, dissolve', () => {
  it('creates a group with the documented envelope; public groups force allowinvites false', async () => {
    const r = await em('POST', '/chatgroups', {
      json: {
        groupname: 'g',
        description: 'd',
        public: true,
        maxusers: 300,
        owner: 'alice',
        members: ['bob'],
        allowinvites: true,
      },
    });
    expect(r.body).toEqual({
      action: 'post',
      application: expect.any(String),
      uri: `${sb.easemobUrl}/sandbox-org/sandbox-app/chatgroups`,
      entities: [],
      data: { groupid: '100000000000003' },
      timestamp: clock.now(),
      duration: 0,
      organization: 'sandbox-org',
      applicationName: 'sandbox-app',
    });
    const g = sb.state.easemob.groups.find((x) => x.groupid === '100000000000003');
    expect(g).toMatchObject({ owner: 'alice', members: ['bob'], allowinvites: false, maxusers: 300, public: true });

    const missing = await em('POST', '/chatgroups', { json: { groupname: 'x', owner: 'alice' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('required_property_not_found');
    const unknownOwner = await em('POST', '/chatgroups', { json: { public: false, owner: 'zed' } });
    expect(unknownOwner.status).toBe(404);
    const tooMany = await em('POST', '/chatgroups', {
      json: { public: false, owner: 'alice', maxusers: 2, members: ['bob', 'carol'] },
    });
    expect(tooMany.status).toBe(403);
    expect(tooMany.body.error).toBe('exceed_limit');
  });

  it('answers details of many ids, marking missing ones, and refuses more than 100', async () => {
    const one = await em('GET', `/chatgroups/${GROUP1}`);
    expect(one.body.count).toBe(1);
    expect(one.body.data[0]).toMatchObject({
      id: GROUP1,
      name: 'Sandbox Lounge',
      owner: 'alice',
      public: true,
      mute: false,
      disabled: false,
      affiliations_count: 6,
      custom: '',
    });
    expect(one.body.data[0].affiliations[0]).toEqual({ owner: 'alice' });
    expect(one.body.data[0].affiliations).toContainEqual({ member: 'mallory' });

    const many = await em('GET', `/chatgroups/${GROUP1},${GROUP2},999`);
    expect(many.body.count).toBe(2);
    expect(many.body.data.map((g: { id: string }) => g.id)).toEqual([GROUP1, GROUP2, '999']);
    expect(many.body.data[2]).toEqual({ id: '999', error: "group id doesn't exist" });

    const ids = Array.from({ length: 101 }, (_, i) => String(i + 1)).join(',');
    const over = await em('GET', `/chatgroups/${ids}`);
    expect(over.status).toBe(400);
    expect(over.body.error).toBe('invalid_parameter');
  });

  it('dissolves a group and its threads; details then say it is gone', async () => {
    const r = await em('DELETE', `/chatgroups/${GROUP1}`);
    expect(r.body.data).toEqual({ success: true, groupid: GROUP1 });
    expect(sb.state.easemob.threads.find((t) => t.id === THREAD1)).toBeUndefined();
    const gone = await em('GET', `/chatgroups/${GROUP1}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({
      error: 'resource_not_found',
      error_description: `grpID ${GROUP1} does not exist!`,
    });
  });
});

describe('modify and transfer (shared PUT route)', () => {
  it('answers a boolean per field and refuses unknown fields', async () => {
    const r = await em('PUT', `/chatgroups/${GROUP1}`, {
      json: { groupname: 'Renamed', maxusers: 3, membersonly: true, custom: 'x' },
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ groupname: true, maxusers: false, membersonly: true, custom: true });
    const g = sb.state.easemob.groups.find((x) => x.groupid === GROUP1);
    expect(g).toMatchObject({ groupname: 'Renamed', maxusers: 200, membersonly: true, custom: 'x' });

    const bad = await em('PUT', `/chatgroups/${GROUP1}`, { json: { groupname: 'a', groupid: '1', owner: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: 'invalid_parameter',
      error_description: 'some of [groupid, owner] are not valid fields',
    });
  });

  it('transfers ownership: newowner true, the old owner stays a member', async () => {
    const r = await em('PUT', `/chatgroups/${GROUP1}`, { json: { newowner: 'bob' } });
    expect(r.body.data).toEqual({ newowner: true });
    const g = sb.state.easemob.groups.find((x) => x.groupid === GROUP1);
    expect(g?.owner).toBe('bob');
    expect(g?.members).toContain('alice');
    expect(g?.members).not.toContain('bob');
    expect(g?.admins).not.toContain('bob');
    const joined = await em('GET', `/chatgroups/${GROUP1}/user/alice/is_joined`);
    expect(joined.body.data).toBe(true);

    const same = await em('PUT', `/chatgroups/${GROUP1}`, { json: { newowner: 'bob' } });
    expect(same.status).toBe(403);
    expect(same.body.error_description).toBe('new owner and old owner are the same');
    const outsider = await em('PUT', `/chatgroups/${GROUP2}`, { json: { newowner: 'dave' } });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error).toBe('forbidden_op');
  });

  it('refuses modifications of a disabled group until it is enabled', async () => {
    expect((await em('POST', `/chatgroups/${GROUP2}/disable`)).body.data).toEqual({ disabled: true });
    const refused = await em('PUT', `/chatgroups/${GROUP2}`, { json: { groupname: 'x' } });
    expect(refused.status).toBe(403);
    expect((await em('GET', `/chatgroups/${GROUP2}`)).body.data[0].disabled).toBe(true);
    expect((await em('POST', `/chatgroups/${GROUP2}/enable`)).body.data).toEqual({ disabled: false });
    expect((await em('PUT', `/chatgroups/${GROUP2}`, { json: { groupname: 'x' } })).status).toBe(200);
  });
});

describe('paging', () => {
  it('lists groups newest first with limit and a top-level cursor', async () => {
    const g3 = await createGroup('three');
    const g4 = await createGroup('four');
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await em('GET', '/chatgroups', { query: { limit: 3, ...(cursor ? { cursor } : {}) } });
      expect(r.status).toBe(200);
      expect(r.body.count).toBe(r.body.data.length);
      seen.push(...r.body.data.map((g: { groupid: string }) => g.groupid));
      cursor = r.body.cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([g4, g3, GROUP2, GROUP1]);
    const first = await em('GET', '/chatgroups', { query: { limit: 1 } });
    expect(first.body.params).toEqual({ limit: ['1'] });
    expect(first.body.data[0]).toMatchObject({
      owner: 'sandbox-org#sandbox-app_dave',
      groupid: g4,
      affiliations: 1,
      type: 'group',
      groupname: 'four',
      lastModified: expect.any(String),
    });
    expect((await em('GET', '/chatgroups', { query: { cursor: 'garbage!' } })).status).toBe(400);
    expect((await em('GET', '/chatgroups', { query: { limit: 0 } })).status).toBe(400);
  });

  it("pages a user's groups with pagesize and pagenum from 0, answered in entities + total", async () => {
    await createGroup('a');
    await createGroup('b');
    const p0 = await em('GET', '/chatgroups/user/dave', { query: { pagesize: 2, pagenum: 0 } });
    expect(p0.body.total).toBe(3);
    expect(p0.body.entities).toHaveLength(2);
    expect(p0.body.entities[0]).toMatchObject({ name: 'b', owner: 'dave', groupId: expect.any(String), public: true });
    const p1 = await em('GET', '/chatgroups/user/dave', { query: { pagesize: 2, pagenum: 1 } });
    expect(p1.body.entities.map((g: { id: string }) => g.id)).toEqual([GROUP1]);
    expect((await em('GET', '/chatgroups/user/dave', { query: { pagesize: 21 } })).status).toBe(400);
    const none = await em('GET', '/chatgroups/user/nobody');
    expect(none.status).toBe(404);
  });

  it('answers is_joined with a bare boolean', async () => {
    const yes = await em('GET', `/chatgroups/${GROUP1}/user/carol/is_joined`);
    expect(yes.body).toEqual({
      action: 'get',
      application: expect.any(String),
      data: true,
      duration: 0,
      organization: 'sandbox-org',
      timestamp: clock.now(),
    });
    expect((await em('GET', `/chatgroups/${GROUP2}/user/mallory/is_joined`)).body.data).toBe(false);
  });
});

describe('announcements', () => {
  it('reads and writes the announcement, max 512 characters', async () => {
    expect((await em('GET', `/chatgroups/${GROUP1}/announcement`)).body.data).toEqual({
      announcement: 'Welcome to the Sandbox Lounge. Be kind.',
    });
    const set = await em('POST', `/chatgroups/${GROUP1}/announcement`, { json: { announcement: 'New rules' } });
    expect(set.body.data).toEqual({ id: GROUP1, result: true });
    expect((await em('GET', `/chatgroups/${GROUP1}/announcement`)).body.data.announcement).toBe('New rules');
    const long = await em('POST', `/chatgroups/${GROUP1}/announcement`, { json: { announcement: 'x'.repeat(513) } });
    expect(long.status).toBe(400);
  });
});
