// Where a sequential call's CPU goes, kernel included (issue 18): each subject (the bundle and the bare proxy) serves
// 2,000 warm-up calls, then `perf record` samples it over 6,000 sequential calls (both reads, alternating), and the
// samples are split by where they fell: the kernel, V8's runtime and builtins (the node binary), JIT-compiled
// JavaScript, libc. Needs Linux `perf` (perf_event_paranoid ≤ 2 lets a user sample their own processes).
//   node bench/perf-split.mjs        (after `npm run build`)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BENCH_READS, openUpstream, serverEnv } from './server-env.mjs';

const path = (rel) => new URL(rel, import.meta.url).pathname;
const SUBJECTS = { ours: path('../dist/bundle/cli.js'), bare: path('./bare-proxy.mjs') };
const upstream = await openUpstream();
const base = upstream.base;
const calls = BENCH_READS;
const dir = mkdtempSync(`${os.tmpdir()}/im-admin-perf-`);
const result = {};
const maps = [];
for (const [subject, target] of Object.entries(SUBJECTS)) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--perf-basic-prof-only-functions', target],
    env: serverEnv(base, dir),
    stderr: 'inherit',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  for (let i = 0; i < 2000; i++) await client.callTool(calls[i % 2]);
  const data = `${dir}/${subject}.data`;
  const perf = spawn('perf', ['record', '-q', '-F', '4999', '-p', String(transport.pid), '-o', data], {
    stdio: 'inherit',
  });
  await new Promise((r) => setTimeout(r, 500));
  const n = 6000;
  for (let i = 0; i < n; i++) await client.callTool(calls[i % 2]);
  const exited = new Promise((r) => perf.once('exit', r));
  perf.kill('SIGINT');
  await exited;
  const pid = transport.pid;
  await client.close();
  // --perf-basic-prof writes the JIT symbol map to /tmp/perf-<pid>.map (perf reads it there): removed once read below
  maps.push(`/tmp/perf-${pid}.map`);
  const report = execFileSync('perf', ['report', '-i', data, '--sort', 'dso', '--stdio', '-n', '-q'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const split = {};
  let total = 0;
  for (const line of report.split('\n')) {
    const m = /^\s*([\d.]+)%\s+(\d+)\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    const dso = m[3];
    const part = dso.includes('kernel')
      ? 'kernel'
      : dso === 'node'
        ? "V8's runtime and builtins"
        : dso.startsWith('[JIT]')
          ? 'JIT-compiled JavaScript'
          : dso.startsWith('libc')
            ? 'libc'
            : 'other';
    split[part] = (split[part] ?? 0) + Number(m[2]);
    total += Number(m[2]);
  }
  result[subject] = { samples: total, perCall: total / n, split };
}
upstream.close();
rmSync(dir, { recursive: true, force: true });
for (const m of maps) rmSync(m, { force: true });
for (const [s, r] of Object.entries(result)) {
  const parts = Object.entries(r.split)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${((100 * v) / r.samples).toFixed(1)}%`)
    .join(', ');
  console.log(`${s}: ${r.samples} samples over 6000 calls; ${parts}`);
}
console.log(`ours / bare, samples: ${(result.ours.samples / result.bare.samples).toFixed(2)}`);
