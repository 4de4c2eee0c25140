/**
 * Cancellation through the MCP adapter (mcp/server.ts), in process with the SDK's own Client: a client's cancel, a
 * cancel sent before the server started the call, and the connection closing each end the vendor request the call
 * holds (the adapter aborts the call's own abort source; it puts no listener on the SDK's per-request signal).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/server.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startInProcess } from '../helpers/in-process.js';
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

/** A call held at the fake, cancelled by the client: the call rejects and the fake sees its request dropped. */
async function cancelHeldCall(client: Client, name: string, args: Record<string, unknown>): Promise<void> {
  fake.reset();
  const closed = fake.heldClosed;
  fake.fault = { hold: 'headers' };
  const controller = new AbortController();
  const pending = client.callTool({ name, arguments: args }, undefined, { signal: controller.signal });
  await expect.poll(() => fake.held).toBe(1);
  controller.abort();
  await expect(pending).rejects.toThrow();
  await expect.poll(() => fake.heldClosed).toBe(closed + 1);
  fake.fault = undefined;
}

describe('a tools/call through the adapter', () => {
  it('ends its vendor request when the client cancels it, and the session keeps serving', async () => {
    const { client } = await session();
    await cancelHeldCall(client, 'lanying_get_profile', { user_id: '1001' });
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

  it('a cancel for a request that already ended does not touch a later request with the same id', async () => {
    const { transport } = await session();
    fake.reset();
    const answers = new Map<unknown, { result?: { isError?: boolean; content?: { text?: string }[] } }>();
    const prev = transport.onmessage;
    transport.onmessage = (m, extra) => {
      const id = (m as { id?: unknown }).id;
      if (id !== undefined) answers.set(id, m as never);
      prev?.(m, extra);
    };
    const call = (id: number) =>
      transport.send({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: { name: 'easemob_get_announcement', arguments: { group_id: 'g1' } },
      });
    await call(7);
    await expect.poll(() => answers.has(7)).toBe(true);
    answers.delete(7);
    // the client's cancel crossed the answer; the id is free again and used for the next request
    await transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7 } });
    await Promise.resolve();
    await call(7);
    await expect.poll(() => answers.has(7)).toBe(true);
    const again = answers.get(7);
    expect(again?.result?.isError, again?.result?.content?.[0]?.text).toBeFalsy();
  });

  it("on a server connected without connectServer, a client's cancel still ends the vendor request", async () => {
    const s = await startInProcess(fake.env({ IM_ADMIN_CONFIRM: 'off' }), { fake });
    const server = createMcpServer(s.runtime.app, { name: 'im-admin-mcp', version: '0', instructions: '' });
    const [a, b] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'plain', version: '1' });
    try {
      await Promise.all([server.connect(a), client.connect(b)]);
      await cancelHeldCall(client, 'easemob_get_announcement', { group_id: 'g1' });
    } finally {
      await client.close();
      await s.close();
    }
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
