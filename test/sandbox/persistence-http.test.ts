import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMultipart, splitList } from '../../src/sandbox/http.js';
import { SEED_SUMMARY, startSandbox } from '../../src/sandbox/index.js';
import { easemobClient, lanyingClient } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'im-admin-sandbox-'));
  dirs.push(d);
  return d;
}

describe('persistence', () => {
  it('writes state atomically after mutations and reads it back after a restart', async () => {
    const statePath = join(tempDir(), 'state.json');
    const first = await startSandbox({ statePath });
    expect(existsSync(statePath)).toBe(true);
    const em = easemobClient(first);
    const ly = lanyingClient(first);
    const created = await em('POST', '/chatgroups', { json: { groupname: 'kept', public: false, owner: 'erin' } });
    const gid = created.body.data.groupid as string;
    await em('POST', `/chatgroups/${gid}/users/dave`);
    await ly('PUT', '/user/nickname', { userId: 1002, query: { nick_name: 'Persisted Bob' } });
    await first.close();

    expect(readdirSync(join(statePath, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const onDisk = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(onDisk.version).toBe(1);

    const second = await startSandbox({ statePath });
    try {
      const em2 = easemobClient(second);
      const details = await em2('GET', `/chatgroups/${gid}`);
      expect(details.status).toBe(200);
      expect(details.body.data[0]).toMatchObject({ name: 'kept', owner: 'erin', affiliations_count: 2 });
      const profile = await lanyingClient(second)('GET', '/user/profile', { userId: 1002 });
      expect(profile.body.data.nick_name).toBe('Persisted Bob');
      // Counters survive too: the next group gets a fresh id.
      const next = await em2('POST', '/chatgroups', { json: { public: true, owner: 'alice' } });
      expect(next.body.data.groupid).not.toBe(gid);
    } finally {
      await second.close();
    }
  });

  it('keeps state in memory without a state path (a restart is a fresh seed)', async () => {
    const a = await startSandbox();
    await easemobClient(a)('DELETE', '/chatgroups/100000000000001');
    await a.close();
    const b = await startSandbox();
    expect((await easemobClient(b)('GET', '/chatgroups/100000000000001')).status).toBe(200);
    await b.close();
  });

  it('refuses a corrupt state file', async () => {
    const statePath = join(tempDir(), 'state.json');
    writeFileSync(statePath, '{not json');
    await expect(startSandbox({ statePath })).rejects.toThrow(/not valid JSON/);
    writeFileSync(statePath, '{"version": 7}');
    await expect(startSandbox({ statePath })).rejects.toThrow(/does not hold sandbox state/);
  });
});

describe('helpers', () => {
  it('splits comma lists: raw commas, %2C and encoded items', () => {
    expect(splitList('a,b')).toEqual(['a', 'b']);
    expect(splitList('a%2Cb')).toEqual(['a', 'b']);
    expect(splitList('us%40er,b%20c')).toEqual(['us@er', 'b c']);
    expect(splitList('%E0%A4%A')).toBeUndefined();
  });

  it('parses curl-style multipart bodies', () => {
    const boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG_3.JPG"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      Buffer.from([0, 1, 2, 13, 10, 255]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const parsed = parseMultipart(`multipart/form-data; boundary=${boundary}`, body);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.fields).toEqual({ note: 'hi' });
    expect(parsed.files.file?.filename).toBe('IMG_3.JPG');
    expect(parsed.files.file?.contentType).toBe('image/jpeg');
    expect([...(parsed.files.file?.data ?? [])]).toEqual([0, 1, 2, 13, 10, 255]);
    expect(parseMultipart('multipart/form-data', body).ok).toBe(false);
  });

  it('publishes a seed summary naming the seed users and groups', () => {
    for (const word of ['alice', 'bob', 'carol', 'mallory', '100000000000001', '100000000000002', 'sandbox-org']) {
      expect(SEED_SUMMARY).toContain(word);
    }
  });
});
