/**
 * The seed-file setting and the `sandbox` command's options, through the built CLI: extra Easemob users
 * reach the emulator, and a bad seed file stops start-up with one line naming IM_ADMIN_SANDBOX_SEED.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllCli, spawnCli } from '../helpers/processes.js';

const HANG = 20_000;
afterEach(killAllCli);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function seedFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'im-admin-seed-'));
  dirs.push(dir);
  const path = join(dir, 'seed.json');
  writeFileSync(path, content);
  return path;
}

describe('sandbox command', () => {
  it('adds users from --seed and --easemob-user', async () => {
    const seed = seedFile(JSON.stringify({ easemob: { users: ['zoe'] } }));
    const p = spawnCli(['sandbox', '--seed', seed, '--easemob-user', 'yan', '--easemob-user', 'xu'], {});
    await p.waitFor('stdout', /\n}\n/, HANG);
    const info = JSON.parse(p.stdout()) as {
      easemobUrl: string;
      credentials: { easemob: { org: string; app: string; appToken: string } };
    };
    const { org, app, appToken } = info.credentials.easemob;
    for (const user of ['zoe', 'yan', 'xu']) {
      const r = await fetch(`${info.easemobUrl}/${org}/${app}/chatgroups/100000000000001/users/${user}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${appToken}` },
      });
      expect(r.status, user).toBe(200);
    }
  }, 40_000);

  it('reads IM_ADMIN_SANDBOX_SEED when --seed is not given, and names it when the file is bad', async () => {
    const p = spawnCli(['sandbox'], { IM_ADMIN_SANDBOX_SEED: seedFile('{"easemob": {"users": ["a/b"]}}') });
    const r = await p.exitWithin(HANG);
    expect(r?.code).not.toBe(0);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/IM_ADMIN_SANDBOX_SEED \(.*seed\.json\).*"a\/b" is not a valid Easemob user id/);
  }, 40_000);

  it('refuses --easemob-user outside the sandbox command', async () => {
    const p = spawnCli(['--easemob-user', 'zoe'], {});
    const r = await p.exitWithin(HANG);
    expect(r?.code).toBe(2);
    expect(p.stderr()).toContain('--easemob-user');
  }, 40_000);
});

describe('MCP server in sandbox mode', () => {
  it('stops at start-up with one line naming IM_ADMIN_SANDBOX_SEED when the seed file is bad', async () => {
    const p = spawnCli([], { IM_ADMIN_SANDBOX_SEED: seedFile('[]') });
    const r = await p.exitWithin(HANG);
    expect(r?.code).not.toBe(0);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('IM_ADMIN_SANDBOX_SEED');
  }, 40_000);
});
