/**
 * No dead code (knip, configured in knip.json): no unused file, export, exported type, enum or class member, and no
 * unused or unlisted dependency. Entry points: src/cli.ts, scripts/, bench/, examples/ and the vitest files.
 * knip.json's ignoreDependencies are packages run through their files, which knip cannot see:
 * `@modelcontextprotocol/inspector` (its bin, test/ecosystem/inspector.test.ts), `dependency-cruiser` (its bin,
 * test/unit/boundaries.test.ts) and `im-admin-mcp` (the link to this package, for `npx im-admin-mcp` in
 * test/integration/startup.test.ts). scripts/ and bench/ import the built dist/, which knip does not read: what they
 * use of src/ is used by src/ or the tests too.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childEnv, runTracked } from '../helpers/spawn.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Generous: knip parses the whole project with TypeScript, on a shared machine; nothing here measures speed.
const LIMIT_MS = 120_000;

interface Item {
  name: string;
  line?: number;
  col?: number;
}
type IssueValue = Item[] | Item[][] | Record<string, Item[]>;
interface KnipReport {
  files: string[];
  issues: ({ file: string } & Record<string, IssueValue | string | undefined>)[];
}

const LABELS: Record<string, string> = {
  dependencies: 'unused dependency',
  devDependencies: 'unused devDependency',
  optionalPeerDependencies: 'referenced optional peerDependency',
  unlisted: 'unlisted dependency',
  binaries: 'unlisted binary',
  unresolved: 'unresolved import',
  exports: 'unused export',
  nsExports: 'unused export in namespace',
  types: 'unused exported type',
  nsTypes: 'unused exported type in namespace',
  enumMembers: 'unused enum member',
  classMembers: 'unused class member',
  duplicates: 'duplicate export',
  catalog: 'unused catalog entry',
};

const at = (file: string, s: Item) => (s.line ? `${file}:${s.line}:${s.col ?? 1}` : file);

/** One line per finding: `unused export: src/x.ts:12:14 NAME`. */
function findings(report: KnipReport): string[] {
  const out = report.files.map((f) => `unused file: ${f}`);
  for (const issue of report.issues) {
    for (const [kind, value] of Object.entries(issue)) {
      if (kind === 'file' || kind === 'owners' || typeof value !== 'object' || value === null) continue;
      const label = LABELS[kind] ?? kind;
      if (Array.isArray(value)) {
        for (const s of value) {
          if (Array.isArray(s))
            out.push(`${label}: ${at(issue.file, s[0] as Item)} ${s.map((d) => d.name).join(' = ')}`);
          else out.push(`${label}: ${at(issue.file, s)} ${s.name}`);
        }
      } else {
        for (const [parent, members] of Object.entries(value))
          for (const s of members) out.push(`${label}: ${at(issue.file, s)} ${parent}.${s.name}`);
      }
    }
  }
  return out.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

describe('dead code', () => {
  it(
    'knip finds no unused file, export, type or dependency',
    async () => {
      const r = await runTracked(
        process.execPath,
        ['node_modules/knip/bin/knip.js', '--no-progress', '--no-config-hints', '--reporter', 'json'],
        { cwd: root, env: childEnv({ NO_COLOR: '1' }), timeoutMs: LIMIT_MS },
      );
      // 0: nothing found, 1: findings (listed below), anything else: knip itself failed
      expect([0, 1], `knip exited with ${r.code}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-4000)}`).toContain(
        r.code,
      );
      const found = findings(JSON.parse(r.stdout) as KnipReport);
      if (r.code === 1)
        expect(found.length, `knip exited with 1 but reported nothing:\n${r.stdout}`).toBeGreaterThan(0);
      if (found.length > 0)
        expect.fail(
          `knip (knip.json) found ${found.length} unused item(s): remove them or use them\n${found.join('\n')}`,
        );
    },
    LIMIT_MS + 10_000,
  );
});
