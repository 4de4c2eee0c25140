/** Contract §4 over stdio: nothing destructive happens before confirmation, on both confirmation paths. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { em, FakeUpstream } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { textOf } from './helpers.js';

let fake: FakeUpstream;
/** Requests that change something: previews may read (GET) first, but nothing else reaches the vendor. */
const writes = () => fake.requests.filter((r) => r.method !== 'GET');
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterAll(async () => {
  await fake?.close();
});

describe('token confirmation (client without elicitation)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startServer({ env: fake.env() });
  });
  afterAll(async () => s?.close());

  it('answers confirmation_required with a preview and sends nothing; the token then executes once', async () => {
    fake.reset();
    const group = em({
      count: 1,
      data: [
        {
          id: 'g1',
          name: 'Gamers',
          owner: 'alice',
          affiliations_count: 2,
          affiliations: [{ owner: 'alice' }, { member: 'mallory' }],
        },
      ],
    });
    const admins = em({ data: ['bob'] });
    const mutes = em({ data: [] });
    fake.reply(group, admins, mutes);
    const args = { group_id: 'g1', usernames: ['mallory'], mute_duration: 60000 };
    const first = await s.client.callTool({ name: 'easemob_mute_members', arguments: args });
    expect(first.isError ?? false).toBe(false);
    const sc = first.structuredContent as Record<string, unknown>;
    expect(sc.confirmation_required).toBe(true);
    expect(typeof sc.confirmation_token).toBe('string');
    expect(Date.parse(String(sc.expires_at)) - Date.now()).toBeGreaterThan(290_000);
    const preview = sc.preview as Record<string, unknown>;
    expect(preview.targets).toEqual({ group_id: 'g1', usernames: ['mallory'] });
    expect(preview.current).toEqual({
      group: { id: 'g1', name: 'Gamers', owner: 'alice', affiliations_count: 2 },
      roles: { mallory: 'member' },
      muted_until: {},
    });
    // method and vendor-relative path for the agent; the host stays out of the preview
    expect(preview.request).toEqual({
      method: 'POST',
      path: '/chatgroups/g1/mute',
      body: { usernames: ['mallory'], mute_duration: 60000 },
    });
    expect(JSON.stringify(preview)).not.toContain(fake.easemobUrl);
    expect(textOf(first)).toContain('confirmation_token');
    // the person's paragraph: quoted names, the duration in words, no fenced JSON
    expect(textOf(first)).toContain('“mallory” in group “Gamers” (g1, owner “alice”, 2 members) for 1 minute');
    expect(textOf(first)).not.toContain('<untrusted-data>');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /org1/app1/chatgroups/g1',
      'GET /org1/app1/chatgroups/g1/admin',
      'GET /org1/app1/chatgroups/g1/mute',
    ]);
    fake.reset();

    // the confirmed call reads the pre-image again (for the audit line), then mutes exactly once
    fake.reply(group, admins, mutes, em({ data: [{ result: true, expire: 1, user: 'mallory' }] }, 'post'));
    const second = await s.client.callTool({
      name: 'easemob_mute_members',
      arguments: { ...args, confirmation_token: sc.confirmation_token },
    });
    expect(second.isError ?? false).toBe(false);
    expect(second.structuredContent).toEqual({
      data: [{ result: true, expire: 1, expire_iso: '1970-01-01T00:00:00.001Z', user: 'mallory' }],
    });
    expect(writes()).toHaveLength(1);
    expect(JSON.parse(writes()[0]?.body.toString() ?? '')).toEqual({ usernames: ['mallory'], mute_duration: 60000 });

    const replay = await s.client.callTool({
      name: 'easemob_mute_members',
      arguments: { ...args, confirmation_token: sc.confirmation_token },
    });
    expect(replay.isError).toBe(true);
    expect(textOf(replay)).toContain('already used');
    expect(writes()).toHaveLength(1);
  });

  it('refuses a token used with other arguments or another tool, and a forged token, sending nothing', async () => {
    fake.reset();
    const first = await s.client.callTool({ name: 'easemob_dissolve_group', arguments: { group_id: 'g1' } });
    const token = (first.structuredContent as { confirmation_token: string }).confirmation_token;
    const other = await s.client.callTool({
      name: 'easemob_dissolve_group',
      arguments: { group_id: 'g2', confirmation_token: token },
    });
    expect(other.isError).toBe(true);
    expect(textOf(other)).toContain('issued for other values of group_id');
    const otherTool = await s.client.callTool({
      name: 'easemob_disable_group',
      arguments: { group_id: 'g1', confirmation_token: token },
    });
    expect(otherTool.isError).toBe(true);
    expect(textOf(otherTool)).toContain('issued for easemob_dissolve_group, not easemob_disable_group');
    const forged = await s.client.callTool({
      name: 'easemob_dissolve_group',
      arguments: { group_id: 'g1', confirmation_token: 'abc.def.ghi' },
    });
    expect(forged.isError).toBe(true);
    const junk = await s.client.callTool({
      name: 'easemob_dissolve_group',
      arguments: { group_id: 'g1', confirmation_token: 'junk' },
    });
    expect(textOf(junk)).toContain('not one this server issued');
    expect(writes()).toHaveLength(0);
    // the original token is still good for its own arguments
    const ok = await s.client.callTool({
      name: 'easemob_dissolve_group',
      arguments: { group_id: 'g1', confirmation_token: token },
    });
    expect(ok.isError ?? false).toBe(false);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /org1/app1/chatgroups/g1']);
  });

  it('does not ask for confirmation on non-destructive writes', async () => {
    fake.reset();
    const r = await s.client.callTool({ name: 'easemob_unmute_all', arguments: { group_id: 'g1' } });
    expect((r.structuredContent as Record<string, unknown>).confirmation_required).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
  });
});

