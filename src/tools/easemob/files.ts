/** Easemob: group share files (list, upload, download, delete). Upload and download use the `run` escape hatch. */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { CREATE, DESTROY_IDEMPOTENT, defineTool, READ } from '../define.js';
import { FileId, GroupId, PageNum, PageSize } from './params.js';

/** The vendor's upload limit: 10 MB. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Largest download returned inline (base64) instead of written to `save_to`. */
const MAX_INLINE_BYTES = 1024 * 1024;

const sharePath = (groupId: string) => `/chatgroups/${encodeURIComponent(groupId)}/share_files`;

function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : String(e);
}

/** The bytes as text when they are valid UTF-8 without NUL, else undefined. */
function utf8Text(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export const listShareFiles = defineTool({
  name: 'easemob_list_share_files',
  title: 'List group share files',
  doc: '获取群组共享文件',
  vendor: 'easemob',
  seq: 12,
  toolset: 'easemob_files',
  description:
    "Page through a group's shared files (file_id, name, owner, size); pagenum starts at 1. Use file_id to download or delete.",
  http: {
    method: 'GET',
    path: '/{org_name}/{app_name}/chatgroups/{group_id}/share_files',
    query: ['pagenum', 'pagesize'],
  },
  input: z.strictObject({ group_id: GroupId, pagenum: PageNum(1).optional(), pagesize: PageSize(1000).optional() }),
  annotations: READ,
  notes: 'The seed types pagesize as String and pagenum as Int; both are numbers here.',
});

export const uploadShareFile = defineTool({
  name: 'easemob_upload_share_file',
  title: 'Upload group share file',
  doc: '上传群组共享文件',
  vendor: 'easemob',
  seq: 13,
  toolset: 'easemob_files',
  description:
    "Upload a file from this server's local disk (at most 10 MB) to a group's shared files; returns its file_id.",
  http: { method: 'POST', path: '/{org_name}/{app_name}/chatgroups/{group_id}/share_files' },
  input: z.strictObject({ group_id: GroupId, file: z.string().min(1).describe('local file path, ≤10 MB') }),
  annotations: CREATE,
  checkWith: 'easemob_list_share_files',
  notes:
    'multipart/form-data with the field `file` (contract §3). The seed lists `file` among the headers; it is the ' +
    'form field. Each upload creates a new file_id, so it is sent once (CREATE).',
  async run({ group_id, file }, ctx) {
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error(`"${file}" is not a regular file. Pass the path of a file.`);
      size = info.size;
    } catch (e) {
      if (!(typeof e === 'object' && e !== null && 'code' in e)) throw e;
      const why = errCode(e) === 'ENOENT' ? 'does not exist' : `cannot be read (${errCode(e)})`;
      throw new Error(`Local file "${file}" ${why}. Pass the path of an existing, readable file.`);
    }
    if (size > MAX_UPLOAD_BYTES) {
      throw new Error(
        `"${file}" is ${size} bytes; Easemob accepts at most 10 MB (${MAX_UPLOAD_BYTES} bytes). Upload a smaller file.`,
      );
    }
    const bytes = await readFile(file);
    const name = basename(file);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await ctx.send({ method: 'POST', path: sharePath(group_id), body: { kind: 'multipart', form } });
    const data = (res.json as { data?: Record<string, unknown> } | undefined)?.data ?? {};
    return {
      structured: { ...data },
      summary: `Uploaded ${name} (${size} bytes) as file_id ${String(data.file_id ?? '?')}.`,
    };
  },
});

export const downloadShareFile = defineTool({
  name: 'easemob_download_share_file',
  title: 'Download group share file',
  doc: '下载群组共享文件',
  vendor: 'easemob',
  seq: 14,
  toolset: 'easemob_files',
  description:
    'Download a group shared file: returned inline as base64 (plus text for UTF-8) up to 1 MB, or written to save_to.',
  http: { method: 'GET', path: '/{org_name}/{app_name}/chatgroups/{group_id}/share_files/{file_id}' },
  input: z.strictObject({
    group_id: GroupId,
    file_id: FileId,
    save_to: z.string().min(1).optional().describe('local path to write the file; omit for inline (≤ 1 MB)'),
  }),
  annotations: READ,
  notes:
    'The vendor answers raw bytes. READ: nothing changes at the vendor; save_to writes only to the local disk ' +
    '(parent folders created, an existing file is overwritten, a directory is refused).',
  async run({ group_id, file_id, save_to }, ctx) {
    const target = save_to === undefined ? undefined : resolve(save_to);
    if (target !== undefined) {
      const existing = await stat(target).catch(() => undefined);
      if (existing?.isDirectory()) {
        throw new Error(`save_to "${save_to}" is a directory; pass a file path such as "${save_to}/${file_id}".`);
      }
    }
    const res = await ctx.send({
      method: 'GET',
      path: `${sharePath(group_id)}/${encodeURIComponent(file_id)}`,
      expect: 'binary',
    });
    const bytes = res.bytes ?? new Uint8Array();
    const n = bytes.byteLength;
    if (target !== undefined) {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
      return { structured: { file_id, saved_to: target, bytes: n }, summary: `Saved ${n} bytes to ${target}.` };
    }
    if (n > MAX_INLINE_BYTES) {
      throw new Error(
        `The file is ${n} bytes, over the 1 MiB inline limit. Call again with save_to set to a local file path.`,
      );
    }
    const structured: Record<string, unknown> = {
      file_id,
      bytes: n,
      content_base64: Buffer.from(bytes).toString('base64'),
    };
    const text = utf8Text(bytes);
    if (text !== undefined) structured.text = text;
    return { structured, summary: `Downloaded ${n} bytes of ${file_id}${text !== undefined ? ' (UTF-8 text)' : ''}.` };
  },
});

export const deleteShareFile = defineTool({
  name: 'easemob_delete_share_file',
  title: 'Delete group share file',
  doc: '删除群组共享文件',
  vendor: 'easemob',
  seq: 15,
  toolset: 'easemob_files',
  description:
    "Delete a file from a group's shared files for every member. Find file ids with easemob_list_share_files.",
  http: { method: 'DELETE', path: '/{org_name}/{app_name}/chatgroups/{group_id}/share_files/{file_id}' },
  input: z.strictObject({ group_id: GroupId, file_id: FileId }),
  annotations: DESTROY_IDEMPOTENT,
  targets: ['group_id', 'file_id'],
  preimage: 'share_file',
  effect: 'The shared file is deleted for all members. Cannot be undone (a new upload gets a new file_id).',
  checkWith: 'easemob_list_share_files',
});
