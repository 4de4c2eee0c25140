/** Start-up: a bad configuration stops the server with one clear stderr line and a non-zero exit, before any protocol. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/mcp-client.js';

const run = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    input: '',
    encoding: 'utf8',
    timeout: 10_000,
  });

describe('start-up configuration errors', () => {
  it.each([
    [{ LANYING_APP_ID: 'a' }, 'LANYING_ACCESS_TOKEN is missing'],
    [{ EASEMOB_CLIENT_SECRET: 's3cr3t-value' }, 'EASEMOB_CLIENT_ID is missing'],
    [
      { EASEMOB_BASE_URL: 'not a url', EASEMOB_ORG: 'o', EASEMOB_APP: 'a', EASEMOB_APP_TOKEN: 't' },
      'EASEMOB_BASE_URL is not a valid URL: "not a url"',
    ],
    [{ EASEMOB_BASE_URL: 'https://a1.easemob.com', EASEMOB_APP_TOKEN: 't' }, 'EASEMOB_ORG is missing'],
    [{ IM_ADMIN_TOOLSETS: 'easemob_groups,nope' }, 'unknown toolset "nope"; valid: lanying_accounts'],
    [{ IM_ADMIN_TOOLS: 'easemob_mute_everyone' }, 'unknown tool "easemob_mute_everyone"'],
    [{ IM_ADMIN_EXCLUDE_TOOLS: 'x' }, 'IM_ADMIN_EXCLUDE_TOOLS has an unknown tool "x"'],
    [{ IM_ADMIN_CONFIRM: 'sometimes' }, 'IM_ADMIN_CONFIRM must be "auto" or "off"'],
    [{ IM_ADMIN_READ_ONLY: 'perhaps' }, 'IM_ADMIN_READ_ONLY must be true or false'],
  ])('%o → %s', (env, message) => {
    const r = run(env);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(r.stderr).not.toContain('s3cr3t-value');
  });

  it('prints --version and --help', () => {
    expect(run({}, ['--version']).stdout.trim()).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/);
    expect(run({}, ['--help']).stdout).toContain('im-admin-mcp sandbox');
  });

  it('refuses an unknown argument', () => {
    const r = run({}, ['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown argument "--bogus"');
  });
});

describe("the README's first command", () => {
  it('`npx im-admin-mcp` in the clone serves all 91 tools against the sandbox', async () => {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const root = new URL('../..', import.meta.url).pathname;
    const transport = new StdioClientTransport({
      command: 'npx',
      args: ['im-admin-mcp'],
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        IM_ADMIN_AUDIT_LOG: `${root}.tmp/npx-audit.jsonl`,
      },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'readme', version: '1' });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools).toHaveLength(91);
      expect(client.getInstructions()).toContain('SANDBOX');
    } finally {
      await client.close();
    }
  }, 30_000);
});
