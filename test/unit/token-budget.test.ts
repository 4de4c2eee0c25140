/**
 * The context budget of tools/list, counted with a real tokenizer (o200k_base) over what a model is given for each
 * tool: {name, description, input_schema}. Deterministic, so the budget is guarded here; bench/ reports the rest.
 */
import { readFileSync } from 'node:fs';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/tools/toolsets.js';

const enc = new Tiktoken(o200k);
const manifest = JSON.parse(readFileSync(new URL('../../tools.manifest.json', import.meta.url), 'utf8')) as {
  tools: { name: string; description: string; inputSchema: unknown; composed_of?: string[] }[];
};
const cost = (t: (typeof manifest.tools)[number]) =>
  enc.encode(JSON.stringify({ name: t.name, description: t.description, input_schema: t.inputSchema })).length;

describe('tools/list token budget', () => {
  it('the documented operations fit in 10,000 tokens (≤ 110 per tool on average)', () => {
    const total = manifest.tools.filter((t) => !t.composed_of).reduce((n, t) => n + cost(t), 0);
    expect(total).toBeLessThanOrEqual(10_000);
  });

  it('the lookups (composed read tools) fit in 150 tokens each', () => {
    const over = manifest.tools.filter((t) => t.composed_of && cost(t) > 150).map((t) => `${t.name}: ${cost(t)}`);
    expect(over).toEqual([]);
  });

  it('the moderation preset fits in 2,500 tokens', () => {
    const preset = new Set(PRESETS.moderation);
    const total = manifest.tools.filter((t) => preset.has(t.name)).reduce((n, t) => n + cost(t), 0);
    expect(total).toBeLessThanOrEqual(2_500);
  });

  it('no single tool costs more than 350 tokens', () => {
    const over = manifest.tools.filter((t) => cost(t) > 350).map((t) => `${t.name}: ${cost(t)}`);
    expect(over).toEqual([]);
  });
});
