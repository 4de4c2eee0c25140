/**
 * Every tool of the catalog, end to end, without a table to keep: what to call is derived (each tool in ALL_TOOLS,
 * with the arguments of its first contract case), what to expect is written out once per vendor. The server runs
 * with credentials the sandbox refuses, so each call must reach the sandbox over HTTP through the real bundle, come
 * back as that vendor's authentication error, and change nothing. A new entry is covered here without an edit.
 * (Success paths with the sandbox state they leave: tools.test.ts; the documented shapes: sandbox/doc-examples.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { easemobCases } from '../contract/easemob.cases.js';
import { lanyingCases } from '../contract/lanying.cases.js';
import type { ContractCase } from '../contract/types.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { call, resetSandbox, sandboxEnv, snapshot } from './helpers.js';

/** What each vendor answers a refused credential (the sandbox as the vendors document it). */
const REFUSED = {
  lanying: { vendor: 'lanying', code: '10008', status: 200 },
  easemob: { vendor: 'easemob', code: 'unauthorized', status: 401 },
} as const;

const DIR = mkdtempSync(join(tmpdir(), 'im-admin-e2e-every-'));
const firstCase = new Map<string, ContractCase>();
for (const c of [...lanyingCases, ...easemobCases]) if (!firstCase.has(c.tool)) firstCase.set(c.tool, c);

let sb: SandboxHandle;
let server: Started;
beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  // a fixed Easemob app token the sandbox never issued, and no client credentials to renew it with
  const {
    EASEMOB_CLIENT_ID: _id,
    EASEMOB_CLIENT_SECRET: _secret,
    ...env
  } = sandboxEnv(sb, {
    LANYING_ACCESS_TOKEN: 'not-the-sandbox-token',
    EASEMOB_APP_TOKEN: 'not-the-sandbox-app-token',
    IM_ADMIN_CONFIRM: 'off',
    IM_ADMIN_FILES_DIR: DIR,
  });
  server = await startServer({ env });
});
afterAll(async () => {
  await server?.close();
  await sb?.close();
  rmSync(DIR, { recursive: true, force: true });
});
beforeEach(() => resetSandbox(sb));

describe('every tool reaches its vendor and reports its refusal', () => {
  it.each(ALL_TOOLS.map((t) => [t.name, t] as const))('%s', async (name, t) => {
    const c = firstCase.get(name);
    expect(c, `${name} has a contract case (test/contract/${t.vendor}.cases.ts)`).toBeDefined();
    if (!c) return;
    for (const [file, text] of Object.entries(c.files ?? {})) {
      mkdirSync(dirname(join(DIR, file)), { recursive: true });
      writeFileSync(join(DIR, file), text);
    }
    const before = snapshot(sb.state);
    const r = await call(server, name, c.args);
    expect(r.isError, r.text).toBe(true);
    expect(r.sc.error).toMatchObject(REFUSED[t.vendor]);
    expect(snapshot(sb.state)).toEqual(before);
  });
});
