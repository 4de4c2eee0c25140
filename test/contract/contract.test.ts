/**
 * Every documented operation as a data case, run through a real MCP client over stdio against the built
 * server, which sends through its real undici client to a recording fake on 127.0.0.1. Asserts the exact method,
 * path, query, headers and body that arrive, and the exact result the agent sees.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { EM_TOKEN, FakeUpstream, LY_APP_ID, LY_TOKEN, type Recorded } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { easemobCases, easemobPermanentMuteCase } from './easemob.cases.js';
import { lanyingCases } from './lanying.cases.js';
import type { ContractCase } from './types.js';

const cases: ContractCase[] = [...lanyingCases, ...easemobCases, easemobPermanentMuteCase];

let fake: FakeUpstream;
let server: Started;
/** the server's files folder (IM_ADMIN_FILES_DIR): cases name local files relative to it */
const FILES = mkdtempSync(join(tmpdir(), 'im-admin-contract-'));

beforeAll(async () => {
  fake = await new FakeUpstream().start();
  // The contract is the vendor request: confirmation and the operator's safety caps are tested elsewhere.
  server = await startServer({
    env: fake.env({
      IM_ADMIN_CONFIRM: 'off',
      IM_ADMIN_MAX_MUTE_MS: '-1',
      IM_ADMIN_MAX_DESTRUCTIVE: '100000',
      IM_ADMIN_FILES_DIR: FILES,
    }),
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
  rmSync(FILES, { recursive: true, force: true });
});

function checkAuth(r: Recorded): void {
  if (r.vendor === 'lanying') {
    expect(r.headers.app_id).toBe(LY_APP_ID);
    expect(r.headers['access-token']).toBe(LY_TOKEN);
    expect(r.headers.authorization).toBeUndefined();
  } else {
    expect(r.headers.authorization).toBe(`Bearer ${EM_TOKEN}`);
    expect(r.headers['access-token']).toBeUndefined();
  }
}

function multipartFile(r: Recorded): { field: string; filename: string; content: string } {
  const type = String(r.headers['content-type']);
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  expect(boundary, 'multipart boundary').toBeTruthy();
  const text = r.body.toString('latin1');
  const part = text.split(`--${boundary}`).find((p) => p.includes('Content-Disposition')) ?? '';
  const field = /name="([^"]+)"/.exec(part)?.[1] ?? '';
  const filename = /filename="([^"]+)"/.exec(part)?.[1] ?? '';
  const content = part.slice(part.indexOf('\r\n\r\n') + 4, part.lastIndexOf('\r\n'));
  return { field, filename, content: Buffer.from(content, 'latin1').toString('utf8') };
}

describe('contract: every documented operation', () => {
  it('has at least one case for each tool of the catalog, and no case for an unknown tool', () => {
    const names = new Set(ALL_TOOLS.map((t) => t.name));
    expect(names.size, 'tool names are unique').toBe(ALL_TOOLS.length);
    const covered = new Set(cases.map((c) => c.tool));
    expect([...names].filter((n) => !covered.has(n))).toEqual([]);
    expect([...covered].filter((n) => !names.has(n))).toEqual([]);
  });

  for (const c of cases) {
    it(`${c.tool}${c.label ? ` (${c.label})` : ''}`, async () => {
      const dir = FILES;
      try {
        for (const [name, content] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), content);
        fake.reset();
        if (c.reply) fake.reply(c.reply);
        const res = await server.client.callTool({
          name: c.tool,
          arguments: c.args,
        });
        const text = (res.content as { text: string }[]).map((x) => x.text).join('\n');
        expect(res.isError ?? false, text).toBe(false);

        expect(fake.requests).toHaveLength(1);
        const r = fake.requests[0] as Recorded;
        checkAuth(r);
        expect(r.method).toBe(c.expect.method);
        expect(r.path).toBe(c.expect.path);
        expect(r.query).toEqual(c.expect.query ?? {});
        if (!c.expect.query) expect(r.rawQuery).toBe('');
        for (const [h, v] of Object.entries(c.expect.headers ?? {})) expect(r.headers[h.toLowerCase()], h).toBe(v);
        for (const h of c.expect.absentHeaders ?? []) expect(r.headers[h.toLowerCase()], h).toBeUndefined();
        if (c.expect.json !== undefined) {
          expect(String(r.headers['content-type'])).toBe('application/json');
          expect(JSON.parse(r.body.toString('utf8'))).toEqual(c.expect.json);
        }
        if (c.expect.bodyText !== undefined) expect(r.body.toString('utf8')).toBe(c.expect.bodyText);
        if (c.expect.multipart) expect(multipartFile(r)).toEqual(c.expect.multipart);
        if (c.expect.json === undefined && c.expect.bodyText === undefined && !c.expect.multipart) {
          expect(r.body.length, 'no body expected').toBe(0);
        }

        expect(res.structuredContent).toEqual(c.result);
        for (const s of c.textIncludes ?? []) expect(text).toContain(s);
        for (const [name, content] of Object.entries(c.writes ?? {})) {
          expect(readFileSync(join(dir, name), 'utf8')).toBe(content);
        }
      } finally {
        for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
      }
    });
  }
});
