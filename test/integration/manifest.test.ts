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

  it('equals what a real client lists over stdio', async () => {
    const fake = await new FakeUpstream().start();
    const s = await startServer({ env: fake.env() });
    try {
      const listed = await s.client.listTools();
      expect(listed.tools).toHaveLength(TOOL_COUNT);
      const strip = (t: Record<string, unknown>) => ({
        name: t.name,
        title: t.title,
        description: t.description,
        inputSchema: t.inputSchema,
        annotations: t.annotations,
      });
      const fromManifest = committed.tools.map((t) =>
        strip({ ...t, annotations: { title: t.title, ...(t.annotations as Record<string, unknown>) } }),
      );
      expect(listed.tools.map((t) => strip(t as unknown as Record<string, unknown>))).toEqual(fromManifest);
    } finally {
      await s.close();
      await fake.close();
    }
  });
});

describe('README tool list', () => {
  it('is generated from the manifest (run `npm run manifest` when this fails)', async () => {
    // @ts-expect-error: plain ESM script without types
    const { updatedReadme } = await import('../../scripts/readme-tools.mjs');
    const { TOOLSETS } = await import('../../src/tools/toolsets.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(updatedReadme(readme, committed, TOOLSETS)).toBe(readme);
  });
});

describe('README sandbox section', () => {
  it('lists the sandbox seed data exactly as the sandbox seeds it', async () => {
    const { SEED_SUMMARY } = await import('../../src/sandbox/index.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(SEED_SUMMARY.trim());
  });
});
