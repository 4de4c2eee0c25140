/** Easemob: group share files (list, upload, download, delete). Upload and download use the `run` escape hatch. */
import { z } from 'zod';
import { CREATE, DESTROY_IDEMPOTENT, READ } from '../define.js';
import { easemobToolset, FileId, GroupId, PageNum, PageSize } from './params.js';

const tool = easemobToolset('easemob_files');

/** The vendor's upload limit: 10 MB. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Largest download returned inline (base64); larger ones need `save_to`. */
const MAX_INLINE_BYTES = 1024 * 1024;

const sharePath = (groupId: string) => `/chatgroups/${encodeURIComponent(groupId)}/share_files`;

/** The bytes as text when they are valid UTF-8 without NUL, else undefined. */
function utf8Text(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export const listShareFiles = tool({
  name: 'easemob_list_share_files',
  title: 'List group share files',
  doc: '获取群组共享文件',
  description: "Page through a group's shared files (file_id, name, owner, size).",
  http: {
    method: 'GET',
    path: '/chatgroups/{group_id}/share_files',
    query: ['pagenum', 'pagesize'],
  },
  input: z.strictObject({ group_id: GroupId, pagenum: PageNum(1).optional(), pagesize: PageSize(1000).optional() }),
  targets: { group_id: 'group' },
  annotations: READ,
  output: {
    data: [{ file_id: 'string', file_name: 'string', file_owner: 'string', file_size: 'integer', created: 'integer' }],
  },
  paging: { kind: 'page', page: 'pagenum', size: 'pagesize', first: 1 },
  notes: 'The seed types pagesize as String and pagenum as Int; both are numbers here.',
});

export const uploadShareFile = tool({
  name: 'easemob_upload_share_file',
  title: 'Upload group share file',
  doc: '上传群组共享文件',
  description:
    "Publish a file (≤10 MB) from the server's files folder (IM_ADMIN_FILES_DIR) to a group's shared files; returns its file_id.",
  http: { method: 'POST', path: '/chatgroups/{group_id}/share_files' },
  input: z.strictObject({
    group_id: GroupId,
    file: z.string().min(1).max(1024).describe('path inside the files folder, e.g. "report.txt"'),
  }),
  targets: { group_id: 'group' },
  annotations: CREATE,
  output: {
    file_url: 'string',
    group_id: 'string',
    file_name: 'string',
    created: 'integer',
    file_id: 'string',
    file_size: 'integer',
  },
  checkWith: 'easemob_list_share_files',
  notes:
    'multipart/form-data with the field `file` (contract §3). The seed lists `file` among the headers; it is the ' +
    'form field. Each upload creates a new file_id, so it is sent once (CREATE). The file is read only from ' +
    'IM_ADMIN_FILES_DIR (guards/local-files.ts): unset, every path is refused.',
  async run({ group_id, file }, ctx) {
    const { bytes, name } = await ctx.files.read(file, MAX_UPLOAD_BYTES);
    const form = new FormData();
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
    const res = await ctx.send({ method: 'POST', path: sharePath(group_id), body: { kind: 'multipart', form } });
    const data = (res.json as { data?: Record<string, unknown> } | undefined)?.data ?? {};
    return {
      structured: { ...data },
      summary: `Uploaded ${name} (${bytes.byteLength} bytes) as file_id ${String(data.file_id ?? '?')}.`,
    };
  },
});

export const downloadShareFile = tool({
  name: 'easemob_download_share_file',
  title: 'Download group share file',
  doc: '下载群组共享文件',
  description:
    "Download a group shared file: inline as base64 (and text if UTF-8) up to 1 MB, or to save_to in the server's files folder.",
  http: { method: 'GET', path: '/chatgroups/{group_id}/share_files/{file_id}' },
  input: z.strictObject({
    group_id: GroupId,
    file_id: FileId,
    save_to: z.string().min(1).max(1024).optional().describe('path inside the files folder; omit: inline'),
    overwrite: z.boolean().optional().describe('replace an existing save_to file'),
  }),
  targets: { group_id: 'group', file_id: 'file' },
  annotations: READ,
  output: { file_id: 'string', bytes: 'integer', content_base64: 'string', text: 'string', saved_to: 'string' },
  notes:
    'The vendor answers raw bytes. READ: nothing changes at the vendor (inline answers change nothing at all). ' +
    'save_to writes only inside IM_ADMIN_FILES_DIR (guards/local-files.ts), checked before anything is fetched: ' +
    "subfolders are created, an existing file is replaced only with overwrite, the server's own files never; " +
    'refused in read-only mode.',
  async run({ group_id, file_id, save_to, overwrite }, ctx) {
    const plan = save_to === undefined ? undefined : await ctx.files.planWrite(save_to, overwrite ?? false);
    const res = await ctx.send({
      method: 'GET',
      path: `${sharePath(group_id)}/${encodeURIComponent(file_id)}`,
      expect: 'binary',
    });
    const bytes = res.bytes ?? new Uint8Array();
    const n = bytes.byteLength;
    if (plan !== undefined) {
      await ctx.files.write(plan, bytes);
      return { structured: { file_id, saved_to: plan.shown, bytes: n }, summary: `Saved ${n} bytes to ${plan.shown}.` };
    }
    if (n > MAX_INLINE_BYTES) {
      throw new Error(
        `The file is ${n} bytes, over the 1 MiB inline limit. Call again with save_to, a path inside the server's files folder (IM_ADMIN_FILES_DIR; the operator sets it).`,
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

export const deleteShareFile = tool({
  name: 'easemob_delete_share_file',
  title: 'Delete group share file',
  doc: '删除群组共享文件',
  description: "Delete a group's shared file for every member.",
  http: { method: 'DELETE', path: '/chatgroups/{group_id}/share_files/{file_id}' },
  input: z.strictObject({ group_id: GroupId, file_id: FileId }),
  targets: { group_id: 'group', file_id: 'file' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: { group_id: 'string', file_id: 'string', result: 'boolean' } },
  preimage: 'share_file',
  preflight: ['not_found'],
  effect: 'The shared file is deleted for all members. Cannot be undone (a new upload gets a new file_id).',
  checkWith: 'easemob_list_share_files',
});
