/**
 * Cancellation through the MCP adapter (mcp/server.ts), in process with the SDK's own Client: a client's cancel, a
 * cancel sent before the server started the call, and the connection closing each end the vendor request the call
 * holds (the adapter aborts the call's own abort source; it puts no listener on the SDK's per-request signal).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { closeMcpSessions, openMcpSession } from '../helpers/in-process-mcp.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterEach(async () => {
  fake.fault = undefined;
  await closeMcpSessions();
});
afterAll(async () => fake?.close());

const session = () => openMcpSession(fake.env({ IM_ADMIN_CONFIRM: 'off' }), 'cancel-test', {}, undefined, fake);

describe('a tools/call through the adapter', () => {
  it('ends its vendor request when the client cancels it, and the session keeps serving', async () => {
    const { client } = await session();
    fake.reset();
    const closed = fake.heldClosed;
    fake.fault = { hold: 'headers' };
    const controller = new AbortController();
    const pending = client.callTool({ name: 'lanying_get_profile', arguments: { user_id: '1001' } }, undefined, {
      signal: controller.signal,
    });
    await expect.poll(() => fake.held).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => fake.heldClosed).toBe(closed + 1);
    fake.fault = undefined;
    const ok = await client.callTool({ name: 'easemob_get_announcement', arguments: { group_id: 'g1' } });
    expect(ok.isError).toBeFalsy();
  });

  it('sends nothing when the cancel arrives right behind the request, before the call started', async () => {
    const { transport } = await session();
    fake.reset();
    // both messages in one turn, as one read of the pipe can hand them over
    void transport.send({
      jsonrpc: '2.0',
      id: 'early-1',
      method: 'tools/call',
      params: { name: 'easemob_get_announcement', arguments: { group_id: 'g1' } },
    });
    void transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'early-1' } });
    // a later call on the same session is answered, so the cancelled one had its turn first
    fake.reply({ json: { data: { announcement: 'later' } } });
    const answered = new Promise<unknown>((resolve) => {
      const prev = transport.onmessage;
      transport.onmessage = (m, extra) => {
        if ((m as { id?: unknown }).id === 'later-1') resolve(m);
        prev?.(m, extra);
      };
    });
    void transport.send({
      jsonrpc: '2.0',
      id: 'later-1',
      method: 'tools/call',
      params: { name: 'easemob_get_announcement', arguments: { group_id: 'g2' } },
    });
    const later = (await answered) as { result?: { isError?: boolean } };
    expect(later.result?.isError).toBeFalsy();
    expect(fake.requests.map((r) => r.path)).toEqual(['/org1/app1/chatgroups/g2/announcement']);
  });

  it('ends its vendor request when the connection closes', async () => {
    const { client } = await session();
    fake.reset();
    const closed = fake.heldClosed;
    fake.fault = { hold: 'headers' };
    const pending = client.callTool({ name: 'easemob_get_announcement', arguments: { group_id: 'g1' } });
    await expect.poll(() => fake.held).toBe(1);
    await client.close();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => fake.heldClosed).toBe(closed + 1);
  });
});
