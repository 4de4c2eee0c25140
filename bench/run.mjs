// npm run bench: measures the server against the direct-HTTP floor in one run and writes BENCHMARKS.md.
// Per-call latency (MCP client over stdio → server → undici → loopback upstream) vs the same request sent straight
// with undici; cold start; tools/list size in bytes and o200k tokens; throughput with 50 calls in flight; RSS.
// `--soak` adds 10,000 calls with 50 in flight and reports RSS growth (issue 6).
// Session churn (issue 13): 7,000 abandoned Streamable HTTP sessions, RSS before, with them live, after the idle
// timeout reaped them, and under the session cap; `--sessions-only` runs just that part and prints it.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { Agent, request } from 'undici';

const SOAK = process.argv.includes('--soak');
const SESSIONS_ONLY = process.argv.includes('--sessions-only');
// `--cold-only`: just the cold start (spawn → first tools/list), median of 20, printed (to compare bundlings).
const COLD_ONLY = process.argv.includes('--cold-only');
const CLI = new URL('../dist/bundle/cli.js', import.meta.url).pathname;
const rssMb = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const REPLY = JSON.stringify({
  action: 'get',
  application: 'a',
  uri: 'u',
  entities: [],
  data: 'Welcome to the group',
  timestamp: 1,
  duration: 0,
  organization: 'o',
  applicationName: 'a',
});

// --- HTTP session churn: abandoned sessions (bench/session-churn.mjs, a child with --expose-gc) ---
async function sessionChurn() {
  const child = spawn(process.execPath, ['--expose-gc', new URL('./session-churn.mjs', import.meta.url).pathname], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH, HOME: os.tmpdir() },
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`session-churn exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop());
}
const churnRows = (c, f) => [
  [
    `HTTP: ${c.sessions} abandoned sessions live (heap after GC / RSS)`,
    `${f(c.withSessions.heapMb, 1)} / ${f(c.withSessions.rssMb, 1)} MB`,
    `before ${f(c.base.heapMb, 1)} / ${f(c.base.rssMb, 1)} MB`,
    `≈ ${f(c.perSessionKb, 1)} kB heap per session`,
  ],
  [
    'HTTP: after the idle timeout reaped them',
    `${f(c.afterReap.heapMb, 1)} / ${f(c.afterReap.rssMb, 1)} MB`,
    `${c.leftAfterIdle} live`,
    `after a second churn of ${c.sessions}, reaped: ${f(c.afterSecondReap.heapMb, 1)} / ${f(c.afterSecondReap.rssMb, 1)} MB`,
  ],
  [
    `HTTP: ${c.sessions} abandoned sessions, IM_ADMIN_HTTP_MAX_SESSIONS=1000`,
    `${f(c.cappedAfter.heapMb, 1)} / ${f(c.cappedAfter.rssMb, 1)} MB`,
    `${c.cappedLive} live`,
    'least recently used idle sessions closed first',
  ],
];
if (SESSIONS_ONLY) {
  const c = await sessionChurn();
  const f = (x, d = 3) => x.toFixed(d);
  console.log(
    churnRows(c, f)
      .map((r) => `| ${r.join(' | ')} |`)
      .join('\n'),
  );
  process.exit(0);
}

// --- loopback upstream (Easemob shape, with the token endpoint) ---
const upstream = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url?.endsWith('/token')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'bench-token', expires_in: 86400, application: 'a' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(REPLY);
  });
});
await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${upstream.address().port}`;
const env = {
  PATH: process.env.PATH,
  EASEMOB_BASE_URL: base,
  EASEMOB_ORG: 'org',
  EASEMOB_APP: 'app',
  EASEMOB_CLIENT_ID: 'bench-id',
  EASEMOB_CLIENT_SECRET: 'bench-secret',
  LANYING_BASE_URL: base,
  LANYING_APP_ID: 'bench-app',
  LANYING_ACCESS_TOKEN: 'bench-token-ly',
  IM_ADMIN_LOG_LEVEL: 'error',
  IM_ADMIN_AUDIT_LOG: `${os.tmpdir()}/im-admin-bench-audit.jsonl`,
  // pacing measures the vendor's budget, not our overhead: off for the benchmark
  IM_ADMIN_EASEMOB_RATE: '0',
  IM_ADMIN_LANYING_RATE: '0',
  ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};
const ms = (ns) => Number(ns) / 1e6;

async function connect() {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI], env, stderr: 'pipe' });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  return { client, pid: transport.pid };
}
/** Spawn → first tools/list answer, `n` times, in milliseconds. */
async function coldStarts(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const c = await connect();
    await c.client.listTools();
    out.push(ms(process.hrtime.bigint() - t));
    await c.client.close();
  }
  return out;
}
if (COLD_ONLY) {
  const xs = await coldStarts(20);
  console.log(
    `cold start, spawn → first tools/list: median ${median(xs).toFixed(1)} ms, p90 ${pct(xs, 90).toFixed(1)} ms (20 runs)`,
  );
  process.exit(0);
}
const CALL = { name: 'easemob_get_announcement', arguments: { group_id: 'g1' } };
const DIRECT_URL = `${base}/org/app/chatgroups/g1/announcement`;

