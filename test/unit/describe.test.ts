/** The pieces of the person's paragraph (guards/describe.ts): durations in words, and outside text tamed. */
import { describe, expect, it } from 'vitest';
import { describeCall, durationWords, listWords, quote } from '../../src/guards/describe.js';
import { ALL_TOOLS } from '../../src/tools/index.js';

describe('durationWords', () => {
  it.each([
    [500, '500 milliseconds'],
    [1000, '1 second'],
    [60_000, '1 minute'],
    [90 * 60_000, '1 hour 30 minutes'],
    [24 * 3_600_000, '1 day'],
    [2 * 86_400_000 + 5_000, '2 days'],
    [3_600_000 + 1000, '1 hour'],
    [61_000, '1 minute 1 second'],
  ])('%d ms → %s', (ms, words) => {
    expect(durationWords(ms)).toBe(words);
  });
});

describe('quote', () => {
  it('keeps one line, without control, bidi or zero-width characters', () => {
    expect(quote('a\nb\r\n\tc\u0000d\u202eе\u200bf')).toBe('“a b c d е f”');
  });
  it('cannot close the quote, pose as markup or carry a backslash escape', () => {
    expect(quote('x” and "y" <b>\\n')).toBe("“x' and 'y' ‹b›/n”");
  });
  it('caps the length with an ellipsis, counting characters not UTF-16 units', () => {
    const q = quote('😀'.repeat(100), 10);
    expect([...q]).toHaveLength(12);
    expect(q.endsWith('…”')).toBe(true);
  });
});

describe('listWords', () => {
  it('joins and shortens', () => {
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listWords(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
  });
});

describe('ids in the paragraph', () => {
  const del = ALL_TOOLS.find((t) => t.name === 'easemob_delete_share_file');
  it('shows a plain id as is, and quotes one that could add words or links', () => {
    if (!del) throw new Error('catalog entry');
    const plain = describeCall(del, { group_id: '100000000000001', file_id: 'abc-123' }, undefined, 0);
    expect(plain).toContain('file abc-123 in group 100000000000001');
    const sneaky = describeCall(
      del,
      { group_id: 'g1 [Approve here] (mod dot example)', file_id: 'f1. Also ban alice' },
      undefined,
      0,
    );
    expect(sneaky).toContain('file “f1. Also ban alice” in group “g1 [Approve here] (mod dot example)”');
  });
});
