/**
 * Every tool's outputSchema (issue #16 part 2): declared on every entry and lookup, built by one shared function,
 * open on vendor objects, and admitting the results the server gives: every contract case's exact structured result,
 * and every documentation example (Easemob's 响应示例; Lanying's response tables, as values of each documented
 * type) shaped by the vendor's own shape() with its readable twins and untrusted marks, as the agent receives it.
 * (The SDK client over every variant of every tool: test/inproc/output-client.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { render } from '../../src/execute/render.js';
import { shapeResult } from '../../src/execute/results.js';
import { ConfirmTokens, MemorySpentStore } from '../../src/guards/confirm-token.js';
import { LOOKUPS } from '../../src/lookups/index.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import type { VendorClient } from '../../src/vendors/vendor.js';
import { easemobCases } from '../contract/easemob.cases.js';
import { lanyingCases } from '../contract/lanying.cases.js';

const offline = (vendor: 'lanying' | 'easemob'): VendorClient => ({
  vendor,
  send: () => Promise.reject(new Error('offline')),
  describe: () => ({ method: 'GET', url: '', headers: {} }),
});
const app = new App(loadConfig({}, { sandbox: true }), {
  clients: { lanying: offline('lanying'), easemob: offline('easemob') },
  confirm: { mode: 'auto', tokens: new ConfirmTokens(Buffer.alloc(32), 300_000, new MemorySpentStore()) },
});
const listed = new Map(app.tools.map((t) => [t.name, t]));
const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map([...listed].map(([name, t]) => [name, ajv.compile(t.outputSchema)]));

/** The structured result validated against the tool's listed outputSchema; the errors when it does not. */
function check(tool: string, structured: unknown): string {
  const v = validators.get(tool);
  if (!v) return `${tool} is not listed`;
  return v(structured) ? '' : `${tool}: ${ajv.errorsText(v.errors)} in ${JSON.stringify(structured).slice(0, 400)}`;
}

/** Every object schema in a schema, with its path. */
function* objects(s: unknown, path = '#'): Generator<[string, Record<string, unknown>]> {
  if (!s || typeof s !== 'object') return;
  const o = s as Record<string, unknown>;
  if (Array.isArray(o)) {
    for (const [i, x] of o.entries()) yield* objects(x, `${path}/${i}`);
    return;
  }
  if (o.properties || o.type === 'object' || (Array.isArray(o.type) && o.type.includes('object'))) yield [path, o];
  for (const [k, v] of Object.entries(o)) yield* objects(v, `${path}/${k}`);
}

describe('declarations', () => {
  it('every catalog entry and lookup declares what it answers', () => {
    expect(ALL_TOOLS.filter((t) => t.output === undefined).map((t) => t.name)).toEqual([]);
    expect(LOOKUPS.filter((t) => t.output === undefined).map((t) => t.name)).toEqual([]);
  });

  it('every listed tool has an object outputSchema, open on every object, compiled by ajv', () => {
    expect(listed.size).toBe(ALL_TOOLS.length + LOOKUPS.length);
    for (const [name, t] of listed) {
      expect(t.outputSchema.type, name).toBe('object');
      expect(Object.keys(t.outputSchema.properties as object)[0], name).toBe('untrusted');
      for (const [path, o] of objects(t.outputSchema))
        expect(o.additionalProperties, `${name} ${path}`).not.toBe(false);
      expect(JSON.stringify(t.outputSchema), name).not.toContain('"required"');
    }
  });

  it('the readable twins the vendor adds are declared beside their fields', () => {
    const groups = JSON.stringify(listed.get('easemob_list_groups')?.outputSchema);
    expect(groups).toMatch(/"lastModified":\{[^}]*\},"lastModified_iso":\{"type":"string"\}/);
    expect(groups).toMatch(/"owner":\{[^}]*\},"owner_user":\{"type":"string"\}/);
    expect(JSON.stringify(listed.get('lanying_list_devices')?.outputSchema)).toMatch(
      /"platform":\{[^}]*\},"platform_text":\{"type":"string"\}/,
    );
  });
});

describe('the results the server gives validate', () => {
  it.each([...lanyingCases, ...easemobCases].map((c, i) => [`${c.tool}${c.label ? ` (${c.label})` : ''} #${i}`, c]))(
    'contract case %s',
    (_label, c) => {
      expect(check(c.tool, c.result)).toBe('');
    },
  );
});

interface Row {
  name: string;
  type: string;
  depth: number;
}
const examples = JSON.parse(readFileSync(new URL('../sandbox/doc-examples.json', import.meta.url), 'utf8')) as {
  lanying: { operation: string; response: Row[] }[];
  easemob: { operation: string; variant?: number; response: unknown }[];
};
const byDoc = new Map(ALL_TOOLS.map((t) => [t.doc, t]));

/** A value of a documented Lanying type; int64 beyond 2^53 arrives as its exact decimal string (http/json.ts). */
function sample(type: string, big: boolean): unknown {
  if (type === 'int64') return big ? '9007199254740993' : 1001;
  if (/^int|^long/.test(type)) return 2;
  if (type === 'boolean') return true;
  if (type === 'string') return 'text';
  if (type === 'object') return {};
  const arr = /^array\[(.+)\]$/.exec(type);
  if (arr) return arr[1] === 'object' ? [{}] : [sample(arr[1] as string, big)];
  return null;
}

/** A Lanying answer built from its response table (nested by depth), every documented field present. */
function lanyingAnswer(rows: Row[], big: boolean): unknown {
  const root: Record<string, unknown> = {};
  const stack: Record<string, unknown>[] = [root];
  for (const r of rows) {
    const parent = stack[r.depth] as Record<string, unknown>;
    const v = r.name === 'code' && r.depth === 0 ? 200 : sample(r.type, big);
    parent[r.name] = v;
    stack[r.depth + 1] = (Array.isArray(v) ? v[0] : v) as Record<string, unknown>;
  }
  return root;
}

/** What the agent receives for a vendor answer: shaped, with twins, with the untrusted list (the renderer). */
function received(tool: (typeof ALL_TOOLS)[number], answer: unknown): unknown {
  const out = shapeResult(tool.vendor, answer);
  return render({ kind: 'done', output: out }, tool, tool.name).structuredContent;
}

describe('every documentation example, as the agent receives it, validates', () => {
  it.each(examples.lanying.map((o) => [o.operation, o] as const))('Lanying %s', (op, o) => {
    const tool = byDoc.get(op);
    expect(tool, op).toBeDefined();
    if (!tool) return;
    for (const big of [false, true]) expect(check(tool.name, received(tool, lanyingAnswer(o.response, big)))).toBe('');
    // and with null where the vendor leaves a value out
    expect(check(tool.name, received(tool, { code: 200, message: null, data: null }))).toBe('');
  });

  it.each(examples.easemob.map((e) => [`${e.operation}${e.variant ? ` #${e.variant}` : ''}`, e] as const))(
    'Easemob %s',
    (_label, e) => {
      const tool = byDoc.get(e.operation);
      expect(tool, e.operation).toBeDefined();
      if (!tool || tool.run) return;
      expect(check(tool.name, received(tool, e.response))).toBe('');
    },
  );
});
