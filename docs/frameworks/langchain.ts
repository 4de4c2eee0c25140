import { MultiServerMCPClient } from '@langchain/mcp-adapters';

/** How to start the server: `npx -y im-admin-mcp` with its settings (no credentials: the sandbox). */
export interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** The server's tools as LangChain tools (`DynamicStructuredTool`), for `createAgent({ tools })` or `bindTools`. */
export async function imAdminTools(server: Launch) {
  const client = new MultiServerMCPClient({ mcpServers: { 'im-admin': { transport: 'stdio', ...server } } });
  return { tools: await client.getTools(), close: () => client.close() };
}
