// The bare SDK proxy (issue 18): the floor any server built on the same SDK pays. The SDK's low-level `Server` over
// `StdioServerTransport`, the two reads the benchmark calls (one Easemob, one Lanying), no validation, one pooled
// undici request per call to the same upstream with the same path, headers and auth as im-admin-mcp sends, the
// vendor's JSON returned as text and as structuredContent. Started by bench/run.mjs exactly like the server (a child
// over stdio, the same client); configured by the same environment (EASEMOB_*, LANYING_*).
// It lists, for its two tools, exactly the definitions im-admin-mcp lists (read from tools.manifest.json at start-up:
// title, description, inputSchema, outputSchema, annotations), so the client validates both servers' results alike
// (the vendor's JSON validates against those open output schemas). The input schema is listed, never applied.

import { readFileSync } from 'node:fs';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Agent, request } from 'undici';

const env = process.env;
const EM = `${env.EASEMOB_BASE_URL}/${env.EASEMOB_ORG}/${env.EASEMOB_APP}`;
const LY = env.LANYING_BASE_URL;
const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

/** The Easemob app token, fetched once with client credentials (as the server does, then cached). */
let token;
async function easemobToken() {
  token ??= request(`${EM}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: env.EASEMOB_CLIENT_ID,
      client_secret: env.EASEMOB_CLIENT_SECRET,
    }),
    dispatcher: agent,
  })
    .then((r) => r.body.json())
    .then((j) => j.access_token);
  return token;
}

const NAMES = ['easemob_get_announcement', 'lanying_list_devices'];
const manifest = JSON.parse(readFileSync(new URL('../tools.manifest.json', import.meta.url), 'utf8'));
const TOOLS = NAMES.map((name) => {
  const t = manifest.tools.find((x) => x.name === name);
  if (!t) throw new Error(`${name} is not in tools.manifest.json`);
  const { title, description, inputSchema, outputSchema, annotations } = t;
  return { name, title, description, inputSchema, outputSchema, annotations };
});

async function get(url, headers) {
  const r = await request(url, { method: 'GET', headers, dispatcher: agent });
  return JSON.parse(await r.body.text());
}

const server = new Server({ name: 'bare-proxy', version: '1' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const args = req.params.arguments ?? {};
  let json;
  if (req.params.name === 'easemob_get_announcement') {
    json = await get(`${EM}/chatgroups/${encodeURIComponent(String(args.group_id))}/announcement`, {
      accept: 'application/json',
      authorization: `Bearer ${await easemobToken()}`,
    });
  } else if (req.params.name === 'lanying_list_devices') {
    json = await get(`${LY}/user/device/list`, {
      accept: 'application/json',
      app_id: env.LANYING_APP_ID,
      'access-token': env.LANYING_ACCESS_TOKEN,
      ...(args.user_id !== undefined ? { user_id: String(args.user_id) } : {}),
    });
  } else {
    return { content: [{ type: 'text', text: `Unknown tool: ${req.params.name}` }], isError: true };
  }
  return { content: [{ type: 'text', text: JSON.stringify(json) }], structuredContent: json };
});
await server.connect(new StdioServerTransport());
