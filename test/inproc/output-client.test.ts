import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLogLevel } from '../../src/log.js';
import { LOOKUPS } from '../../src/lookups/index.js';
import {
  createSeedState,
  type SandboxHandle,
  SEED_FILE_ID,
  SEED_THREAD_ID,
  startSandbox,
} from '../../src/sandbox/index.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import type { InProcess } from '../helpers/in-process.js';
import { closeMcpSessions, openMcpSession } from '../helpers/in-process-mcp.js';
import { FILES_ENV, validArgs } from '../helpers/tool-args.js';

const LOUNGE = '100000000000001';
const ajv = new Ajv({ strict: false, allErrors: true });

interface Result {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text?: string }[];
}

interface Session {
  s: InProcess;
  /** one call through the SDK client (which validates), then checked with ajv; the result */
  call(name: string, args: Record<string, unknown>): Promise<Result>;
}

// one log line per call over some 600 calls: only errors here
beforeAll(() => setLogLevel('error'));

afterEach(closeMcpSessions);

async function session(env: Record<string, string>, elicit?: 'decline'): Promise<Session> {
  const { s, client } = await openMcpSession(
    { ...FILES_ENV, ...env },
    'output-test',
    elicit ? { capabilities: { elicitation: {} } } : {},
    (c) => {
      if (elicit) c.setRequestHandler(ElicitRequestSchema, async () => ({ action: elicit }));
    },
  );
  const tools = (await client.listTools()).tools;
  const validators = new Map<string, ValidateFunction>();
  for (const t of tools) {
    expect(t.outputSchema, `${t.name} lists an outputSchema`).toBeDefined();
    validators.set(t.name, ajv.compile(t.outputSchema as object));
  }
  return {
    s,
    async call(name, args) {
      // the SDK client throws (McpError) when structuredContent does not match the tool's outputSchema
      const r = (await s.callAll(client.callTool({ name, arguments: args }))) as Result;
      expect(r.structuredContent, `${name} returns structuredContent`).toBeDefined();
      const v = validators.get(name) as ValidateFunction;
      expect(v(r.structuredContent), `${name}: ${ajv.errorsText(v.errors)}`).toBe(true);
      return r;
    },
  };
}

/** The contract case's arguments with the documentation's placeholder ids replaced by the sandbox's seed ids. */
function sandboxArgs(name: string): Record<string, unknown> {
  const a = validArgs(name);
  if (typeof a.group_id === 'string') a.group_id = LOUNGE;
  if (Array.isArray(a.group_id)) a.group_id = [LOUNGE];
  if (typeof a.thread_id === 'string') a.thread_id = SEED_THREAD_ID;
  if (typeof a.file_id === 'string') a.file_id = SEED_FILE_ID;
  if (name.startsWith('lanying_') && a.user_id !== undefined) a.user_id = '1002';
  for (const k of ['username', 'newowner', 'newadmin', 'oldadmin']) if (typeof a[k] === 'string') a[k] = 'carol';
  for (const k of ['usernames', 'members', 'member']) if (Array.isArray(a[k])) a[k] = ['carol', 'dave'];
  return a;
}

/** The sandbox back to its seed, in place (its app tokens kept, so the server's cached token stays valid). */
function reset(sb: SandboxHandle): void {
  const tokens = sb.state.easemob.tokens;
  const fresh = createSeedState(Date.now());
  sb.state.lanying = fresh.lanying;
  sb.state.easemob = { ...fresh.easemob, tokens };
}

const sc = (r: Result) => r.structuredContent as Record<string, unknown>;
const errorKind = (r: Result) => (sc(r).error as { kind?: string; code?: string } | undefined)?.kind;
const writes = ALL_TOOLS.filter((t) => !t.annotations.readOnlyHint);
const destructive = ALL_TOOLS.filter((t) => t.annotations.destructiveHint);

