/**
 * The HTTP client's one attempt (http/client.ts), against a real loopback server: what reaches the server is the
 * URL as built, an attempt cancelled while it waits for a connection is never written, and a body is cut at the cap
 * whether its length is declared or streamed. (The fault matrix in test/inproc/faults.test.ts runs every tool
 * through the same client; these are the client's own rules.)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { HttpClient } from '../../src/http/client.js';
import { NetworkError } from '../../src/http/errors.js';

interface Seen {
  method: string;
  url: string;
  host: string;
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A loopback server that records each request and answers it with `answer` (or holds it while `hold` says so). */
async function upstream(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '' });
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { seen, port };
}

function client(opts: { cap?: number; connections?: number } = {}) {
  const dispatcher = new Agent({ connections: opts.connections ?? 4 });
  const http = new HttpClient({ timeoutMs: 60_000, maxResponseBytes: opts.cap ?? 1e6, dispatcher });
  cleanups.push(() => http.close());
  return http;
}

describe('the HTTP client', () => {
  it('sends the path and query exactly as built, to the origin, and returns status, headers and body', async () => {
    const { seen, port } = await upstream((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-one': 'a' });
      res.end('{"ok":true}');
    });
    const http = client();
    const url = `http://127.0.0.1:${port}/o/a/chatgroups/g%2F1%20x/users/a%2Cb?limit=10&cursor=a%26b%3D`;
    const res = await http.send('easemob', { method: 'GET', url, headers: { accept: 'application/json' } });
    expect(res.status).toBe(201);
    expect(res.headers['x-one']).toBe('a');
    expect(Buffer.from(res.body).toString()).toBe('{"ok":true}');
    expect(seen).toEqual([
      {
        method: 'GET',
        url: '/o/a/chatgroups/g%2F1%20x/users/a%2Cb?limit=10&cursor=a%26b%3D',
        host: `127.0.0.1:${port}`,
      },
    ]);
  });

  it('takes apart a URL whose origin is not written as the URL parser writes it', async () => {
    const { seen, port } = await upstream((_req, res) => res.end('{}'));
    const http = client();
    await http.send('lanying', { method: 'GET', url: `HTTP://127.0.0.1:${port}/user/info?x=1`, headers: {} });
    await http.send('lanying', { method: 'GET', url: `http://127.0.0.1:${port}?y=2`, headers: {} });
    expect(seen.map((s) => s.url)).toEqual(['/user/info?x=1', '/?y=2']);
  });

  it('never writes an attempt cancelled while it waited for a connection', async () => {
    let release: (() => void) | undefined;
    const { seen, port } = await upstream((req, res) => {
      if (req.url === '/first') release = () => res.end('{}');
      else res.end('{}');
    });
    const http = client({ connections: 1 });
    const first = http.send('easemob', { method: 'GET', url: `http://127.0.0.1:${port}/first`, headers: {} });
    await expect.poll(() => seen.length).toBe(1);
    const cancel = new AbortController();
    const second = http.send(
      'easemob',
      { method: 'POST', url: `http://127.0.0.1:${port}/second`, headers: {}, body: '{}' },
      cancel.signal,
    );
    cancel.abort();
    // the cancelled attempt ends at once, not when a connection frees up
    await expect(second).rejects.toMatchObject({ kind: 'cancelled' });
    release?.();
    await first;
    // a third request on the same connection shows the queue moved past the cancelled one
    await http.send('easemob', { method: 'GET', url: `http://127.0.0.1:${port}/third`, headers: {} });
    expect(seen.map((s) => s.url)).toEqual(['/first', '/third']);
  });

  it('opens no connection for an attempt cancelled before it started', async () => {
    let connections = 0;
    const server = createServer((_req, res) => res.end('{}'));
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    const http = client();
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(
      http.send('easemob', { method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {} }, cancelled.signal),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    await new Promise((r) => setTimeout(r, 50));
    expect(connections).toBe(0);
  });

  it.each([
    ['declared', (res: ServerResponse) => res.writeHead(200, { 'content-length': '2048' }).end('x'.repeat(2048))],
    [
      'streamed',
      (res: ServerResponse) => {
        res.writeHead(200);
        res.write('x'.repeat(600));
        res.write('x'.repeat(600));
        res.end('x'.repeat(848));
      },
    ],
  ])('refuses a body over the cap (%s length), and the next request still works', async (_kind, answer) => {
    let n = 0;
    const { port } = await upstream((_req, res) => {
      n++;
      if (n === 1) answer(res);
      else res.end('{"small":1}');
    });
    const http = client({ cap: 1024 });
    const err = await http
      .send('easemob', { method: 'GET', url: `http://127.0.0.1:${port}/big`, headers: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ kind: 'too-large' });
    expect(String((err as Error).message)).toMatch(/exceeded 1024 bytes/);
    const ok = await http.send('easemob', { method: 'GET', url: `http://127.0.0.1:${port}/small`, headers: {} });
    expect(Buffer.from(ok.body).toString()).toBe('{"small":1}');
  });
});

describe('vendor base URLs', () => {
  it('are kept as the URL parser writes them, so the client can send paths as they are', () => {
    const config = loadConfig({
      EASEMOB_BASE_URL: 'HTTPS://A1.Easemob.COM:443/',
      EASEMOB_ORG: 'o',
      EASEMOB_APP: 'a',
      EASEMOB_CLIENT_ID: 'c',
      EASEMOB_CLIENT_SECRET: 's',
      LANYING_BASE_URL: 'http://api.example:8080/v1/../prefix//',
      LANYING_APP_ID: 'x',
      LANYING_ACCESS_TOKEN: 't',
    });
    expect(config.easemob?.baseUrl).toBe('https://a1.easemob.com');
    expect(config.lanying?.baseUrl).toBe('http://api.example:8080/prefix');
  });

  it('refuses an Easemob org or app name that a path would resolve away', () => {
    const env = { EASEMOB_BASE_URL: 'https://a1.easemob.com', EASEMOB_APP_TOKEN: 't' };
    for (const [org, app, name] of [
      ['..', 'a', 'EASEMOB_ORG'],
      ['o', '.', 'EASEMOB_APP'],
    ] as const) {
      expect(() => loadConfig({ ...env, EASEMOB_ORG: org, EASEMOB_APP: app })).toThrow(
        new RegExp(`^${name} cannot be "\\.{1,2}"`),
      );
    }
  });
});
