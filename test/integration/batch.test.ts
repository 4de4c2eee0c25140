/** Batches that scale: split into vendor-sized calls, merged per-item results, progress, partial failures, audit. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { em, FakeUpstream } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { textOf } from './helpers.js';

const users = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const okRows = (names: string[]) =>
  em({ data: names.map((user) => ({ result: true, action: 'add_member', user, groupid: 'g1' })) }, 'post');

let fake: FakeUpstream;
let s: Started;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startServer({
    env: fake.env({ IM_ADMIN_CONFIRM: 'off', IM_ADMIN_MAX_TARGETS: '1000', IM_ADMIN_EASEMOB_RATE: '0' }),
  });
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

describe('splitting', () => {
  it('adds 150 members in three vendor calls of 60, 60, 30, in order, with progress and merged results', async () => {
    fake.reset();
    const list = users(150);
    fake.reply(okRows(list.slice(0, 60)), okRows(list.slice(60, 120)), okRows(list.slice(120)));
    const progress: { progress: number; total?: number }[] = [];
    const r = await s.client.callTool(
      { name: 'easemob_add_members', arguments: { group_id: 'g1', usernames: list } },
      undefined,
      {
        onprogress: (p) =>
          progress.push({ progress: p.progress, ...(p.total === undefined ? {} : { total: p.total }) }),
      },
    );
    expect(r.isError ?? false).toBe(false);
    expect(fake.requests.map((q) => JSON.parse(q.body.toString()).usernames)).toEqual([
      list.slice(0, 60),
      list.slice(60, 120),
      list.slice(120),
    ]);
    expect(fake.requests.every((q) => q.method === 'POST' && q.path === '/org1/app1/chatgroups/g1/users')).toBe(true);
    const sc = r.structuredContent as { data: { user: string }[]; calls: number; items: number; calls_failed: number };
    expect(sc.data.map((d) => d.user)).toEqual(list);
    expect(sc).toMatchObject({ calls: 3, items: 150, calls_failed: 0 });
    expect(progress).toEqual([
      { progress: 0, total: 3 },
      { progress: 1, total: 3 },
      { progress: 2, total: 3 },
    ]);
    expect(textOf(r).split('\n')[0]).toBe('Done: 3 vendor calls for 150 items (60 per call).');
  });

  it('reports a failed call with its items and the vendor reason, keeping the others', async () => {
    fake.reset();
    const list = users(100);
    fake.reply(okRows(list.slice(0, 60)), {
      status: 403,
      json: { error: 'forbidden_op', error_description: 'members size is greater than max user size !' },
    });
    const r = await s.client.callTool({ name: 'easemob_add_members', arguments: { group_id: 'g1', usernames: list } });
    expect(r.isError ?? false).toBe(false);
    const sc = r.structuredContent as {
      data: unknown[];
      failed: { items: string[]; error: Record<string, unknown> }[];
      calls_failed: number;
    };
    expect(sc.data).toHaveLength(60);
    expect(sc.calls_failed).toBe(1);
    expect(sc.failed[0]?.items).toEqual(list.slice(60));
    expect(sc.failed[0]?.error).toEqual({
      code: 'forbidden_op',
      status: 403,
      message: 'members size is greater than max user size !',
    });
    expect(fake.requests).toHaveLength(2);
  });

  it('fails as a whole only when every call failed', async () => {
    fake.reset();
    fake.fault = { status: 404, json: { error: 'resource_not_found', error_description: 'grpID g1 does not exist!' } };
    const r = await s.client.callTool({ name: 'easemob_get_groups', arguments: { group_id: users(150, 'g') } });
    fake.fault = undefined;
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('resource_not_found');
    expect(fake.requests.map((q) => q.path.split('/').at(-1)?.split(',').length)).toEqual([100, 50]);
  });

  it('keeps comma-joined path lists under the URL limit', async () => {
    fake.reset();
    const long = users(60, `${'x'.repeat(60)}-`); // ids near the 64-character limit: 60 of them exceed the path budget
    const r = await s.client.callTool({ name: 'easemob_remove_members', arguments: { group_id: 'g1', members: long } });
    expect(r.isError ?? false).toBe(false);
    expect(fake.requests.length).toBeGreaterThan(1);
    for (const q of fake.requests) expect(q.path.length).toBeLessThan(4000);
    expect(fake.requests.flatMap((q) => (q.path.split('/').at(-1) ?? '').split(','))).toEqual(long);
  });

  it('writes one audit line per vendor call of a split write', async () => {
    fake.reset();
    const list = users(70);
    await s.client.callTool({
      name: 'easemob_unblock_users',
      arguments: { group_id: 'g1', usernames: list, reason: 'appeal granted' },
    });
    const lines = readFileSync(s.auditPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.tool === 'easemob_unblock_users');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.chunk)).toEqual([
      { index: 1, of: 2 },
      { index: 2, of: 2 },
    ]);
    expect(lines[1]).toMatchObject({
      reason: 'appeal granted',
      targets: { group_id: 'g1', usernames: list.slice(60) },
      outcome: 'success',
    });
  });
});

describe('destructive batches', () => {
  it('are confirmed once for the whole list, with the count in the preview', async () => {
    const c = await startServer({ env: fake.env({ IM_ADMIN_MAX_TARGETS: '1000', IM_ADMIN_EASEMOB_RATE: '0' }) });
    try {
      fake.reset();
      const list = users(130);
      const args = { group_id: 'g1', usernames: list, mute_duration: 60_000 };
      const first = await c.client.callTool({ name: 'easemob_mute_members', arguments: args });
      const sc = first.structuredContent as { confirmation_token: string; preview: { count: number } };
      expect(sc.preview.count).toBe(130);
      expect(textOf(first)).toContain('130 users');
      expect(fake.requests.filter((q) => q.method !== 'GET')).toHaveLength(0);
      fake.reset();
      const r = await c.client.callTool({
        name: 'easemob_mute_members',
        arguments: { ...args, confirmation_token: sc.confirmation_token },
      });
      expect(r.isError ?? false).toBe(false);
      expect(
        fake.requests.filter((q) => q.method === 'POST').map((q) => JSON.parse(q.body.toString()).usernames.length),
      ).toEqual([60, 60, 10]);
    } finally {
      await c.close();
    }
  });

  it('count against IM_ADMIN_MAX_TARGETS as a whole', async () => {
    const c = await startServer({ env: fake.env({ IM_ADMIN_CONFIRM: 'off', IM_ADMIN_MAX_TARGETS: '100' }) });
    try {
      fake.reset();
      const r = await c.client.callTool({
        name: 'easemob_block_users',
        arguments: { group_id: 'g1', usernames: users(101) },
      });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toContain('101 targets exceed the cap of 100');
      expect(fake.requests).toHaveLength(0);
    } finally {
      await c.close();
    }
  });
});
