/** Start-up: a bad configuration stops the server with one clear stderr line and a non-zero exit, before any protocol. */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOL_COUNT } from '../helpers/catalog.js';
import { CLI } from '../helpers/mcp-client.js';
import { childEnv, runTracked, TrackedStdioTransport } from '../helpers/spawn.js';

const run = async (env: Record<string, string>, args: string[] = []) => {
  const r = await runTracked(process.execPath, [CLI, ...args], { env: childEnv(env), timeoutMs: 60_000 });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
};

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
    [{ IM_ADMIN_CONFIRM: 'sometimes' }, 'IM_ADMIN_CONFIRM must be "auto", "console" or "off"'],
    [{ IM_ADMIN_READ_ONLY: 'perhaps' }, 'IM_ADMIN_READ_ONLY must be true or false'],
  ])('%o → %s', async (env, message) => {
    const r = await run(env);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(r.stderr).not.toContain('s3cr3t-value');
  });

  it('prints --version and --help', async () => {
    expect((await run({}, ['--version'])).stdout.trim()).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/);
    expect((await run({}, ['--help'])).stdout).toContain('im-admin-mcp sandbox');
  });

  it('refuses an unknown argument', async () => {
    const r = await run({}, ['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown argument "--bogus"');
  });
});

describe("the README's first command", () => {
  it('`npx im-admin-mcp` in the clone serves every tool against the sandbox', async () => {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const root = new URL('../..', import.meta.url).pathname;
    // npm exec runs the self-linked package's `prepare`: it must not rebuild a current bundle under running servers
    const builtAt = statSync(new URL('../../dist/bundle/cli.js', import.meta.url)).mtimeMs;
    // npm exec → the server: a process group, stopped as a whole (the server's audit log lands in the scratch HOME)
    const transport = new TrackedStdioTransport({ command: 'npx', args: ['im-admin-mcp'], cwd: root, env: childEnv() });
    const client = new Client({ name: 'readme', version: '1' });
    // generous: npm's own start-up is slow on a busy machine, and nothing here measures speed
    await client.connect(transport, { timeout: 120_000 });
    try {
      expect((await client.listTools()).tools).toHaveLength(TOOL_COUNT);
      expect(client.getInstructions()).toContain('SANDBOX');
      expect(statSync(new URL('../../dist/bundle/cli.js', import.meta.url)).mtimeMs, 'the bundle was rebuilt').toBe(
        builtAt,
      );
    } finally {
      await client.close();
    }
  }, 180_000);
});
