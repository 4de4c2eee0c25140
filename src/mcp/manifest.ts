/**
 * `tools.manifest.json` (contract §5), generated from what the server really lists: a server with every tool on
 * is asked for tools/list through the SDK's own client over an in-memory transport, and each listed tool keeps every
 * key it is listed with (name, title, description, annotations, inputSchema, outputSchema) and is joined with its
 * catalog binding (vendor, toolset, doc, method, path).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { App } from '../app.js';
import { loadConfig } from '../config.js';
import { ConfirmTokens, MemorySpentStore } from '../guards/confirm-token.js';
import { SERVER_NAME, SERVER_VERSION } from '../info.js';
import { LOOKUPS } from '../lookups/index.js';
import { ALL_TOOLS } from '../tools/index.js';
import { VENDORS } from '../vendors/index.js';
import type { VendorClient } from '../vendors/vendor.js';
import { createMcpServer } from './server.js';

const offline = (vendor: 'lanying' | 'easemob'): VendorClient => ({
  vendor,
  send: () => Promise.reject(new Error('offline')),
  describe: () => ({ method: 'GET', url: '', headers: {} }),
});

export async function buildManifest(): Promise<Record<string, unknown>> {
  const config = loadConfig({}, { sandbox: true });
  const app = new App(config, {
    clients: { lanying: offline('lanying'), easemob: offline('easemob') },
    confirm: { mode: 'auto', tokens: new ConfirmTokens(Buffer.alloc(32), 300_000, new MemorySpentStore()) },
  });
  const server = createMcpServer(app, { name: SERVER_NAME, version: SERVER_VERSION, instructions: '' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'manifest', version: SERVER_VERSION });
  await Promise.all([server.connect(a), client.connect(b)]);
  const listed = await client.listTools();
  await client.close();
  const byName = new Map(ALL_TOOLS.map((t) => [t.name, t]));
  const lookups = new Map(LOOKUPS.map((t) => [t.name, t]));
  return {
    server: { name: SERVER_NAME, version: SERVER_VERSION },
    tools: listed.tools.map((t) => {
      // a lookup (contract §5): `composed_of`, the documented reads it makes, in place of `doc` and `http`
      const lookup = lookups.get(t.name);
      if (lookup)
        return {
          name: t.name,
          title: t.title,
          description: t.description,
          vendor: lookup.vendor,
          toolset: lookup.toolset,
          composed_of: lookup.composedOf.map((r) => r.name),
          // every key tools/list carries, with its value as listed (contract §5)
          annotations: t.annotations,
          inputSchema: t.inputSchema,
          ...(t.outputSchema ? { outputSchema: t.outputSchema } : {}),
        };
      const spec = byName.get(t.name);
      if (!spec) throw new Error(`listed tool ${t.name} is not in the catalog`);
      return {
        name: t.name,
        title: t.title,
        description: t.description,
        vendor: spec.vendor,
        toolset: spec.toolset,
        doc: spec.doc,
        // the documented path: the vendor's prefix (added by its client) and the entry's own part
        http: { method: spec.http.method, path: `${VENDORS[spec.vendor].pathPrefix}${spec.http.path}` },
        // every key tools/list carries, with its value as listed (contract §5)
        annotations: t.annotations,
        inputSchema: t.inputSchema,
        ...(t.outputSchema ? { outputSchema: t.outputSchema } : {}),
      };
    }),
  };
}
