/** Error mapping per vendor style, retries only where the policy allows, token renewal; all as isError results. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EM_TOKEN, em, FakeUpstream, ly } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { textOf } from './helpers.js';

let fake: FakeUpstream;
let s: Started;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
  s = await startServer({ env: fake.env({ IM_ADMIN_CONFIRM: 'off', IM_ADMIN_TIMEOUT_MS: '1500' }) });
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

const call = (name: string, args: Record<string, unknown>) => s.client.callTool({ name, arguments: args });

describe('Lanying errors inside HTTP 200', () => {
  it('turns code ≠ 200 into isError naming the code, message and what to do', async () => {
    fake.reset();
    fake.reply({ json: { code: 10000, message: 'user not exist', data: null } });
    const r = await call('lanying_get_profile', { user_id: '424242' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toBe(
      'Lanying error 10000 (HTTP 200): <untrusted-data>user not exist</untrusted-data>\nNo such user: check the user id (lanying_list_users lists them).',
    );
    expect(r.structuredContent).toEqual({
      untrusted: ['/error/message'],
      error: { vendor: 'lanying', status: 200, code: '10000', message: 'user not exist' },
    });
  });

  it('maps auth codes to a configuration hint and does not retry them', async () => {
    fake.reset();
    fake.reply({ json: { code: 10008, message: 'invalid token', data: null } });
    const r = await call('lanying_list_users', {});
    expect(textOf(r)).toContain('LANYING_ACCESS_TOKEN');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('Easemob HTTP errors', () => {
  it('turns 404 {error, error_description} into isError', async () => {
    fake.reset();
    fake.reply({
      status: 404,
      json: {
        error: 'resource_not_found',
        exception: 'EasemobResourceNotFoundException',
        timestamp: 1,
        duration: 0,
        error_description: 'grpID 6602183678361 does not exist!',
      },
    });
    const r = await call('easemob_get_announcement', { group_id: '6602183678361' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain(
      'Easemob error resource_not_found (HTTP 404): <untrusted-data>grpID 6602183678361 does not exist!</untrusted-data>',
    );
    expect(r.structuredContent).toEqual({
      untrusted: ['/error/message'],
      error: {
        vendor: 'easemob',
        status: 404,
        code: 'resource_not_found',
        message: 'grpID 6602183678361 does not exist!',
      },
    });
  });

  it('explains a 403 forbidden_op and does not retry it', async () => {
    fake.reset();
    fake.reply({ status: 403, json: { error: 'forbidden_op', error_description: 'can not remove owner' } });
    const r = await call('easemob_remove_member', { group_id: 'g1', username: 'alice' });
    expect(textOf(r)).toContain('owner cannot be removed');
    expect(fake.requests).toHaveLength(1);
  });

  it('renews the token once on 401 and resends', async () => {
    fake.reset();
    fake.reply(
      { status: 401, json: { error: 'unauthorized', error_description: 'token expired' } },
      em({ data: { announcement: 'hello' } }),
    );
    const before = fake.tokenCounter;
    const r = await call('easemob_get_announcement', { group_id: 'g1' });
    expect(r.isError ?? false).toBe(false);
    expect(fake.tokenCounter).toBe(before + 1);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.headers.authorization).toBe(`Bearer ${EM_TOKEN}-${before + 1}`);
    // a 401 even after renewal is reported, not looped
    fake.reset();
    fake.reply(
      { status: 401, json: { error: 'unauthorized', error_description: 'nope' } },
      { status: 401, json: { error: 'unauthorized', error_description: 'nope' } },
    );
    const r2 = await call('easemob_get_announcement', { group_id: 'g1' });
    expect(r2.isError).toBe(true);
    expect(textOf(r2)).toContain('EASEMOB_CLIENT_ID');
    expect(fake.requests).toHaveLength(2);
  });
});

describe('retry policy', () => {
  it('retries a read on 429 honouring Retry-After, and on 503', async () => {
    fake.reset();
    fake.reply(
      { status: 429, headers: { 'retry-after': '0' }, json: { error: 'reach_limit' } },
      { status: 503, text: 'busy' },
      em({ data: { announcement: 'ok' } }),
    );
    const r = await call('easemob_get_announcement', { group_id: 'g1' });
    expect(r.isError ?? false).toBe(false);
    expect(fake.requests).toHaveLength(3);
  });

  it('sends a non-idempotent write once on 503 and says it may have been applied', async () => {
    fake.reset();
    fake.reply({ status: 503, text: '<html><title>Service Unavailable</title></html>' });
    const r = await call('easemob_create_thread', { group_id: 'g1', name: 't', msg_id: 'm1', owner: 'alice' });
    expect(r.isError).toBe(true);
    expect(fake.requests).toHaveLength(1);
    expect(textOf(r)).toContain('HTTP 503 (Service Unavailable)');
    expect(textOf(r)).toContain('may or may not have been applied');
  });

  it('does not wait for a Retry-After beyond 10 s: says when to retry', async () => {
    fake.reset();
    fake.reply({
      status: 429,
      headers: { 'retry-after': '30' },
      json: { error: 'reach_limit', error_description: 'too many' },
    });
    const r = await call('easemob_list_admins', { group_id: 'g1' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('retry after 30 s');
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a timeout on a write as possibly applied, naming a read tool to check', async () => {
    fake.reset();
    // the fake never answers: only the server's own 1.5 s attempt timeout can end this call
    fake.reply({ hold: 'headers' });
    const r = await call('lanying_register_user', { username: 'zed1', password: 'pw-secret-1' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('timeout');
    expect(textOf(r)).toContain('may have been applied');
    expect(textOf(r)).not.toContain('pw-secret-1');
    expect(fake.requests).toHaveLength(1);
  });

  it('reports malformed JSON clearly', async () => {
    fake.reset();
    fake.reply({ text: '{"code":200,', headers: { 'content-type': 'application/json' } });
    const r = await call('lanying_get_settings', { user_id: '1001' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('not JSON');
  });
});

describe('success shape', () => {
  it('keeps a Lanying cursor and tells the agent how to continue', async () => {
    fake.reset();
    fake.reply(ly([{ device_sn: 1, platform: 2, user_agent: 'x', user_id: 1001 }], { cursor: 'c2', version: 5 }));
    const r = await call('lanying_list_devices', { user_id: '1001' });
    expect(r.structuredContent).toEqual({
      untrusted: ['/data/*/user_agent'],
      data: [{ device_sn: 1, platform: 2, platform_text: 'Android', user_agent: 'x', user_id: 1001 }],
      cursor: 'c2',
      version: 5,
    });
    expect(textOf(r).split('\n')[0]).toBe('OK: 1 item(s); more: pass cursor="c2".');
  });
});

describe('secrets in vendor answers', () => {
  it('redacts the configured token when a vendor echoes it in an error message', async () => {
    fake.reset();
    fake.reply({ json: { code: 10008, message: 'token ly-secret-token-123 is invalid for app app-ly-1', data: null } });
    const r = await call('lanying_get_settings', { user_id: '1001' });
    expect(textOf(r)).toContain('token [redacted] is invalid');
    expect(JSON.stringify(r)).not.toContain('ly-secret-token-123');
  });

  it('redacts the client secret and bearer tokens echoed by Easemob', async () => {
    fake.reset();
    fake.reply({
      status: 400,
      json: {
        error: 'illegal_argument',
        error_description: 'bad client_secret=client-secret-xyz; Authorization: Bearer em-app-token-abc',
      },
    });
    const r = await call('easemob_list_admins', { group_id: 'g1' });
    const all = JSON.stringify(r);
    expect(all).not.toContain('client-secret-xyz');
    expect(all).not.toContain('em-app-token-abc');
  });
});
