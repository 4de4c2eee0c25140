/** Runs one validated call: build the request (or the entry's `run`), send it through the vendor client, shape it. */
import type { LocalFileAccess, RunRequest, ToolOutput, ToolSpec } from '../tools/define.js';
import type { VendorClient, VendorRequest } from '../vendors/vendor.js';
import { buildRequest } from './build-request.js';
import { shapeResult } from './results.js';

export const safeToRepeat = (spec: ToolSpec): boolean =>
  spec.annotations.readOnlyHint || spec.annotations.idempotentHint;

export async function execute(
  spec: ToolSpec,
  args: Record<string, unknown>,
  client: VendorClient,
  signal: AbortSignal,
  files: LocalFileAccess,
): Promise<ToolOutput> {
  const opts = { safeToRepeat: safeToRepeat(spec), signal };
  if (spec.run) {
    return spec.run(args, {
      signal,
      files,
      send: async (r: RunRequest) => client.send(await toVendorRequest(r), opts),
    });
  }
  const res = await client.send(buildRequest(spec, args), opts);
  return shapeResult(spec.vendor, res.json);
}

/** Thrown inside a dry run once a custom entry's request has been captured, so nothing is sent. */
class Captured extends Error {
  constructor(readonly req: VendorRequest) {
    super('captured');
  }
}

/** The exact request a call would send, without sending it (dry-run, previews). */
export async function plannedRequest(
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
export async function toVendorRequest(r: RunRequest): Promise<VendorRequest> {
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
