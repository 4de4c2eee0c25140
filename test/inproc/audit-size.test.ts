/**
 * One huge argument does not make one huge audit line: the line keeps the first 4,096 characters of a string and
 * says how long it was, so the audit trail's readers (the MCP resource, the approval console) keep showing the
 * lines before it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, ly } from '../helpers/fake-upstream.js';
import { type InProcess, startInProcess } from '../helpers/in-process.js';

let fake: FakeUpstream;
let s: InProcess;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startInProcess(fake.env(), { fake });
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

describe('audit lines stay small', () => {
  it('cuts a 4 MB argument to 4,096 characters and says how long it was', async () => {
    fake.reset();
    fake.reply(ly(null));
    const nick = 'n'.repeat(4_000_000);
    await s.call('lanying_set_nickname', { user_id: '1002', nick_name: nick });
    const lines = readFileSync(s.auditPath, 'utf8').split('\n').filter(Boolean);
    const last = JSON.parse(lines.at(-1) as string) as { tool: string; args: { nick_name: string } };
    expect(last.tool).toBe('lanying_set_nickname');
    expect(last.args.nick_name).toBe(`${'n'.repeat(4096)}…[4000000 characters]`);
    expect((lines.at(-1) as string).length).toBeLessThan(20_000);
  });
});

describe('a long reason', () => {
  it('is kept to its first 500 characters (whole code points, marked "…"), not refused, and the call is made', async () => {
    fake.reset();
    fake.reply(ly(null));
    const reason = `${'😀'.repeat(499)}${'r'.repeat(10_000)}`;
    const r = await s.call('lanying_set_nickname', { user_id: '1002', nick_name: 'n', reason });
    expect(r.isError ?? false).toBe(false);
    expect(fake.requests).toHaveLength(1);
    const lines = readFileSync(s.auditPath, 'utf8').split('\n').filter(Boolean);
    const last = JSON.parse(lines.at(-1) as string) as { reason: string };
    expect(last.reason).toBe(`${'😀'.repeat(499)}…`);
    expect([...last.reason]).toHaveLength(500);
  });

  it('of exactly 500 characters is kept whole', async () => {
    fake.reset();
    fake.reply(ly(null));
    const reason = 'r'.repeat(500);
    await s.call('lanying_set_nickname', { user_id: '1002', nick_name: 'n', reason });
    const lines = readFileSync(s.auditPath, 'utf8').split('\n').filter(Boolean);
    expect((JSON.parse(lines.at(-1) as string) as { reason: string }).reason).toBe(reason);
  });
});
