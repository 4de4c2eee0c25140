/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, pinned in the script) against the HTTP
 * mode on the sandbox, through scripts/ecosystem/conformance.sh: only the failures listed (and justified) in
 * conformance-baseline.yml are accepted. The suite needs Node 22, fetched by `npx -p node@22` from the npm registry.
 */
import { describe, expect, it } from 'vitest';
import { npmEnv } from '../helpers/spawn.js';
import { REPO, run } from './helpers.js';

describe('MCP conformance suite (HTTP mode)', () => {
  it('passes apart from the baselined scenarios', async () => {
    const r = await run('bash', ['scripts/ecosystem/conformance.sh'], { cwd: REPO, env: npmEnv(), timeoutMs: 280_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.code, out.slice(-6000)).toBe(0);
    expect(out).toContain('Baseline check passed');
    expect(out).toMatch(/✓ server-initialize/);
    expect(out).toMatch(/✓ tools-list/);
  }, 300_000);
});
