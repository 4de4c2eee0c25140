/** Bad input is refused with a clear isError before anything is sent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { em, FakeUpstream } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { textOf } from './helpers.js';

let fake: FakeUpstream;
let s: Started;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startServer({ env: fake.env({ IM_ADMIN_CONFIRM: 'off' }) });
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

const cases: [string, string, Record<string, unknown>, string][] = [
  ['wrong type', 'easemob_create_group', { public: 'maybe', owner: 'alice' }, '`public`'],
  ['missing required', 'easemob_create_group', { public: true }, '`owner`: required'],
  [
    'unknown argument',
    'easemob_get_announcement',
    { group_id: 'g1', org_name: 'other' },
    'unknown argument(s) `org_name`',
  ],
  ['slash in a path id', 'easemob_get_announcement', { group_id: 'g1/../../x' }, 'must not contain "/"'],
  ['dot-dot', 'easemob_remove_member', { group_id: 'g1', username: '..' }, 'must not be "." or ".."'],
  ['comma where one id is meant', 'easemob_remove_member', { group_id: 'g1', username: 'bob,carol' }, 'one id only'],
  ['control character', 'easemob_block_user', { group_id: 'g1', username: 'bob\n' }, 'control characters'],
  ['query injection', 'easemob_list_admins', { group_id: 'g1?x=1' }, 'must not contain "?"'],
  ['comma inside a list item', 'easemob_remove_members', { group_id: 'g1', members: ['a', 'b,c'] }, 'one id only'],
  [
    'over the batch limit',
    'easemob_add_members',
    { group_id: 'g1', usernames: Array.from({ length: 1001 }, (_, i) => `u${i}`) },
    'at most 1000 items in one call',
  ],
  [
    'over the details limit',
    'easemob_get_groups',
    { group_id: Array.from({ length: 1001 }, (_, i) => `g${i}`) },
    'at most 1000',
  ],
  ['empty list', 'easemob_unmute_members', { group_id: 'g1', member: [] }, '`member`'],
  ['bad int64', 'lanying_get_profile', { user_id: '12ab' }, 'decimal integer id'],
  ['unsafe number id', 'lanying_get_profile', { user_id: 2 ** 53 + 2 }, '`user_id`'],
  ['enum out of range', 'lanying_set_friend_auth_mode', { value: 7 }, '`value`'],
  [
    'hour out of range',
    'lanying_set_push_dnd_hours',
    { no_push_start_hour: 24, no_push_end_hour: 8 },
    '`no_push_start_hour`',
  ],
  [
    'share file too large or missing',
    'easemob_upload_share_file',
    { group_id: 'g1', file: '/nonexistent/file.bin' },
    'file',
  ],
];

describe('input validation', () => {
  it.each(cases)('%s → isError, nothing sent', async (_label, tool, args, snippet) => {
    fake.reset();
    const r = await s.client.callTool({ name: tool, arguments: args });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain(snippet);
    expect(fake.requests).toHaveLength(0);
  });

  it('names the tool and says nothing was sent', async () => {
    const r = await s.client.callTool({ name: 'easemob_create_group', arguments: { public: true } });
    expect(textOf(r)).toBe('Invalid arguments for easemob_create_group:\n`owner`: required\nNothing was sent.');
  });

  it('answers an unknown tool as an isError result, not a protocol error', async () => {
    const r = await s.client.callTool({ name: 'easemob_no_such_tool', arguments: {} });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('Unknown tool: easemob_no_such_tool');
  });

  it('accepts arrays sent as JSON strings and numbers sent as strings (argument tolerance)', async () => {
    fake.reset();
    // answered as documented: the client validates the result against the tool's outputSchema
    fake.reply(em({ data: [], count: 0 }));
    const r = await s.client.callTool({
      name: 'easemob_list_groups',
      arguments: { limit: '5' },
    });
    expect(r.isError ?? false).toBe(false);
    expect(fake.requests[0]?.query).toEqual({ limit: '5' });
    fake.reset();
    const r2 = await s.client.callTool({
      name: 'easemob_add_members',
      arguments: { group_id: 'g1', usernames: '["a","b"]' },
    });
    expect(r2.isError ?? false).toBe(false);
    expect(JSON.parse(fake.requests[0]?.body.toString() ?? '')).toEqual({ usernames: ['a', 'b'] });
  });
});
