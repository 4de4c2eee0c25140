/**
 * Listed schema = validating schema (contract §3): arguments generated from tools/list alone (the default
 * configuration) are accepted by the server's own validation, for every tool. The generator
 * (test/helpers/schema-arbitrary.ts) knows only JSON Schema; ajv checks that what it draws really satisfies the
 * listed schema, so a failure here is a rule the server applies without listing it.
 */
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callSchema, coerceArgs, describeIssues, type JsonSchema } from '../../src/execute/schema.js';
import { LOOKUPS } from '../../src/lookups/index.js';
import { buildManifest } from '../../src/mcp/manifest.js';
import { GroupId } from '../../src/tools/easemob/params.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { pathIdProblem } from '../../src/tools/params.js';
import { fromSchema } from '../helpers/schema-arbitrary.js';

const listed = (await buildManifest()).tools as { name: string; inputSchema: JsonSchema }[];
const byName = new Map(ALL_TOOLS.map((t) => [t.name, t]));
const lookups = new Map(LOOKUPS.map((t) => [t.name, t]));
const ajv = new Ajv({ strict: true, allErrors: true });

describe('every argument object the listed schema admits is accepted by the server', () => {
  it.each(listed.map((t, i) => [t.name, t, i] as const))('%s', (name, t, i) => {
    const spec = byName.get(name);
    const lookup = lookups.get(name);
    if (!spec && !lookup) throw new Error(`${name} is neither in the catalog nor a lookup`);
    // what the server validates the call with: the entry's call schema, or the lookup's input
    const schema = spec ? callSchema(spec) : (lookup?.input as NonNullable<typeof lookup>['input']);
    const admits = ajv.compile(t.inputSchema);
    fc.assert(
      fc.property(fromSchema(t.inputSchema), (args) => {
        expect(admits(args), `generator drew a value the listed schema refuses: ${ajv.errorsText(admits.errors)}`).toBe(
          true,
        );
        const coerced = coerceArgs(args as Record<string, unknown>, t.inputSchema);
        const parsed = schema.safeParse(coerced);
        if (!parsed.success) throw new Error(describeIssues(parsed.error, coerced));
      }),
      { numRuns: 100, seed: 4242 + i },
    );
  });
});

describe('the path-id pattern is exactly the path-hazard check', () => {
  it('an id is admitted if and only if it is one safe path segment of at most 256 characters', () => {
    const hostile = fc.string({
      unit: fc.constantFrom(...'aZ9_-.@/\\,?# \t\n\u0000\u007f\u00a0\u2028\ufeff界😀'.split('')),
      maxLength: 12,
    });
    fc.assert(
      fc.property(hostile, (s) => {
        expect(GroupId.safeParse(s).success, JSON.stringify(s)).toBe(pathIdProblem(s) === undefined);
      }),
      { numRuns: 5_000, seed: 7 },
    );
    for (const bad of ['.', '..', 'a..b', '../x', 'a/b', 'a,b', ' a', 'a ', '', 'a\u2028..b', 'x'.repeat(257)])
      expect(GroupId.safeParse(bad).success, bad).toBe(false);
    for (const good of ['alice', 'user one', '张三', 'u@x.com', 'a.b', '.a', 'x'.repeat(256)])
      expect(GroupId.safeParse(good).success, good).toBe(true);
  });
});
