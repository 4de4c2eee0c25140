// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the literal ${user_config.X} placeholders are what this file tests
/**
 * An MCP Bundle host substitutes `${user_config.X}` in the bundle's env mapping; an optional field nobody filled in
 * (and without a default) arrives as that literal text, and an empty field as "". Both mean "unset" to the server,
 * for every setting (the process test is test/ecosystem/mcpb.test.ts, which starts the unpacked bundle both ways).
 */
import { describe, expect, it } from 'vitest';
import { dropUnsetValues, isUnsetValue, loadConfig, loadHttpConfig } from '../../src/config.js';

const placeholders = (names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, `\${user_config.${n.toLowerCase()}}`]));

const CREDENTIALS = [
  'LANYING_BASE_URL',
  'LANYING_APP_ID',
  'LANYING_ACCESS_TOKEN',
  'EASEMOB_BASE_URL',
  'EASEMOB_ORG',
  'EASEMOB_APP',
  'EASEMOB_CLIENT_ID',
  'EASEMOB_CLIENT_SECRET',
  'EASEMOB_APP_TOKEN',
];
const OPTIONS = ['IM_ADMIN_TOOLSETS', 'IM_ADMIN_FILES_DIR', 'IM_ADMIN_CONFIRM', 'IM_ADMIN_AUDIT_MAX_BYTES'];

describe('unset values', () => {
  it('are empty, blank, or exactly one ${user_config.…} placeholder', () => {
    for (const v of [undefined, '', '  ', '${user_config.api_token}', ' ${user_config.x} '])
      expect(isUnsetValue(v), String(v)).toBe(true);
    for (const v of ['x', 'prefix ${user_config.x}', '${user_config.a}${user_config.b}', '${HOME}', '$user_config.x'])
      expect(isUnsetValue(v), v).toBe(false);
  });

  it('placeholders for every credential and option: the sandbox with defaults', () => {
    const config = loadConfig({ ...placeholders([...CREDENTIALS, ...OPTIONS]), IM_ADMIN_READ_ONLY: 'false' });
    expect(config.sandbox).toBe(true);
    expect(config.lanying).toBeUndefined();
    expect(config.easemob).toBeUndefined();
    expect(config.toolsets).toBeUndefined();
    expect(config.filesDir).toBeUndefined();
    expect(config.confirm).toBe('auto');
    expect(config.auditMaxBytes).toBe(100 * 1024 * 1024);
  });

  it('empty values for every credential and option: the same', () => {
    const config = loadConfig(Object.fromEntries([...CREDENTIALS, ...OPTIONS].map((n) => [n, ''])));
    expect(config.sandbox).toBe(true);
    expect(config.toolsets).toBeUndefined();
    expect(config.confirm).toBe('auto');
  });

  it('one vendor filled in, the other left as placeholders: only that vendor, no half-pair error', () => {
    const config = loadConfig({
      ...placeholders(CREDENTIALS),
      EASEMOB_BASE_URL: 'https://a1.easemob.com',
      EASEMOB_ORG: 'org',
      EASEMOB_APP: 'app',
      EASEMOB_APP_TOKEN: 'token',
    });
    expect(config.sandbox).toBe(false);
    expect(config.easemob?.org).toBe('org');
    expect(config.lanying).toBeUndefined();
  });

  it('HTTP settings too', () => {
    const http = loadHttpConfig(
      { IM_ADMIN_HTTP_TOKEN: 'a-token-of-16-chars+', ...placeholders(['IM_ADMIN_HTTP_PORT', 'IM_ADMIN_HTTP_HOST']) },
      {},
    );
    expect(http.port).toBe(3000);
    expect(http.host).toBe('127.0.0.1');
  });

  it('dropUnsetValues removes them from an environment, so direct reads agree', () => {
    const env: Record<string, string | undefined> = {
      IM_ADMIN_CONFIRM_SECRET: '${user_config.confirm_secret}',
      IM_ADMIN_SANDBOX_STATE: '',
      PATH: '/bin',
    };
    dropUnsetValues(env);
    expect(env).toEqual({ PATH: '/bin' });
  });
});
