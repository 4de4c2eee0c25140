/**
 * The README is a front page (at most 15 KB) and the reference lives in docs/: links between them resolve, every
 * setting the server reads is documented in docs/configuration.md, the MCP Bundle's fields are the ones the README
 * lists, and versions quoted in the docs are the package's. (Tool list: test/integration/manifest.test.ts; client
 * snippets: test/ecosystem/clients.test.ts; the sandbox seed data: manifest.test.ts.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { variablesRead } from '../helpers/settings.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => readFileSync(join(REPO, f), 'utf8');
const PAGES = [
  'README.md',
  'AGENTS.md',
  'CHANGELOG.md',
  ...readdirSync(join(REPO, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const pkg = JSON.parse(read('package.json')) as { version: string };

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
const anchors = (page: string) =>
  new Set(
    read(page)
      .replace(/```[\s\S]*?```/g, '')
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => slug(l.replace(/^#+ /, ''))),
  );

describe('README', () => {
  it('is at most 15 KB', () => {
    expect(statSync(join(REPO, 'README.md')).size).toBeLessThanOrEqual(15 * 1024);
  });

  it('keeps the two commands', () => {
    expect(read('README.md')).toContain(
      [
        '```sh',
        'npm ci && npx im-admin-mcp          # run the server on stdio (the built-in sandbox when no credentials are set)',
        'npm ci && npm test                 # run every test; ends with "N passed, N failed"',
        '```',
      ].join('\n'),
    );
  });

  it('names every field of the MCP Bundle and the setting it maps to', async () => {
    // @ts-expect-error: plain ESM script without types
    const { USER_CONFIG } = (await import('../../scripts/mcpb.mjs')) as {
      USER_CONFIG: Record<string, [string, { title: string }]>;
    };
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Claude Desktop'), readme.indexOf('**By hand**'));
    for (const [variable, entry] of Object.values(USER_CONFIG)) {
      expect(section, entry.title).toContain(entry.title);
      expect(section, variable).toContain(`\`${variable}\``);
    }
  });
});

describe('docs', () => {
  it('relative links and their anchors resolve', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      const text = read(page).replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] as string;
        if (/^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path ? relative(REPO, resolve(dirname(join(REPO, page)), path)) : page;
        if (!existsSync(join(REPO, file))) broken.push(`${page}: ${target} (no ${file})`);
        else if (anchor && file.endsWith('.md') && !anchors(file).has(anchor))
          broken.push(`${page}: ${target} (no #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('docs/configuration.md documents every setting the server reads', () => {
    const names = variablesRead();
    const page = read('docs/configuration.md');
    expect([...names].filter((n) => !page.includes(`\`${n}\``))).toEqual([]);
  });

  it('quote the package version wherever they show one', () => {
    for (const page of PAGES.filter((p) => p !== 'CHANGELOG.md'))
      for (const m of read(page).matchAll(/im-admin-mcp[ -](\d+\.\d+\.\d+)/g)) expect(m[1], page).toBe(pkg.version);
  });
});
