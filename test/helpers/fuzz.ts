/**
 * Property-based fuzzing of one tool's input schema with fast-check (shared by the in-process run over every tool
 * and the thinner run over stdio): invalid and hostile inputs (wrong types, huge strings, unicode, path traversal,
 * commas, CR/LF, control characters, prototype-pollution keys, missing fields, out-of-range numbers, over-limit
 * arrays) are each refused with isError and send nothing; valid generated inputs (random ids, unicode included)
 * produce exactly one well-formed request.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { callSchema, type JsonSchema, toJsonSchema } from '../../src/execute/schema.js';
import type { ToolSpec } from '../../src/tools/define.js';
import type { FakeUpstream } from './fake-upstream.js';
import { validArgs } from './tool-args.js';

type Gen = fc.Arbitrary<Record<string, unknown>>;
type Result = { isError?: boolean | undefined; content?: unknown };
const textOf = (r: Result): string =>
  ((r.content as { text?: string }[] | undefined) ?? []).map((c) => c.text ?? '').join('\n');

export const PER_TOOL = 200;
const HOSTILE_IDS = [
  '../etc/passwd',
  '..',
  'a/b',
  'a,b',
  'a\r\nX-Injected: 1',
  'a\nb',
  'a\u0000b',
  'a\u007fb',
  'a?x=1',
  'a#frag',
  '',
  ' lead',
  'trail ',
  '%2e%2e/x',
  'a\\b',
];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

function pathParams(t: ToolSpec): Set<string> {
  const names = [...(t.http.route ?? t.http.path).matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  return new Set(names.filter((n) => n !== 'org_name' && n !== 'app_name'));
}

/** Values that the property's schema must refuse. */
function invalidValue(s: JsonSchema, isPathId: boolean): fc.Arbitrary<unknown> {
  const notJson = fc.constantFrom<unknown>(null, { nested: { deep: true } });
  const opts: fc.Arbitrary<unknown>[] = [notJson];
  const type = s.type;
  if (type === 'string') {
    opts.push(fc.boolean(), fc.array(fc.string(), { maxLength: 3 }));
    if (typeof s.maxLength === 'number')
      opts.push(fc.constant('x'.repeat(s.maxLength + 1)), fc.constant('界'.repeat(s.maxLength + 1)));
    if (typeof s.pattern === 'string') {
      const re = new RegExp(s.pattern);
      const off = ['12ab', '-5', '1.5', '١٢٣', '0x1F', '.', 'a..b', ' a'].filter((v) => !re.test(v));
      if (off.length) opts.push(fc.constantFrom(...off));
    }
    if (isPathId) opts.push(fc.constantFrom(...HOSTILE_IDS), fc.constant('y'.repeat(100_000)));
    if (Array.isArray(s.enum)) opts.push(fc.constant('not-an-allowed-value'));
  } else if (type === 'integer' || type === 'number') {
    opts.push(fc.boolean(), fc.constantFrom('abc', '12abc', '1e999x', ''), fc.array(fc.integer(), { maxLength: 2 }));
    if (typeof s.minimum === 'number') opts.push(fc.constant(s.minimum - 1));
    if (typeof s.maximum === 'number') opts.push(fc.constant(s.maximum + 1));
    if (type === 'integer') opts.push(fc.constant(1.5));
    if (Array.isArray(s.enum)) opts.push(fc.constant(Math.max(...(s.enum as number[])) + 1));
  } else if (type === 'boolean') {
    opts.push(fc.constantFrom('yes', 'no', 1, 0, '', []));
  } else if (type === 'array') {
    opts.push(fc.constantFrom('not-a-list', 42, true, '{"a":1}'));
    const items = (s.items ?? {}) as JsonSchema;
    if (typeof s.maxItems === 'number')
      opts.push(fc.constant(Array.from({ length: s.maxItems + 1 }, (_, i) => (items.type === 'string' ? `u${i}` : i))));
    if (typeof s.minItems === 'number' && s.minItems > 0) opts.push(fc.constant([]));
    if (items.type === 'string') opts.push(fc.constantFrom([null], [{}], [true]));
    if (items.type === 'string' && isPathId)
      opts.push(fc.constantFrom(...HOSTILE_IDS.filter((h) => h !== '').map((h) => ['ok', h])));
    if (items.type === 'object') opts.push(fc.constant(['not-an-object']));
  } else if (type === 'object') {
    opts.push(fc.constantFrom('x', 42, true, [1, 2]));
    if (s.additionalProperties && typeof s.additionalProperties === 'object') opts.push(fc.constant({ key: 12345 }));
  }
  return fc.oneof(...opts);
}

