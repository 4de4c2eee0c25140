/** The server instructions describe the sandbox without state that a tool call can make wrong. */
import { describe, expect, it } from 'vitest';
import { instructions } from '../../src/info.js';
import { SEED_SUMMARY } from '../../src/sandbox/index.js';

const text = instructions({ sandbox: true, readOnly: false, seedSummary: SEED_SUMMARY });

describe('instructions', () => {
  it('name the sandbox and its seed users and groups', () => {
    expect(text).toContain('SANDBOX');
    for (const name of ['Sandbox Lounge', 'Core Team', 'mallory', '1001 alice']) expect(text).toContain(name);
  });

  it('hold no volatile state and no credentials', () => {
    const sandbox = text.slice(text.indexOf('SANDBOX'));
    for (const word of [/muted/i, /blocked/i, /disabled/i, /white list/i, /\b24 h\b/, /online/i, /device/i, /pass-/])
      expect(sandbox).not.toMatch(word);
    expect(text).not.toContain('secret');
  });

  it('say nothing of the sandbox when it is not one', () => {
    expect(instructions({ sandbox: false, readOnly: false })).not.toContain('SANDBOX');
  });
});
