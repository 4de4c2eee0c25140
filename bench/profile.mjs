// Where a call's time goes (issue 18): runs one subject (`ours`, the built server, or `bare`, bench/bare-proxy.mjs)
// under the benchmark's load (both reads, 50 in flight, against a loopback upstream) with `node --cpu-prof`, then
// prints the self time by function and by file (the SDK, zod, undici, node internals, our modules).
//   node bench/profile.mjs [ours|ours-dist|bare] [calls] [unknown]   (after `npm run build`; profiles in the temp folder)
// `unknown`: an unknown tool instead of the reads (the MCP round trip with no vendor call); `--json`: one JSON line
// (bench/run.mjs --soak embeds it in BENCHMARKS.md)
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BENCH_READS, openUpstream, serverEnv } from './server-env.mjs';

const subject = process.argv[2] ?? 'ours';
const total = Number(process.argv[3] ?? 20_000) || 20_000;
// `ours-dist`: the tsc output with its dependencies unbundled, so the profile names each package and module
const TARGETS = { ours: '../dist/bundle/cli.js', 'ours-dist': '../dist/cli.js', bare: './bare-proxy.mjs' };
const target = new URL(TARGETS[subject], import.meta.url).pathname;
const dir = mkdtempSync(`${os.tmpdir()}/im-admin-prof-`);

const upstream = await openUpstream();
const base = upstream.base;
const transport = new StdioClientTransport({
  command: process.execPath,
  args: ['--cpu-prof', '--cpu-prof-dir', dir, target],
  env: serverEnv(base, dir),
  stderr: 'inherit',
});
const client = new Client({ name: 'bench', version: '1' });
await client.connect(transport);
const calls = process.argv.includes('unknown') ? [{ name: 'no_such_tool', arguments: {} }] : BENCH_READS;
let next = 0;
await Promise.all(
  Array.from({ length: 50 }, async () => {
    while (next < total) {
      const r = await client.callTool(calls[next++ % calls.length]);
      if (r.isError && calls.length > 1) throw new Error(JSON.stringify(r));
    }
  }),
);
await client.close();
upstream.close();
for (let i = 0; i < 100 && !readdirSync(dir).some((f) => f.endsWith('.cpuprofile')); i++)
  await new Promise((r) => setTimeout(r, 100));
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${dir}`);
const prof = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));

// self time per node: samples × the mean interval
const counts = new Map();
for (const id of prof.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const dt = (prof.endTime - prof.startTime) / prof.samples.length / 1000; // ms per sample
const byFn = new Map();
const byFile = new Map();
const bucket = (url) => {
  if (!url) return '(native / gc / idle)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^.*\/(dist|bench)\//, '$1/');
};
for (const n of prof.nodes) {
  const c = counts.get(n.id);
  if (!c) continue;
  const cf = n.callFrame;
  const key = `${cf.functionName || '(anonymous)'} ${bucket(cf.url)}:${cf.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + c);
  const fk = cf.functionName === '(idle)' ? '(idle)' : bucket(cf.url);
  byFile.set(fk, (byFile.get(fk) ?? 0) + c);
}
const busy = prof.samples.length - (byFile.get('(idle)') ?? 0);
const show = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, c]) =>
        `${((c * dt * 1000) / total).toFixed(1).padStart(7)} µs/call ${((100 * c) / busy).toFixed(1).padStart(5)}%  ${k}`,
    )
    .join('\n');
if (process.argv.includes('--json')) {
  const per = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([k, c]) => [k, (c * dt * 1000) / total]);
  console.log(
    JSON.stringify({
      subject,
      total,
      busyUs: (busy * dt * 1000) / total,
      byFile: per(byFile),
      byFn: per(byFn).slice(0, 30),
    }),
  );
  process.exit(0);
}
console.log(
  `${subject}: ${total} calls, profile ${dir}/${file}; busy ${((busy * dt * 1000) / total).toFixed(1)} µs/call\n`,
);
console.log(`by file:\n${show(byFile, 25)}\n\nby function (self):\n${show(byFn, 45)}`);
