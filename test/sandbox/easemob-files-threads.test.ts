import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, SEED_FILE_CONTENT, SEED_FILE_ID } from '../../src/sandbox/index.js';
import { easemobClient, fakeClock, GROUP1, GROUP2, start, THREAD1 } from './helpers.js';

let sb: SandboxHandle;
let em: ReturnType<typeof easemobClient>;
const clock = fakeClock();

beforeEach(async () => {
  clock.set(1_800_000_000_000);
  sb = await start({ now: clock.now });
  em = easemobClient(sb);
});
afterEach(async () => {
  await sb.close();
});

function upload(gid: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), name);
  return em('POST', `/chatgroups/${gid}/share_files`, { body: form });
}

describe('share files', () => {
  it('uploads (multipart field file), lists with sizes, downloads identical bytes, deletes', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7 + 3) % 256);
    const up = await upload(GROUP1, bytes, 'blob.bin');
    expect(up.status).toBe(200);
    const data = up.body.data;
    expect(data).toMatchObject({ group_id: GROUP1, file_name: 'blob.bin', file_size: 70_000, created: clock.now() });
    expect(data.file_url).toBe(
      `${sb.easemobUrl}/sandbox-org/sandbox-app/chatgroups/${GROUP1}/share_files/${data.file_id}`,
    );

    const list = await em('GET', `/chatgroups/${GROUP1}/share_files`, { query: { pagenum: 1, pagesize: 10 } });
    expect(list.body.data).toEqual([
      { file_id: data.file_id, file_name: 'blob.bin', file_owner: 'alice', file_size: 70_000, created: clock.now() },
      expect.objectContaining({ file_id: SEED_FILE_ID, file_name: 'welcome.txt' }),
    ]);
    const page2 = await em('GET', `/chatgroups/${GROUP1}/share_files`, { query: { pagenum: 2, pagesize: 1 } });
    expect(page2.body.data.map((f: { file_id: string }) => f.file_id)).toEqual([SEED_FILE_ID]);

    const res = await fetch(data.file_url, { headers: { authorization: `Bearer ${sb.credentials.easemob.appToken}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const seed = await em('GET', `/chatgroups/${GROUP1}/share_files/${SEED_FILE_ID}`);
    expect(seed.body).toBe(SEED_FILE_CONTENT);

    const del = await em('DELETE', `/chatgroups/${GROUP1}/share_files/${data.file_id}`);
    expect(del.body.data).toEqual({ group_id: GROUP1, file_id: data.file_id, result: true });
    const gone = await em('GET', `/chatgroups/${GROUP1}/share_files/${data.file_id}`);
    expect(gone.status).toBe(404);
  });

  it('refuses files over 10 MB with 413 and non-multipart uploads with 415', async () => {
    const big = await upload(GROUP2, new Uint8Array(10 * 1024 * 1024 + 1), 'big.bin');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: 'request_entity_too_large' });
    expect((await upload(GROUP2, new Uint8Array(10 * 1024 * 1024), 'max.bin')).status).toBe(200);
    const notMultipart = await em('POST', `/chatgroups/${GROUP2}/share_files`, { json: { file: '/tmp/x' } });
    expect(notMultipart.status).toBe(415);
    const noFile = new FormData();
    noFile.append('other', 'x');
    expect((await em('POST', `/chatgroups/${GROUP2}/share_files`, { body: noFile })).status).toBe(400);
  });
});

describe('threads', () => {
  it('lists threads with limit, sort and properties.cursor', async () => {
    for (const [i, name] of ['t2', 't3'].entries()) {
      clock.advance(1000);
      const r = await em('POST', '/thread', {
        json: { group_id: Number(GROUP1), name, owner: 'bob', msg_id: 1000 + i },
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        action: 'post',
        applicationName: 'sandbox-app',
        data: { thread_id: expect.any(String) },
      });
    }
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const r = await em('GET', '/thread', { query: { limit: 2, ...(cursor ? { cursor } : {}) } });
      if (r.body.entities.length === 0) {
        expect(r.body.properties).toEqual({});
        break;
      }
      ids.push(...r.body.entities.map((e: { id: string }) => e.id));
      cursor = r.body.properties.cursor;
      expect(cursor).toEqual(expect.any(String));
    }
    expect(ids).toEqual(['200000000000003', '200000000000002', THREAD1]);
    const asc = await em('GET', '/thread', { query: { sort: 'asc', limit: 1 } });
    expect(asc.body.entities).toEqual([{ id: THREAD1 }]);
    expect((await em('GET', '/thread', { query: { limit: 51 } })).status).toBe(400);
  });

  it("lists a user's threads, overall and in one group", async () => {
    const r = await em('GET', '/threads/user/bob');
    expect(r.body.entities).toEqual([
      {
        name: 'Launch planning',
        owner: 'alice',
        id: THREAD1,
        msgId: '1190000000000000001',
        groupId: GROUP1,
        created: expect.any(Number),
      },
    ]);
    expect((await em('GET', `/threads/chatgroups/${GROUP2}/user/bob`)).body.entities).toEqual([]);
    expect((await em('GET', `/threads/chatgroups/${GROUP1}/user/bob`)).body.entities).toHaveLength(1);
  });

  it('creates, renames, adds and kicks members (JSON body on DELETE), deletes', async () => {
    const bad = await em('POST', '/thread', { json: { group_id: GROUP2, name: 'x', owner: 'dave', msg_id: '1' } });
    expect(bad.status).toBe(403);
    const long = await em('POST', '/thread', {
      json: { group_id: GROUP1, name: 'n'.repeat(65), owner: 'dave', msg_id: '1' },
    });
    expect(long.status).toBe(400);

    const rename = await em('PUT', `/thread/${THREAD1}`, { json: { name: 'Renamed' } });
    expect(rename.body.data).toEqual({ name: 'Renamed' });

    const add = await em('POST', `/thread/${THREAD1}/users`, { json: { usernames: ['dave', 'erin'] } });
    expect(add.body.data).toEqual({ status: 'ok' });
    const members = await em('GET', `/thread/${THREAD1}/users`, { query: { limit: 10 } });
    expect(members.body.data).toEqual({ affiliations: ['alice', 'bob', 'carol', 'dave', 'erin'] });
    expect(members.body.properties.cursor).toEqual(expect.any(String));
    const over = await em('POST', `/thread/${THREAD1}/users`, {
      json: { usernames: Array.from({ length: 11 }, (_, i) => `x${i}`) },
    });
    expect(over.status).toBe(400);
    expect((await em('POST', `/thread/${THREAD1}/users`, { json: { usernames: ['zed'] } })).status).toBe(403);

    const kick = await em('DELETE', `/thread/${THREAD1}/users`, { json: { usernames: ['dave', 'zed', 'alice'] } });
    expect(kick.body.entities).toEqual([
      { result: true, user: 'dave' },
      { result: false, user: 'zed' },
      { result: false, user: 'alice' },
    ]);

    const del = await em('DELETE', `/thread/${THREAD1}`);
    expect(del.body.data).toEqual({ status: 'ok' });
    expect((await em('GET', `/thread/${THREAD1}/users`)).status).toBe(404);
  });

  it('blocks thread management while the group is disabled (seed, 封禁群组: no group or thread management)', async () => {
    expect((await em('POST', `/chatgroups/${GROUP1}/disable`)).status).toBe(200);
    const forbidden = {
      error: 'forbidden_op',
      error_description: `group ${GROUP1} is disabled, no modification is allowed`,
    };
    const rename = await em('PUT', `/thread/${THREAD1}`, { json: { name: 'Renamed' } });
    expect(rename.status).toBe(403);
    expect(rename.body).toMatchObject(forbidden);
    const join = await em('POST', `/thread/${THREAD1}/users`, { json: { usernames: ['dave'] } });
    expect(join.status).toBe(403);
    expect(join.body).toMatchObject(forbidden);
    const kick = await em('DELETE', `/thread/${THREAD1}/users`, { json: { usernames: ['bob'] } });
    expect(kick.status).toBe(403);
    expect(kick.body).toMatchObject(forbidden);
    const thread = sb.state.easemob.threads.find((t) => t.id === THREAD1);
    expect(thread?.name).toBe('Launch planning');
    expect(thread?.members.map((m) => m.user)).toEqual(['alice', 'bob', 'carol']);
    // reads still answer, and deleting the thread is allowed like dissolving the group (docs/sandbox.md)
    expect((await em('GET', `/thread/${THREAD1}/users`)).status).toBe(200);
    expect((await em('DELETE', `/thread/${THREAD1}`)).status).toBe(200);
    // enabled again: management works
    await em('POST', `/chatgroups/${GROUP1}/enable`);
    expect(
      (await em('POST', '/thread', { json: { group_id: GROUP1, name: 'n', owner: 'bob', msg_id: '7' } })).status,
    ).toBe(200);
  });

  it('thread kick needs the usernames body (guide: EM-J2 ThreadApi; the doc example omits it)', async () => {
    const r = await em('DELETE', `/thread/${THREAD1}/users`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'required_property_not_found' });
    expect(r.body.error_description).toContain('usernames');
  });
});
