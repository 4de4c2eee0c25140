/**
 * Extra Easemob users: a seed file (IM_ADMIN_SANDBOX_SEED, `sandbox --seed`) and `easemobUsers`
 * (`sandbox --easemob-user`), validated with errors that name the setting and the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { easemobClient, GROUP1 } from './helpers.js';

const dirs: string[] = [];
const open: SandboxHandle[] = [];
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function seedFile(content: string): string {
  const d = mkdtempSync(join(tmpdir(), 'im-admin-seed-'));
  dirs.push(d);
  const path = join(d, 'seed.json');
  writeFileSync(path, content);
  return path;
}

async function started(opts: Parameters<typeof startSandbox>[0]): Promise<SandboxHandle> {
  const sb = await startSandbox(opts);
  open.push(sb);
  return sb;
}

describe('extra Easemob users', () => {
  it('are unknown without a seed file', async () => {
    const sb = await started({});
    const r = await easemobClient(sb)('POST', `/chatgroups/${GROUP1}/users/zoe`);
    expect(r.status).toBe(404);
    expect(r.body.error_description).toBe("username zoe doesn't exist!");
  });

  it('come from the seed file and can join groups, own groups and threads', async () => {
    const sb = await started({ seedPath: seedFile(JSON.stringify({ easemob: { users: ['zoe', 'yan.li', 'bob'] } })) });
    expect(sb.state.easemob.users).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'mallory', 'zoe', 'yan.li']);
    const em = easemobClient(sb);
    expect((await em('POST', `/chatgroups/${GROUP1}/users/zoe`)).status).toBe(200);
    const created = await em('POST', '/chatgroups', { json: { public: true, owner: 'yan.li', members: ['zoe'] } });
    expect(created.status).toBe(200);
    expect((await em('GET', '/chatgroups/user/zoe')).body.total).toBe(2);
  });

  it('come from the easemobUsers option too, merged with the seed file', async () => {
    const sb = await started({
      seedPath: seedFile(JSON.stringify({ easemob: { users: ['zoe'] } })),
      easemobUsers: ['xu', 'zoe'],
    });
    expect(sb.state.easemob.users.slice(6)).toEqual(['zoe', 'xu']);
  });

  it('are added to a state loaded from the state file', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'im-admin-state-')), 'state.json');
    dirs.push(join(statePath, '..'));
    await (await startSandbox({ statePath })).close();
    const sb = await started({ statePath, easemobUsers: ['zoe'] });
    expect(sb.state.easemob.users).toContain('zoe');
  });

  it.each([
    ['{ not json', /IM_ADMIN_SANDBOX_SEED \(.*seed\.json\) is not valid JSON/],
    ['[]', /IM_ADMIN_SANDBOX_SEED \(.*seed\.json\) must hold a JSON object like \{"easemob": \{"users": \["zoe"\]\}\}/],
    ['{"lanying": {}}', /unknown key "lanying"; known keys: easemob/],
    ['{"easemob": {"user": ["zoe"]}}', /easemob has an unknown key "user"; known keys: users/],
    ['{"easemob": {"users": "zoe"}}', /easemob\.users must be an array of user ids/],
    ['{"easemob": {"users": ["ok", "bad/name"]}}', /easemob\.users\[1\] "bad\/name" is not a valid Easemob user id/],
    ['{"easemob": {"users": [""]}}', /easemob\.users\[0\] "" is not a valid Easemob user id/],
    ['{"easemob": {"users": [7]}}', /easemob\.users\[0\] must be a string/],
  ])('refuses %s with a message naming the setting, the file and the problem', async (content, message) => {
    await expect(startSandbox({ seedPath: seedFile(content) })).rejects.toThrow(message);
  });

  it('refuses a missing seed file, naming it', async () => {
    const path = join(tmpdir(), 'im-admin-no-such-dir', 'seed.json');
    await expect(startSandbox({ seedPath: path })).rejects.toThrow(
      new RegExp(`IM_ADMIN_SANDBOX_SEED \\(${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) cannot be read`),
    );
  });

  it('refuses a bad user given as an option, naming --easemob-user', async () => {
    await expect(startSandbox({ easemobUsers: ['a b'] })).rejects.toThrow(
      /--easemob-user "a b" is not a valid Easemob user id/,
    );
  });
});
