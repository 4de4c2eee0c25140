/**
 * Input fuzzing over stdio (the thinner layer): a spread of tools, each with hostile inputs through the real
 * JSON-RPC path. Every tool with the full 200 inputs runs in process: test/inproc/fuzz.test.ts.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { easemobCases } from '../contract/easemob.cases.js';
import { lanyingCases } from '../contract/lanying.cases.js';
import { FakeUpstream, type Reply } from '../helpers/fake-upstream.js';
import { fuzzTool } from '../helpers/fuzz.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { FILES_ENV } from '../helpers/tool-args.js';

/** Each tool's documented answer (its first contract case's reply): the client validates results against it. */
const documented = new Map<string, Reply>();
for (const c of [...lanyingCases, ...easemobCases])
  if (c.reply && !documented.has(c.tool)) documented.set(c.tool, c.reply);

let fake: FakeUpstream;
let server: Started;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  server = await startServer({
    env: fake.env({
      IM_ADMIN_CONFIRM: 'off',
      IM_ADMIN_EASEMOB_RATE: '0',
      IM_ADMIN_LANYING_RATE: '0',
      IM_ADMIN_MAX_DESTRUCTIVE: '1000000',
      IM_ADMIN_MAX_MUTE_MS: '-1',
      ...FILES_ENV,
    }),
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('fuzzing tool inputs over stdio', () => {
  const spread = ALL_TOOLS.map((t, i) => [t.name, t, i] as const).filter(([, , i]) => i % 9 === 0);
  it.each(spread)(
    '%s: 40 invalid inputs refused with nothing sent; valid ids give one well-formed request',
    async (_n, t, i) => {
      await fuzzTool(
        t,
        i,
        async (name, args) => {
          // answered as documented (a call refused before sending leaves it queued until the next reset)
          const reply = documented.get(name);
          if (reply) fake.reply(reply);
          return (await server.client.callTool({ name, arguments: args })) as { isError?: boolean; content?: unknown };
        },
        fake,
        {
          invalidRuns: 40,
          validRuns: 3,
        },
      );
    },
  );
});
