/**
 * Input fuzzing of every tool, in process: 200 invalid and hostile inputs per tool refused with nothing sent, and
 * valid generated ids giving exactly one well-formed request (test/helpers/fuzz.ts). Arguments go through a JSON
 * round trip, as on the wire (so `__proto__` arrives as an own key).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { fuzzTool, PER_TOOL } from '../helpers/fuzz.js';
import { type InProcess, startInProcess } from '../helpers/in-process.js';
import { FILES_ENV } from '../helpers/tool-args.js';

let fake: FakeUpstream;
let s: InProcess;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startInProcess(
    fake.env({
      IM_ADMIN_CONFIRM: 'off',
      IM_ADMIN_EASEMOB_RATE: '0',
      IM_ADMIN_LANYING_RATE: '0',
      IM_ADMIN_MAX_DESTRUCTIVE: '1000000',
      IM_ADMIN_MAX_MUTE_MS: '-1',
      ...FILES_ENV,
    }),
    { fake },
  );
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

describe('fuzzing every tool input schema (in process)', () => {
  it.each(ALL_TOOLS.map((t, i) => [t.name, t, i] as const))(
    `%s: ${PER_TOOL} invalid inputs refused with nothing sent; valid ids give one well-formed request`,
    async (_name, t, i) => {
      await fuzzTool(t, i, (name, args) => s.call(name, JSON.parse(JSON.stringify(args))), fake);
    },
  );
});
