/**
 * The documented client set-ups (docs/clients/*, embedded verbatim in the README), each launched exactly as
 * documented: only the path placeholder (here: this clone) and the credential placeholders change. "With
 * credentials" set-ups run against the standalone sandbox (`im-admin-mcp sandbox`), which stands in for the vendors'
 * hosts with real base URLs, app ids, tokens and client credentials, so the production code path runs end to end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchHome } from '../helpers/spawn.js';
import {
  baseEnv,
  CLI,
  CLIENTS_DIR,
  commandLines,
  connect,
  credentialValues,
  type Launch,
  launchFromClaudeAdd,
  launchFromJson,
  manifestTools,
  REPO,
  readClientFile,
  resolveLaunch,
  run,
  type StandaloneSandbox,
  startStandaloneSandbox,
  textOf,
} from './helpers.js';

let sb: StandaloneSandbox;
let creds: Record<string, string>;
const home = scratchHome();

beforeAll(async () => {
  sb = await startStandaloneSandbox();
  creds = credentialValues(sb);
});
afterAll(async () => sb?.stop());

/** Starts the launch, checks the served tool names and the sandbox flag, makes one read call, returns its text. */
async function exercise(
  launch: Launch,
  expectTools: string[],
  expectSandbox: boolean,
  call: { name: string; arguments: Record<string, unknown> },
): Promise<string> {
  // HOME is the client's; here a scratch folder so nothing lands in the real home (reads write no audit lines).
  const c = await connect({ ...launch, env: { HOME: home, ...launch.env } });
  try {
    const names = (await c.client.listTools()).tools.map((t) => t.name);
    expect(names.sort()).toEqual([...expectTools].sort());
    expect(/SANDBOX/.test(c.client.getInstructions() ?? '')).toBe(expectSandbox);
    const r = await c.client.callTool(call);
    expect(r.isError ?? false, textOf(r)).toBe(false);
    return textOf(r);
  } finally {
    await c.close();
  }
}

const ALL = manifestTools();
const READ_ONLY = manifestTools((t) => t.annotations.readOnlyHint);

describe('README', () => {
  it('embeds every docs/clients snippet verbatim in a fenced block', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const files = readdirSync(CLIENTS_DIR);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const lang = f.endsWith('.json') ? 'json' : 'sh';
      expect(readme, `README does not embed docs/clients/${f}`).toContain(
        `\`\`\`${lang}\n${readClientFile(f).trimEnd()}\n\`\`\``,
      );
    }
  });
});

