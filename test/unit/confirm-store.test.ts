/** Confirmation tokens in process: check without spending, precise mismatches, the on-disk spent store. */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfirmTokens, MemorySpentStore } from '../../src/guards/confirm-token.js';
import { MemoryWindowStore } from '../../src/guards/limits.js';
import { FileSpentStore } from '../../src/state/spent-files.js';

const KEY = Buffer.from('k'.repeat(32));

describe('ConfirmTokens.check', () => {
  it('checks without spending; spend is single use', async () => {
    const tokens = new ConfirmTokens(KEY, 60_000, new MemorySpentStore());
    const { token } = tokens.mint('t', { a: 1 });
    const c1 = tokens.check(token, 't', { a: 1 });
    const c2 = tokens.check(token, 't', { a: 1 });
    expect(c1.verdict).toBe('ok');
    expect(c2.verdict).toBe('ok');
    if (c1.verdict !== 'ok' || c2.verdict !== 'ok') return;
    expect(await tokens.spend(c1)).toBe(true);
    expect(await tokens.spend(c2)).toBe(false);
  });

  it('names the tool or the arguments that differ, only for its own tokens', () => {
    const tokens = new ConfirmTokens(KEY, 60_000, new MemorySpentStore());
    const { token } = tokens.mint('t', { group_id: 'g1', members: ['a', 'b'], reason: 'spam' });
    expect(tokens.check(token, 'u', { group_id: 'g1', members: ['a', 'b'], reason: 'spam' })).toEqual({
      verdict: 'mismatch',
      tool: 't',
    });
    expect(tokens.check(token, 't', { group_id: 'g1', members: ['a'], reason: 'spam' })).toEqual({
      verdict: 'mismatch',
      args: ['members'],
    });
    expect(tokens.check(token, 't', { group_id: 'g1', members: ['a', 'b'], reason: 'spam', extra: 1 })).toEqual({
      verdict: 'mismatch',
      args: ['extra'],
    });
    // the person was shown the reason: another one is another call
    expect(tokens.check(token, 't', { group_id: 'g1', members: ['a', 'b'], reason: 'a different story' })).toEqual({
      verdict: 'mismatch',
      args: ['reason'],
    });
    // another process's token (same key): only the generic verdict
    const other = new ConfirmTokens(KEY, 60_000, new MemorySpentStore());
    expect(other.check(token, 't', { group_id: 'g2', members: ['a', 'b'], reason: 'spam' })).toEqual({
      verdict: 'mismatch',
    });
    expect(other.check(token, 't', { group_id: 'g1', members: ['a', 'b'], reason: 'spam' }).verdict).toBe('ok');
  });
});

describe('FileSpentStore', () => {
  it('refuses a second spend, also from a new instance on the same folder, with 0700/0600 modes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'im-admin-spent-')), 'confirm-spent');
    const exp = Date.now() + 60_000;
    expect(await new FileSpentStore(dir).spend('nonce1', exp)).toBe(true);
    expect(await new FileSpentStore(dir).spend('nonce1', exp)).toBe(false);
    expect(await new FileSpentStore(dir).spend('nonce2', exp)).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
  });

  it('removes the files of expired tokens', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'im-admin-spent-')), 'confirm-spent');
    let now = 1_000_000;
    const store = new FileSpentStore(dir, () => now);
    await store.spend('old', now + 10);
    now += 120_000;
    await store.spend('new', now + 10_000);
    await expect.poll(() => readdirSync(dir).some((n) => n.endsWith('-old'))).toBe(false);
    expect(readdirSync(dir).some((n) => n.endsWith('-new'))).toBe(true);
  });

  it('names the setting when the folder cannot be made', async () => {
    const store = new FileSpentStore(join('/dev/null', 'confirm-spent'));
    await expect(store.spend('n', Date.now() + 1000)).rejects.toThrow(/IM_ADMIN_AUDIT_LOG/);
  });
});

describe('MemoryWindowStore.release', () => {
  it('gives the slot back', async () => {
    const w = new MemoryWindowStore();
    const slot = await w.take('k', 1, 1000, 1);
    expect(slot).toBeDefined();
    expect(await w.take('k', 2, 1000, 1)).toBeUndefined();
    await w.release('k', slot as string);
    expect(await w.take('k', 3, 1000, 1)).toBeDefined();
  });
});
