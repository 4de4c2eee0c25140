/**
 * Settings and their documentation stay in step: the approval console's settings are explained in
 * docs/approval-console.md (every setting's row in docs/configuration.md: test/unit/docs.test.ts).
 * The console's settings are validated like the others, without ever echoing a credential.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('settings are documented', () => {
  const source = read('src/config.ts');
  const names = [...new Set([...source.matchAll(/'(IM_ADMIN_[A-Z_]+)'/g)].map((m) => m[1] as string))];
  it('the approval console page explains every console setting', () => {
    const page = read('docs/approval-console.md');
    for (const n of names.filter((x) => /CONSOLE|APPROVAL/.test(x))) expect(page, n).toContain(n);
  });
});

describe('console settings are validated', () => {
  it('accepts console and rejects an unknown mode', () => {
    expect(loadConfig({ IM_ADMIN_CONFIRM: 'console' }).confirm).toBe('console');
    expect(() => loadConfig({ IM_ADMIN_CONFIRM: 'maybe' })).toThrow(
      /IM_ADMIN_CONFIRM must be "auto", "console" or "off"/,
    );
  });
  it('approvers: names checked, short or repeated credentials refused, never echoed', () => {
    const c = loadConfig({ IM_ADMIN_CONSOLE_APPROVERS: 'alice:alice-long-secret,bob:bob-long-secret' });
    expect(c.console.approvers.map((a) => a.name)).toEqual(['alice', 'bob']);
    for (const bad of ['alice:short', 'al ice:long-enough-secret', 'alice:long-enough-one,alice:long-enough-two']) {
      let err: unknown;
      try {
        loadConfig({ IM_ADMIN_CONSOLE_APPROVERS: bad });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect(String(err)).toMatch(/IM_ADMIN_CONSOLE_APPROVERS/);
      expect(String(err)).not.toMatch(/short|long-enough/);
    }
  });
  it('two-person tools must exist, the base URL is an origin, the webhook URL is never shown', () => {
    expect(() => loadConfig({ IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS: 'easemob_nuke' })).toThrow(/easemob_nuke/);
    expect(() => loadConfig({ IM_ADMIN_CONSOLE_BASE_URL: 'https://mod.example.org/im' })).toThrow(/origin only/);
    expect(() => loadConfig({ IM_ADMIN_CONSOLE_WEBHOOK_URL: 'ftp://hook-secret' })).toThrow(
      /IM_ADMIN_CONSOLE_WEBHOOK_URL(?!.*hook-secret)/,
    );
    expect(() => loadConfig({ IM_ADMIN_APPROVAL_WAIT_SECONDS: '9999' })).toThrow(/IM_ADMIN_APPROVAL_WAIT_SECONDS/);
  });
  it('refuses a two-person rule that could never be met (fewer than two approvers)', () => {
    const tool = 'easemob_dissolve_group';
    expect(() => loadConfig({ IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS: tool })).toThrow(/needs two different approvers/);
    expect(() =>
      loadConfig({ IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS: tool, IM_ADMIN_CONSOLE_APPROVERS: 'alice:alice-long-secret' }),
    ).toThrow(/one is configured/);
    expect(
      loadConfig({
        IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS: tool,
        IM_ADMIN_CONSOLE_APPROVERS: 'alice:alice-long-secret,bob:bob-long-secret',
      }).console.twoPersonTools,
    ).toEqual([tool]);
  });
});
