/**
 * The agent-framework example (examples/moderation-bot.mjs, the SDK client in plain JavaScript) run exactly as the
 * README documents it, against the built-in sandbox: list the muted members of group 100000000000001, mute erin for
 * 60000 ms through the confirmation-token round trip, show the mute list, unmute.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, REPO, run, shellWords, tempDir } from './helpers.js';

const DOCUMENTED = 'node examples/moderation-bot.mjs --yes';

describe('examples/moderation-bot.mjs', () => {
  it('is documented in the README', () => {
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain(DOCUMENTED);
  });

  it('mutes erin with a confirmed token, shows the list and unmutes her', async () => {
    const audit = join(tempDir('example'), 'audit.jsonl');
    const [, ...args] = shellWords(DOCUMENTED);
    const r = await run(process.execPath, args, { cwd: REPO, env: baseEnv({ IM_ADMIN_AUDIT_LOG: audit }) });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('(built-in sandbox)');
    expect(r.stdout).toMatch(/1\. Muted members of group 100000000000001:\n {3}- mallory/);
    expect(r.stdout).toContain('Preview: Mute members in "Sandbox Lounge"');
    expect(r.stdout).toMatch(/3\. Muted members[^\n]*\n(?: {3}- [^\n]*\n)* {3}- erin \(until /);
    expect(r.stdout).toMatch(/Muted members now: mallory \(until [^)]*\)\n/);
    expect(r.stdout).toContain('All steps succeeded.');

    const lines = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { tool: string; outcome: string; confirmed?: string; reason?: string });
    expect(lines.map((l) => [l.tool, l.outcome, l.confirmed])).toEqual([
      ['easemob_mute_members', 'success', 'token'],
      ['easemob_unmute_members', 'success', 'not_required'],
    ]);
    expect(lines[0]?.reason).toBe('moderation-bot example');
  });

  it('changes nothing when nobody approves (no terminal, no --yes)', async () => {
    const audit = join(tempDir('example-no'), 'audit.jsonl');
    const r = await run(process.execPath, ['examples/moderation-bot.mjs'], {
      cwd: REPO,
      env: baseEnv({ IM_ADMIN_AUDIT_LOG: audit }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Not approved: nothing was changed.');
  });
});
