import { MCPClient } from '@mastra/mcp';
import type { Launch } from './langchain.js';

/**
 * The server's tools as Mastra tools (named `im-admin_<tool>`), for `new Agent({ tools })`. Mastra always offers
 * elicitation, so the server asks the person about each destructive call through it: `confirm` is how your app
 * asks them (true: go ahead). There is no confirmation_token round trip here.
 */
export async function imAdminTools(server: Launch, confirm: (question: string) => Promise<boolean>) {
  const mcp = new MCPClient({ id: 'im-admin', servers: { 'im-admin': server } });
  await mcp.elicitation.onRequest('im-admin', async (request) =>
    (await confirm(request.message)) ? { action: 'accept', content: { confirm: true } } : { action: 'decline' },
  );
  return { tools: await mcp.getTools(), close: () => mcp.disconnect() };
}
