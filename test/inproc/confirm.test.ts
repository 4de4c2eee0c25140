/** Confirmation-token lifetime, in process on a fake clock: exact expiry, no sleeping, nothing sent when expired. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { type InProcess, startInProcess, textOf } from '../helpers/in-process.js';

let fake: FakeUpstream;
/** Requests that change something: previews may read (GET) first, but nothing else reaches the vendor. */
const writes = () => fake.requests.filter((r) => r.method !== 'GET');
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterAll(async () => fake?.close());

const confirmFirst = async (s: InProcess, args: Record<string, unknown>) => {
  const first = await s.call('easemob_delete_thread', args);
  expect(first.isError ?? false, textOf(first)).toBe(false);
  return first.structuredContent as { confirmation_token: string; expires_at: string };
};

describe('token expiry (IM_ADMIN_CONFIRM_TTL_SECONDS=2)', () => {
  let s: InProcess;
  beforeAll(async () => {
    s = await startInProcess(fake.env({ IM_ADMIN_CONFIRM_TTL_SECONDS: '2' }), { fake });
  });
  afterAll(async () => s?.close());

  it('states the expiry exactly, and refuses a token 1 ms past it, sending nothing', async () => {
    fake.reset();
    const sc = await confirmFirst(s, { thread_id: 't1' });
    expect(Date.parse(sc.expires_at) - s.clock.now()).toBe(2_000);
    s.clock.advance(2_001);
    const late = await s.call('easemob_delete_thread', { thread_id: 't1', confirmation_token: sc.confirmation_token });
    expect(late.isError).toBe(true);
    expect(textOf(late)).toContain('expired');
    expect(writes()).toHaveLength(0);
  });

  it('accepts a token at its last valid moment, once', async () => {
    fake.reset();
    const sc = await confirmFirst(s, { thread_id: 't2' });
    s.clock.advance(2_000);
    const ok = await s.call('easemob_delete_thread', { thread_id: 't2', confirmation_token: sc.confirmation_token });
    expect(ok.isError ?? false, textOf(ok)).toBe(false);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /org1/app1/thread/t2']);
    const again = await s.call('easemob_delete_thread', { thread_id: 't2', confirmation_token: sc.confirmation_token });
    expect(again.isError).toBe(true);
    expect(writes()).toHaveLength(1);
  });
});

describe('default lifetime', () => {
  it('is 300 s', async () => {
    const s = await startInProcess(fake.env(), { fake });
    try {
      const sc = await confirmFirst(s, { thread_id: 't3' });
      expect(Date.parse(sc.expires_at) - s.clock.now()).toBe(300_000);
      s.clock.advance(300_001);
      const late = await s.call('easemob_delete_thread', {
        thread_id: 't3',
        confirmation_token: sc.confirmation_token,
      });
      expect(textOf(late)).toContain('expired');
    } finally {
      await s.close();
    }
  });
});

describe('a token of any length that this server did not issue', () => {
  let s: InProcess;
  beforeAll(async () => {
    s = await startInProcess(fake.env(), { fake });
  });
  afterAll(async () => s?.close());

  it('is refused by the confirmation step (the schema lists no length rule), sending nothing', async () => {
    const sc = await confirmFirst(s, { thread_id: 't7' });
    for (const token of ['x'.repeat(100_000), `${sc.confirmation_token}${'A'.repeat(5_000)}`, '..']) {
      fake.reset();
      const r = await s.call('easemob_delete_thread', { thread_id: 't7', confirmation_token: token });
      expect(r.isError, textOf(r)).toBe(true);
      expect((r.structuredContent as { error: { kind: string } }).error.kind).toBe('confirmation_refused');
      expect(writes()).toHaveLength(0);
    }
    // the real token still works afterwards: a refused forgery spends nothing
    fake.reset();
    const ok = await s.call('easemob_delete_thread', { thread_id: 't7', confirmation_token: sc.confirmation_token });
    expect(ok.isError ?? false, textOf(ok)).toBe(false);
    expect(writes()).toHaveLength(1);
  });
});
