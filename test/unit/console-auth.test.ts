/**
 * Console logins: failed guesses slow down the guesser, not the approver. Approver names are known to the agent
 * (results say who approved), so a lock on a name alone would let anyone who reaches the login page keep the
 * moderators out.
 */
import { describe, expect, it } from 'vitest';
import { ConsoleAuth } from '../../src/console/auth.js';

const make = () => {
  let t = 1_000_000;
  const auth = new ConsoleAuth([{ name: 'bob', secret: 'bob-long-secret-1' }], {
    sessionMs: 60_000,
    secureCookie: false,
    now: () => t,
  });
  return { auth, advance: (ms: number) => (t += ms) };
};

describe('console login limits', () => {
  it('locks a name for the address that failed, not for the approver elsewhere', () => {
    const { auth } = make();
    for (let i = 0; i < 5; i++)
      expect(auth.login('bob', 'wrong', '203.0.113.9')).toMatchObject({ ok: false, status: 401 });
    expect(auth.login('bob', 'bob-long-secret-1', '203.0.113.9')).toMatchObject({ ok: false, status: 429 });
    expect(auth.login('bob', 'bob-long-secret-1', '198.51.100.7').ok).toBe(true);
  });

  it('keeps counting when many addresses fail (no reset of every lock)', () => {
    const { auth } = make();
    for (let i = 0; i < 5; i++) auth.login('bob', 'wrong', '203.0.113.9');
    for (let i = 0; i < 12_000; i++) auth.login(`n${i}`, 'wrong', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(auth.login('bob', 'bob-long-secret-1', '203.0.113.9')).toMatchObject({ ok: false, status: 429 });
  });
});