describe('Claude Desktop', () => {
  it('without credentials: the built-in sandbox, every tool', async () => {
    const launch = resolveLaunch(launchFromJson('claude-desktop.sandbox.json'), REPO);
    expect(launch.env).toEqual({});
    const text = await exercise(launch, ALL, true, {
      name: 'easemob_list_muted_members',
      arguments: { group_id: '100000000000001' },
    });
    expect(text).toContain('mallory');
  });

  it('with credentials (read-only): both vendors reached with the configured credentials', async () => {
    const launch = resolveLaunch(launchFromJson('claude-desktop.credentials.json'), REPO, creds);
    expect(launch.env.IM_ADMIN_READ_ONLY).toBe('true');
    const text = await exercise(launch, READ_ONLY, false, { name: 'lanying_list_users', arguments: { page_size: 1 } });
    expect(text).toContain('OK');
    const c = await connect({ ...launch, env: { HOME: home, ...launch.env } });
    try {
      const r = await c.client.callTool({ name: 'easemob_get_groups', arguments: { group_id: ['100000000000001'] } });
      expect(r.isError ?? false, textOf(r)).toBe(false);
      expect(textOf(r)).toContain('Sandbox Lounge');
    } finally {
      await c.close();
    }
  });

  it('with credentials: `check` with the same environment answers OK, and FAILED for a wrong secret', async () => {
    const launch = resolveLaunch(launchFromJson('claude-desktop.credentials.json'), REPO, creds);
    const ok = await run(process.execPath, [CLI, 'check'], { env: baseEnv({ HOME: home, ...launch.env }) });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('mode: production');
    expect(ok.stdout).toContain('read-only on');
    expect(ok.stdout).toContain('result: OK (2 of 2 configured vendors answered)');
    const bad = await run(process.execPath, [CLI, 'check'], {
      env: baseEnv({ HOME: home, ...launch.env, EASEMOB_CLIENT_SECRET: 'wrong-secret', LANYING_ACCESS_TOKEN: 'wrong' }),
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^Lanying .*FAILED — lanying_list_users: Lanying error 10008/m);
    expect(bad.stdout).toMatch(/^Easemob .*FAILED — easemob_list_groups: Easemob error invalid_grant/m);
    expect(bad.stdout).toContain('Check EASEMOB_CLIENT_ID and EASEMOB_CLIENT_SECRET');
    expect(bad.stdout).toContain('result: FAILED (2 of 2 configured vendors did not answer)');
    expect(bad.stdout + bad.stderr).not.toContain('wrong-secret');
  });
});

describe('Claude Code (`claude mcp add`)', () => {
  const lines = commandLines('claude-code.sh');

  it('documents a sandbox and a credentials command', () => {
    expect(lines).toHaveLength(2);
  });

  it('sandbox: starts the server the command names', async () => {
    const add = launchFromClaudeAdd(lines[0] as string);
    expect(add.name).toBe('im-admin');
    await exercise(resolveLaunch(add, REPO), ALL, true, { name: 'lanying_list_users', arguments: { page_size: 1 } });
  });

  it('Easemob credentials with the moderation toolset', async () => {
    const add = launchFromClaudeAdd(lines[1] as string);
    expect(add.env.IM_ADMIN_TOOLSETS).toBe('moderation');
    const launch = resolveLaunch(add, REPO, creds);
    const c = await connect({ ...launch, env: { HOME: home, ...launch.env } });
    try {
      const names = (await c.client.listTools()).tools.map((t) => t.name);
      expect(names.length).toBeGreaterThan(5);
      expect(names.length).toBeLessThanOrEqual(19);
      expect(names.every((n) => n.startsWith('easemob_'))).toBe(true);
      expect(names).toContain('easemob_mute_members');
      const r = await c.client.callTool({
        name: 'easemob_list_muted_members',
        arguments: { group_id: '100000000000001' },
      });
      expect(r.isError ?? false, textOf(r)).toBe(false);
    } finally {
      await c.close();
    }
  });
});

describe('Cursor (.cursor/mcp.json)', () => {
  it('Easemob app token, --read-only: the Easemob read tools', async () => {
    const launch = resolveLaunch(launchFromJson('cursor.mcp.json'), REPO, creds);
    expect(launch.args).toContain('--read-only');
    const easemobReads = READ_ONLY.filter((n) => n.startsWith('easemob_'));
    const text = await exercise(launch, easemobReads, false, { name: 'easemob_list_groups', arguments: { limit: 1 } });
    expect(text).toContain('OK');
  });
});

describe('VS Code (.vscode/mcp.json)', () => {
  it('stdio server with secrets from inputs: every tool against the configured apps', async () => {
    const doc = JSON.parse(readClientFile('vscode.mcp.json')) as { inputs: { id: string; password: boolean }[] };
    expect(doc.inputs.every((i) => i.password)).toBe(true);
    const raw = launchFromJson('vscode.mcp.json');
    expect(raw.type).toBe('stdio');
    for (const i of doc.inputs) expect(Object.values(raw.env)).toContain(`\${input:${i.id}}`);
    const launch = resolveLaunch(raw, REPO, creds);
    await exercise(launch, ALL, false, { name: 'easemob_list_groups', arguments: { limit: 1 } });
  });
});
