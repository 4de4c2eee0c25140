/**
 * IM_ADMIN_CONFIRM=console notification: the webhook gets one JSON message per new pending approval, a failure is
 * retried (on the fake clock) and never blocks, and the URL, a secret, never appears in a log line.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webhookMessage, webhookNotifier } from '../../src/console/webhook.js';
import { redact, registerSecret } from '../../src/log.js';
import type { ApprovalRecord } from '../../src/state/approvals.js';

const rec: ApprovalRecord = {
  id: 'apv_test',
  tool: 'easemob_remove_member',
  vendor: 'easemob',
  args: { group_id: '1', username: 'mallory' },
  argsHash: 'h',
  summary: 'Remove group member: mallory.',
  targets: { group_id: '1', username: 'mallory' },
  shownArgs: {},
  preview: {},
  requester: { client: 'bot' },
  createdAt: 0,
  expiresAt: 60_000,
  needed: 1,
  approvals: [],
  status: 'pending',
};

let server: Server;
let url: string;
const got: unknown[] = [];
let failFirst = 2;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      if (failFirst-- > 0) {
        res.writeHead(503).end();
        return;
      }
      got.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/secret-path-0123456789`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('approval webhook', () => {
  it('says what waits and links to it', () => {
    const m = webhookMessage(rec, 'https://mod.example.org/console/approvals/apv_test');
    expect(m).toMatchObject({
      approval_id: 'apv_test',
      tool: 'easemob_remove_member',
      link: 'https://mod.example.org/console/approvals/apv_test',
      expires_at: new Date(60_000).toISOString(),
    });
    expect(String(m.text)).toContain('easemob_remove_member');
    expect(String(m.text)).toContain('https://mod.example.org/console/approvals/apv_test');
    // the person's paragraph travels in its own field, not in the line chat apps render
    expect(m.summary).toBe('Remove group member: mallory.');
  });

  it('keeps text written by the agent or by chat users out of the line chat apps render as Markdown', () => {
    const phishing = '[Approve or deny here](https://mod-example.attacker.example/console/login)';
    const m = webhookMessage(
      { ...rec, summary: `Remove group member: ‹${phishing}›.`, reason: `spam ${phishing} @here` },
      'https://mod.example.org/console/approvals/apv_test',
    );
    expect(String(m.text)).not.toContain('attacker');
    expect(String(m.text)).not.toContain('@here');
    expect(String(m.text)).not.toContain('[');
  });

  it('retries a failure without blocking the caller, and the URL is redacted from log lines', async () => {
    registerSecret(url);
    const sleeps: number[] = [];
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const done = new Promise<{ ok: boolean; attempts: number }>((resolve) => {
        const notify = webhookNotifier(
          url,
          {
            sleep: async (ms) => {
              sleeps.push(ms);
            },
          },
          (ok, attempts) => resolve({ ok, attempts }),
        );
        notify(rec, 'http://127.0.0.1:1/console/approvals/apv_test'); // returns at once
      });
      expect(await done).toEqual({ ok: true, attempts: 3 });
    } finally {
      spy.mockRestore();
    }
    expect(sleeps).toEqual([1_000, 5_000]);
    expect(got).toHaveLength(1);
    expect(writes.join('')).toContain('approval webhook failed; retrying');
    expect(writes.join('')).not.toContain('secret-path-0123456789');
    expect(redact(`posting to ${url}`)).not.toContain('secret-path');
  });
});
