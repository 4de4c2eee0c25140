/**
 * The only module that talks to the MCP SDK (v1). It forwards tools/list and tools/call to the App and turns
 * the client's elicitation capability into the App's `elicit` callback. A move to SDK v2 touches this file.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { App } from '../app.js';

export interface ServerInfo {
  name: string;
  version: string;
  instructions: string;
}

/** How long a person has to answer a confirmation question. */
const ELICIT_TIMEOUT_MS = 10 * 60 * 1000;

export function createMcpServer(app: App, info: ServerInfo): Server {
  const server = new Server(
    { name: info.name, version: info.version },
    { capabilities: { tools: {}, logging: {} }, instructions: info.instructions },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: app.tools }));
  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const canElicit = Boolean(server.getClientCapabilities()?.elicitation);
    const elicit = canElicit
      ? async (message: string) => {
          const r = await server.elicitInput(
            {
              message,
              requestedSchema: {
                type: 'object',
                properties: { confirm: { type: 'boolean', title: 'Confirm', description: 'Yes, do it' } },
                required: ['confirm'],
              },
            },
            { relatedRequestId: extra.requestId, timeout: ELICIT_TIMEOUT_MS, signal: extra.signal },
          );
          if (r.action !== 'accept') return r.action;
          return r.content?.confirm === true ? 'accept' : 'decline';
        }
      : undefined;
    return app.call(req.params.name, req.params.arguments, { signal: extra.signal, ...(elicit ? { elicit } : {}) });
  });
  return server;
}

export async function serveStdio(app: App, info: ServerInfo): Promise<Server> {
  const server = createMcpServer(app, info);
  await server.connect(new StdioServerTransport());
  return server;
}
