/** Readable twins (docs/agents.md, "Added fields"): only declared fields, named `<field>_iso|_text|_user`. */
import { describe, expect, it } from 'vitest';
import { ADDED_SUFFIXES, addReadable, durationText } from '../../src/execute/readable.js';
import { VENDORS } from '../../src/vendors/index.js';

describe('readable twins', () => {
  it('adds ISO times, never-texts, bare users and platform names beside the raw values, which stay', () => {
    const em = VENDORS.easemob.readable;
    expect(
      addReadable(
        {
          data: [
            { user: 'u1', expire: 1489158589481 },
            { user: 'u2', expire: -1 },
          ],
          owner: 'org#app_alice',
          lastModified: '1441021038124',
          created: 0,
          name: 1441021038124,
        },
        em,
      ),
    ).toEqual({
      data: [
        { user: 'u1', expire: 1489158589481, expire_iso: '2017-03-10T15:09:49.481Z' },
        { user: 'u2', expire: -1, expire_text: 'never (until unmuted)' },
      ],
      owner: 'org#app_alice',
      owner_user: 'alice',
      lastModified: '1441021038124',
      lastModified_iso: '2015-08-31T11:37:18.124Z',
      created: 0,
      name: 1441021038124,
    });
    expect(addReadable({ data: [{ platform: 1 }, { platform: 9 }] }, VENDORS.lanying.readable)).toEqual({
      data: [{ platform: 1, platform_text: 'iOS' }, { platform: 9 }],
    });
  });

  it('never overwrites a field the vendor sent, and the suffixes are the documented three', () => {
    expect(addReadable({ created: 1000, created_iso: 'x' }, VENDORS.easemob.readable)).toEqual({
      created: 1000,
      created_iso: 'x',
    });
    expect(ADDED_SUFFIXES).toEqual(['_iso', '_text', '_user']);
  });

  it('gives no twin to a key that only an object prototype has (chat users choose metadata keys)', () => {
    // member metadata keys are written by chat users; "constructor" or "toString" is not a declared field
    const data = { constructor: '5', toString: 'call', valueOf: 1441021038124, hasOwnProperty: 1 };
    for (const vendor of ['easemob', 'lanying'] as const) {
      expect(addReadable({ data }, VENDORS[vendor].readable)).toEqual({ data });
    }
  });

  it('durations in words', () => {
    expect(durationText(0)).toBe('0 ms');
    expect(durationText(90_000)).toBe('1 min 30 s');
    expect(durationText(86_400_000)).toBe('1 d');
    expect(durationText(5_400_000)).toBe('1 h 30 min');
    expect(durationText(30 * 86_400_000)).toBe('30 d');
  });

  it('never throws on what a vendor may send: an instant beyond what a Date holds gets no twin', async () => {
    const fc = (await import('fast-check')).default;
    for (const profile of [VENDORS.easemob.readable, VENDORS.lanying.readable]) {
      fc.assert(
        fc.property(fc.jsonValue(), (v) => {
          addReadable(v, profile);
        }),
        { numRuns: 300, seed: 11 },
      );
    }
    const far = { data: [{ user: 'carol', expire: 9_000_000_000_000_000, created: 9e15 }] };
    expect(addReadable(far, VENDORS.easemob.readable)).toEqual(far);
  });
});
