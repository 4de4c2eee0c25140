/**
 * Faults over the built server (a thin layer: the full matrix over every tool runs in process, with a fake clock,
 * in test/inproc/faults.test.ts). Here: the real default response cap (32 MiB) against 50 MB answers, and
 * refused connections for every tool. The server must never crash or hang, and a write is never sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolSpec } from '../../src/tools/define.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { TOOL_COUNT } from '../helpers/catalog.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { freePort } from '../helpers/processes.js';
import { safe, uniqueArgs } from '../helpers/tool-args.js';
import { textOf } from './helpers.js';

const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
const tool = (name: string) => ALL_TOOLS.find((t) => t.name === name) as ToolSpec;
// one read that is retried on other faults, one write that is never sent twice
const TOOLS = [tool('lanying_get_profile'), tool('easemob_create_group')];

let fake: FakeUpstream;
let server: Started;

beforeAll(async () => {
  fake = await new FakeUpstream().start();
  server = await startServer({
    env: fake.env({
      IM_ADMIN_CONFIRM: 'off',
      // generous: only the size cap may end these calls, however slow the machine
      IM_ADMIN_TIMEOUT_MS: '120000',
      IM_ADMIN_EASEMOB_RATE: '0',
      IM_ADMIN_LANYING_RATE: '0',
    }),
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('the default 32 MiB response cap', () => {
  for (const chunked of [false, true]) {
    it(`a 50 MB ${chunked ? 'chunked ' : ''}answer is dropped, not retried, and the server stays up`, async () => {
      expect(safe(TOOLS[0] as ToolSpec)).toBe(true);
      expect(safe(TOOLS[1] as ToolSpec)).toBe(false);
      for (const [i, t] of TOOLS.entries()) {
        fake.reset();
        const args = uniqueArgs(t, i);
        fake.fault = { bytes: big, ...(chunked ? { chunked: true } : {}) };
        const r = await server.client.callTool({ name: t.name, arguments: args }, undefined, { timeout: 150_000 });
        fake.fault = undefined;
        expect(r.isError, `${t.name}: ${textOf(r)}`).toBe(true);
        expect(textOf(r)).toMatch(/exceeded 33554432 bytes/);
        expect(fake.requests, `${t.name} is sent once`).toHaveLength(1);
      }
      expect((await server.client.listTools()).tools).toHaveLength(TOOL_COUNT);
    }, 180_000);
  }

  it('connection refused: nothing was sent, every tool says so and writes are safe to retry', async () => {
    const port = await freePort();
    const env = fake.env({
      IM_ADMIN_CONFIRM: 'off',
      IM_ADMIN_EASEMOB_RATE: '0',
      IM_ADMIN_LANYING_RATE: '0',
      IM_ADMIN_MAX_DESTRUCTIVE: '100000',
    });
    env.LANYING_BASE_URL = `http://127.0.0.1:${port}/ly`;
    env.EASEMOB_BASE_URL = `http://127.0.0.1:${port}/em`;
    env.EASEMOB_APP_TOKEN = 'static-token-for-refused-test';
    delete env.EASEMOB_CLIENT_ID;
    delete env.EASEMOB_CLIENT_SECRET;
    const s = await startServer({ env });
    try {
      const results = await Promise.all(
        ALL_TOOLS.map((t, i) =>
          s.client.callTool({ name: t.name, arguments: uniqueArgs(t, i) }, undefined, { timeout: 120_000 }),
        ),
      );
      for (const [i, r] of results.entries()) {
        expect(r.isError, ALL_TOOLS[i]?.name).toBe(true);
        expect(textOf(r)).toMatch(/Nothing was sent/);
        expect(textOf(r)).not.toContain('static-token-for-refused-test');
      }
    } finally {
      await s.close();
    }
  }, 150_000);
});
