// Session churn (issue 13), run by bench/run.mjs as `node --expose-gc bench/session-churn.mjs`: the built HTTP
// transport in this process with a fake clock, so the idle timeout passes without waiting. Abandoned sessions
// (initialize, then never used) are opened; heap after a full GC and RSS are measured with them live, after the
// idle timeout reaped them, after a second churn (a leak would show as growth), and under a session cap.
// Prints one JSON object.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../dist/config.js';
import { setLogLevel } from '../dist/log.js';
import { serveHttp } from '../dist/mcp/http.js';
import { startRuntime } from '../dist/runtime.js';

const N = Number(process.env.CHURN_SESSIONS ?? 7000);
const IDLE_MS = 60_000;
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const mb = (b) => Math.round((b / 2 ** 20) * 10) / 10;
async function measure() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { heapMb: mb(m.heapUsed), rssMb: mb(m.rss), heapBytes: m.heapUsed };
}
const body = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
});
async function abandon(url, n) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < n) {
        next++;
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body,
        });
        await r.text();
        if (r.status !== 200) throw new Error(`initialize answered ${r.status}`);
      }
    }),
  );
}
const live = async (url) => (await (await fetch(url.replace(/\/mcp$/, '/health'))).json()).sessions;

setLogLevel('error');
const home = mkdtempSync(`${os.tmpdir()}/im-admin-churn-`);
const runtime = await startRuntime(
  loadConfig({ IM_ADMIN_AUDIT_LOG: `${home}/audit.jsonl`, IM_ADMIN_LOG_LEVEL: 'error' }, { sandbox: true }),
);
const info = { name: 'im-admin-mcp', version: 'bench', instructions: 'bench' };
let now = 1_000_000;
const opts = { host: '127.0.0.1', port: 0, token: undefined, stateless: false, allowedOrigins: [], now: () => now };
const http = await serveHttp(runtime.app, info, { ...opts, sessionIdleMs: IDLE_MS, maxSessions: N * 2 });
await abandon(http.url, 50); // warm-up: code paths compiled, pools open
now += IDLE_MS + 1;
await live(http.url);
const base = await measure();
const t0 = Date.now();
await abandon(http.url, N);
const openSeconds = (Date.now() - t0) / 1000;
const liveCount = await live(http.url);
const withSessions = await measure();
now += IDLE_MS + 1;
const leftAfterIdle = await live(http.url);
const afterReap = await measure();
await abandon(http.url, N);
const secondLive = await live(http.url);
now += IDLE_MS + 1;
await live(http.url);
const afterSecondReap = await measure();
await http.close();

const capped = await serveHttp(runtime.app, info, { ...opts, sessionIdleMs: 3_600_000, maxSessions: 1000 });
const cappedBase = await measure();
await abandon(capped.url, N);
const cappedLive = await live(capped.url);
const cappedAfter = await measure();
await capped.close();
await runtime.close();

console.log(
  JSON.stringify({
    sessions: N,
    openSeconds,
    base,
    liveCount,
    withSessions,
    perSessionKb: Math.round((withSessions.heapBytes - base.heapBytes) / liveCount / 102.4) / 10,
    leftAfterIdle,
    afterReap,
    secondLive,
    afterSecondReap,
    cappedLive,
    cappedBase,
    cappedAfter,
  }),
);
process.exit(0);