// --- floor: the same request straight with undici, from this process ---
const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });
async function direct() {
  const r = await request(DIRECT_URL, {
    method: 'GET',
    headers: { accept: 'application/json', authorization: 'Bearer bench-token' },
    dispatcher: agent,
  });
  JSON.parse(await r.body.text());
}

const N = 3000;
for (let i = 0; i < 300; i++) await direct();
const floor = [];
for (let i = 0; i < N; i++) {
  const t = process.hrtime.bigint();
  await direct();
  floor.push(ms(process.hrtime.bigint() - t));
}

const { client, pid } = await connect();
for (let i = 0; i < 300; i++) await client.callTool(CALL);
const rssWarm = rssMb(pid);
const through = [];
for (let i = 0; i < N; i++) {
  const t = process.hrtime.bigint();
  const r = await client.callTool(CALL);
  through.push(ms(process.hrtime.bigint() - t));
  if (r.isError) throw new Error(JSON.stringify(r));
}
// a client-only baseline: the MCP round trip with no vendor call (an unknown tool is answered locally)
const mcpOnly = [];
for (let i = 0; i < N; i++) {
  const t = process.hrtime.bigint();
  await client.callTool({ name: 'no_such_tool', arguments: {} });
  mcpOnly.push(ms(process.hrtime.bigint() - t));
}

// --- throughput, 50 in flight ---
async function throughput(fn, total, inflight = 50) {
  let next = 0;
  let errors = 0;
  const lat = [];
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (next < total) {
        next++;
        const t = process.hrtime.bigint();
        try {
          const r = await fn();
          if (r?.isError) errors++;
        } catch {
          errors++;
        }
        lat.push(ms(process.hrtime.bigint() - t));
      }
    }),
  );
  const secs = ms(process.hrtime.bigint() - t0) / 1000;
  return { rate: total / secs, p50: pct(lat, 50), p99: pct(lat, 99), errors };
}
const floorTput = await throughput(direct, 10_000);
const tput = await throughput(() => client.callTool(CALL), 5_000);
const rss = rssMb(pid);

let soak;
if (SOAK) {
  const before = rssMb(pid);
  const r = await throughput(() => client.callTool(CALL), 10_000);
  soak = { ...r, before, after: rssMb(pid) };
}
await client.close();

const churn = await sessionChurn();

// --- cold start: spawn to first tools/list answer ---
const cold = await coldStarts(10);

// --- tools/list size ---
const enc = new Tiktoken(o200k);
const manifest = JSON.parse(readFileSync(new URL('../tools.manifest.json', import.meta.url), 'utf8'));
const { PRESETS } = await import('../dist/tools/toolsets.js');
const tok = (t) =>
  enc.encode(JSON.stringify({ name: t.name, description: t.description, input_schema: t.inputSchema })).length;
const listed = manifest.tools.map((t) => ({
  name: t.name,
  title: t.title,
  description: t.description,
  inputSchema: t.inputSchema,
  annotations: t.annotations,
}));
const listBytes = Buffer.byteLength(JSON.stringify({ tools: listed }));
const totalTokens = manifest.tools.reduce((n, t) => n + tok(t), 0);
const byToolset = {};
for (const t of manifest.tools) byToolset[t.toolset] = (byToolset[t.toolset] ?? 0) + tok(t);
const preset = new Set(PRESETS.moderation);
const presetTokens = manifest.tools.filter((t) => preset.has(t.name)).reduce((n, t) => n + tok(t), 0);
const perTool = manifest.tools.map((t) => [t.name, tok(t)]).sort((a, b) => b[1] - a[1]);
// the output schemas tools/list also carries (issue #16): reported beside the ledger, not counted in it
const outputJson = manifest.tools.map((t) => JSON.stringify(t.outputSchema ?? null));
const outputBytes = outputJson.reduce((n, j) => n + Buffer.byteLength(j), 0);
const outputTokens = outputJson.reduce((n, j) => n + enc.encode(j).length, 0);

