/**
 * Cancellation over Streamable HTTP, in process (the real HTTP adapter, src/mcp/http.ts, and the SDK's own client):
 * a client's cancel and the end of the session each end the vendor request the call holds. The adapter aborts each
 * call's own abort source when connectServer sees the cancel or the transport's close.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHttp, serveHttp } from '../../src/mcp/http.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { type InProcess, startInProcess } from '../helpers/in-process.js';

let fake: FakeUpstream;
let s: InProcess;
let http: RunningHttp;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startInProcess(fake.env({ IM_ADMIN_CONFIRM: 'off' }), { fake });
  http = await serveHttp(
    s.runtime.app,
    { name: 'im-admin-mcp', version: '0', instructions: '' },
    { host: '127.0.0.1', port: 0, token: undefined, stateless: false, allowedOrigins: [] },
  );
});
afterAll(async () => {
  await http?.close();
  await s?.close();
  await fake?.close();
});

async function connect() {
  const transport = new StreamableHTTPClientTransport(new URL(http.url));
  const client = new Client({ name: 'http-cancel', version: '1' });
  await client.connect(transport);
  return { client, transport };
}

/** Starts a call the fake holds; resolves, once the vendor request has arrived, to the call's promise (settled or not). */
async function heldCall(client: Client, signal?: AbortSignal): Promise<{ pending: Promise<unknown> }> {
  fake.reset();
  fake.fault = { hold: 'headers' };
  const pending = client.callTool({ name: 'easemob_get_announcement', arguments: { group_id: 'g1' } }, undefined, {
    ...(signal ? { signal } : {}),
  });
  pending.catch(() => {});
  await expect.poll(() => fake.held).toBe(1);
  return { pending };
}

describe('a tools/call over Streamable HTTP', () => {
  it('ends its vendor request when the client cancels it', async () => {
    const { client } = await connect();
    try {
      const closed = fake.heldClosed;
      const controller = new AbortController();
      const { pending } = await heldCall(client, controller.signal);
      controller.abort();
      await expect(pending).rejects.toThrow();
      await expect.poll(() => fake.heldClosed).toBe(closed + 1);
    } finally {
      fake.fault = undefined;
      await client.close();
    }
  });

  it('ends its vendor request when the client ends the session', async () => {
    const { client, transport } = await connect();
    try {
      const closed = fake.heldClosed;
      await heldCall(client);
      await transport.terminateSession();
      await expect.poll(() => fake.heldClosed).toBe(closed + 1);
    } finally {
      fake.fault = undefined;
      await client.close();
    }
  });
});
