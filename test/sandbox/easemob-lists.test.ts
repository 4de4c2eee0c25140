import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { easemobClient, fakeClock, GROUP1, GROUP2, start } from './helpers.js';

let sb: SandboxHandle;
let em: ReturnType<typeof easemobClient>;
const clock = fakeClock();
const T0 = 1_800_000_000_000;

beforeEach(async () => {
  clock.set(T0);
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

describe('block list', () => {
  it('blocks a member (removing them), refuses the owner, and keeps blocked users out', async () => {
    const owner = await em('POST', `/chatgroups/${GROUP1}/blocks/users/alice`);
    expect(owner.status).toBe(403);
    expect(owner.body.error_description).toBe('forbidden operation on group owner!');

    const r = await em('POST', `/chatgroups/${GROUP1}/blocks/users/erin`);
    expect(r.body.data).toEqual({ result: true, action: 'add_blocks', user: 'erin', groupid: GROUP1 });
    expect(group(GROUP1).members).not.toContain('erin');
    expect((await em('GET', `/chatgroups/${GROUP1}/blocks/users`)).body).toMatchObject({ data: ['erin'], count: 1 });

    const add = await em('POST', `/chatgroups/${GROUP1}/users/erin`);
    expect(add.status).toBe(403);
    expect(group(GROUP1).members).not.toContain('erin');

    const outsider = await em('POST', `/chatgroups/${GROUP2}/blocks/users/dave`);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error_description).toBe('users [dave] are not members of this group!');
  });

  it('blocks in batch with per-user results and refuses more than 60', async () => {
    const r = await em('POST', `/chatgroups/${GROUP1}/blocks/users`, { json: { usernames: ['carol', 'zed'] } });
    expect(r.body.data).toEqual([
      { result: true, action: 'add_blocks', user: 'carol', groupid: GROUP1 },
      { result: false, action: 'add_blocks', reason: "user zed doesn't exist.", user: 'zed', groupid: GROUP1 },
    ]);
    expect(
      (await em('POST', `/chatgroups/${GROUP1}/blocks/users`, { json: { usernames: ['alice', 'dave'] } })).status,
    ).toBe(403);
    const over = await em('POST', `/chatgroups/${GROUP1}/blocks/users`, {
      json: { usernames: Array.from({ length: 61 }, (_, i) => `x${i}`) },
    });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({
      error: 'invalid_parameter',
      error_description: 'userNames is more than max limit : 60',
    });
  });

  it('unblocks: object data for one id, array for several', async () => {
    await em('POST', `/chatgroups/${GROUP1}/blocks/users`, { json: { usernames: ['carol', 'dave'] } });
    const one = await em('DELETE', `/chatgroups/${GROUP2}/blocks/users/mallory`);
    expect(one.body.data).toEqual({ result: true, action: 'remove_blocks', user: 'mallory', groupid: GROUP2 });
    expect((await em('POST', `/chatgroups/${GROUP2}/users/mallory`)).status).toBe(200);

    const two = await em('DELETE', `/chatgroups/${GROUP1}/blocks/users/carol,erin`);
    expect(two.body.data).toEqual([
      { result: true, action: 'remove_blocks', user: 'carol', groupid: GROUP1 },
      expect.objectContaining({ result: false, user: 'erin' }),
    ]);
    expect(group(GROUP1).blocks).toEqual(['dave']);
  });
});

describe('white list', () => {
  it('adds, lists and removes (object for one, array for several)', async () => {
    const add = await em('POST', `/chatgroups/${GROUP1}/white/users/erin`);
    expect(add.body.data).toEqual({ result: true, action: 'add_user_whitelist', user: 'erin', groupid: GROUP1 });
    const batch = await em('POST', `/chatgroups/${GROUP1}/white/users`, { json: { usernames: ['carol', 'zed'] } });
    expect(batch.body.data[0]).toEqual({ result: true, action: 'add_user_whitelist', user: 'carol', groupid: GROUP1 });
    expect(batch.body.data[1]).toMatchObject({ result: false, user: 'zed' });
    expect((await em('GET', `/chatgroups/${GROUP1}/white/users`)).body).toMatchObject({
      data: ['dave', 'erin', 'carol'],
      count: 3,
    });
    expect((await em('POST', `/chatgroups/${GROUP2}/white/users/dave`)).status).toBe(403);

    const one = await em('DELETE', `/chatgroups/${GROUP1}/white/users/dave`);
    expect(one.body.data).toEqual({ result: true, action: 'remove_user_whitelist', user: 'dave', groupid: GROUP1 });
    const two = await em('DELETE', `/chatgroups/${GROUP1}/white/users/erin,carol`);
    expect(two.body.data.map((d: { result: boolean }) => d.result)).toEqual([true, true]);
    expect(group(GROUP1).whitelist).toEqual([]);
  });
});

describe('mutes', () => {
  it('mutes for mute_duration milliseconds and expires by the injected clock', async () => {
    const r = await em('POST', `/chatgroups/${GROUP1}/mute`, { json: { usernames: ['dave'], mute_duration: 5000 } });
    expect(r.body.data).toEqual([{ result: true, expire: T0 + 5000, user: 'dave' }]);
    let list = (await em('GET', `/chatgroups/${GROUP1}/mute`)).body.data;
    expect(list).toContainEqual({ expire: T0 + 5000, user: 'dave' });
    expect(list).toContainEqual({ expire: T0 + 24 * 3600 * 1000, user: 'mallory' });

    clock.advance(5001);
    list = (await em('GET', `/chatgroups/${GROUP1}/mute`)).body.data;
    expect(list.map((m: { user: string }) => m.user)).toEqual(['mallory']);

    clock.advance(24 * 3600 * 1000);
    expect((await em('GET', `/chatgroups/${GROUP1}/mute`)).body.data).toEqual([]);
  });

  it('keeps a -1 mute forever, and 0 lifts a mute', async () => {
    await em('POST', `/chatgroups/${GROUP1}/mute`, { json: { usernames: ['carol', 'erin'], mute_duration: -1 } });
    clock.advance(10 * 365 * 24 * 3600 * 1000);
    const list = (await em('GET', `/chatgroups/${GROUP1}/mute`)).body.data;
    expect(list).toEqual([
      { expire: -1, user: 'carol' },
      { expire: -1, user: 'erin' },
    ]);
    await em('POST', `/chatgroups/${GROUP1}/mute`, { json: { usernames: ['erin'], mute_duration: 0 } });
    expect((await em('GET', `/chatgroups/${GROUP1}/mute`)).body.data).toEqual([{ expire: -1, user: 'carol' }]);
  });

  it('refuses to mute the owner, non-members and more than 60 users', async () => {
    const owner = await em('POST', `/chatgroups/${GROUP1}/mute`, {
      json: { usernames: ['alice'], mute_duration: 1000 },
    });
    expect(owner.status).toBe(403);
    expect(owner.body.error_description).toBe('forbidden operation on group owner!');
    const outsider = await em('POST', `/chatgroups/${GROUP2}/mute`, {
      json: { usernames: ['dave'], mute_duration: 1000 },
    });
    expect(outsider.status).toBe(403);
    const over = await em('POST', `/chatgroups/${GROUP1}/mute`, {
      json: { usernames: Array.from({ length: 61 }, (_, i) => `x${i}`), mute_duration: 1000 },
    });
    expect(over.status).toBe(400);
    expect(over.body.error_description).toBe('userNames size is more than max limit : 60');
    const noDuration = await em('POST', `/chatgroups/${GROUP1}/mute`, { json: { usernames: ['dave'] } });
    expect(noDuration.status).toBe(400);
  });

  it('unmutes with an array answer even for one member', async () => {
    const one = await em('DELETE', `/chatgroups/${GROUP1}/mute/mallory`);
    expect(one.body.data).toEqual([{ result: true, user: 'mallory' }]);
    await em('POST', `/chatgroups/${GROUP1}/mute`, { json: { usernames: ['carol', 'dave'], mute_duration: -1 } });
    const two = await em('DELETE', `/chatgroups/${GROUP1}/mute/carol,dave,erin`);
    expect(two.body.data).toEqual([
      { result: true, user: 'carol' },
      { result: true, user: 'dave' },
      expect.objectContaining({ result: false, user: 'erin' }),
    ]);
    expect(group(GROUP1).mutes).toEqual([]);
  });

  it('bans and unbans everyone (mute-all), visible in details', async () => {
    expect((await em('POST', `/chatgroups/${GROUP1}/ban`)).body.data).toEqual({ mute: true });
    expect((await em('GET', `/chatgroups/${GROUP1}`)).body.data[0].mute).toBe(true);
    expect((await em('DELETE', `/chatgroups/${GROUP1}/ban`)).body.data).toEqual({ mute: false });
    expect(group(GROUP1).muteAll).toBe(false);
  });
});
