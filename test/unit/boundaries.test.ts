/**
 * The import boundaries of src/ (AGENTS.md "Map of src/"), checked by dependency-cruiser with .dependency-cruiser.cjs:
 * each layer imports only what the map allows (type-only imports count), only mcp/ imports the SDK, src/ never
 * imports test code, no cycles. A failure lists every violating import with the rule it breaks.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childEnv, runTracked } from '../helpers/spawn.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Generous: parsing src/ with TypeScript is CPU-bound and shares the machine; nothing here measures speed.
const LIMIT_MS = 120_000;

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}
interface CruiseResult {
  summary: {
    violations: Violation[];
    totalCruised: number;
    ruleSetUsed: { forbidden?: { name: string; comment?: string }[] };
  };
}

function describeViolation(v: Violation, comments: Map<string, string>): string {
  const path = v.cycle?.length ? [v.from, ...v.cycle.map((c) => c.name)].join(' → ') : `${v.from} → ${v.to}`;
  const why = comments.get(v.rule.name);
  return `${v.rule.name}: ${path}${why ? `\n    (${why})` : ''}`;
}

describe('import boundaries', () => {
  it(
    'src/ follows the map of AGENTS.md (dependency-cruiser)',
    async () => {
      const r = await runTracked(
        process.execPath,
        [
          'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
          'src',
          '--config',
          '.dependency-cruiser.cjs',
          '--output-type',
          'json',
        ],
        { cwd: root, env: childEnv(), timeoutMs: LIMIT_MS },
      );
      expect(r.code, r.stderr.slice(-4000)).toBe(0);
      const { summary } = JSON.parse(r.stdout) as CruiseResult;
      // a configuration that cruised nothing, or lost its rules, would pass silently
      expect(summary.totalCruised).toBeGreaterThan(50);
      expect(summary.ruleSetUsed.forbidden?.length ?? 0).toBeGreaterThan(10);
      const comments = new Map((summary.ruleSetUsed.forbidden ?? []).map((rule) => [rule.name, rule.comment ?? '']));
      const found = summary.violations.map((v) => describeViolation(v, comments));
      if (found.length > 0)
        expect.fail(
          `${found.length} import(s) cross a boundary of the map (AGENTS.md, .dependency-cruiser.cjs):\n${found.join('\n')}`,
        );
    },
    LIMIT_MS + 10_000,
  );
});
