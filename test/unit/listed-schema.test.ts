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
import { checkEasemobUsers } from '../../src/sandbox/seed-file.js';
import { GroupId, Username } from '../../src/tools/easemob/params.js';
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

describe('the Easemob id pattern', () => {
  it('admits exactly the vendor\'s id characters, 1-64 of them, never "." or "..", and only safe path segments', () => {
    const hostile = fc.string({
      unit: fc.constantFrom(...'aZ9_-.@/\\,?# \t\n\u0000\u007f\u00a0\u2028\ufeff界😀'.split('')),
      maxLength: 12,
    });
    fc.assert(
      fc.property(hostile, (s) => {
        const admitted = GroupId.safeParse(s).success;
        expect(admitted, JSON.stringify(s)).toBe(/^[A-Za-z0-9_.-]{1,64}$/.test(s) && s !== '.' && s !== '..');
        if (admitted) expect(pathIdProblem(s), JSON.stringify(s)).toBeUndefined();
      }),
      { numRuns: 5_000, seed: 7 },
    );
    for (const bad of ['.', '..', '../x', 'a/b', 'a,b', ' a', 'a b', '', 'u@x.com', '张三', 'x'.repeat(65)])
      expect(GroupId.safeParse(bad).success, bad).toBe(false);
    for (const good of ['alice', 'Alice_2', 'a.b', 'a..b', '...', '.a', '-x', '66XXXX85', 'x'.repeat(64)]) {
      expect(GroupId.safeParse(good).success, good).toBe(true);
      // and the request builder, which checks each segment again, sends it
      expect(pathIdProblem(good), good).toBeUndefined();
    }
  });

  it('says what to fix', () => {
    const message = (s: string) => GroupId.safeParse(s).error?.issues[0]?.message;
    expect(message('a/b')).toBe('id must not contain "/"');
    expect(message('..')).toBe('id must not be "." or ".."');
    expect(message('x'.repeat(65))).toBe('id must be at most 64 characters');
    expect(message('u@x.com')).toBe('id may hold only letters, digits, "_", "-" and "." (the vendor\'s id characters)');
  });

  it('is the rule the sandbox seeds users with, so every seeded user can be named in a call', () => {
    const ids = fc.string({ unit: fc.constantFrom(...'aZ9_-.@ /'.split('')), maxLength: 66 });
    fc.assert(
      fc.property(ids, (id) => {
        const seeded = (() => {
          try {
            checkEasemobUsers([id]);
            return true;
          } catch {
            return false;
          }
        })();
        expect(seeded, JSON.stringify(id)).toBe(Username.safeParse(id).success);
      }),
      { numRuns: 2_000, seed: 11 },
    );
  });
});
