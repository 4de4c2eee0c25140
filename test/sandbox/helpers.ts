import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary vendor JSON bodies
interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function start(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox(opts);
}

/** A settable fake clock. */
export function fakeClock(start = 1_800_000_000_000) {
  let t = start;
  const now = () => t;
  return { now, set: (v: number) => (t = v), advance: (ms: number) => (t += ms) };
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // raw body
  }
  return { status: res.status, headers: res.headers, body };
}

interface LanyingCall {
  query?: Record<string, string | number | boolean>;
  json?: unknown;
  raw?: string;
  userId?: number | string;
  headers?: Record<string, string>;
}

export function lanyingClient(sb: SandboxHandle) {
  return async (method: string, path: string, call: LanyingCall = {}): Promise<Reply> => {
    const url = new URL(sb.lanyingUrl + path);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {
      app_id: sb.credentials.lanying.appId,
      'access-token': sb.credentials.lanying.accessToken,
      ...(call.userId !== undefined ? { user_id: String(call.userId) } : {}),
      ...call.headers,
    };
    let body: string | undefined;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
    } else if (call.raw !== undefined) {
      body = call.raw;
      headers['content-type'] = 'text/plain';
    }
    return toReply(await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) }));
  };
}

interface EasemobCall {
  query?: Record<string, string | number>;
  json?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  body?: RequestInit['body'];
}

export function easemobClient(sb: SandboxHandle) {
  const { org, app, appToken } = sb.credentials.easemob;
  return async (method: string, path: string, call: EasemobCall = {}): Promise<Reply> => {
    const url = new URL(`${sb.easemobUrl}/${org}/${app}${path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    const token = call.token === undefined ? appToken : call.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: RequestInit['body'] | undefined = call.body;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
    }
    return toReply(await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) }));
  };
}

export const GROUP1 = '100000000000001';
export const GROUP2 = '100000000000002';
export const THREAD1 = '200000000000001';
