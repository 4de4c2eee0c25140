/**
 * Attacks on the confirmation itself (issue: trust): an agent must never be able to confirm for the person, a token
 * is single use across restarts, and a refused call spends nothing and leaves an audit line with its true outcome.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer } from '../helpers/mcp-client.js';
import { type HttpServerProcess, startHttpServer } from '../helpers/processes.js';
import { textOf } from './helpers.js';

let fake: FakeUpstream;
const writes = () => fake.requests.filter((r) => r.method !== 'GET');
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterAll(async () => fake?.close());

const auditLines = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const scratchAudit = () => join(mkdtempSync(join(tmpdir(), 'im-admin-trust-')), 'audit.jsonl');

describe('elicitation that fails closes the door (no token for the agent)', () => {
  it('a client whose elicitation handler errors gets a refusal, no token, and nothing is sent', async () => {
    const audit = scratchAudit();
    const s = await startServer({
      env: fake.env({ IM_ADMIN_AUDIT_LOG: audit }),
      elicit: () => {
        throw new Error('the dialog crashed');
      },
    });
    try {
      fake.reset();
      const r = await s.client.callTool({ name: 'easemob_dissolve_group', arguments: { group_id: 'g1' } });
      expect(r.isError).toBe(true);
      expect(JSON.stringify(r)).not.toContain('confirmation_token');
      expect(textOf(r)).toMatch(/could not ask/i);
      expect(writes()).toEqual([]);
      expect(auditLines(audit).at(-1)).toMatchObject({
        tool: 'easemob_dissolve_group',
        outcome: 'refused',
        confirmed: 'elicitation',
        error: { kind: 'elicitation_failed' },
      });
    } finally {
      await s.close();
    }
  });

  it('a person who does not answer in time is a refusal too', async () => {
    const s = await startServer({
      env: fake.env({ IM_ADMIN_ELICIT_TIMEOUT_SECONDS: '1' }),
      elicit: () => new Promise(() => {}),
    });
    try {
      fake.reset();
      const r = await s.client.callTool({
        name: 'easemob_remove_member',
        arguments: { group_id: 'g1', username: 'erin' },
      });
      expect(r.isError).toBe(true);
      expect(JSON.stringify(r)).not.toContain('confirmation_token');
      expect(textOf(r)).toContain('IM_ADMIN_ELICIT_TIMEOUT_SECONDS');
      expect(writes()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it.each([
    ['decline', 'declined'],
    ['cancel', 'cancelled'],
  ] as const)('a %s is audited as %s, with the confirmation path', async (action, outcome) => {
    const audit = scratchAudit();
    const s = await startServer({ env: fake.env({ IM_ADMIN_AUDIT_LOG: audit }), elicit: () => ({ action }) });
    try {
      fake.reset();
      await s.client.callTool({ name: 'easemob_remove_member', arguments: { group_id: 'g1', username: 'erin' } });
      expect(writes()).toEqual([]);
      expect(auditLines(audit).at(-1)).toMatchObject({
        tool: 'easemob_remove_member',
        outcome,
        confirmed: 'elicitation',
      });
    } finally {
      await s.close();
    }
  });
});

describe('a token is single use across restarts (no Redis)', () => {
  it('a spent token does not run again after the server restarts with the same secret', async () => {
    const audit = scratchAudit();
    const env = fake.env({ IM_ADMIN_CONFIRM_SECRET: 'a-secret-shared-by-restarts-0123', IM_ADMIN_AUDIT_LOG: audit });
    const args = { group_id: 'g1' };
    const first = await startServer({ env });
    let token: string;
    try {
      fake.reset();
      const ask = await first.client.callTool({ name: 'easemob_dissolve_group', arguments: args });
      token = (ask.structuredContent as { confirmation_token: string }).confirmation_token;
      const run = await first.client.callTool({
        name: 'easemob_dissolve_group',
        arguments: { ...args, confirmation_token: token },
      });
      expect(run.isError ?? false, textOf(run)).toBe(false);
      expect(writes()).toHaveLength(1);
    } finally {
      await first.close();
    }
    const second = await startServer({ env });
    try {
      fake.reset();
      const replay = await second.client.callTool({
        name: 'easemob_dissolve_group',
        arguments: { ...args, confirmation_token: token },
      });
      expect(replay.isError).toBe(true);
      expect(textOf(replay)).toContain('already used');
      expect(writes()).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('a refused call spends nothing and says why', () => {
  it('a token mismatch names the argument that differs', async () => {
    const s = await startServer({ env: fake.env() });
    try {
      fake.reset();
      const ask = await s.client.callTool({
        name: 'easemob_remove_members',
        arguments: { group_id: 'g1', members: ['erin', 'dave'] },
      });
      const token = (ask.structuredContent as { confirmation_token: string }).confirmation_token;
      const other = await s.client.callTool({
        name: 'easemob_remove_members',
        arguments: { group_id: 'g1', members: ['erin', 'carol'], confirmation_token: token },
      });
      expect(other.isError).toBe(true);
      expect(textOf(other)).toContain('members');
      expect(textOf(other)).not.toContain('group_id');
      const otherTool = await s.client.callTool({
        name: 'easemob_block_users',
        arguments: { group_id: 'g1', usernames: ['erin'], confirmation_token: token },
      });
      expect(textOf(otherTool)).toContain('easemob_remove_members');
      expect(writes()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('the destructive-action window refusing a call does not spend its token', async () => {
    const s = await startServer({ env: fake.env({ IM_ADMIN_MAX_DESTRUCTIVE: '1' }) });
    try {
      fake.reset();
      const tokenFor = async (group_id: string) =>
        (
          (await s.client.callTool({ name: 'easemob_dissolve_group', arguments: { group_id } })).structuredContent as {
            confirmation_token: string;
          }
        ).confirmation_token;
      const t1 = await tokenFor('g1');
      const t2 = await tokenFor('g2');
      const ok = await s.client.callTool({
        name: 'easemob_dissolve_group',
        arguments: { group_id: 'g1', confirmation_token: t1 },
      });
      expect(ok.isError ?? false, textOf(ok)).toBe(false);
      const full = await s.client.callTool({
        name: 'easemob_dissolve_group',
        arguments: { group_id: 'g2', confirmation_token: t2 },
      });
      expect(full.isError).toBe(true);
      expect(textOf(full)).toContain('IM_ADMIN_MAX_DESTRUCTIVE');
      // refused by the window: the token was not spent, so it still says the window, not "already used"
      const again = await s.client.callTool({
        name: 'easemob_dissolve_group',
        arguments: { group_id: 'g2', confirmation_token: t2 },
      });
      expect(textOf(again)).toContain('IM_ADMIN_MAX_DESTRUCTIVE');
      expect(textOf(again)).not.toContain('already used');
      expect(writes()).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('an unwritable audit log refuses before a token or a window slot is spent', async () => {
    // a folder that is a file: the log can never be opened
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'im-admin-trust-')), 'file');
    writeFileSync(notAFolder, '');
    const s = await startServer({
      env: fake.env({ IM_ADMIN_AUDIT_LOG: join(notAFolder, 'audit.jsonl'), IM_ADMIN_MAX_DESTRUCTIVE: '1' }),
    });
    try {
      fake.reset();
      const r = await s.client.callTool({ name: 'easemob_dissolve_group', arguments: { group_id: 'g1' } });
      expect(r.isError).toBe(true);
      expect(JSON.stringify(r)).not.toContain('confirmation_token');
      expect(textOf(r)).toContain('IM_ADMIN_AUDIT_LOG');
      expect(writes()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a call refused by a limit is audited with confirmed "not_confirmed", not "not_required"', async () => {
    const audit = scratchAudit();
    const s = await startServer({ env: fake.env({ IM_ADMIN_AUDIT_LOG: audit, IM_ADMIN_PROTECTED_GROUPS: 'g1' }) });
    try {
      await s.client.callTool({ name: 'easemob_dissolve_group', arguments: { group_id: 'g1' } });
      expect(auditLines(audit).at(-1)).toMatchObject({ outcome: 'refused', confirmed: 'not_confirmed' });
    } finally {
      await s.close();
    }
  });
});

describe('over --http the same guarantees hold', () => {
  const TOKEN = 'trust-http-token-0123456789';
  let srv: HttpServerProcess;
  beforeAll(async () => {
    srv = await startHttpServer(
      fake.env({
        IM_ADMIN_HTTP_TOKEN: TOKEN,
        IM_ADMIN_PROTECTED_GROUPS: 'g-vip',
        IM_ADMIN_PROTECTED_USERS: 'alice',
        IM_ADMIN_AUDIT_LOG: scratchAudit(),
      }),
    );
  });
  afterAll(async () => srv?.stop());

  async function client(elicit?: () => never): Promise<Client> {
    const c = new Client(
      { name: 'trust-http', version: '1' },
      { capabilities: elicit ? { elicitation: { form: {} } } : {} },
    );
    if (elicit) c.setRequestHandler(ElicitRequestSchema, elicit);
    await c.connect(
      new StreamableHTTPClientTransport(new URL(srv.url), {
        requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
      }),
    );
    return c;
  }

  it('a failing elicitation gets no token, and protected targets refuse every write', async () => {
    const failing = await client(() => {
      throw new Error('the dialog crashed');
    });
    const plain = await client();
    try {
      fake.reset();
      const r = await failing.callTool({ name: 'easemob_dissolve_group', arguments: { group_id: 'g1' } });
      expect(r.isError).toBe(true);
      expect(JSON.stringify(r)).not.toContain('confirmation_token');
      for (const [name, args] of [
        ['easemob_set_announcement', { group_id: 'g-vip', announcement: 'x' }],
        ['easemob_remove_member', { group_id: 'g1', username: 'ALICE' }],
      ] as const) {
        const p = await plain.callTool({ name, arguments: args });
        expect(p.isError, name).toBe(true);
        expect((p.structuredContent as { error: { kind: string } }).error.kind).toBe('protected');
      }
      expect(writes()).toEqual([]);
    } finally {
      await failing.close();
      await plain.close();
    }
  });
});