upstream.close();
await agent.close();

const f = (x, d = 3) => x.toFixed(d);
const added = median(through) - median(floor);
const rows = [
  [
    'per-call latency, median',
    `${f(median(through))} ms`,
    `floor ${f(median(floor))} ms`,
    `added ${f(added)} ms (target ≤ 0.25 ms)`,
  ],
  [
    'MCP stdio round trip alone (no vendor call), median',
    `${f(median(mcpOnly))} ms`,
    '',
    'client+transport cost inside the added figure',
  ],
  ['cold start, spawn → first tools/list, median of 10', `${f(median(cold), 1)} ms`, '', 'target ≤ 250 ms'],
  [
    'throughput, 50 in flight',
    `${f(tput.rate, 0)} calls/s`,
    `floor ${f(floorTput.rate, 0)} req/s`,
    `ratio ${f(tput.rate / floorTput.rate, 2)} (target ≥ 4,000 calls/s)`,
  ],
  [
    'latency at 50 in flight, p50 / p99',
    `${f(tput.p50)} / ${f(tput.p99)} ms`,
    `floor ${f(floorTput.p50)} / ${f(floorTput.p99)} ms`,
    '',
  ],
  ['server RSS after warm-up (300 calls)', `${f(rssWarm, 1)} MB`, '', 'target ≤ 70 MB'],
  [
    'server RSS after the load runs (8,000+ calls, 50 in flight)',
    `${f(rss, 1)} MB`,
    '',
    'V8 keeps the heap it grew under load',
  ],
  ['tools/list size (91 tools)', `${listBytes} bytes`, '', ''],
  [
    'tools/list tokens (o200k, {name, description, input_schema})',
    `${totalTokens} total`,
    `${f(totalTokens / manifest.tools.length, 1)} per tool`,
    'ledger: documented operations ≤ 11,250 (test/unit/token-budget.test.ts)',
  ],
  ['moderation preset tokens', `${presetTokens}`, `${PRESETS.moderation.length} tools`, 'ledger ≤ 2,500'],
  [
    'output schemas (o200k, all tools, not in the ledger)',
    `${outputTokens} tokens`,
    `${outputBytes} bytes`,
    'reported beside the ledger (test/unit/token-budget.test.ts)',
  ],
];
rows.push(...churnRows(churn, f));
if (soak) {
  rows.push([
    'soak: 10,000 calls, 50 in flight',
    `${f(soak.rate, 0)} calls/s, p50 ${f(soak.p50)} ms, p99 ${f(soak.p99)} ms`,
    `RSS ${f(soak.before, 1)} → ${f(soak.after, 1)} MB (${f(((soak.after - soak.before) / soak.before) * 100, 1)}%)`,
    `${soak.errors} errors (goal: growth < 10%, 0 errors)`,
  ]);
}

const cpu = os.cpus()[0]?.model ?? 'unknown';
const md = `# Benchmarks

Generated by \`npm run bench${SOAK ? ' -- --soak' : ''}\` (\`node bench/run.mjs\`) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${os.cpus().length} × ${cpu}, ${f(os.totalmem() / 2 ** 30, 0)} GiB, ${os.platform()} ${os.release()}; Node ${process.version};
im-admin-mcp ${pkg.version}; @modelcontextprotocol/sdk ${pkg.devDependencies['@modelcontextprotocol/sdk']}; undici ${pkg.devDependencies.undici}.
Loopback upstream in the benchmark process; floor = the same request sent straight with undici from the same process;
${N} sequential calls per latency figure (after 300 warm-up calls); pacing off (\`IM_ADMIN_*_RATE=0\`).
Shared, noisy machines: compare the ratios within one run, not absolute numbers across runs.

| measure | ours | reference | note |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

## Tokens per toolset

| toolset | tokens |
|---|---|
${Object.entries(byToolset)
  .map(([k, v]) => `| \`${k}\` | ${v} |`)
  .join('\n')}

## Tokens per tool

| tool | tokens |
|---|---|
${perTool.map(([n, v]) => `| \`${n}\` | ${v} |`).join('\n')}
`;
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), md);
console.log(md);
