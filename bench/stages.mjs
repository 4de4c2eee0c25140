// What one read costs in process, stage by stage (issue 18): the server's own pipeline (dist/, after `npm run build`)
// against the bare proxy's work, over a fake undici dispatcher that answers at once from memory, so neither the
// network, the MCP framing nor the stdio pipe is in the numbers. Each sample is one call's time (nothing in it waits:
// the dispatcher answers on a microtask), each figure the median of its samples, every stage of both reads taken in
// turn round after round; a collection or a neighbour on a shared machine moves a few samples, not the median. Each
// stage is timed warm (right after the same call) and disturbed (after touching 4 MB and allocating 2,000 objects,
// as the client, the upstream and other processes do between two calls over stdio), for the two reads bench/run.mjs
// measures, with the same vendor answers.
//   node bench/stages.mjs [rounds]    `--json`: one JSON line (bench/run.mjs --soak embeds it in BENCHMARKS.md)
// Stages are timed one by one on the same inputs, then chained in one call without the App, then as the App's whole
// call: the last two rows are what chaining them costs beyond their isolated sum, and what the App adds around them.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { Dispatcher, request } from 'undici';
import { CallSignal } from '../dist/app.js';
import { loadConfig } from '../dist/config.js';
import { buildRequest } from '../dist/execute/build-request.js';
import { render } from '../dist/execute/render.js';
import { shapeResult } from '../dist/execute/results.js';
import { coerceArgs } from '../dist/execute/schema.js';
import { setLogLevel } from '../dist/log.js';
import { startRuntime } from '../dist/runtime.js';
import { EM_REPLY, LY_REPLY, serverEnv } from './server-env.mjs';

const ROUNDS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1500);
const EM = Buffer.from(EM_REPLY);
const LY = Buffer.from(LY_REPLY);
const TOKEN = Buffer.from('{"access_token":"bench-token","expires_in":86400}');

/**
 * Answers every request on the next microtask with the vendor's JSON, through undici's own handler calls: the
 * handler interface the server's HTTP client implements (onRequestStart … onResponseEnd), or the older one undici's
 * `request()` (the bare proxy's) still uses.
 */
class MemoryDispatcher extends Dispatcher {
  dispatch(opts, handler) {
    const body = opts.path.endsWith('/token') ? TOKEN : opts.path.startsWith('/user/') ? LY : EM;
    if (handler.onRequestStart) {
      const controller = { abort() {}, pause() {}, resume() {}, aborted: false, paused: false };
      const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
      queueMicrotask(() => {
        handler.onRequestStart(controller, {});
        handler.onResponseStart(controller, 200, headers, 'OK');
        handler.onResponseData(controller, body);
        handler.onResponseEnd(controller, {});
      });
      return true;
    }
    const headers = ['content-type', 'application/json', 'content-length', String(body.length)].map((h) =>
      Buffer.from(h),
    );
    queueMicrotask(() => {
      handler.onConnect?.(() => {});
      handler.onHeaders?.(200, headers, () => {}, 'OK');
      handler.onData?.(body);
      handler.onComplete?.([]);
    });
    return true;
  }
  close() {
    return Promise.resolve();
  }
  destroy() {
    return Promise.resolve();
  }
}

setLogLevel('error');
const dispatcher = new MemoryDispatcher();
const base = 'http://127.0.0.1:9';
const runtime = await startRuntime(loadConfig(serverEnv(base, mkdtempSync(`${os.tmpdir()}/im-admin-stages-`))), {
  dispatcher,
});
const app = runtime.app;
// the App's private tables (a benchmark may look inside): the served tool's schemas and the vendor clients
const served = app.served;
const clients = app.deps.clients;

const READS = {
  easemob_get_announcement: {
    args: { group_id: 'g1' },
    url: `${base}/org/app/chatgroups/g1/announcement`,
    headers: { accept: 'application/json', authorization: 'Bearer bench-token' },
  },
  lanying_list_devices: {
    args: { user_id: 10001 },
    url: `${base}/user/device/list`,
    headers: { accept: 'application/json', app_id: 'bench-app', 'access-token': 't', user_id: '10001' },
  },
};

