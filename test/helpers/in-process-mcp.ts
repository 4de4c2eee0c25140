/**
 * The real MCP adapter (mcp/server.ts) over the in-process runtime, with the SDK's own Client on an in-memory
 * transport: for tests of what a client sees without a child process. `closeMcpSessions` (in an afterEach) closes
 * every session opened since it last ran.
 */
import { Client, type ClientOptions } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { connectServer, createMcpServer } from '../../src/mcp/server.js';
import type { FakeUpstream } from './fake-upstream.js';
import { type InProcess, startInProcess } from './in-process.js';

interface McpSession {
  s: InProcess;
  client: Client;
  /** the client's end of the in-memory pair, for messages the Client would not send as they are */
  transport: InMemoryTransport;
}

let open: McpSession[] = [];

/**
 * Runtime from `env` (pacing off), the adapter, and a client named `name`; `prepare` runs before the client connects
 * (to register handlers the server may call during the handshake); `fake`: the upstream whose held requests gate the
 * runtime's fake clock (startInProcess).
 */
export async function openMcpSession(
  env: Record<string, string>,
  name: string,
  options: ClientOptions = {},
  prepare?: (client: Client) => void,
  fake?: FakeUpstream,
): Promise<McpSession> {
  const s = await startInProcess(
    { IM_ADMIN_EASEMOB_RATE: '0', IM_ADMIN_LANYING_RATE: '0', ...env },
    fake ? { fake } : {},
  );
  const server = createMcpServer(s.runtime.app, { name: 'im-admin-mcp', version: '0', instructions: '' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name, version: '1' }, options);
  prepare?.(client);
  await Promise.all([connectServer(server, a), client.connect(b)]);
  const session = { s, client, transport: b };
  open.push(session);
  return session;
}

export async function closeMcpSessions(): Promise<void> {
  for (const o of open) {
    await o.client.close();
    await o.s.close();
  }
  open = [];
}
