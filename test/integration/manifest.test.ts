/** tools/list over stdio equals the committed manifest, which equals what the registry generates now. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../src/mcp/manifest.js';
import { TOOL_COUNT, vendorToolCount } from '../helpers/catalog.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer } from '../helpers/mcp-client.js';

const committed = JSON.parse(readFileSync(new URL('../../tools.manifest.json', import.meta.url), 'utf8')) as {
  server: { name: string; version: string };
  tools: Record<string, unknown>[];
};

describe('tools.manifest.json', () => {
  it('is current (run `npm run manifest` when this fails)', async () => {
    expect(await buildManifest()).toEqual(committed);
  });

  it('names the package version and every tool of the catalog in documentation order', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(committed.server).toEqual({ name: 'im-admin-mcp', version: pkg.version });
    expect(committed.tools).toHaveLength(TOOL_COUNT);
    expect(committed.tools[0]?.name).toBe('lanying_set_friend_auth_mode');
    // Lanying first, then Easemob, each in its documentation's order
    expect(committed.tools[vendorToolCount('lanying')]?.name).toBe('easemob_create_group');
    const dissolve = committed.tools.find((t) => t.name === 'easemob_dissolve_group');
    expect(dissolve).toMatchObject({
      vendor: 'easemob',
      toolset: 'easemob_groups',
      doc: '解散群组',
      http: { method: 'DELETE', path: '/{org_name}/{app_name}/chatgroups/{group_id}' },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    });
  });

  it('holds, key by key, what a real client lists over stdio (contract §5)', async () => {
    const fake = await new FakeUpstream().start();
    const s = await startServer({ env: fake.env() });
    try {
      const listed = (await s.client.listTools()).tools as unknown as Record<string, unknown>[];
      expect(listed).toHaveLength(TOOL_COUNT);
      expect(committed.tools.map((t) => t.name)).toEqual(listed.map((t) => t.name));
      for (const [i, tool] of listed.entries()) {
        const entry = committed.tools[i] as Record<string, unknown>;
        // every key tools/list carries (name, title, description, annotations, inputSchema, outputSchema when
        // present) has the same value in the manifest
        for (const key of Object.keys(tool)) expect(entry[key], `${String(tool.name)}.${key}`).toEqual(tool[key]);
      }
    } finally {
      await s.close();
      await fake.close();
    }
  });
});

describe('docs/tools.md tool list', () => {
  it('is generated from the manifest (run `npm run manifest` when this fails)', async () => {
    // @ts-expect-error: plain ESM script without types
    const { updatedToolsPage } = await import('../../scripts/docs-tools.mjs');
    const { TOOLSETS } = await import('../../src/tools/toolsets.js');
    const page = readFileSync(new URL('../../docs/tools.md', import.meta.url), 'utf8');
    expect(updatedToolsPage(page, committed, TOOLSETS)).toBe(page);
  });
});

describe('README sandbox section', () => {
  it('lists the sandbox seed data exactly as the sandbox seeds it', async () => {
    const { SEED_SUMMARY } = await import('../../src/sandbox/index.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(SEED_SUMMARY.trim());
  });
});
