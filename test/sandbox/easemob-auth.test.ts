import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { easemobClient, fakeClock, GROUP1, start } from './helpers.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const errorShape = {
  error: expect.any(String),
  exception: expect.any(String),
  timestamp: expect.any(Number),
  duration: expect.any(Number),
  error_description: expect.any(String),
};

function tokenRequest(handle: SandboxHandle, body: unknown, org = 'sandbox-org', app = 'sandbox-app') {
  return fetch(`${handle.easemobUrl}/${org}/${app}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('Easemob app token', () => {
  it('issues a token that authenticates, and expires it by the injected clock', async () => {
    const clock = fakeClock();
    sb = await start({ now: clock.now });
    const creds = sb.credentials.easemob;
    const res = await tokenRequest(sb, {
      grant_type: 'client_credentials',
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
      ttl: 60,
    });
    expect(res.status).toBe(200);
    const tok = (await res.json()) as { access_token: string; expires_in: number; application: string };
    expect(tok).toEqual({ access_token: expect.any(String), expires_in: 60, application: expect.any(String) });

    const em = easemobClient(sb);
    expect((await em('GET', `/chatgroups/${GROUP1}/admin`, { token: tok.access_token })).status).toBe(200);
    clock.advance(61_000);
    const expired = await em('GET', `/chatgroups/${GROUP1}/admin`, { token: tok.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ ...errorShape, error: 'unauthorized' });
    expect(expired.body.error_description).toMatch(/expired/);
    // The pre-issued app token never expires.
    expect((await em('GET', `/chatgroups/${GROUP1}/admin`)).status).toBe(200);
  });

  it('defaults to 60 days', async () => {
    sb = await start();
    const creds = sb.credentials.easemob;
    const res = await tokenRequest(sb, {
      grant_type: 'client_credentials',
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    });
    expect(((await res.json()) as { expires_in: number }).expires_in).toBe(5_184_000);
  });

  it('refuses bad credentials with 400 invalid_grant and a wrong org/app with 404', async () => {
    sb = await start();
    const bad = await tokenRequest(sb, { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ...errorShape, error: 'invalid_grant' });

    const wrongApp = await tokenRequest(sb, { grant_type: 'client_credentials' }, 'sandbox-org', 'other');
    expect(wrongApp.status).toBe(404);
    expect(await wrongApp.json()).toMatchObject({ error: 'organization_application_not_found' });
  });
});

describe('Easemob request checks', () => {
  it('answers 401 for a missing or unknown token', async () => {
    sb = await start();
    const em = easemobClient(sb);
    const none = await em('GET', '/chatgroups', { token: null });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ ...errorShape, error: 'unauthorized' });
    expect((await em('GET', '/chatgroups', { token: 'forged' })).status).toBe(401);
  });

  it('requires Content-Type: application/json for JSON bodies (415) and valid JSON (400 json_parse)', async () => {
    sb = await start();
    const em = easemobClient(sb);
    const noType = await em('POST', `/chatgroups/${GROUP1}/users`, {
      body: JSON.stringify({ usernames: ['x'] }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(noType.status).toBe(415);
    expect(noType.body).toMatchObject(errorShape);

    const broken = await em('POST', `/chatgroups/${GROUP1}/users`, {
      body: '{"usernames": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('json_parse');

    // No body, no Content-Type needed (add one member, ban-all).
    expect((await em('POST', `/chatgroups/${GROUP1}/ban`)).status).toBe(200);
  });

  it('answers unknown resources with 404 service_resource_not_found and missing groups with the vendor text', async () => {
    sb = await start();
    const em = easemobClient(sb);
    const unknown = await em('GET', '/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('service_resource_not_found');
    const gone = await em('GET', '/chatgroups/6602183678361/announcement');
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({
      error: 'resource_not_found',
      exception: 'EasemobResourceNotFoundException',
      error_description: 'grpID 6602183678361 does not exist!',
    });
  });

  it('emulates the rate limit with 429 reach_limit when asked to', async () => {
    const clock = fakeClock();
    sb = await start({ now: clock.now, easemobRateLimitPerSecond: 2 });
    const em = easemobClient(sb);
    expect((await em('GET', '/chatgroups')).status).toBe(200);
    expect((await em('GET', '/chatgroups')).status).toBe(200);
    const limited = await em('GET', '/chatgroups');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('reach_limit');
    clock.advance(1000);
    expect((await em('GET', '/chatgroups')).status).toBe(200);
  });
});
