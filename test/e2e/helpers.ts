/** Shared pieces of the end-to-end tests: the built server over stdio against an in-process sandbox. */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSeedState, type SandboxHandle, type SandboxState } from '../../src/sandbox/index.js';
import type { Started } from '../helpers/mcp-client.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary vendor JSON from structuredContent
export type Json = any;

/** What the agent sees from one call. */
export interface Res {
  isError: boolean;
  /** structuredContent */
  sc: Json;
  /** all text content joined */
  text: string;
}

/** Environment that points the server at `sb` with real (sandbox) credentials, so it is *not* in sandbox mode. */
export function sandboxEnv(sb: SandboxHandle, extra: Record<string, string> = {}): Record<string, string> {
  const c = sb.credentials;
  return {
    LANYING_BASE_URL: sb.lanyingUrl,
    LANYING_APP_ID: c.lanying.appId,
    LANYING_ACCESS_TOKEN: c.lanying.accessToken,
    EASEMOB_BASE_URL: sb.easemobUrl,
    EASEMOB_ORG: c.easemob.org,
    EASEMOB_APP: c.easemob.app,
    EASEMOB_CLIENT_ID: c.easemob.clientId,
    EASEMOB_CLIENT_SECRET: c.easemob.clientSecret,
    ...extra,
  };
}

/**
 * Puts the live sandbox state back to the seed, in place (the emulator keeps a reference to `sb.state`).
 * Issued Easemob app tokens are kept, so the server's cached token stays valid.
 */
export function resetSandbox(sb: SandboxHandle): void {
  const tokens = sb.state.easemob.tokens;
  const fresh = createSeedState(Date.now());
  sb.state.lanying = fresh.lanying;
  sb.state.easemob = { ...fresh.easemob, tokens };
}

/** A deep copy of the state for before/after comparison, without the app tokens (the server may fetch one). */
export function snapshot(state: SandboxState): SandboxState {
  const s = structuredClone(state);
  s.easemob.tokens = [];
  return s;
}

export async function call(server: Started, name: string, args: Record<string, unknown> = {}): Promise<Res> {
  const r = (await server.client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    structuredContent?: unknown;
    content?: { type: string; text?: string }[];
  };
  return {
    isError: r.isError === true,
    sc: r.structuredContent ?? {},
    text: (r.content ?? []).map((c) => c.text ?? '').join('\n'),
  };
}

export const lyUser = (s: SandboxState, id: number) => {
  const u = s.lanying.users.find((x) => x.user_id === id);
  if (!u) throw new Error(`no Lanying user ${id} in the sandbox`);
  return u;
};

export const emGroup = (s: SandboxState, id: string) => {
  const g = s.easemob.groups.find((x) => x.groupid === id);
  if (!g) throw new Error(`no Easemob group ${id} in the sandbox`);
  return g;
};

export const emThread = (s: SandboxState, id: string) => {
  const t = s.easemob.threads.find((x) => x.id === id);
  if (!t) throw new Error(`no Easemob thread ${id} in the sandbox`);
  return t;
};

/** One request the server sent to the sandbox, as a recording proxy saw it. */
export interface Seen {
  method: string;
  path: string;
}

/**
 * A pass-through proxy in front of the sandbox that records every request, so a test can say what reached the
 * vendor (not only what changed). Point the server at `lanyingUrl`/`easemobUrl` from `proxyEnv`.
 */
export async function recordingProxy(sb: SandboxHandle): Promise<{
  seen: Seen[];
  env: (extra?: Record<string, string>) => Record<string, string>;
  close: () => Promise<void>;
}> {
  const target = new URL(sb.lanyingUrl);
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] ?? '/' });
    const up = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const swap = (u: string) => {
    const x = new URL(u);
    x.port = String(port);
    return x.toString().replace(/\/$/, '');
  };
  return {
    seen,
    env: (extra = {}) => ({
      ...sandboxEnv(sb, extra),
      LANYING_BASE_URL: swap(sb.lanyingUrl),
      EASEMOB_BASE_URL: swap(sb.easemobUrl),
    }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
