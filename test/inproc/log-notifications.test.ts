/**
 * MCP logging (the `logging` capability): a client that asked with logging/setLevel gets one notifications/message
 * per tool call at or above its level (tool, duration, outcome; never arguments), and a client that did not ask gets
 * none. The stderr line is separate (IM_ADMIN_LOG_LEVEL): at `error`, nothing is written there for these calls.
 */
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLogLevel } from '../../src/log.js';
import { closeMcpSessions, openMcpSession } from '../helpers/in-process-mcp.js';

const LOUNGE = '100000000000001';
const SECRET_ARG = 'an-argument-that-must-not-be-logged';

beforeAll(() => setLogLevel('error'));

afterEach(closeMcpSessions);

async function session() {
  const messages: { level: string; data: unknown }[] = [];
  const { s, client } = await openMcpSession({}, 'log-test', {}, (c) =>
    c.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      messages.push({ level: n.params.level, data: n.params.data });
    }),
  );
  const call = (name: string, args: Record<string, unknown>) => s.callAll(client.callTool({ name, arguments: args }));
  // notifications travel on the same in-memory channel: a ping after the call has passed every one sent before it
  const settle = () => client.ping();
  return { client, messages, call, settle };
}

describe('MCP log messages for tool calls', () => {
  it('none for a client that did not ask', async () => {
    const { messages, call, settle } = await session();
    await call('easemob_get_groups', { group_id: [LOUNGE] });
    await call('no_such_tool', {});
    await settle();
    expect(messages).toEqual([]);
  });

  it('one per call at or above the level asked for, naming the tool, duration and outcome, never the arguments', async () => {
    const { client, messages, call, settle } = await session();
    await client.setLoggingLevel('info');
    await call('easemob_get_groups', { group_id: [LOUNGE] });
    await call('no_such_tool', { note: SECRET_ARG });
    await settle();
    expect(messages.map((m) => m.level)).toEqual(['info', 'warning']);
    expect(messages[0]?.data).toMatchObject({ tool: 'easemob_get_groups', outcome: 'ok' });
    expect(messages[1]?.data).toMatchObject({ tool: 'no_such_tool' });
    for (const m of messages) {
      expect(typeof (m.data as { duration_ms?: unknown }).duration_ms).toBe('number');
      expect(JSON.stringify(m.data)).not.toContain(SECRET_ARG);
    }
  });

  it('only the failures once the level is warning', async () => {
    const { client, messages, call, settle } = await session();
    await client.setLoggingLevel('warning');
    await call('easemob_get_groups', { group_id: [LOUNGE] });
    await call('no_such_tool', {});
    await settle();
    expect(messages.map((m) => [m.level, (m.data as { tool: string }).tool])).toEqual([['warning', 'no_such_tool']]);
  });
});