/** µs one call of `fn` takes. */
async function once(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1000;
}
/** What happens between two calls over stdio, in miniature: memory touched and objects made by other work. */
const junk = new Float64Array(1 << 19);
let sink = 0;
function disturb() {
  for (let i = 0; i < junk.length; i += 8) junk[i] += i;
  const made = [];
  for (let i = 0; i < 2000; i++) made.push({ i, s: String(i) });
  sink += made.length + (junk[sink & 1023] ?? 0);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The bare proxy's whole call: one undici request, the body parsed, the result as the SDK serialises it. */
const bareResult = (json) =>
  JSON.stringify({ content: [{ type: 'text', text: JSON.stringify(json) }], structuredContent: json });

const timed = [];
const sdkSignals = [];
for (const [name, r] of Object.entries(READS)) {
  const { spec, schema, json } = served.get(name);
  const client = clients[spec.vendor];
  const args = schema.parse(coerceArgs(r.args, json));
  const req = buildRequest(spec, args);
  const answer = (await client.send(req, { safeToRepeat: true })).json;
  const shaped = shapeResult(spec.vendor, answer);
  const stages = {
    // the SDK makes an AbortController for every request it hands a handler, in both servers (the bare proxy
    // ignores its signal)
    bare: () => {
      sdkSignals.push(new AbortController().signal);
      if (sdkSignals.length > 64) sdkSignals.length = 0;
      return request(r.url, { headers: r.headers, dispatcher })
        .then((res) => res.body.text())
        .then((t) => bareResult(JSON.parse(t)));
    },
    // as the MCP adapter calls it: the SDK's AbortController for the request, the call's own abort source
    ours: () => {
      sdkSignals.push(new AbortController().signal);
      if (sdkSignals.length > 64) sdkSignals.length = 0;
      return app.respond(name, r.args, { signal: new CallSignal() }).then((a) => JSON.stringify(a.result));
    },
    rawRequest: () =>
      request(r.url, { headers: r.headers, dispatcher })
        .then((res) => res.body.text())
        .then((t) => JSON.parse(t)),
    bareRender: async () => bareResult(answer),
    validate: async () => schema.safeParse(coerceArgs(r.args, json)),
    build: async () => buildRequest(spec, args),
    send: () => client.send(req, { safeToRepeat: true, signal: new CallSignal() }),
    shape: async () => shapeResult(spec.vendor, answer),
    render: async () => JSON.stringify(render({ kind: 'done', output: shaped }, spec, name)),
    // the same five stages one after the other in one call, without the App around them
    chained: async () => {
      sdkSignals.push(new AbortController().signal); // as for the whole call and the bare proxy: the SDK's, per request
      if (sdkSignals.length > 64) sdkSignals.length = 0;
      const valid = schema.safeParse(coerceArgs(r.args, json));
      const res = await client.send(buildRequest(spec, valid.data), { safeToRepeat: true, signal: new CallSignal() });
      return JSON.stringify(render({ kind: 'done', output: shapeResult(spec.vendor, res.json) }, spec, name));
    },
  };
  for (const [stage, fn] of Object.entries(stages)) timed.push({ name, stage, fn, warm: [], cold: [] });
}
for (const t of timed) for (let i = 0; i < 2000; i++) await t.fn(); // warm-up
for (let round = 0; round < ROUNDS; round++)
  for (const t of round % 2 ? [...timed].reverse() : timed) {
    disturb();
    t.cold.push(await once(t.fn));
    t.warm.push(await once(t.fn));
  }
const out = {};
const disturbed = {};
for (const t of timed) {
  out[t.name] ??= {};
  out[t.name][t.stage] = median(t.warm);
  disturbed[t.name] ??= {};
  disturbed[t.name][t.stage] = median(t.cold);
}

/**
 * Ours beyond the bare proxy, by stage: each stage's extra over the work the bare proxy does in its place, then what
 * running the stages one after the other costs beyond their isolated sum, then the App around them. The rows add up
 * to ours minus bare.
 */
const rows = {};
for (const [name, s] of Object.entries(out)) {
  const stageSum = s.validate + s.build + s.send + s.shape + s.render;
  const bareGlue = s.bare - s.rawRequest - s.bareRender;
  rows[name] = {
    bare: s.bare,
    ours: s.ours,
    disturbed: { bare: disturbed[name].bare, ours: disturbed[name].ours, chained: disturbed[name].chained },
    extra: {
      'argument validation (coercion, zod: patterns, ranges, unknown keys)': s.validate,
      'request building (path ids checked and encoded, headers)': s.build,
      'vendor client instead of a bare undici request() (auth, retry policy, attempt timeout, cancellation, size cap, envelope, int64-safe parse; its own dispatch handler costs less than request())':
        s.send - s.rawRequest,
      'shaping (envelope dropped, readable twins, summary line)': s.shape,
      'rendering beyond one JSON.stringify (untrusted pointers, fenced text copy)': s.render - s.bareRender,
      'the five stages one after the other in one call, beyond each timed alone': s.chained - stageSum - bareGlue,
      "the App around them (dispatch, the call's abort source in the list of calls in flight, the layers' awaits)":
        s.ours - s.chained,
    },
  };
}
await runtime.close?.();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ rounds: ROUNDS, rows }));
} else {
  for (const [name, r] of Object.entries(rows)) {
    console.log(`${name}: ours ${r.ours.toFixed(1)} µs, bare ${r.bare.toFixed(1)} µs per call (in process, warm)`);
    const d = r.disturbed;
    console.log(
      `  disturbed: ours ${d.ours.toFixed(1)} µs (stages without the App ${d.chained.toFixed(1)}), bare ${d.bare.toFixed(1)} µs`,
    );
    for (const [k, v] of Object.entries(r.extra)) console.log(`  ${v.toFixed(1).padStart(6)} µs  ${k}`);
  }
}
process.exit(0);
