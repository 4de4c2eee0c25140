/**
 * Pacing, retries and time-window guards, in process on a fake clock: exact waits, no sleeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { type InProcess, startInProcess, textOf } from '../helpers/in-process.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterAll(async () => fake?.close());

describe('client-side pacing', () => {
  let s: InProcess;
  beforeAll(async () => {
    s = await startInProcess(
      fake.env({ IM_ADMIN_EASEMOB_RATE: '10', IM_ADMIN_LANYING_RATE: '0', IM_ADMIN_RATE_BURST: '2' }),
      { fake },
    );
  });
  afterAll(async () => s?.close());

  it('lets a burst through, then spaces calls at the configured rate (10/s: 100 ms apart)', async () => {
    fake.reset();
    const t0 = s.clock.now();
    const results = await s.callAll(
      Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          s.runtime.app.call(
            'easemob_get_announcement',
            { group_id: `g${i}` },
            { signal: new AbortController().signal },
          ),
        ),
      ),
    );
    for (const r of results) expect(r.isError ?? false, textOf(r)).toBe(false);
    expect(fake.requests).toHaveLength(6);
    // burst of 2 at once, then one every 100 ms: the sixth waits 400 ms
    expect(s.clock.now() - t0).toBe(400);
  });

  it('paces only the vendor that has a rate (Lanying at 0 is not paced)', async () => {
    fake.reset();
    const t0 = s.clock.now();
    await s.callAll(
      Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          s.runtime.app.call(
            'lanying_get_profile',
            { user_id: String(1000 + i) },
            {
              signal: new AbortController().signal,
            },
          ),
        ),
      ),
    );
    expect(fake.requests).toHaveLength(6);
    expect(s.clock.now() - t0).toBe(0);
  });
});

describe('retries on the clock', () => {
  let s: InProcess;
  beforeAll(async () => {
    s = await startInProcess(fake.env({ IM_ADMIN_EASEMOB_RATE: '0', IM_ADMIN_LANYING_RATE: '0' }), { fake });
  });
  afterAll(async () => s?.close());

  it('waits exactly the Retry-After the vendor asked for, then succeeds', async () => {
    fake.reset();
    fake.reply({ status: 429, headers: { 'retry-after': '2' }, json: { error: 'reach_limit' } });
    const t0 = s.clock.now();
    const r = await s.call('easemob_get_announcement', { group_id: 'g1' });
    expect(r.isError ?? false, textOf(r)).toBe(false);
    expect(fake.requests).toHaveLength(2);
    expect(s.clock.now() - t0).toBe(2_000);
  });

  it('does not retry a write after a 503, and sends it once', async () => {
    fake.reset();
    fake.reply({ status: 503, text: '' });
    const t0 = s.clock.now();
    const r = await s.call('easemob_create_group', {
      groupname: 'x',
      description: 'd',
      public: true,
      maxusers: 10,
      owner: 'alice',
    });
    expect(r.isError, textOf(r)).toBe(true);
    expect(fake.requests).toHaveLength(1);
    expect(s.clock.now() - t0).toBe(0);
  });
});

describe('destructive actions per window (IM_ADMIN_MAX_DESTRUCTIVE=2 per 600 s)', () => {
  it('refuses the third inside the window and allows it once the window has passed', async () => {
    const s = await startInProcess(
      fake.env({ IM_ADMIN_CONFIRM: 'off', IM_ADMIN_MAX_DESTRUCTIVE: '2', IM_ADMIN_DESTRUCTIVE_WINDOW_SECONDS: '600' }),
      { fake },
    );
    try {
      fake.reset();
      const del = () => s.call('easemob_delete_thread', { thread_id: 't1' });
      expect((await del()).isError ?? false).toBe(false);
      s.clock.advance(300_000);
      expect((await del()).isError ?? false).toBe(false);
      s.clock.advance(299_000);
      const third = await del();
      expect(third.isError).toBe(true);
      expect(textOf(third)).toContain('more than 2 destructive actions in 600 s (IM_ADMIN_MAX_DESTRUCTIVE');
      expect(fake.requests).toHaveLength(2);
      // the first action leaves the window 600 s after it was taken
      s.clock.advance(1_001);
      expect((await del()).isError ?? false).toBe(false);
      expect(fake.requests).toHaveLength(3);
    } finally {
      await s.close();
    }
  });
});