describe('the SDK client accepts every result of every tool', () => {
  it('the sandbox answers every tool (success or its own error) and every lookup', async () => {
    const { s, call } = await session({ IM_ADMIN_CONFIRM: 'off' });
    // the lookups first: the tools below change the seed (the lounge is dissolved)
    for (const l of LOOKUPS) {
      const args =
        l.name === 'easemob_find_groups'
          ? { name: 'Sandbox' }
          : l.name === 'lanying_find_user'
            ? { username: 'alice' }
            : { group_id: LOUNGE, username: 'alice' };
      const r = await call(l.name, args);
      expect(r.isError, l.name).toBeFalsy();
    }
    let ok = 0;
    const sb = s.runtime.sandbox as SandboxHandle;
    for (const t of ALL_TOOLS) {
      reset(sb);
      const r = await call(t.name, sandboxArgs(t.name));
      if (!r.isError) ok++;
    }
    // the seed ids stand in for the documentation's; a dozen calls still meet the vendor's own refusal (a member
    // added twice, a user registered twice): those results validate too. Each tool's own success path is
    // test/e2e/tools.test.ts, whose client lists the tools first and so validates the same way.
    expect(ok).toBeGreaterThan(ALL_TOOLS.length * 0.8);
  });

  it('invalid arguments: every tool and lookup, nothing sent', async () => {
    const { call } = await session({ IM_ADMIN_CONFIRM: 'off' });
    for (const t of [...ALL_TOOLS, ...LOOKUPS]) {
      const r = await call(t.name, { not_a_parameter: 1 });
      expect(r.isError, t.name).toBe(true);
      expect(errorKind(r), t.name).toBe('invalid_arguments');
    }
  });

  it("the vendor's error: every tool, with credentials the sandbox refuses", async () => {
    const sb = await startSandbox({ port: 0 });
    try {
      const c = sb.credentials;
      const { call } = await session({
        IM_ADMIN_CONFIRM: 'off',
        LANYING_BASE_URL: sb.lanyingUrl,
        LANYING_APP_ID: c.lanying.appId,
        LANYING_ACCESS_TOKEN: 'not-the-sandbox-token',
        EASEMOB_BASE_URL: sb.easemobUrl,
        EASEMOB_ORG: c.easemob.org,
        EASEMOB_APP: c.easemob.app,
        EASEMOB_APP_TOKEN: 'not-the-sandbox-app-token',
      });
      for (const t of ALL_TOOLS) {
        const r = await call(t.name, validArgs(t.name));
        expect(r.isError, t.name).toBe(true);
        const error = sc(r).error as { vendor?: string; code?: string; kind?: string };
        // the share-file upload reads its local file first; everything else reaches the vendor and is refused
        expect(error.vendor ?? error.kind, t.name).toBeDefined();
      }
    } finally {
      await sb.close();
    }
  });

  it('confirmation_required for every destructive tool, or its preflight refusal', async () => {
    const { call } = await session({ IM_ADMIN_CONFIRM: 'auto' });
    let asked = 0;
    for (const t of destructive) {
      const r = await call(t.name, validArgs(t.name));
      if (sc(r).confirmation_required === true) asked++;
      else expect(r.isError, t.name).toBe(true);
    }
    expect(asked).toBeGreaterThan(0);
    // the lounge's own dissolution, with its name in the preview and the untrusted marks
    const r = await call('easemob_dissolve_group', { group_id: LOUNGE });
    expect(sc(r).confirmation_required).toBe(true);
    expect(sc(r).untrusted).toBeDefined();
  });

  it('cancelled by the person (elicitation declined) for every destructive tool', async () => {
    const { call } = await session({ IM_ADMIN_CONFIRM: 'auto' }, 'decline');
    let cancelled = 0;
    for (const t of destructive) {
      const r = await call(t.name, validArgs(t.name));
      if (sc(r).cancelled === true) cancelled++;
    }
    expect(cancelled).toBeGreaterThan(0);
  });

  it('refused: a protected target, for every destructive tool that names one', async () => {
    const { call } = await session({
      IM_ADMIN_CONFIRM: 'auto',
      IM_ADMIN_PROTECTED_GROUPS: [LOUNGE, ...destructive.map((t) => validArgs(t.name).group_id)]
        .filter((g): g is string => typeof g === 'string')
        .join(','),
    });
    let refused = 0;
    for (const t of destructive) {
      const r = await call(t.name, validArgs(t.name));
      if (errorKind(r) === 'protected') refused++;
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('dry run: every write tool', async () => {
    const { call } = await session({ IM_ADMIN_CONFIRM: 'off', IM_ADMIN_DRY_RUN: 'true' });
    for (const t of writes) {
      const r = await call(t.name, validArgs(t.name));
      expect(r.isError || sc(r).dry_run === true, t.name).toBe(true);
    }
  });

  it('approval_pending (console mode): every destructive tool', async () => {
    const { call } = await session({
      IM_ADMIN_CONFIRM: 'console',
      IM_ADMIN_APPROVAL_WAIT_SECONDS: '0',
      IM_ADMIN_CONSOLE_APPROVERS: 'alice:alice-long-secret',
      IM_ADMIN_APPROVAL_MAX_PENDING: '200',
    });
    let pending = 0;
    for (const t of destructive) {
      const r = await call(t.name, validArgs(t.name));
      if (sc(r).approval_pending === true) pending++;
    }
    expect(pending).toBeGreaterThan(0);
  });

  it('lists followed with max_items, and a split batch with a failed call', async () => {
    const { call } = await session({ IM_ADMIN_CONFIRM: 'off' });
    for (const t of ALL_TOOLS.filter((x) => x.paging)) {
      const r = await call(t.name, { ...validArgs(t.name), max_items: 3 });
      if (!r.isError) expect(sc(r).calls, t.name).toBeTypeOf('number');
    }
    // 61 users to allow-list: two calls; the sandbox refuses the first (none of its 60 is a member), takes the second
    const outsiders = Array.from({ length: 60 }, (_, i) => `outsider${i}`);
    const r = await call('easemob_add_allowlist_users', { group_id: LOUNGE, usernames: [...outsiders, 'carol'] });
    expect(r.isError ?? false).toBe(false);
    expect(sc(r)).toMatchObject({ calls: 2, calls_failed: 1, items: 61 });
    expect(sc(r).failed).toBeInstanceOf(Array);
    // and a batch every call of which fails: isError with the merged result
    const all = await call('easemob_add_allowlist_users', { group_id: LOUNGE, usernames: [...outsiders, 'nobody'] });
    expect(all.isError).toBe(true);
    expect(sc(all)).toMatchObject({ calls: 2, calls_failed: 2 });
  });
});
