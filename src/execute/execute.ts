/**
 * Runs validated calls: build the request (or the entry's `run`), send it through the vendor client, shape the
 * answer. A write's requests are planned once (`planCall`) and the same objects are shown, audited and sent.
 */
import { NetworkError } from '../http/errors.js';
import { redact } from '../log.js';
import {
  type LocalFileAccess,
  type RunRequest,
  safeToRepeat,
  type ToolOutput,
  type ToolSpec,
} from '../tools/define.js';
import type { VendorClient, VendorRequest } from '../vendors/vendor.js';
import { type ChunkOutcome, mergeChunks, splitArgs } from './batch.js';
import { buildRequest, fillPath } from './build-request.js';
import type { Outcome } from './outcome.js';
import { describeError, type ErrorReport } from './render.js';
import { shapeResult, withReadable } from './results.js';

export async function execute(
  spec: ToolSpec,
  args: Record<string, unknown>,
  client: VendorClient,
  signal: AbortSignal,
  files: LocalFileAccess,
): Promise<ToolOutput> {
  const opts = { safeToRepeat: safeToRepeat(spec), signal };
  if (spec.run) {
    const out = await spec.run(args, {
      signal,
      files,
      send: async (r: RunRequest) => client.send(await toVendorRequest(r), opts),
    });
    return { ...out, structured: withReadable(spec.vendor, out.structured) };
  }
  const res = await client.send(buildRequest(spec, args), opts);
  return shapeResult(spec.vendor, res.json);
}

/** One vendor call of a planned write: its arguments and, unless the entry has its own `run`, its request. */
export interface PlannedCall {
  args: Record<string, unknown>;
  request: VendorRequest;
  /** the entry's `run` sends the request itself (multipart upload): `request` has its method and path only */
  custom: boolean;
}

/**
 * The vendor calls a write will make, each request built once: a split batch gives one per vendor-sized part. For
 * an entry with its own `run`, only a dry run runs it to capture the request (reading a local file once).
 */
export async function planCall(
  spec: ToolSpec,
  args: Record<string, unknown>,
  opts: { capture: boolean; signal: AbortSignal; files: LocalFileAccess },
): Promise<PlannedCall[]> {
  if (spec.run) {
    const request = opts.capture
      ? await plannedRequest(spec, args, opts.signal, opts.files)
      : { method: spec.http.method, path: fillPath(spec, args) };
    return [{ args, request, custom: true }];
  }
  return splitArgs(spec, args).map((part) => ({ args: part, request: buildRequest(spec, part), custom: false }));
}

/** Sends one planned call. */
export async function sendPlanned(
  spec: ToolSpec,
  call: PlannedCall,
  client: VendorClient,
  signal: AbortSignal,
  files: LocalFileAccess,
): Promise<ToolOutput> {
  if (call.custom) return execute(spec, call.args, client, signal, files);
  const res = await client.send(call.request, { safeToRepeat: safeToRepeat(spec), signal });
  return shapeResult(spec.vendor, res.json);
}

interface BatchContext {
  signal: AbortSignal;
  files: LocalFileAccess;
  progress?: (done: number, total: number, message: string) => Promise<void> | void;
  /** after each part: its index, arguments, request and, when it failed, the error as reported */
  onPart?: (i: number, call: PlannedCall, failure?: ErrorReport) => Promise<void>;
}

/**
 * A split batch: vendor-sized calls in order (paced by the vendor client), progress before each, one merged result
 * with per-item results and the items of any call that failed. Fails as a whole only if every call did.
 */
export async function sendBatch(
  spec: ToolSpec,
  calls: PlannedCall[],
  client: VendorClient,
  ctx: BatchContext,
): Promise<Outcome> {
  const prop = spec.batch?.prop ?? '';
  const outcomes: ChunkOutcome[] = [];
  let first: unknown;
  for (const [i, call] of calls.entries()) {
    const items = (call.args[prop] as unknown[]) ?? [];
    // Progress = vendor calls completed, sent before each call: a notification sent right before the final
    // result can be dropped by clients that settle the call first (the SDK client does).
    await ctx.progress?.(i, calls.length, `${spec.name}: call ${i + 1} of ${calls.length}`);
    if (ctx.signal.aborted) {
      // not sent: recorded like a failed part (its audit line, its items under `failed`)
      const err = new NetworkError(spec.vendor, 'cancelled', 'not sent: the call was cancelled', false);
      first ??= err;
      outcomes.push({ items, error: { message: err.message } });
      await ctx.onPart?.(i, call, describeError(err, spec));
      continue;
    }
    try {
      const output = await sendPlanned(spec, call, client, ctx.signal, ctx.files);
      outcomes.push({ items, output });
      await ctx.onPart?.(i, call);
    } catch (err) {
      const report = describeError(err, spec);
      first ??= err;
      const e = report.error;
      outcomes.push({
        items,
        error: {
          ...(typeof e.code === 'string' ? { code: e.code } : {}),
          ...(typeof e.status === 'number' ? { status: e.status } : {}),
          message: typeof e.message === 'string' ? e.message : redact(report.text),
        },
      });
      await ctx.onPart?.(i, call, report);
    }
  }
  const output = mergeChunks(spec, outcomes);
  if (outcomes.every((o) => o.error) && first !== undefined) return { kind: 'batch_failed', output, first };
  return { kind: 'done', output };
}

/** Thrown inside a dry run once a custom entry's request has been captured, so nothing is sent. */
class Captured extends Error {
  constructor(readonly req: VendorRequest) {
    super('captured');
  }
}

/** The exact request a call would send, without sending it (dry-run, previews). */
async function plannedRequest(
  spec: ToolSpec,
  args: Record<string, unknown>,
  signal: AbortSignal,
  files: LocalFileAccess,
): Promise<VendorRequest> {
  if (!spec.run) return buildRequest(spec, args);
  try {
    await spec.run(args, {
      signal,
      files,
      send: async (r: RunRequest) => {
        throw new Captured(await toVendorRequest(r));
      },
    });
  } catch (err) {
    if (err instanceof Captured) return err.req;
    throw err;
  }
  throw new Error(`${spec.name} finished without sending a request`);
}

/** A custom entry's request in the pipeline's form (multipart FormData serialised by the platform's Response). */
async function toVendorRequest(r: RunRequest): Promise<VendorRequest> {
  const req: VendorRequest = { method: r.method, path: r.path };
  if (r.query) req.query = r.query;
  if (r.headers) req.headers = r.headers;
  if (r.expect) req.expect = r.expect;
  if (r.body?.kind === 'json') req.body = { kind: 'json', text: JSON.stringify(r.body.value) };
  else if (r.body?.kind === 'raw') req.body = { kind: 'raw', text: r.body.text };
  else if (r.body?.kind === 'multipart') {
    const encoded = new Response(r.body.form);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    req.body = { kind: 'multipart', contentType, bytes: new Uint8Array(await encoded.arrayBuffer()) };
  }
  return req;
}
