/** Auto-pagination: `max_items` follows cursors or pages up to a cap and hands back what continues the listing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { em, FakeUpstream, ly } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { textOf } from './helpers.js';

let fake: FakeUpstream;
let s: Started;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startServer({ env: fake.env() });
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});
const groups = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ groupid: `g${from + i}`, groupname: `G${from + i}` }));

describe('cursor lists', () => {
  it('follows cursors up to max_items and returns the cursor to continue', async () => {
    fake.reset();
    fake.reply(em({ data: groups(0, 3), cursor: 'c1' }), em({ data: groups(3, 3), cursor: 'c2' }));
    const r = await s.client.callTool({ name: 'easemob_list_groups', arguments: { max_items: 6 } });
    expect(fake.requests.map((q) => q.query)).toEqual([{ limit: '6' }, { limit: '6', cursor: 'c1' }]);
    expect(r.structuredContent).toEqual({
      untrusted: ['/data/*/groupname'],
      data: groups(0, 6),
      count: 6,
      calls: 2,
      cursor: 'c2',
    });
    expect(textOf(r).split('\n')[0]).toBe('OK: 6 item(s) in 2 call(s); more: pass cursor="c2".');
  });

  it('stops at the end (no cursor, or an empty page with a cursor as Easemob threads answer)', async () => {
    fake.reset();
    fake.reply(
      em({ entities: [{ id: 't1' }], properties: { cursor: 'x1' } }),
      em({ entities: [], properties: { cursor: 'x2' } }),
    );
    const r = await s.client.callTool({ name: 'easemob_list_threads', arguments: { max_items: 100, sort: 'asc' } });
    expect(fake.requests.map((q) => q.query)).toEqual([
      { limit: '50', sort: 'asc' },
      { limit: '50', sort: 'asc', cursor: 'x1' },
    ]);
    expect(r.structuredContent).toEqual({ data: [{ id: 't1' }], count: 1, calls: 2 });
    expect(textOf(r)).toContain('end of list');
  });
});

describe('page lists', () => {
  it('counts Easemob user groups from page 0 and stops at total', async () => {
    fake.reset();
    fake.reply(em({ entities: groups(0, 2), total: 3 }), em({ entities: groups(2, 1), total: 3 }));
    const r = await s.client.callTool({
      name: 'easemob_list_user_groups',
      arguments: { username: 'alice', pagesize: 2, max_items: 10 },
    });
    expect(fake.requests.map((q) => q.query)).toEqual([
      { pagesize: '2', pagenum: '0' },
      { pagesize: '2', pagenum: '1' },
    ]);
    expect(r.structuredContent).toEqual({
      untrusted: ['/data/*/groupname'],
      data: groups(0, 3),
      count: 3,
      calls: 2,
      total: 3,
    });
  });

  it('counts Lanying users from page 1, caps the rows, and names the next page', async () => {
    fake.reset();
    const users = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ user_id: 1000 + from + i, username: `u${from + i}`, status: 0 }));
    fake.reply(ly(users(0, 50)), ly(users(50, 50)));
    const r = await s.client.callTool({ name: 'lanying_list_users', arguments: { max_items: 100, page_size: 50 } });
    expect(fake.requests.map((q) => q.query)).toEqual([
      { page_num: '1', page_size: '50' },
      { page_num: '2', page_size: '50' },
    ]);
    expect(r.structuredContent).toMatchObject({ count: 100, calls: 2, next_page: 3 });
    expect(textOf(r)).toContain('more: pass page_num=3');
  });

  it('without max_items sends exactly one call, as documented', async () => {
    fake.reset();
    fake.reply(em({ data: groups(0, 1), cursor: 'c1' }));
    await s.client.callTool({ name: 'easemob_list_groups', arguments: { limit: 1 } });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.query).toEqual({ limit: '1' });
  });
});
