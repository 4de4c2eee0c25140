/**
 * The share-file tools and the host's disk (contract §2 IM_ADMIN_FILES_DIR, §3): the upload reads and the download
 * writes only inside the one configured folder, after resolving `..` and links; nothing else on the host is
 * reachable, not the audit log, not a device, not a file that already exists (unless asked), not in read-only mode,
 * and not over --http. Every refusal sends nothing.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { em, FakeUpstream } from '../helpers/fake-upstream.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { type HttpServerProcess, startHttpServer } from '../helpers/processes.js';
import { childEnv, runTracked } from '../helpers/spawn.js';
import { textOf } from './helpers.js';

const G = 'g1';
const uploaded = em({ entities: [], data: { group_id: G, file_name: 'a.txt', file_id: 'f1', file_size: 5 } }, 'post');
const fileBytes = { bytes: Buffer.from('from-the-group'), headers: { 'content-type': 'application/octet-stream' } };

/** A scratch world: the files folder, a secret next to it, an audit log inside it. */
function world() {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'im-admin-files-')));
  const files = join(top, 'files');
  mkdirSync(files);
  const secret = join(top, 'secret.env');
  writeFileSync(secret, 'API_KEY=do-not-publish');
  writeFileSync(join(files, 'report.txt'), 'hello');
  symlinkSync(secret, join(files, 'link-to-secret'));
  mkdirSync(join(top, 'elsewhere'));
  symlinkSync(join(top, 'elsewhere'), join(files, 'dir-link'));
  symlinkSync('/dev/zero', join(files, 'zero'));
  return { top, files, secret, audit: join(files, 'audit.jsonl') };
}

/** world() plus a named pipe in the folder (made by the system's mkfifo). */
async function worldWithPipe() {
  const w = world();
  const r = await runTracked('mkfifo', [join(w.files, 'pipe')], { env: childEnv() });
  if (r.code !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
  return w;
}

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await new FakeUpstream().start();
});
afterAll(async () => fake?.close());
beforeEach(() => fake.reset());

const sent = () => fake.requests.filter((r) => !r.path.endsWith('/token'));

