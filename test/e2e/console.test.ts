/**
 * The approval console (IM_ADMIN_CONFIRM=console) in a real browser: Debian's Chromium driven by playwright-core,
 * against the built server started as a child (test/helpers/spawn.ts) and called by the SDK's own client.
 *
 * The attacks come first: a cross-site form post, a post without the CSRF token, the MCP bearer token, the console
 * cookie on /mcp, an expired approval, one approver twice under the two-person rule. Then the person's flows:
 * approve (the agent's call completes, the member is gone from the sandbox), deny (nothing sent, the agent gets the
 * note), and the audit trail's filters. Screenshots go to the temp folder (CONSOLE_SHOTS_DIR, else os.tmpdir()).
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SandboxHandle,
  SEED_GROUP_PRIVATE_ID,
  SEED_GROUP_PUBLIC_ID,
  startSandbox,
} from '../../src/sandbox/index.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { type HttpServerProcess, startHttpServer } from '../helpers/processes.js';
import { emGroup, sandboxEnv } from './helpers.js';

const L = SEED_GROUP_PUBLIC_ID; // Sandbox Lounge: owner alice, members bob carol dave erin mallory
const C = SEED_GROUP_PRIVATE_ID; // Core Team
const ALICE = 'alice-secret-0001';
const BOB = 'bob-secret-00002';
const HTTP_TOKEN = 'mcp-bearer-token-0123456789';
const SHOTS = process.env.CONSOLE_SHOTS_DIR ?? join(tmpdir(), 'im-admin-console-shots');

interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content?: { type: string; text?: string }[];
}
const textOf = (r: ToolResult) => (r.content ?? []).map((c) => c.text ?? '').join('\n');

let sb: SandboxHandle;
let agent: Started;
let consoleUrl: string;
let browser: Browser;
let alice: BrowserContext;
let page: Page;
let attacker: Server;
let attackerUrl: string;

/** Polls `probe` until it returns a value (an event, not a fixed sleep); fails after `ms`. */
async function until<T>(probe: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The console URL printed on the server's stderr. */
async function consoleOf(stderr: () => string): Promise<string> {
  const url = await until(() => /approval console at (\S+)/.exec(stderr())?.[1]);
  return url.replace(/\/console\/$/, '');
}

const visible = (loc: Locator, timeout = 30_000) => loc.waitFor({ state: 'visible', timeout });
const textOfLoc = (loc: Locator) => loc.first().textContent({ timeout: 30_000 });
const soon = { timeout: 30_000 };

async function login(ctx: BrowserContext, base: string, name: string, secret: string): Promise<Page> {
  const p = await ctx.newPage();
  await p.goto(`${base}/console/`);
  await p.waitForURL(/\/console\/login/);
  await p.fill('input[name=name]', name);
  await p.fill('input[name=secret]', secret);
  await Promise.all([p.waitForURL(/\/console\/$/), p.click('button[type=submit]')]);
  return p;
}

function callTool(name: string, args: Record<string, unknown>, onprogress?: () => void): Promise<ToolResult> {
  return agent.client.callTool({ name, arguments: args }, undefined, {
    timeout: 120_000,
    ...(onprogress ? { onprogress } : {}),
  }) as Promise<ToolResult>;
}

/** The pending item of `username` as the page shows it (the page updates itself: no reload). */
const itemOf = (p: Page, text: string) => p.locator('article.item', { hasText: text });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sb = await startSandbox();
  agent = await startServer({
    env: sandboxEnv(sb, {
      IM_ADMIN_CONFIRM: 'console',
      IM_ADMIN_CONSOLE_PORT: '0',
      IM_ADMIN_CONSOLE_APPROVERS: `alice:${ALICE},bob:${BOB}`,
      IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS: 'easemob_dissolve_group',
      IM_ADMIN_APPROVAL_WAIT_SECONDS: '100',
      IM_ADMIN_LOG_LEVEL: 'info',
    }),
  });
  consoleUrl = await consoleOf(agent.stderr);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  alice = await browser.newContext();
  page = await login(alice, consoleUrl, 'alice', ALICE);
  // a page on another origin (localhost ≠ 127.0.0.1) that posts a form to the console
  attacker = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://x').searchParams.get('target') ?? '';
    const csrf = new URL(req.url ?? '/', 'http://x').searchParams.get('csrf') ?? '';
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<form method="post" action="${target}"><input name="csrf" value="${csrf}"><input name="note" value="pwned"></form><script>document.forms[0].submit()</script>`,
    );
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
  attackerUrl = `http://localhost:${(attacker.address() as { port: number }).port}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await agent?.close();
  await new Promise<void>((r) => (attacker ? attacker.close(() => r()) : r()));
  await sb?.close();
});

