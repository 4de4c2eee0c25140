/**
 * The MCP Inspector CLI (@modelcontextprotocol/inspector, a pinned devDependency) against the built server over
 * stdio, with the commands the README documents (docs/clients/inspector.sh): `tools/list --strict` (schema lint,
 * exit 6 on errors) passes with every tool, and the documented `tools/call` succeeds (an isError result exits 5).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOL_COUNT } from '../helpers/catalog.js';
import { baseEnv, commandLines, REPO, resolveLaunch, run, shellWords } from './helpers.js';

const INSPECTOR_BIN = join(REPO, 'node_modules/.bin/mcp-inspector');
const DOCUMENTED = 'npx -y @modelcontextprotocol/inspector@';
const pinned = (
  JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies['@modelcontextprotocol/inspector'];

/** A documented `npx -y @modelcontextprotocol/inspector@V …` line, run with the locally installed Inspector. */
async function runDocumented(line: string) {
  const words = shellWords(line);
  expect(words.slice(0, 3).join(' ')).toBe(`npx -y @modelcontextprotocol/inspector@${pinned}`);
  const rest = words.slice(3);
  const serverAt = rest.indexOf('node');
  const launch = resolveLaunch({ command: 'node', args: rest.slice(serverAt + 1), env: {} }, REPO);
  const args = [...rest.slice(0, serverAt), launch.command, ...launch.args];
  // baseEnv gives a scratch HOME: the Inspector keeps a catalog under ~/.mcp-inspector, the server its audit log.
  return run(INSPECTOR_BIN, args, { env: baseEnv({ IM_ADMIN_LOG_LEVEL: 'warn' }) });
}

describe('MCP Inspector CLI', () => {
  const lines = commandLines('inspector.sh');

  it('documents the pinned version, a tools/list --strict, a tools/call and the web UI', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lines.every((l) => l.startsWith(`${DOCUMENTED}${pinned} `))).toBe(true);
    expect(lines.some((l) => l.includes('--method tools/list') && l.includes('--strict'))).toBe(true);
    expect(lines.some((l) => l.includes('--method tools/call'))).toBe(true);
    expect(lines.some((l) => !l.includes('--cli'))).toBe(true);
  });

  it('tools/list --strict passes with every tool', async () => {
    const r = await runDocumented(lines.find((l) => l.includes('tools/list')) as string);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as { tools: { name: string }[] };
    expect(listed.tools).toHaveLength(TOOL_COUNT);
  });

  it('the documented tools/call succeeds', async () => {
    const r = await runDocumented(lines.find((l) => l.includes('tools/call')) as string);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('mallory');
  });
});
