/**
 * End to end: preflight (issue 12, item 6). A destructive call that is certain to fail or to change nothing is
 * answered at once from the pre-image: no confirmation token, nothing but the documented reads sent, and words an
 * agent can pass on. Calls that do change something still get their token, and the preview says what is known.
 *
 * The person's server (IM_ADMIN_CONFIRM auto, no elicitation) talks to the sandbox through a recording proxy, so the
 * tests see every request that reached the vendor, not only the state after.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SandboxHandle,
  type SandboxState,
  SEED_GROUP_PRIVATE_ID,
  SEED_GROUP_PUBLIC_ID,
  startSandbox,
} from '../../src/sandbox/index.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { call, emGroup, lyUser, recordingProxy, resetSandbox, type Seen, snapshot } from './helpers.js';

const L = SEED_GROUP_PUBLIC_ID; // Sandbox Lounge: owner alice, admin bob, members carol dave erin mallory (muted 24 h)
const C = SEED_GROUP_PRIVATE_ID; // Core Team: owner bob, members alice carol, mallory blocked
const NOPE = '999999999999999';
/** an instant as the preview writes it: ISO 8601 UTC to the second */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

let sb: SandboxHandle;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let person: Started;
let asking: Started;
const asked: string[] = [];

beforeAll(async () => {
  sb = await startSandbox();
  proxy = await recordingProxy(sb);
  const home = () => mkdtempSync(join(tmpdir(), 'im-admin-home-'));
  [person, asking] = await Promise.all([
    startServer({ env: proxy.env({ HOME: home() }) }),
    startServer({
      env: proxy.env({ HOME: home() }),
      elicit: (m) => {
        asked.push(m);
        return { action: 'decline' };
      },
    }),
  ]);
});
afterAll(async () => {
  await person?.close();
  await asking?.close();
  await proxy?.close();
  await sb?.close();
});
beforeEach(() => {
  resetSandbox(sb);
  proxy.seen.length = 0;
  asked.length = 0;
});

/** Requests that could change something: everything but GETs and the Easemob app-token fetch. */
const writes = (seen: Seen[]) => seen.filter((r) => r.method !== 'GET' && !r.path.endsWith('/token'));

interface Refusal {
  tool: string;
  args: Record<string, unknown>;
  reason: string;
  setup?: (s: SandboxState) => void;
  /** words the text must contain (what is wrong, what to do) */
  says: string[];
}

const refusals: Refusal[] = [
  { tool: 'easemob_dissolve_group', args: { group_id: NOPE }, reason: 'not_found', says: [NOPE, 'does not exist'] },
  {
    tool: 'easemob_delete_share_file',
    args: { group_id: L, file_id: '00000000-0000-1000-8000-00000000dead' },
    reason: 'not_found',
    says: ['00000000-0000-1000-8000-00000000dead', 'easemob_list_share_files'],
  },
  { tool: 'lanying_delete_user', args: { user_id: 9999 }, reason: 'not_found', says: ['9999', 'does not exist'] },
  {
    tool: 'lanying_remove_device',
    args: { user_id: 1001, device_sn: 7 },
    reason: 'not_found',
    says: ['7', 'lanying_list_devices'],
  },
  { tool: 'lanying_disable_users', args: { list: [1001, 9999] }, reason: 'not_found', says: ['9999'] },
  {
    tool: 'easemob_mute_members',
    args: { group_id: L, usernames: ['alice', 'erin'], mute_duration: 60_000 },
    reason: 'owner',
    says: ['alice', 'owner'],
  },
  { tool: 'easemob_remove_member', args: { group_id: L, username: 'alice' }, reason: 'owner', says: ['alice'] },
  { tool: 'easemob_block_user', args: { group_id: C, username: 'bob' }, reason: 'owner', says: ['bob', 'owner'] },
  {
    tool: 'easemob_remove_members',
    args: { group_id: C, members: ['dave', 'erin'] },
    reason: 'not_member',
    says: ['dave', 'erin', 'not'],
  },
  { tool: 'easemob_remove_member', args: { group_id: C, username: 'dave' }, reason: 'not_member', says: ['dave'] },
  {
    tool: 'easemob_transfer_group_owner',
    args: { group_id: C, newowner: 'dave' },
    reason: 'not_member',
    says: ['dave', 'easemob_add_member'],
  },
  {
    tool: 'easemob_remove_admin',
    args: { group_id: L, username: 'carol' },
    reason: 'not_admin',
    says: ['carol', 'easemob_list_admins'],
  },
  {
    tool: 'easemob_transfer_group_owner',
    args: { group_id: L, newowner: 'alice' },
    reason: 'already_owner',
    says: ['alice', 'already'],
  },
  {
    tool: 'easemob_block_user',
    args: { group_id: C, username: 'mallory' },
    reason: 'already_blocked',
    says: ['mallory', 'already blocked'],
  },
  { tool: 'lanying_disable_users', args: { list: [1003] }, reason: 'already_disabled', says: ['1003', 'already'] },
  {
    tool: 'easemob_disable_group',
    args: { group_id: L },
    setup: (s) => {
      emGroup(s, L).disabled = true;
    },
    reason: 'already_disabled',
    says: ['already disabled'],
  },
  {
    tool: 'easemob_remove_member',
    args: { group_id: L, username: 'erin' },
    setup: (s) => {
      emGroup(s, L).disabled = true;
    },
    reason: 'group_disabled',
    says: ['disabled', 'easemob_enable_group'],
  },
  {
    tool: 'easemob_mute_all',
    args: { group_id: L },
    setup: (s) => {
      emGroup(s, L).muteAll = true;
    },
    reason: 'already_muted',
    says: ['already muted'],
  },
  {
    tool: 'lanying_unbind_push_tags',
    args: { user_id: 1001, tags: ['gold'] },
    reason: 'not_bound',
    says: ['gold', 'lanying_get_push_tags'],
  },
  { tool: 'lanying_delete_all_push_tags', args: { user_id: 1003 }, reason: 'not_bound', says: ['no push tags'] },
];

