/** Cancellation reaches the vendor call; one log line per tool call; MCP logging notifications on request. */
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { em, FakeUpstream, LY_TOKEN, ly } from '../helpers/fake-upstream.js';
import { startServer } from '../helpers/mcp-client.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterAll(async () => fake?.close());

describe('cancellation', () => {
  it('a request cancelled by the client aborts its HTTP call', async () => {
    const s = await startServer({ env: fake.env() });
    try {
      fake.reset();
      fake.reply({ hold: 'headers' });
      const controller = new AbortController();
      const pending = s.client.callTool({ name: 'lanying_get_profile', arguments: { user_id: '1001' } }, undefined, {
        signal: controller.signal,
      });
      // waits for events, with generous bounds: nothing here measures speed
      await expect.poll(() => fake.requests.length, { timeout: 20_000 }).toBe(1);
      controller.abort();
      await expect(pending).rejects.toThrow();
      await expect.poll(() => fake.requests[0]?.aborted, { timeout: 20_000 }).toBe(true);
      // the server keeps serving
      fake.reply(em({ data: { announcement: 'still here' } }));
      const ok = await s.client.callTool({ name: 'easemob_get_announcement', arguments: { group_id: 'g1' } });
      expect(ok.structuredContent).toEqual({
        untrusted: ['/data/announcement'],
        data: { announcement: 'still here' },
      });
    } finally {
      await s.close();
    }
  });
});

describe('logging', () => {
  it('writes one stderr line per tool call without arguments or secrets', async () => {
    const s = await startServer({ env: fake.env({ IM_ADMIN_LOG_LEVEL: 'info' }) });
    try {
      fake.reset();
      fake.reply(ly({ user_id: 1006, push_nick_name: '' }));
      await s.client.callTool({
        name: 'lanying_register_user',
        arguments: { username: 'zed', password: 'pw-do-not-log' },
      });
      const toolLines = () =>
        s
          .stderr()
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .filter((l) => l.msg === 'tool call');
      await expect.poll(() => toolLines().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
      const lines = toolLines();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'info', tool: 'lanying_register_user', outcome: 'ok' });
      expect(typeof lines[0]?.duration_ms).toBe('number');
      expect(s.stderr()).not.toContain('pw-do-not-log');
      expect(s.stderr()).not.toContain(LY_TOKEN);
    } finally {
      await s.close();
    }
  });

  it('sends MCP logging notifications only after the client sets a level, filtered by it', async () => {
    const s = await startServer({ env: fake.env() });
    try {
      const got: { level: string; data: unknown }[] = [];
      s.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        got.push({ level: n.params.level, data: n.params.data });
      });
      await s.client.callTool({ name: 'easemob_get_announcement', arguments: { group_id: 'g1' } });
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toHaveLength(0);
      await s.client.setLoggingLevel('warning');
      await s.client.callTool({ name: 'easemob_get_announcement', arguments: { group_id: 'g1' } });
      fake.reply({ status: 404, json: { error: 'resource_not_found', error_description: 'nope' } });
      await s.client.callTool({ name: 'easemob_get_announcement', arguments: { group_id: 'g1' } });
      await expect.poll(() => got.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ level: 'warning', data: { tool: 'easemob_get_announcement', outcome: 'error' } });
    } finally {
      await s.close();
    }
  });
});
