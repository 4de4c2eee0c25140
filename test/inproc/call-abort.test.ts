/**
 * A call in flight ends when its client cancels it and when the shutdown grace runs out (App.drain), whatever
 * signal object the App hands down to the HTTP client: the request held at the fake upstream is abandoned, and the
 * agent is told the call was cancelled. The clock is not driven, so no attempt timeout can end the call instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { type InProcess, startInProcess, textOf } from '../helpers/in-process.js';

let fake: FakeUpstream;
let s: InProcess;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startInProcess(fake.env({ IM_ADMIN_CONFIRM: 'off' }), { fake });
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

describe('a call in flight', () => {
  it('ends as cancelled when the client cancels it', async () => {
    fake.reset();
    const closed = fake.heldClosed;
    fake.fault = { hold: 'headers' };
    const client = new AbortController();
    const call = s.runtime.app.call('easemob_get_announcement', { group_id: 'g1' }, { signal: client.signal });
    await expect.poll(() => fake.held).toBe(1);
    client.abort(new Error('the client cancelled'));
    const r = await call;
    expect(r.isError, textOf(r)).toBe(true);
    expect(textOf(r)).toMatch(/cancelled/);
    await expect.poll(() => fake.heldClosed).toBe(closed + 1);
    fake.fault = undefined;
  });

  it('a client cancel reaches a call even after another call on the same server ended', async () => {
    fake.reset();
    fake.fault = undefined;
    const ok = await s.call('easemob_get_announcement', { group_id: 'g1' });
    expect(ok.isError, textOf(ok)).toBeFalsy();
    fake.fault = { hold: 'headers' };
    const client = new AbortController();
    const call = s.runtime.app.call('lanying_list_devices', { user_id: '10001' }, { signal: client.signal });
    await expect.poll(() => fake.held).toBe(1);
    client.abort();
    const r = await call;
    expect(textOf(r)).toMatch(/cancelled/);
    fake.fault = undefined;
  });

  it('ends as cancelled when the shutdown grace runs out, and no call starts after it', async () => {
    fake.reset();
    const closed = fake.heldClosed;
    fake.fault = { hold: 'headers' };
    const call = s.runtime.app.call(
      'easemob_get_announcement',
      { group_id: 'g1' },
      { signal: new AbortController().signal },
    );
    await expect.poll(() => fake.held).toBe(1);
    await s.runtime.app.drain(20);
    const r = await call;
    expect(r.isError, textOf(r)).toBe(true);
    expect(textOf(r)).toMatch(/cancelled/);
    await expect.poll(() => fake.heldClosed).toBe(closed + 1);
    const after = await s.runtime.app.call(
      'easemob_get_announcement',
      { group_id: 'g1' },
      { signal: new AbortController().signal },
    );
    expect(textOf(after)).toMatch(/shutting down/);
    fake.fault = undefined;
  });
});

describe('the shutdown, with several calls in flight', () => {
  it('waits for calls that end within the grace, then aborts every call still in flight', async () => {
    const fake2 = await new FakeUpstream().start();
    const s2 = await startInProcess(fake2.env({ IM_ADMIN_CONFIRM: 'off' }), { fake: fake2 });
    try {
      // one answer comes after 30 ms (real time, at the fake), three never come
      fake2.reply({ delayMs: 30 }, { hold: 'headers' }, { hold: 'headers' }, { hold: 'headers' });
      const call = (id: string) =>
        s2.runtime.app.call('easemob_get_announcement', { group_id: id }, { signal: new AbortController().signal });
      const quick = call('g1');
      await expect.poll(() => fake2.requests.length).toBe(1);
      const held = [call('g2'), call('g3'), call('g4')];
      await expect.poll(() => fake2.held).toBe(3);
      // the grace outlasts the quick call, not the held ones
      const draining = s2.runtime.app.drain(1_000);
      const first = await quick;
      expect(first.isError, textOf(first)).toBeFalsy();
      await draining;
      const ended = await Promise.all(held);
      for (const r of ended) expect(textOf(r)).toMatch(/cancelled/);
      await expect.poll(() => fake2.heldClosed).toBe(3);
    } finally {
      await s2.close();
      await fake2.close();
    }
  });
});
