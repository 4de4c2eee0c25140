/**
 * Lookups (composed read tools) against the built-in sandbox, in process: found, not found, and the page cap
 * reached, with what each read and whether the cap stopped it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { type InProcess, startInProcess, textOf } from '../helpers/in-process.js';

let s: InProcess;
let sb: SandboxHandle;
const LOUNGE = '100000000000001';
const CORE = '100000000000002';

beforeAll(async () => {
  s = await startInProcess({ IM_ADMIN_EASEMOB_RATE: '0', IM_ADMIN_LANYING_RATE: '0' });
  sb = s.runtime.sandbox as SandboxHandle;
});
afterAll(async () => s?.close());

const sc = (r: { structuredContent?: Record<string, unknown> }) => r.structuredContent as Record<string, unknown>;

describe('easemob_find_groups', () => {
  it('finds by part of the name (case-insensitive) and by exact name, with the twins of raw fields', async () => {
    const r = await s.call('easemob_find_groups', { name: 'lounge' });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(sc(r)).toMatchObject({ count: 1, match: 'contains', pages_read: 1, page_cap: 5, cap_reached: false });
    expect((sc(r).groups as Record<string, unknown>[])[0]).toMatchObject({
      groupid: LOUNGE,
      groupname: 'Sandbox Lounge',
      owner: 'sandbox-org#sandbox-app_alice',
      owner_user: 'alice',
    });
    const exact = await s.call('easemob_find_groups', { name: 'Core Team', match: 'exact' });
    expect((sc(exact).groups as { groupid: string }[]).map((g) => g.groupid)).toEqual([CORE]);
    expect(textOf(exact)).toContain('1 group(s) named "Core Team"');
  });

  it('not found: an empty list read to its end', async () => {
    const r = await s.call('easemob_find_groups', { name: 'Core', match: 'exact' });
    expect(sc(r)).toEqual({ groups: [], count: 0, match: 'exact', pages_read: 1, page_cap: 5, cap_reached: false });
    expect(textOf(r)).toContain('The whole group list was read');
  });

  it('the page cap: stops after max_pages pages of 1000 and says more may exist', async () => {
    const groups = sb.state.easemob.groups;
    const base = groups[0] as (typeof groups)[number];
    const added = Array.from({ length: 1000 }, (_, i) => ({
      ...structuredClone(base),
      groupid: String(300000000000000 + i),
      groupname: `Filler ${i}`,
      created: base.created + 10_000_000 + i,
    }));
    groups.push(...added);
    try {
      // the seed groups are the oldest: on the second page of 1000
      const capped = await s.call('easemob_find_groups', { name: 'Sandbox Lounge', max_pages: 1 });
      expect(sc(capped)).toMatchObject({ count: 0, pages_read: 1, page_cap: 1, cap_reached: true });
      expect(textOf(capped)).toContain('The cap of 1 page(s) was reached');
      const found = await s.call('easemob_find_groups', { name: 'Sandbox Lounge', max_pages: 2 });
      expect(sc(found)).toMatchObject({ count: 1, pages_read: 2, cap_reached: false });
    } finally {
      groups.splice(groups.length - added.length, added.length);
    }
  });
});

describe('lanying_find_user', () => {
  it('finds a user id by username, and answers found: false for an unknown name', async () => {
    const r = await s.call('lanying_find_user', { username: 'carol' });
    expect(sc(r)).toMatchObject({ found: true, pages_read: 1, page_cap: 10, cap_reached: false });
    expect(sc(r).user).toMatchObject({ user_id: 1003, username: 'carol', status: 1 });
    expect(textOf(r)).toContain('carol is user_id 1003');
    const none = await s.call('lanying_find_user', { username: 'nobody' });
    expect(sc(none)).toEqual({ found: false, user: null, pages_read: 1, page_cap: 10, cap_reached: false });
  });

  it('the page cap: stops after max_pages pages of 200', async () => {
    const users = sb.state.lanying.users;
    const base = users[0] as (typeof users)[number];
    const added = Array.from({ length: 450 }, (_, i) => ({
      ...structuredClone(base),
      user_id: 9000 + i,
      username: `bulk${i}`,
    }));
    users.push(...added);
    try {
      const capped = await s.call('lanying_find_user', { username: 'bulk449', max_pages: 2 });
      expect(sc(capped)).toEqual({ found: false, user: null, pages_read: 2, page_cap: 2, cap_reached: true });
      expect(textOf(capped)).toContain('The cap of 2 page(s) was reached');
      const found = await s.call('lanying_find_user', { username: 'bulk449', max_pages: 3 });
      expect(sc(found)).toMatchObject({ found: true, pages_read: 3, cap_reached: false });
    } finally {
      users.splice(users.length - added.length, added.length);
    }
  });
});

describe('easemob_get_member_standing', () => {
  it('owner, admin, muted member (with the end as ISO), allow-listed member, blocked non-member', async () => {
    const owner = await s.call('easemob_get_member_standing', { group_id: LOUNGE, username: 'alice' });
    expect(sc(owner)).toEqual({
      // the group's name is a chat user's text (docs/agents.md, "Added fields")
      untrusted: ['/group/name'],
      group_id: LOUNGE,
      username: 'alice',
      role: 'owner',
      muted: false,
      mute: null,
      blocked: false,
      allow_listed: false,
      group: { name: 'Sandbox Lounge', mute_all: false, disabled: false },
    });
    expect(sc(await s.call('easemob_get_member_standing', { group_id: LOUNGE, username: 'bob' })).role).toBe('admin');
    const mallory = await s.call('easemob_get_member_standing', { group_id: LOUNGE, username: 'mallory' });
    const expire = sb.state.easemob.groups.find((g) => g.groupid === LOUNGE)?.mutes[0]?.expire as number;
    expect(sc(mallory)).toMatchObject({
      role: 'member',
      muted: true,
      mute: { expire, expire_iso: new Date(expire).toISOString() },
    });
    expect(textOf(mallory)).toContain(`muted until ${new Date(expire).toISOString()}`);
    expect(sc(await s.call('easemob_get_member_standing', { group_id: LOUNGE, username: 'dave' }))).toMatchObject({
      role: 'member',
      allow_listed: true,
    });
    expect(sc(await s.call('easemob_get_member_standing', { group_id: CORE, username: 'mallory' }))).toMatchObject({
      role: 'not a member',
      blocked: true,
    });
  });

  it('an unknown group is the vendor error, named with what to do', async () => {
    const r = await s.call('easemob_get_member_standing', { group_id: '999', username: 'alice' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/Easemob error resource_not_found \(HTTP 404\)/);
  });
});

describe('easemob_get_member_standing compares user ids as Easemob does (not case sensitive)', () => {
  it('finds the owner, an admin and a mute whatever the case of the id asked about', async () => {
    const as = async (username: string) =>
      sc(await s.call('easemob_get_member_standing', { group_id: LOUNGE, username }));
    expect((await as('ALICE')).role).toBe('owner');
    expect((await as('Bob')).role).toBe('admin');
    expect((await as('MALLORY')).muted).toBe(true);
  });
});