// Token expiry runs in process on a fake clock: test/inproc/confirm.test.ts.

describe('elicitation (client declares it)', () => {
  it('executes on accept, after the person saw the preview', async () => {
    const messages: string[] = [];
    const s = await startServer({
      env: fake.env(),
      elicit: (m) => {
        messages.push(m);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    try {
      fake.reset();
      const r = await s.client.callTool({
        name: 'easemob_remove_member',
        arguments: { group_id: 'g1', username: 'erin' },
      });
      expect(r.isError ?? false).toBe(false);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('erin');
      expect(messages[0]).toContain('g1');
      expect(writes().map((x) => `${x.method} ${x.path}`)).toEqual(['DELETE /org1/app1/chatgroups/g1/users/erin']);
    } finally {
      await s.close();
    }
  });

  it.each(['decline', 'cancel'] as const)('sends nothing on %s', async (action) => {
    const s = await startServer({ env: fake.env(), elicit: () => ({ action }) });
    try {
      fake.reset();
      const r = await s.client.callTool({
        name: 'easemob_remove_member',
        arguments: { group_id: 'g1', username: 'erin' },
      });
      expect(r.isError ?? false).toBe(false);
      expect(r.structuredContent).toEqual({ cancelled: true, answer: action });
      expect(textOf(r)).toContain('nothing was sent');
      expect(writes()).toHaveLength(0);
    } finally {
      await s.close();
    }
  });

  it('treats accept without confirm=true as a decline', async () => {
    const s = await startServer({ env: fake.env(), elicit: () => ({ action: 'accept', content: { confirm: false } }) });
    try {
      fake.reset();
      const r = await s.client.callTool({ name: 'easemob_dissolve_group', arguments: { group_id: 'g1' } });
      expect(r.structuredContent).toEqual({ cancelled: true, answer: 'decline' });
      expect(writes()).toHaveLength(0);
    } finally {
      await s.close();
    }
  });
});

describe('IM_ADMIN_CONFIRM=off', () => {
  it('runs destructive tools at once', async () => {
    const s = await startServer({ env: fake.env({ IM_ADMIN_CONFIRM: 'off' }) });
    try {
      fake.reset();
      const r = await s.client.callTool({ name: 'easemob_dissolve_group', arguments: { group_id: 'g9' } });
      expect(r.isError ?? false).toBe(false);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});