describe('attacks on the approval console', () => {
  it('a wrong credential is refused and failed logins of a name are rate-limited', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    for (let i = 0; i < 5; i++) {
      const r = await p.request.post(`${consoleUrl}/console/login`, {
        form: { name: 'mallory', secret: `guess-${i}-xxxxxxxx` },
        maxRedirects: 0,
      });
      expect(r.status()).toBe(401);
    }
    const locked = await p.request.post(`${consoleUrl}/console/login`, {
      form: { name: 'mallory', secret: 'guess-6-xxxxxxxx' },
      maxRedirects: 0,
    });
    expect(locked.status()).toBe(429);
    expect(locked.headers()['retry-after']).toBeTruthy();
    await ctx.close();
  });

  it('serves a strict CSP with nonces, an HttpOnly SameSite=Strict cookie, and never the credential', async () => {
    const r = await page.request.get(`${consoleUrl}/console/`);
    const csp = r.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const cookies = await alice.cookies();
    const c = cookies.find((x) => x.name === 'im_admin_console');
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(c?.expires).toBeGreaterThan(Date.now() / 1000);
    expect(await r.text()).not.toContain(ALICE);
    expect(agent.stderr()).not.toContain(ALICE);
  });

  it('a cross-site form post and a post without the CSRF token approve nothing', async () => {
    const call = callTool('easemob_remove_member', { group_id: L, username: 'dave', reason: 'attack test' });
    await visible(itemOf(page, 'dave'), 30_000);
    const id = (await itemOf(page, 'dave').getAttribute('data-id')) as string;
    const csrf = (await page.locator('input[name=csrf]').first().inputValue()) as string;
    const target = `${consoleUrl}/console/approvals/${id}/approve`;

    // 1. another site's page posts the console's form in alice's browser (even knowing the CSRF token)
    const evil = await alice.newPage();
    const landed = evil.waitForResponse((r) => r.url() === target);
    await evil.goto(`${attackerUrl}/?target=${encodeURIComponent(target)}&csrf=${encodeURIComponent(csrf)}`);
    expect([401, 403]).toContain((await landed).status());
    await evil.close();

    // 2. the console's own origin, alice's cookie, but no CSRF token
    const noCsrf = await page.evaluate(
      async (u) => (await fetch(u, { method: 'POST', body: new URLSearchParams({ note: 'x' }) })).status,
      target,
    );
    expect(noCsrf).toBe(403);
    const wrongCsrf = await page.evaluate(
      async (u) => (await fetch(u, { method: 'POST', body: new URLSearchParams({ csrf: 'nope', note: 'x' }) })).status,
      target,
    );
    expect(wrongCsrf).toBe(403);

    expect(emGroup(sb.state, L).members).toContain('dave');
    await visible(itemOf(page, 'dave'));
    // clean up: deny it, the agent's call ends with the note
    await itemOf(page, 'dave').locator('form.decide:has(button.deny) input[name=note]').fill('test item');
    await itemOf(page, 'dave').locator('button.deny').click();
    const r = await call;
    expect(r.structuredContent).toMatchObject({ approval_denied: true, note: 'test item' });
    expect(emGroup(sb.state, L).members).toContain('dave');
  });

  it('two-person rule: one name twice does not run it; a second approver does', async () => {
    const call = callTool('easemob_dissolve_group', { group_id: C, reason: 'two-person test' });
    await visible(itemOf(page, 'easemob_dissolve_group'), 30_000);
    const item = itemOf(page, 'easemob_dissolve_group');
    await expect.poll(() => textOfLoc(item), soon).toContain('needs 2 different approvers');
    await item.locator('button.approve').click();
    await expect.poll(() => textOfLoc(page.locator('p.msg')), soon).toContain('needs one more approver');
    // alice again, from the approval's own page
    await page.locator('button.approve').click();
    await expect
      .poll(() => textOfLoc(page.locator('p.msg')), soon)
      .toContain('two-person rule needs a different approver');
    expect(sb.state.easemob.groups.some((g) => g.groupid === C)).toBe(true);

    const bobCtx = await browser.newContext();
    const bob = await login(bobCtx, consoleUrl, 'bob', BOB);
    await itemOf(bob, 'easemob_dissolve_group').locator('button.approve').click();
    await expect.poll(() => textOfLoc(bob.locator('#state')), soon).toContain('Approved by alice and bob; it ran.');
    const r = await call;
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toContain('Approved on the approval console by alice and bob');
    expect(sb.state.easemob.groups.some((g) => g.groupid === C)).toBe(false);
    await bobCtx.close();
  });
});

