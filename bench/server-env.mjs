/**
 * The environment both benchmark scripts (run.mjs, profile.mjs) start a server with: credentials the loopback
 * upstream at `base` checks, pacing off (pacing measures the vendor's budget, not our overhead), log level `error`
 * unless IM_ADMIN_LOG_LEVEL says otherwise, and the audit log under `home`.
 */
export const LY_TOKEN = 'bench-token-ly';

export function serverEnv(base, home) {
  return {
    PATH: process.env.PATH,
    HOME: home,
    EASEMOB_BASE_URL: base,
    EASEMOB_ORG: 'org',
    EASEMOB_APP: 'app',
    EASEMOB_CLIENT_ID: 'bench-id',
    EASEMOB_CLIENT_SECRET: 'bench-secret',
    LANYING_BASE_URL: base,
    LANYING_APP_ID: 'bench-app',
    LANYING_ACCESS_TOKEN: LY_TOKEN,
    IM_ADMIN_LOG_LEVEL: process.env.IM_ADMIN_LOG_LEVEL ?? 'error',
    IM_ADMIN_AUDIT_LOG: `${home}/im-admin-bench-audit.jsonl`,
    IM_ADMIN_EASEMOB_RATE: '0',
    IM_ADMIN_LANYING_RATE: '0',
  };
}
