#!/usr/bin/env node
// @ts-check
/**
 * A small moderation bot built on the MCP TypeScript SDK client (plain JavaScript with JSDoc types, so it runs on
 * Node 20 without a build step). It starts im-admin-mcp over stdio and, in one Easemob group:
 *   1. lists the muted members,
 *   2. mutes a member for a while, through the confirmation-token round trip (the first call only returns a
 *      preview and a token; a person approves; the second call with the token executes),
 *   3. shows the mute list again,
 *   4. unmutes the member and shows the list once more.
 *
 * Usage (from a clone, after `npm ci`):
 *   node examples/moderation-bot.mjs [--yes] [--group 100000000000001] [--user erin] [--ms 60000]
 * With no vendor credentials in the environment the server runs its built-in sandbox, so this is safe to try.
 * Without --yes the bot asks on the terminal before the mute. IM_ADMIN_MCP_CLI overrides the server's path.
 * Exit status: 0 when every step succeeded, 1 otherwise.
 */
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** @typedef {{ type: string, text?: string }} Content */
/** @typedef {{ content: Content[], structuredContent?: Record<string, any>, isError?: boolean }} ToolResult */

const { values: opts } = parseArgs({
  options: {
    yes: { type: 'boolean', default: false },
    group: { type: 'string', default: '100000000000001' },
    user: { type: 'string', default: 'erin' },
    ms: { type: 'string', default: '60000' },
  },
});
const groupId = /** @type {string} */ (opts.group);
const user = /** @type {string} */ (opts.user);
const muteMs = Number(opts.ms);

const cli = process.env.IM_ADMIN_MCP_CLI ?? fileURLToPath(new URL('../dist/bundle/cli.js', import.meta.url));

/** Environment for the server: ours, as strings (credentials, if any, pass through; none means the sandbox). */
function serverEnv() {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (typeof v === 'string') env[k] = v;
  env.IM_ADMIN_LOG_LEVEL ??= 'warn';
  return env;
}

/** @param {ToolResult} r */
const textOf = (r) =>
  r.content
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');

/**
 * Calls a tool and fails loudly on an isError result.
 * @param {Client} client @param {string} name @param {Record<string, unknown>} args
 * @returns {Promise<ToolResult>}
 */
async function call(client, name, args) {
  const r = /** @type {ToolResult} */ (await client.callTool({ name, arguments: args }));
  if (r.isError) throw new Error(`${name} failed:\n${textOf(r)}`);
  return r;
}

/** @param {Client} client @returns {Promise<string[]>} "user (until …)" lines */
async function mutedMembers(client) {
  const r = await call(client, 'easemob_list_muted_members', { group_id: groupId });
  /** @type {{ user: string, expire: number }[]} */
  const list = r.structuredContent?.data ?? [];
  return list.map((m) => `${m.user} (until ${m.expire === -1 ? 'unmuted' : new Date(m.expire).toISOString()})`);
}

/** @param {string} question */
async function approve(question) {
  if (opts.yes) {
    console.log(`${question} yes (--yes)`);
    return true;
  }
  if (!process.stdin.isTTY) {
    console.log(`${question} no (no terminal to ask on; pass --yes to approve)`);
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

async function main() {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli], env: serverEnv() });
  const client = new Client({ name: 'moderation-bot', version: '1.0.0' });
  await client.connect(transport);
  try {
    const sandbox = /SANDBOX/.test(client.getInstructions() ?? '');
    console.log(`Connected to ${client.getServerVersion()?.name}${sandbox ? ' (built-in sandbox)' : ''}.`);

    console.log(`\n1. Muted members of group ${groupId}:`);
    for (const line of await mutedMembers(client)) console.log(`   - ${line}`);

    console.log(`\n2. Mute ${user} for ${muteMs} ms`);
    const args = { group_id: groupId, usernames: [user], mute_duration: muteMs, reason: 'moderation-bot example' };
    const first = await call(client, 'easemob_mute_members', args);
    const s = first.structuredContent ?? {};
    if (s.confirmation_required) {
      const current = s.preview?.current;
      console.log(`   Preview: ${s.preview?.action} in "${current?.group?.name ?? groupId}"; ${s.preview?.effect}`);
      console.log(`   Roles now: ${JSON.stringify(current?.roles ?? {})}; token valid until ${s.expires_at}`);
      if (!(await approve(`   Approve muting ${user}?`))) {
        console.log('   Not approved: nothing was changed.');
        return 0;
      }
      const done = await call(client, 'easemob_mute_members', { ...args, confirmation_token: s.confirmation_token });
      console.log(`   Done: ${JSON.stringify(done.structuredContent?.data)}`);
    } else {
      // IM_ADMIN_CONFIRM=off (a trusted bot): the first call already executed.
      console.log(`   Done without confirmation: ${JSON.stringify(s.data)}`);
    }

    console.log(`\n3. Muted members of group ${groupId}:`);
    const after = await mutedMembers(client);
    for (const line of after) console.log(`   - ${line}`);
    if (!after.some((l) => l.startsWith(`${user} `))) throw new Error(`${user} is not in the mute list after muting`);

    console.log(`\n4. Unmute ${user}`);
    const un = await call(client, 'easemob_unmute_members', { group_id: groupId, member: [user] });
    console.log(`   Done: ${JSON.stringify(un.structuredContent?.data)}`);
    const final = await mutedMembers(client);
    console.log(`   Muted members now: ${final.length ? final.join(', ') : 'none'}`);
    if (final.some((l) => l.startsWith(`${user} `))) throw new Error(`${user} is still muted after unmuting`);
    console.log('\nAll steps succeeded.');
    return 0;
  } finally {
    await client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`moderation-bot: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