describe('the approval console over --http', () => {
  let http: HttpServerProcess;
  let base: string;
  let client: Client;
  beforeAll(async () => {
    http = await startHttpServer(
      sandboxEnv(sb, {
        IM_ADMIN_HTTP_TOKEN: HTTP_TOKEN,
        IM_ADMIN_CONFIRM: 'console',
        IM_ADMIN_CONSOLE_APPROVERS: `alice:${ALICE}`,
        IM_ADMIN_APPROVAL_WAIT_SECONDS: '0',
        IM_ADMIN_APPROVAL_TTL_SECONDS: '5',
        IM_ADMIN_LOG_LEVEL: 'info',
      }),
    );
    base = http.url.replace(/\/mcp$/, '');
    await until(() => (http.stderr().includes('approval console at') ? true : undefined));
    client = new Client({ name: 'http-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(http.url), {
        requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}` } },
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await client?.close().catch(() => {});
    await http?.stop();
  });

  it('the bearer token cannot approve, the console cookie does not open /mcp, and an expired item cannot be approved', async () => {
    const first = (await client.callTool({
      name: 'easemob_remove_member',
      arguments: { group_id: L, username: 'carol' },
    })) as ToolResult;
    expect(first.structuredContent).toMatchObject({ approval_pending: true });
    const sc = first.structuredContent as Record<string, unknown>;
    expect(JSON.stringify(first)).not.toContain('confirmation_token":"');
    const id = sc.approval_id as string;
    expect(sc.console_url).toBe(`${base}/console/approvals/${id}`);

    // the MCP bearer token opens nothing on the console
    const ctx = await browser.newContext();
    const bearer = await ctx.request.post(`${base}/console/approvals/${id}/approve`, {
      headers: { authorization: `Bearer ${HTTP_TOKEN}` },
      form: { csrf: 'x' },
      maxRedirects: 0,
    });
    expect(bearer.status()).toBe(401);
    const list = await ctx.request.get(`${base}/console/api/queue`, {
      headers: { authorization: `Bearer ${HTTP_TOKEN}` },
    });
    expect(list.status()).toBe(401);

    // the console's cookie does not open /mcp
    const p = await login(ctx, base, 'alice', ALICE);
    const cookie = (await ctx.cookies()).find((c) => c.name === 'im_admin_console');
    const mcp = await ctx.request.post(`${base}/mcp`, {
      headers: { cookie: `im_admin_console=${cookie?.value}`, 'content-type': 'application/json' },
      data: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    });
    expect(mcp.status()).toBe(401);

    // an item that expires on the page cannot be approved any more
    await visible(itemOf(p, 'carol'), 10_000);
    await expect.poll(() => textOfLoc(itemOf(p, 'carol').locator('.left')), soon).toBe('expired');
    expect(await itemOf(p, 'carol').locator('button.approve').isDisabled()).toBe(true);
    const csrf = await p.locator('input[name=csrf]').first().inputValue();
    const late = await p.evaluate(
      async ({ u, csrf }) => (await fetch(u, { method: 'POST', body: new URLSearchParams({ csrf }) })).url,
      { u: `${base}/console/approvals/${id}/approve`, csrf },
    );
    expect(late).toContain('m=expired');
    const collect = (await client.callTool({
      name: 'easemob_remove_member',
      arguments: { group_id: L, username: 'carol', approval_id: id },
    })) as ToolResult;
    expect(collect.isError).toBe(true);
    expect(textOf(collect)).toMatch(/expired/);
    // bound like a token: other arguments are refused
    const other = (await client.callTool({
      name: 'easemob_remove_member',
      arguments: { group_id: L, username: 'bob', approval_id: id },
    })) as ToolResult;
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/other arguments/);
    expect(emGroup(sb.state, L).members).toContain('carol');
    await ctx.close();
  });
});

describe('a person decides on the console', () => {
  it('approve: the page shows the new item without reloading, the agent call completes and the member is gone', async () => {
    await page.goto(`${consoleUrl}/console/`);
    let progress = 0;
    const call = callTool('easemob_remove_member', { group_id: L, username: 'mallory', reason: 'spam links' }, () => {
      progress++;
    });
    const item = itemOf(page, 'mallory');
    await visible(item, 30_000);
    await expect.poll(() => textOfLoc(item), soon).toContain('spam links');
    await expect.poll(() => textOfLoc(item), soon).toContain('client test-client');
    await expect.poll(() => textOfLoc(item.locator('.left')), soon).toContain('left');
    // the agent's call is waiting, and says so by progress notifications
    await expect.poll(() => progress, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'console-queue.png'), fullPage: true });
    await item.locator('form.decide:has(button.approve) input[name=note]').fill('confirmed spam');
    await item.locator('button.approve').click();
    await expect.poll(() => textOfLoc(page.locator('#state')), soon).toContain('Approved by alice; it ran.');
    const r = await call;
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toContain('Approved on the approval console by alice');
    expect(emGroup(sb.state, L).members).not.toContain('mallory');
  });

  it('deny: nothing is sent and the agent gets the note', async () => {
    await page.goto(`${consoleUrl}/console/`);
    const call = callTool('easemob_remove_member', { group_id: L, username: 'erin', reason: 'rude' });
    const item = itemOf(page, 'erin');
    await visible(item, 30_000);
    await item.locator('form.decide:has(button.deny) input[name=note]').fill('erin was quoting someone');
    await item.locator('button.deny').click();
    await expect.poll(() => textOfLoc(page.locator('p.msg')), soon).toContain('Denied');
    const r = await call;
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({
      approval_denied: true,
      denied_by: 'alice',
      note: 'erin was quoting someone',
    });
    expect(textOf(r)).toContain('erin was quoting someone');
    expect(emGroup(sb.state, L).members).toContain('erin');
  });

  it('the audit trail records the approver and filters by tool, target, outcome, approver and time', async () => {
    const lines = readFileSync(agent.auditPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const removed = lines.find((l) => (l.targets as Record<string, unknown>)?.username === 'mallory');
    expect(removed).toMatchObject({ outcome: 'success', confirmed: 'console', approved_by: ['alice'] });
    expect(removed?.requested_by).toMatchObject({ client: 'test-client' });
    const dissolved = lines.find((l) => l.tool === 'easemob_dissolve_group');
    expect(dissolved).toMatchObject({ outcome: 'success', approved_by: ['alice', 'bob'] });
    const denied = lines.find((l) => (l.targets as Record<string, unknown>)?.username === 'erin');
    expect(denied).toMatchObject({ outcome: 'declined', confirmed: 'console', denied_by: 'alice' });
    expect(JSON.stringify(lines)).not.toContain(ALICE);

    await page.goto(`${consoleUrl}/console/audit`);
    await expect.poll(() => page.locator('tr.line').count(), soon).toBe(lines.length);
    await page.selectOption('select[name=outcome]', 'declined');
    await page.click('form.filters button[type=submit]');
    await expect
      .poll(() => page.locator('tr.line').count(), soon)
      .toBe(lines.filter((l) => l.outcome === 'declined').length);
    await expect.poll(() => textOfLoc(page.locator('tr.line').first()), soon).toContain('erin');

    await page.goto(`${consoleUrl}/console/audit?target=mallory&approver=alice`);
    await expect.poll(() => page.locator('tr.line').count(), soon).toBe(1);
    await page.locator('details summary').first().click();
    await expect.poll(() => textOfLoc(page.locator('details pre').first()), soon).toContain('"approved_by"');
    await expect.poll(() => textOfLoc(page.locator('details pre').first()), soon).toContain('"request"');

    await page.goto(`${consoleUrl}/console/audit?tool=easemob_dissolve_group`);
    await expect.poll(() => page.locator('tr.line').count(), soon).toBe(1);
    await page.goto(`${consoleUrl}/console/audit?to=2000-01-01T00:00`);
    await expect.poll(() => page.locator('tr.line').count(), soon).toBe(0);
    await page.goto(`${consoleUrl}/console/audit`);
    await page.screenshot({ path: join(SHOTS, 'console-audit.png'), fullPage: true });
  });
});