/** Arbitrary of invalid argument objects for a tool: one property broken, a required one missing, or an unknown key. */
function invalidInputs(t: ToolSpec, valid: Record<string, unknown>): Gen {
  const schema = toJsonSchema(callSchema(t));
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required as string[] | undefined) ?? [];
  const paths = pathParams(t);
  const gens: Gen[] = [];
  for (const [name, ps] of Object.entries(props)) {
    gens.push(invalidValue(ps, paths.has(name)).map((bad) => ({ ...valid, [name]: bad })));
  }
  for (const name of required) {
    gens.push(
      fc.constant(name).map((n) => {
        const copy = { ...valid };
        delete copy[n];
        return copy;
      }),
    );
  }
  gens.push(
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(...POLLUTION_KEYS),
          fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in props)),
        ),
        fc.jsonValue(),
      )
      .map(([k, v]) => {
        const copy: Record<string, unknown> = { ...valid };
        Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
        return copy;
      }),
  );
  return fc.oneof(...gens);
}

/** The Easemob id characters (the vendor's documented set, as the listed pattern states it). */
const SAFE_ID_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.'];
const safeId = fc
  .array(fc.constantFrom(...SAFE_ID_CHARS), { minLength: 1, maxLength: 24 })
  .map((cs) => cs.join(''))
  .filter((s) => s !== '.' && s !== '..');

/** Fuzzes tool `t` (index `i`, which seeds the generators) through `call`, checking requests at `fake`. */
export async function fuzzTool(
  t: ToolSpec,
  i: number,
  call: (name: string, args: Record<string, unknown>) => Promise<Result>,
  fake: FakeUpstream,
  opts: { invalidRuns: number; validRuns: number } = { invalidRuns: PER_TOOL, validRuns: 10 },
): Promise<void> {
  const valid = validArgs(t.name);
  const samples = fc.sample(invalidInputs(t, valid), { numRuns: opts.invalidRuns, seed: 1000 + i });
  expect(samples).toHaveLength(opts.invalidRuns);
  fake.reset();
  for (const args of samples) {
    const r = await call(t.name, args);
    if (!r.isError) throw new Error(`${t.name} accepted ${JSON.stringify(args).slice(0, 300)}`);
    expect(textOf(r)).toMatch(/Invalid arguments|must not|Nothing was sent|file/);
  }
  expect(fake.requests, 'nothing sent for invalid input').toHaveLength(0);

  const paths = [...pathParams(t)];
  const scalarPaths = paths.filter((p) => typeof valid[p] === 'string');
  const listPaths = paths.filter((p) => Array.isArray(valid[p]));
  const validRuns = fc.sample(
    fc.tuple(fc.array(safeId, { minLength: 2, maxLength: 2 }), fc.array(safeId, { minLength: 1, maxLength: 3 })),
    {
      numRuns: opts.validRuns,
      seed: 5000 + i,
    },
  );
  for (const [ids, list] of validRuns) {
    const args = { ...valid };
    for (const [k, p] of scalarPaths.entries()) args[p] = ids[k % ids.length];
    for (const p of listPaths) args[p] = list;
    fake.reset();
    const r = await call(t.name, args);
    expect(r.isError ?? false, `${t.name} ${JSON.stringify(args)}: ${textOf(r)}`).toBe(false);
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0];
    expect(req?.method).toBe(t.http.method);
    const segments = (req?.path ?? '').split('/').map((seg) => seg.split(',').map(decodeURIComponent));
    for (const p of scalarPaths)
      expect(
        segments.some((s) => s.length === 1 && s[0] === args[p]),
        `${p} in ${req?.path}`,
      ).toBe(true);
    for (const p of listPaths)
      expect(
        segments.some((s) => JSON.stringify(s) === JSON.stringify(list)),
        `${p} in ${req?.path}`,
      ).toBe(true);
    if (String(req?.headers['content-type']) === 'application/json')
      expect(() => JSON.parse(req?.body.toString() ?? '')).not.toThrow();
  }
}
