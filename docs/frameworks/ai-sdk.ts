import { createMCPClient } from '@ai-sdk/mcp';
import { Experimental_StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';
import type { Launch } from './langchain.js';

/** The server's tools as AI SDK tools, for `generateText({ model, tools, stopWhen })`. */
export async function imAdminTools(server: Launch) {
  const client = await createMCPClient({ transport: new Experimental_StdioMCPTransport(server) });
  return { tools: await client.tools(), close: () => client.close() };
}
