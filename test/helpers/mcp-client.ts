/** Starts the built server (`dist/bundle/cli.js`) as a tracked child process (test/helpers/spawn.ts) and talks to it with the SDK's own client over stdio. */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { childEnv, TrackedStdioTransport } from './spawn.js';

export const CLI = fileURLToPath(new URL('../../dist/bundle/cli.js', import.meta.url));

export interface Started {
  client: Client;
  /** the audit log this server writes */
  auditPath: string;
  stderr: () => string;
  close(): Promise<void>;
}

interface StartOptions {
  env?: Record<string, string>;
  args?: string[];
  /** declare elicitation and answer each request with this */
  elicit?: (
    message: string,
  ) =>
    | { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> }
    | Promise<{ action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> }>;
}

export async function startServer(opts: StartOptions = {}): Promise<Started> {
  // Every test server gets its own audit log and a scratch HOME, never the user's.
  const auditPath = opts.env?.IM_ADMIN_AUDIT_LOG ?? join(mkdtempSync(join(tmpdir(), 'im-admin-audit-')), 'audit.jsonl');
  const transport = new TrackedStdioTransport({
    command: process.execPath,
    args: [CLI, ...(opts.args ?? [])],
    env: childEnv({ IM_ADMIN_LOG_LEVEL: 'warn', IM_ADMIN_AUDIT_LOG: auditPath, ...opts.env }),
  });
  let err = '';
  transport.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const client = new Client(
    { name: 'test-client', version: '1.0.0' },
    { capabilities: opts.elicit ? { elicitation: { form: {} } } : {} },
  );
  if (opts.elicit) {
    const answer = opts.elicit;
    client.setRequestHandler(ElicitRequestSchema, async (req) => answer(String(req.params.message)));
  }
  await client.connect(transport);
  // as agents' clients do: with the tools listed, the SDK client validates every structuredContent against the
  // tool's outputSchema (errors included) and throws on a mismatch, in every test that calls a tool
  await client.listTools();
  return {
    client,
    auditPath,
    stderr: () => err,
    close: () => client.close(),
  };
}
