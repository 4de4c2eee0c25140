/**
 * Protected targets cannot be side-stepped (issue: trust), against the stateful sandbox: a protected group covers
 * its threads, files, members and settings; a protected user cannot be removed, muted, blocked, demoted (also by a
 * transfer of the group they own), renamed or have settings changed, whatever the case of the id; every write, not
 * only destructive ones, is refused before anything changes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SandboxHandle,
  SEED_GROUP_PRIVATE_ID,
  SEED_GROUP_PUBLIC_ID,
  SEED_THREAD_ID,
  startSandbox,
} from '../../src/sandbox/index.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { call, emGroup, resetSandbox, sandboxEnv, snapshot } from './helpers.js';

const L = SEED_GROUP_PUBLIC_ID; // owner alice, admin bob, members carol dave erin mallory; thread T
const C = SEED_GROUP_PRIVATE_ID; // owner bob, members alice carol
const T = SEED_THREAD_ID; // in L: alice, bob, carol

let sb: SandboxHandle;
/** L protected (groups), alice and Lanying user 1002 protected (users); confirmation off: only protection decides */
let guarded: Started;
beforeAll(async () => {
  sb = await startSandbox();
  guarded = await startServer({
    env: sandboxEnv(sb, {
      IM_ADMIN_CONFIRM: 'off',
      IM_ADMIN_PROTECTED_GROUPS: L,
      IM_ADMIN_PROTECTED_USERS: 'alice,1002',
    }),
  });
});
afterAll(async () => {
  await guarded?.close();
  await sb?.close();
});
beforeEach(() => resetSandbox(sb));

async function refused(tool: string, args: Record<string, unknown>, setting: RegExp) {
  const before = snapshot(sb.state);
  const r = await call(guarded, tool, args);
  expect(r.isError, `${tool}: ${r.text}`).toBe(true);
  expect(r.text).toMatch(setting);
  expect(r.sc.error?.kind).toBe('protected');
  expect(snapshot(sb.state), `${tool} changed the sandbox`).toEqual(before);
  return r;
}

describe('a protected group covers its threads', () => {
  it('kicking a member of its thread and deleting its thread are refused', async () => {
    await refused('easemob_kick_thread_members', { thread_id: T, usernames: ['carol'] }, /IM_ADMIN_PROTECTED_GROUPS/);
    await refused('easemob_delete_thread', { thread_id: T }, /IM_ADMIN_PROTECTED_GROUPS/);
    await refused('easemob_rename_thread', { thread_id: T, name: 'pwned' }, /IM_ADMIN_PROTECTED_GROUPS/);
    await refused('easemob_add_thread_members', { thread_id: T, usernames: ['dave'] }, /IM_ADMIN_PROTECTED_GROUPS/);
  });

  it('a thread whose group cannot be found is refused while groups are protected (fail closed)', async () => {
    const r = await refused('easemob_delete_thread', { thread_id: '299999999999999' }, /group/);
    expect(r.text).toMatch(/cannot (be )?(determine|found|tell)/i);
  });
});

describe('a protected group covers its settings, files and members (non-destructive writes too)', () => {
  it.each([
    ['easemob_update_group', { group_id: L, groupname: 'Renamed' }],
    ['easemob_update_group', { group_id: L, public: false }],
    ['easemob_set_announcement', { group_id: L, announcement: 'overwritten' }],
    ['easemob_add_member', { group_id: L, username: 'frank' }],
    ['easemob_add_admin', { group_id: L, newadmin: 'carol' }],
    ['easemob_unmute_members', { group_id: L, member: ['mallory'] }],
    ['easemob_enable_group', { group_id: L }],
  ] as const)('%s %j is refused', async (tool, args) => {
    await refused(tool, args, /IM_ADMIN_PROTECTED_GROUPS/);
  });

  it('an unprotected group is still managed', async () => {
    const r = await call(guarded, 'easemob_set_announcement', { group_id: C, announcement: 'fine' });
    expect(r.isError, r.text).toBe(false);
    expect(emGroup(sb.state, C).announcement).toBe('fine');
  });
});

describe('a protected user', () => {
  it('cannot lose a group they own by a transfer to someone else', async () => {
    // alice owns L; L is also protected, so use a copy: make alice the owner of C first
    emGroup(sb.state, C).owner = 'alice';
    await refused('easemob_transfer_group_owner', { group_id: C, newowner: 'carol' }, /IM_ADMIN_PROTECTED_USERS/);
    expect(emGroup(sb.state, C).owner).toBe('alice');
  });

  it('may receive ownership: a transfer to a protected user is not an action against them', async () => {
    const r = await call(guarded, 'easemob_transfer_group_owner', { group_id: C, newowner: 'alice' });
    expect(r.isError, r.text).toBe(false);
    expect(emGroup(sb.state, C).owner).toBe('alice');
  });

  it.each(['ALICE', 'Alice', 'aLiCe'])('is matched whatever the case of the Easemob id (%s)', async (who) => {
    await refused('easemob_remove_member', { group_id: C, username: who }, /IM_ADMIN_PROTECTED_USERS/);
    await refused('easemob_mute_members', { group_id: C, usernames: [who], mute_duration: 60_000 }, /PROTECTED_USERS/);
    await refused('easemob_set_member_metadata', { group_id: C, username: who, metaData: { role: 'x' } }, /USERS/);
  });

  it('a protected Lanying user cannot be renamed or have settings changed (non-destructive writes)', async () => {
    await refused('lanying_change_username', { user_id: '1002', username: 'bobby' }, /IM_ADMIN_PROTECTED_USERS/);
    await refused('lanying_set_nickname', { user_id: '1002', nick_name: 'x' }, /IM_ADMIN_PROTECTED_USERS/);
    await refused('lanying_disable_users', { list: ['1003', '1002'] }, /IM_ADMIN_PROTECTED_USERS/);
    await refused('lanying_batch_update_profiles', { list: [{ user_id: '1002', nick_name: 'x' }] }, /USERS/);
  });
});
