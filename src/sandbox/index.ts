/**
 * The built-in sandbox: one node:http server on 127.0.0.1 that emulates both vendors.
 *   /lanying/user/...            → Lanying (MaximTop) "1 User action" (lanying/)
 *   /easemob/{org}/{app}/...     → Easemob group management (+ POST /{org}/{app}/token) (easemob/)
 * State: state.ts (both vendors' seeds), persistence.ts (the state file).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEasemobHandler, errorResponse } from './easemob/index.js';
import {
  SANDBOX_EASEMOB_APP,
  SANDBOX_EASEMOB_APP_TOKEN,
  SANDBOX_EASEMOB_CLIENT_ID,
  SANDBOX_EASEMOB_CLIENT_SECRET,
  SANDBOX_EASEMOB_ORG,
} from './easemob/state.js';
import { BodyTooLargeError, json, readBody, type SandboxRequest, type SandboxResponse } from './http.js';
import { handleLanying } from './lanying/index.js';
import { SANDBOX_LANYING_ACCESS_TOKEN, SANDBOX_LANYING_APP_ID } from './lanying/state.js';
import { loadState, saveState } from './persistence.js';
import { addEasemobUsers, checkEasemobUsers, loadSeedFile } from './seed-file.js';
import { createSeedState, type SandboxState } from './state.js';

export {
  SEED_FILE_CONTENT,
  SEED_FILE_ID,
  SEED_GROUP_PRIVATE_ID,
  SEED_GROUP_PUBLIC_ID,
  SEED_THREAD_ID,
} from './easemob/state.js';
export { createSeedState, type SandboxState, SEED_SUMMARY } from './state.js';

export interface SandboxOptions {
  /** JSON file to load state from (when present) and to rewrite atomically after every mutating request. */
  statePath?: string;
  /** Clock in Unix ms (timestamps, mute expiry, token expiry). Default Date.now. */
  now?: () => number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 = a random free port. */
  port?: number;
  /** Emulate Easemob's rate limit: requests per second before 429 `reach_limit`. Default: unlimited. */
  easemobRateLimitPerSecond?: number;
  /** JSON seed file with extra data, `{"easemob": {"users": [...]}}` (IM_ADMIN_SANDBOX_SEED; seed-file.ts). */
  seedPath?: string;
  /** Extra Easemob user ids (`sandbox --easemob-user`), added after the seed file's. */
  easemobUsers?: string[];
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:PORT/lanying (Lanying paths /user/... are appended) */
  lanyingUrl: string;
  /** e.g. http://127.0.0.1:PORT/easemob (Easemob paths /{org}/{app}/... are appended) */
  easemobUrl: string;
  credentials: {
    lanying: { appId: string; accessToken: string };
    easemob: { org: string; app: string; clientId: string; clientSecret: string; appToken: string };
  };
  /** The live state object, for tests to assert on (and adjust). */
  state: SandboxState;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const statePath = opts.statePath;

  // Extra users are validated before anything is read or written.
  const extraUsers = [
    ...(opts.seedPath ? (await loadSeedFile(opts.seedPath)).easemobUsers : []),
    ...checkEasemobUsers(opts.easemobUsers ?? []),
  ];
  let state = statePath ? await loadState(statePath) : undefined;
  let fresh = false;
  if (!state) {
    state = createSeedState(now());
    fresh = true;
  }
  const added = addEasemobUsers(state, extraUsers);
  if (statePath && (fresh || added)) await saveState(statePath, state);
  /** Saves one at a time, in request order, so an older snapshot never lands after a newer one. */
  let saving: Promise<void> = Promise.resolve();
  const persist = (path: string): Promise<void> => {
    const next = saving.then(() => saveState(path, liveState));
    saving = next.catch(() => {});
    return next;
  };
  const liveState = state;
  const easemob = createEasemobHandler({
    state: liveState,
    now,
    ...(opts.easemobRateLimitPerSecond === undefined ? {} : { rateLimitPerSecond: opts.easemobRateLimitPerSecond }),
  });

  async function dispatch(req: IncomingMessage): Promise<SandboxResponse> {
    const method = (req.method ?? 'GET').toUpperCase();
    const hostHeader = req.headers.host ?? host;
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    const segments = url.pathname.split('/').slice(1);
    if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
    const vendor = segments.shift();

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      if (vendor === 'easemob') {
        return errorResponse(413, 'request_entity_too_large', 'request body exceeds the limit of 10 MB', now());
      }
      return json(413, { code: 413, message: 'request body too large', data: null });
    }

    const sreq: SandboxRequest = {
      method,
      segments,
      query: url.searchParams,
      headers: req.headers,
      body,
      uri: `${url.origin}${url.pathname}`,
    };
    if (vendor === 'lanying') return handleLanying({ req: sreq, state: liveState, now });
    if (vendor === 'easemob') return easemob(sreq);
    return json(404, {
      error: 'not_found',
      error_description: 'the sandbox serves /lanying/user/... and /easemob/{org}/{app}/...',
    });
  }

  function send(res: ServerResponse, out: SandboxResponse): void {
    const body = typeof out.body === 'string' ? Buffer.from(out.body) : out.body;
    res.writeHead(out.status, { ...out.headers, 'content-length': String(body.length) });
    res.end(body);
  }

  const server = createServer((req, res) => {
    dispatch(req)
      .then(async (out) => {
        const method = (req.method ?? 'GET').toUpperCase();
        if (statePath && method !== 'GET' && method !== 'HEAD' && out.status < 500) {
          await persist(statePath);
        }
        send(res, out);
      })
      .catch((err: unknown) => {
        if (!res.headersSent) {
          send(res, json(500, { error: 'internal_error', error_description: `sandbox error: ${String(err)}` }));
        } else {
          res.destroy();
        }
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    lanyingUrl: `${origin}/lanying`,
    easemobUrl: `${origin}/easemob`,
    credentials: {
      lanying: { appId: SANDBOX_LANYING_APP_ID, accessToken: SANDBOX_LANYING_ACCESS_TOKEN },
      easemob: {
        org: SANDBOX_EASEMOB_ORG,
        app: SANDBOX_EASEMOB_APP,
        clientId: SANDBOX_EASEMOB_CLIENT_ID,
        clientSecret: SANDBOX_EASEMOB_CLIENT_SECRET,
        appToken: SANDBOX_EASEMOB_APP_TOKEN,
      },
    },
    state: liveState,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      await saving; // the last snapshot lands before the process ends
    },
  };
}
