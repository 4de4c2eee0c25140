/**
 * The approval queue (IM_ADMIN_CONFIRM=console): expiry on a fake clock, exactly one execution claim however many
 * approve clicks race, the two-person rule, results collected once, and the same queue shared by two replicas
 * through a real redis-server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApprovalQueue,
  type ApprovalRecord,
  type ApprovalStore,
  MemoryApprovalStore,
  type NewApproval,
} from '../../src/state/approvals.js';
import { RedisStores } from '../../src/state/redis.js';
import { drive, FakeClock } from '../helpers/clock.js';
import { startRedis } from '../helpers/processes.js';

const TTL = 60_000;

function request(over: Partial<NewApproval> = {}): NewApproval {
  return {
    tool: 'easemob_remove_group_member',
    vendor: 'easemob',
    args: { group_id: '100000000000001', username: 'mallory' },
    argsHash: 'h1',
    summary: 'Remove mallory from group 100000000000001.',
    targets: { group_id: '100000000000001', username: 'mallory' },
    shownArgs: { group_id: '100000000000001', username: 'mallory' },
    preview: {},
    requester: { client: 'test-client' },
    needed: 1,
    ...over,
  };
}

function memoryQueue(clock = new FakeClock()) {
  return { clock, queue: new ApprovalQueue(new MemoryApprovalStore(clock), { ttlMs: TTL, clock }) };
}

describe('approval queue in memory', () => {
  it('expires on the clock: an expired approval is neither listed nor approvable nor deniable', async () => {
    const { clock, queue } = memoryQueue();
    const rec = await queue.submit(request());
    expect((await queue.pending()).map((r) => r.id)).toEqual([rec.id]);
    clock.advance(TTL - 1);
    expect(await queue.pending()).toHaveLength(1);
    clock.advance(1);
    expect(await queue.pending()).toHaveLength(0);
    expect(await queue.approve(rec.id, 'alice')).toMatchObject({ ok: false, code: 'expired' });
    expect(await queue.deny(rec.id, 'alice')).toMatchObject({ ok: false, code: 'expired' });
    // and it is forgotten one more TTL later
    clock.advance(TTL);
    expect(await queue.get(rec.id)).toBeUndefined();
    expect(await queue.approve(rec.id, 'alice')).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('lists newest first', async () => {
    const { clock, queue } = memoryQueue();
    const a = await queue.submit(request());
    clock.advance(10);
    const b = await queue.submit(request({ argsHash: 'h2' }));
    expect((await queue.pending()).map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await queue.findPending('easemob_remove_group_member', 'h2'))?.id).toBe(b.id);
  });

  it('claims execution exactly once under concurrent approve clicks', async () => {
    const { queue } = memoryQueue();
    const rec = await queue.submit(request());
    const names = Array.from({ length: 25 }, (_, i) => `approver${i % 5}`);
    const outcomes = await Promise.all(names.map((n) => queue.approve(rec.id, n)));
    expect(outcomes.filter((o) => o.ok && o.run)).toHaveLength(1);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect((await queue.get(rec.id))?.status).toBe('approved');
  });

  it('two-person rule: the same name twice is refused, a second name claims the run', async () => {
    const { queue } = memoryQueue();
    const rec = await queue.submit(request({ needed: 2 }));
    expect(await queue.approve(rec.id, 'alice')).toMatchObject({ ok: true, run: false, missing: 1 });
    expect(await queue.approve(rec.id, 'alice')).toMatchObject({ ok: false, code: 'same_approver' });
    expect((await queue.get(rec.id))?.status).toBe('pending');
    expect(await queue.approve(rec.id, 'bob')).toMatchObject({ ok: true, run: true });
    expect((await queue.get(rec.id))?.approvals.map((a) => a.name)).toEqual(['alice', 'bob']);
  });

  it('a denial is final and keeps its note; a result is collected once', async () => {
    const { queue } = memoryQueue();
    const d = await queue.submit(request());
    expect(await queue.deny(d.id, 'bob', 'not a spammer')).toMatchObject({ ok: true });
    expect(await queue.approve(d.id, 'alice')).toMatchObject({ ok: false, code: 'decided' });
    expect((await queue.get(d.id))?.denial).toMatchObject({ name: 'bob', note: 'not a spammer' });

    const a = await queue.submit(request({ argsHash: 'h3' }));
    expect(await queue.complete(a.id, { ok: 1 })).toBe(false); // not approved yet
    await queue.approve(a.id, 'alice');
    expect(await queue.complete(a.id, { ok: 1 })).toBe(true);
    expect(await queue.complete(a.id, { ok: 2 })).toBe(false);
    const first = await queue.collect(a.id);
    expect(first.collected).toBe(true);
    expect(first.record?.result).toEqual({ ok: 1 });
    expect((await queue.collect(a.id)).collected).toBe(false);
  });

  it('a waiting call wakes on the decision, and gives up at its deadline (fake clock)', async () => {
    const { clock, queue } = memoryQueue();
    const rec = await queue.submit(request());
    const signal = new AbortController().signal;
    let ticks = 0;
    const waiting = queue.wait(rec.id, clock.now() + 50_000, signal, () => {
      ticks++;
    });
    await new Promise((r) => setImmediate(r));
    await queue.deny(rec.id, 'bob', 'no');
    expect((await waiting)?.status).toBe('denied');

    const other = await queue.submit(request({ argsHash: 'h4' }));
    const timedOut = await drive(
      clock,
      queue.wait(other.id, clock.now() + 5_000, signal, () => {
        ticks++;
      }),
    );
    expect(timedOut?.status).toBe('pending');
    expect(ticks).toBeGreaterThanOrEqual(5);
  });
});

describe('approval queue shared by two replicas (real redis-server)', () => {
  let redis: { url: string; stop(): Promise<void> };
  let a: RedisStores;
  let b: RedisStores;
  let qa: ApprovalQueue;
  let qb: ApprovalQueue;
  const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  beforeAll(async () => {
    redis = await startRedis();
    a = new RedisStores(redis.url, 'approvals-test:');
    b = new RedisStores(redis.url, 'approvals-test:');
    await a.connect();
    await b.connect();
    qa = new ApprovalQueue(a.approvals(clock), { ttlMs: TTL, clock });
    qb = new ApprovalQueue(b.approvals(clock), { ttlMs: TTL, clock });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('an approval submitted on one replica is listed, approved once and collected once across both', async () => {
    const rec = await qa.submit(request({ argsHash: 'r1' }));
    expect((await qb.pending()).map((r) => r.id)).toContain(rec.id);
    // 40 racing clicks, half on each replica, five names
    const clicks = Array.from({ length: 40 }, (_, i) => (i % 2 ? qa : qb).approve(rec.id, `n${i % 5}`));
    const outcomes = await Promise.all(clicks);
    expect(outcomes.filter((o) => o.ok && o.run)).toHaveLength(1);
    expect((await qa.get(rec.id))?.status).toBe('approved');
    // the result stored by one replica is collected once, whichever asks
    expect(await qb.complete(rec.id, { done: true })).toBe(true);
    const [x, y] = await Promise.all([qa.collect(rec.id), qb.collect(rec.id)]);
    expect([x.collected, y.collected].filter(Boolean)).toHaveLength(1);
    expect((x.collected ? x : y).record?.result).toEqual({ done: true });
  });

  it('the two-person rule holds across replicas, and a waiting call on one sees the other decide', async () => {
    const rec = await qa.submit(request({ argsHash: 'r2', needed: 2 }));
    const waiting = qa.wait(rec.id, Date.now() + 60_000, new AbortController().signal);
    expect(await qb.approve(rec.id, 'alice')).toMatchObject({ ok: true, run: false });
    expect(await qa.approve(rec.id, 'alice')).toMatchObject({ ok: false, code: 'same_approver' });
    const [p, q] = await Promise.all([qa.approve(rec.id, 'bob'), qb.approve(rec.id, 'carol')]);
    expect([p, q].filter((o) => o.ok && o.run)).toHaveLength(1);
    await (p.ok && p.run ? qa : qb).complete(rec.id, { ran: 1 });
    const seen = (await waiting) as ApprovalRecord;
    expect(seen.status).toBe('done');
  });

  it('fails closed naming IM_ADMIN_REDIS_URL when Redis is gone', async () => {
    const c = new RedisStores(redis.url, 'approvals-test:');
    await c.connect();
    const store: ApprovalStore = c.approvals(clock);
    await c.close();
    await expect(store.get('x')).rejects.toThrow(/IM_ADMIN_REDIS_URL/);
  });
});
