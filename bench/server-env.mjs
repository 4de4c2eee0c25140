// What every benchmark script (run.mjs, profile.mjs, stages.mjs, perf-split.mjs) shares: the server's environment,
// the vendors' answers the loopback upstream (or the in-memory dispatcher) serves, and that upstream.
import { createServer } from 'node:http';

export const LY_TOKEN = 'bench-token-ly';

/** The vendors' answers every benchmark serves: an Easemob group announcement, a Lanying user's devices. */
export const EM_REPLY = JSON.stringify({
  action: 'get',
  application: 'a',
  uri: 'u',
  entities: [],
  data: { announcement: 'Welcome to the group' },
  timestamp: 1,
  duration: 0,
  organization: 'o',
  applicationName: 'a',
});
export const LY_REPLY = JSON.stringify({
  code: 200,
  message: 'ok',
  data: [
    { device_sn: 1, platform: 1, user_agent: 'iPhone14,2 iOS/17.1 lanying/3.2.0', user_id: 10001 },
    { device_sn: 2, platform: 2, user_agent: 'Pixel 8 Android/14 lanying/3.2.0', user_id: 10001 },
    {
      device_sn: 3,
      platform: 6,
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0',
      user_id: 10001,
    },
  ],
});

/**
 * The environment a benchmarked server starts with: credentials the loopback upstream at `base` checks, pacing off
 * (pacing measures the vendor's budget, not our overhead), log level `error` unless IM_ADMIN_LOG_LEVEL says otherwise,
 * and the audit log under `home`.
 */
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

/** The two reads every benchmark calls. */
export const BENCH_READS = [
  { name: 'easemob_get_announcement', arguments: { group_id: 'g1' } },
  { name: 'lanying_list_devices', arguments: { user_id: 10001 } },
];

/**
 * A loopback upstream answering the token endpoint and both reads without checking credentials (bench/run.mjs has its
 * own, which checks them). Resolves to its base URL and a close function.
 */
export async function openUpstream() {
  const upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url.endsWith('/token')) res.end('{"access_token":"bench-token","expires_in":86400}');
      else res.end(req.url.startsWith('/user/') ? LY_REPLY : EM_REPLY);
    });
  });
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${upstream.address().port}`, close: () => upstream.close() };
}