describe('preflight refusals: no token, nothing sent', () => {
  it('covers every refusal word the catalog declares', () => {
    const declared = new Set(ALL_TOOLS.flatMap((t) => t.preflight ?? []));
    expect(new Set(refusals.map((r) => r.reason))).toEqual(declared);
  });

  it.each(refusals.map((r) => [`${r.tool} ${r.reason} ${JSON.stringify(r.args)}`, r] as const))(
    '%s',
    async (_label, c) => {
      c.setup?.(sb.state);
      const before = snapshot(sb.state);
      const r = await call(person, c.tool, { ...c.args, reason: 'trust test' });
      expect(r.isError, r.text).toBe(true);
      expect(r.sc).toEqual({ error: { kind: 'preflight', reason: c.reason } });
      expect(JSON.stringify(r.sc)).not.toContain('confirmation_token');
      expect(r.text).not.toMatch(/"confirmation_token"\s*:/);
      expect(r.text).toContain('Nothing was sent');
      for (const w of c.says) expect(r.text).toContain(w);
      expect(r.text).not.toMatch(/https?:\/\//);
      expect(r.text).not.toContain('<untrusted-data>');
      expect(proxy.seen.length, 'the pre-image was read').toBeGreaterThan(0);
      expect(writes(proxy.seen)).toEqual([]);
      expect(snapshot(sb.state)).toEqual(before);
    },
  );

  it('refuses before asking the person (elicitation) and sends nothing', async () => {
    const r = await call(asking, 'easemob_remove_member', { group_id: L, username: 'alice' });
    expect(r.isError).toBe(true);
    expect(r.sc).toEqual({ error: { kind: 'preflight', reason: 'owner' } });
    expect(asked).toEqual([]);
    expect(writes(proxy.seen)).toEqual([]);
  });

  it('answers a confirmed call whose target is gone since the preview with the same refusal', async () => {
    const first = await call(person, 'easemob_remove_member', { group_id: L, username: 'erin' });
    expect(first.sc.confirmation_required).toBe(true);
    emGroup(sb.state, L).members = emGroup(sb.state, L).members.filter((m) => m !== 'erin');
    proxy.seen.length = 0;
    const second = await call(person, 'easemob_remove_member', {
      group_id: L,
      username: 'erin',
      confirmation_token: first.sc.confirmation_token,
    });
    expect(second.isError).toBe(true);
    expect(second.sc).toEqual({ error: { kind: 'preflight', reason: 'not_member' } });
    expect(writes(proxy.seen)).toEqual([]);
  });
});

describe('calls that change something still get a token, and the preview says what is known', () => {
  it('re-muting someone already muted shows the current mute and its end', async () => {
    const expire = emGroup(sb.state, L).mutes.find((m) => m.user === 'mallory')?.expire ?? 0;
    expect(expire).toBeGreaterThan(Date.now());
    const r = await call(person, 'easemob_mute_members', {
      group_id: L,
      usernames: ['mallory'],
      mute_duration: 60_000,
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.sc.confirmation_required).toBe(true);
    expect(r.sc.preview.current.muted_until).toEqual({ mallory: isoSeconds(expire) });
    expect(r.text).toContain(`already muted until ${isoSeconds(expire)}`);
    expect(writes(proxy.seen)).toEqual([]);
  });

  it('a batch where only some are members proceeds and names the others', async () => {
    const r = await call(person, 'easemob_remove_members', { group_id: C, members: ['alice', 'dave'] });
    expect(r.sc.confirmation_required).toBe(true);
    expect(r.sc.preview.current.roles).toEqual({ alice: 'member', dave: 'not a member' });
    expect(r.text).toMatch(/“dave” is not a member/);
  });

  it('a ban of some already-banned users proceeds and says which', async () => {
    const r = await call(person, 'lanying_disable_users', { list: [1001, 1003] });
    expect(r.sc.confirmation_required).toBe(true);
    expect(r.sc.preview.current.status).toEqual({ 1001: 'enabled', 1003: 'disabled' });
    expect(r.text).toMatch(/“carol” \(1003\) is already banned/);
  });

  it('reads a bounded part of the user list; beyond it the ban state is said to be unknown', async () => {
    const template = lyUser(sb.state, 1004);
    for (let i = 0; i < 1200; i++) {
      sb.state.lanying.users.push({ ...structuredClone(template), user_id: 20_000 + i, username: `bulk${i}` });
    }
    const r = await call(person, 'lanying_disable_users', { list: [21_199] });
    expect(r.isError, r.text).toBe(false);
    expect(r.sc.confirmation_required).toBe(true);
    expect(r.sc.preview.current.status).toEqual({ 21199: 'unknown' });
    expect(r.text).toContain('unknown');
    const listReads = proxy.seen.filter((x) => x.path.endsWith('/user/list'));
    expect(listReads.length).toBeGreaterThan(0);
    expect(listReads.length).toBeLessThanOrEqual(5);
  });
});