describe('without IM_ADMIN_FILES_DIR no local path is accepted', () => {
  let s: Started;
  let w: ReturnType<typeof world>;
  beforeAll(async () => {
    w = world();
    s = await startServer({ env: fake.env({ IM_ADMIN_AUDIT_LOG: join(w.top, 'audit.jsonl') }) });
  });
  afterAll(async () => s?.close());

  it('the upload refuses any path, naming the setting, and sends nothing', async () => {
    for (const file of [w.secret, join(w.files, 'report.txt'), 'report.txt']) {
      const r = await s.client.callTool({ name: 'easemob_upload_share_file', arguments: { group_id: G, file } });
      expect(r.isError, file).toBe(true);
      expect(textOf(r)).toContain('IM_ADMIN_FILES_DIR');
      expect(textOf(r)).not.toContain('do-not-publish');
    }
    expect(sent()).toEqual([]);
  });

  it('the download refuses save_to, naming the setting, before anything is fetched or written', async () => {
    const target = join(w.top, 'written-by-agent.txt');
    const r = await s.client.callTool({
      name: 'easemob_download_share_file',
      arguments: { group_id: G, file_id: 'f1', save_to: target },
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('IM_ADMIN_FILES_DIR');
    expect(existsSync(target)).toBe(false);
    expect(sent()).toEqual([]);
  });

  it('the download still answers inline', async () => {
    fake.reply(fileBytes);
    const r = await s.client.callTool({
      name: 'easemob_download_share_file',
      arguments: { group_id: G, file_id: 'f1' },
    });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect((r.structuredContent as { text: string }).text).toBe('from-the-group');
  });

  it('a download over the inline limit says which setting allows saving it', async () => {
    fake.reply({ bytes: Buffer.alloc(1024 * 1024 + 1, 97), headers: { 'content-type': 'application/octet-stream' } });
    const r = await s.client.callTool({
      name: 'easemob_download_share_file',
      arguments: { group_id: G, file_id: 'f1' },
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('IM_ADMIN_FILES_DIR');
  });
});

describe('with IM_ADMIN_FILES_DIR the folder is the only reachable place', () => {
  let s: Started;
  let w: ReturnType<typeof world>;
  beforeAll(async () => {
    w = await worldWithPipe();
    s = await startServer({ env: fake.env({ IM_ADMIN_FILES_DIR: w.files, IM_ADMIN_AUDIT_LOG: w.audit }) });
  });
  afterAll(async () => s?.close());

  const upload = (file: string) =>
    s.client.callTool({ name: 'easemob_upload_share_file', arguments: { group_id: G, file } });
  const download = (save_to: string, extra: Record<string, unknown> = {}) =>
    s.client.callTool({
      name: 'easemob_download_share_file',
      arguments: { group_id: G, file_id: 'f1', save_to, ...extra },
    });

  it('uploads a file named relative to the folder, and audits the upload', async () => {
    fake.reply(uploaded);
    const r = await upload('report.txt');
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(sent()).toHaveLength(1);
    expect(sent()[0]?.body.toString('latin1')).toContain('hello');
    const lines = readFileSync(w.audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({
      tool: 'easemob_upload_share_file',
      outcome: 'success',
      args: { file: 'report.txt' },
    });
  });

  it.each([
    ['an escape by ..', '../secret.env'],
    ['an absolute path outside', '/etc/hostname'],
    ['a link inside pointing outside', 'link-to-secret'],
    ['a linked folder pointing outside', 'dir-link/../secret.env'],
    ['a device behind a link', 'zero'],
    ['a named pipe', 'pipe'],
    ['the folder itself', '.'],
    ['the audit log', 'audit.jsonl'],
  ])('the upload refuses %s and sends nothing', async (_label, file) => {
    const r = await upload(file);
    expect(r.isError, file).toBe(true);
    expect(textOf(r)).toMatch(/IM_ADMIN_FILES_DIR|not a regular file|audit log/);
    expect(textOf(r)).not.toContain('do-not-publish');
    expect(sent()).toEqual([]);
  });

  it('a refused upload is audited as refused', async () => {
    await upload('../secret.env');
    const last = JSON.parse(readFileSync(w.audit, 'utf8').trim().split('\n').at(-1) as string);
    expect(last).toMatchObject({ tool: 'easemob_upload_share_file', outcome: 'refused' });
  });

  it('saves a download relative to the folder, creating subfolders inside it', async () => {
    fake.reply(fileBytes);
    const r = await download('incoming/copy.txt');
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(readFileSync(join(w.files, 'incoming', 'copy.txt'), 'utf8')).toBe('from-the-group');
    expect(r.structuredContent).toEqual({ file_id: 'f1', saved_to: 'incoming/copy.txt', bytes: 14 });
  });

  it.each([
    ['an escape by ..', '../planted.txt', 'planted.txt'],
    ['an absolute path outside', '__TOP__/planted2.txt', 'planted2.txt'],
    ['a linked folder pointing outside', 'dir-link/planted3.txt', 'elsewhere/planted3.txt'],
  ])('the download refuses %s before fetching anything', async (_label, target, outside) => {
    const r = await download(target.replace('__TOP__', w.top));
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('IM_ADMIN_FILES_DIR');
    expect(existsSync(join(w.top, outside))).toBe(false);
    expect(sent()).toEqual([]);
  });

  it('the download never writes through a link to a file outside', async () => {
    for (const extra of [{}, { overwrite: true }]) {
      fake.reply(fileBytes);
      const r = await download('link-to-secret', extra);
      expect(r.isError).toBe(true);
      expect(readFileSync(w.secret, 'utf8')).toBe('API_KEY=do-not-publish');
    }
  });

  it('the download does not overwrite an existing file unless asked to', async () => {
    const r = await download('report.txt');
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('overwrite');
    expect(readFileSync(join(w.files, 'report.txt'), 'utf8')).toBe('hello');
    expect(sent()).toEqual([]);
    fake.reply(fileBytes);
    const ok = await download('report.txt', { overwrite: true });
    expect(ok.isError, textOf(ok)).toBeFalsy();
    expect(readFileSync(join(w.files, 'report.txt'), 'utf8')).toBe('from-the-group');
    writeFileSync(join(w.files, 'report.txt'), 'hello');
  });

  it('the download never overwrites the audit log, even when asked to', async () => {
    const before = readFileSync(w.audit, 'utf8');
    fake.reply(fileBytes);
    const r = await download('audit.jsonl', { overwrite: true });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('audit log');
    expect(readFileSync(w.audit, 'utf8').startsWith(before)).toBe(true);
    expect(statSync(w.audit).size).toBeGreaterThan(0);
  });

  it('the download never writes into a device or a pipe', async () => {
    for (const target of ['zero', 'pipe']) {
      for (const extra of [{}, { overwrite: true }]) {
        fake.reset();
        fake.reply(fileBytes);
        const r = await download(target, extra);
        expect(r.isError, target).toBe(true);
      }
    }
  });
});

describe('read-only mode', () => {
  let s: Started;
  let w: ReturnType<typeof world>;
  beforeAll(async () => {
    w = world();
    s = await startServer({
      env: fake.env({ IM_ADMIN_FILES_DIR: w.files, IM_ADMIN_READ_ONLY: 'true', IM_ADMIN_AUDIT_LOG: w.audit }),
    });
  });
  afterAll(async () => s?.close());

  it('refuses the download to a local path (the upload is not served)', async () => {
    const r = await s.client.callTool({
      name: 'easemob_download_share_file',
      arguments: { group_id: G, file_id: 'f1', save_to: 'copy.txt' },
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('IM_ADMIN_READ_ONLY');
    expect(existsSync(join(w.files, 'copy.txt'))).toBe(false);
    expect(sent()).toEqual([]);
    const up = await s.client.callTool({
      name: 'easemob_upload_share_file',
      arguments: { group_id: G, file: 'report.txt' },
    });
    expect(up.isError).toBe(true);
    expect(sent()).toEqual([]);
  });
});

describe('over --http the same folder rules hold', () => {
  const TOKEN = 'files-http-token-0123456789';
  let srv: HttpServerProcess;
  let client: Client;
  let w: ReturnType<typeof world>;
  beforeAll(async () => {
    w = world();
    srv = await startHttpServer(
      fake.env({ IM_ADMIN_HTTP_TOKEN: TOKEN, IM_ADMIN_FILES_DIR: w.files, IM_ADMIN_AUDIT_LOG: w.audit }),
    );
    client = new Client({ name: 'files-http', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(srv.url), {
        requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
      }),
    );
  });
  afterAll(async () => {
    await client?.close();
    await srv?.stop();
  });

  it('refuses reading and writing outside the folder', async () => {
    const up = await client.callTool({ name: 'easemob_upload_share_file', arguments: { group_id: G, file: w.secret } });
    expect(up.isError).toBe(true);
    const down = await client.callTool({
      name: 'easemob_download_share_file',
      arguments: { group_id: G, file_id: 'f1', save_to: '../planted-http.txt' },
    });
    expect(down.isError).toBe(true);
    expect(existsSync(join(w.top, 'planted-http.txt'))).toBe(false);
    expect(sent()).toEqual([]);
  });
});
