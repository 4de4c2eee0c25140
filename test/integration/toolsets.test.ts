/** Read-only mode, toolsets and tool lists decide what is listed, and hidden tools are answered as unknown. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOKUPS } from '../../src/lookups/index.js';
import { SERVED_TOOLS, vendorServedCount } from '../helpers/catalog.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer } from '../helpers/mcp-client.js';
import { textOf } from './helpers.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterAll(async () => fake?.close());

async function listed(env: Record<string, string>, args: string[] = []) {
  const s = await startServer({ env: fake.env(env), args });
  try {
    const names = (await s.client.listTools()).tools.map((t) => t.name);
    return { names, s };
  } catch (e) {
    await s.close();
    throw e;
  }
}

describe('tool selection', () => {
  it('read-only lists only readOnlyHint tools and answers the others as unknown, sending nothing', async () => {
    const { names, s } = await listed({ IM_ADMIN_READ_ONLY: 'true' });
    try {
      expect(names).toEqual(SERVED_TOOLS.filter((t) => t.annotations.readOnlyHint).map((t) => t.name));
      fake.reset();
      const r = await s.client.callTool({ name: 'easemob_dissolve_group', arguments: { group_id: 'g1' } });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toContain('Unknown tool: easemob_dissolve_group');
      expect(fake.requests).toHaveLength(0);
    } finally {
      await s.close();
    }
  });

  it('--read-only mirrors the variable', async () => {
    const { names, s } = await listed({}, ['--read-only']);
    await s.close();
    expect(names.every((n) => SERVED_TOOLS.find((t) => t.name === n)?.annotations.readOnlyHint)).toBe(true);
  });

  it('toolsets, extra tools and exclusions (exclude wins)', async () => {
    const { names, s } = await listed({
      IM_ADMIN_TOOLSETS: 'easemob_moderation',
      IM_ADMIN_TOOLS: 'easemob_get_groups',
      IM_ADMIN_EXCLUDE_TOOLS: 'easemob_mute_all',
    });
    await s.close();
    const chosen = SERVED_TOOLS.filter(
      (t) => (t.toolset === 'easemob_moderation' || t.name === 'easemob_get_groups') && t.name !== 'easemob_mute_all',
    ).map((t) => t.name);
    // a lookup comes only with every read it is composed of (here easemob_get_member_standing needs admins and
    // membership reads from other toolsets)
    const reads = new Map(LOOKUPS.map((l) => [l.name, l.composedOf.map((r) => r.name)]));
    const expected = chosen.filter((n) => (reads.get(n) ?? []).every((r) => chosen.includes(r)));
    expect(expected).not.toContain('easemob_get_member_standing');
    expect(names).toEqual(expected);
  });

  it('serves only the configured vendor', async () => {
    const env = fake.env();
    const s = await startServer({
      env: { LANYING_BASE_URL: env.LANYING_BASE_URL ?? '', LANYING_APP_ID: 'a', LANYING_ACCESS_TOKEN: 'tok-123' },
    });
    try {
      const names = (await s.client.listTools()).tools.map((t) => t.name);
      expect(names).toHaveLength(vendorServedCount('lanying'));
      expect(names.every((n) => n.startsWith('lanying_'))).toBe(true);
    } finally {
      await s.close();
    }
  });
});
