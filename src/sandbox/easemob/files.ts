/**
 * Easemob group share files: list (pagenum from 1), upload (multipart field `file`, ≤10 MB),
 * download (raw bytes), delete.
 */

import { MAX_FILE_BYTES, mediaType, type Params, parseMultipart, type Router, type SandboxResponse } from '../http.js';
import {
  decodeOne,
  type EasemobContext,
  EasemobError,
  envelope,
  errors,
  getGroup,
  getGroupForChange,
  pageParam,
  touch,
} from './common.js';
import type { EasemobGroup, EasemobShareFile } from './state.js';

function fileId(seq: number): string {
  return `00000000-0000-1000-8000-${seq.toString(16).padStart(12, '0')}`;
}

function findFile(group: EasemobGroup, raw: string): EasemobShareFile {
  const id = decodeOne(raw);
  const file = group.files.find((f) => f.file_id === id);
  if (!file) throw new EasemobError(404, 'resource_not_found', `file ${id} does not exist!`);
  return file;
}

function listFiles(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  const pagenum = pageParam(ctx, 'pagenum', 1, 1, Number.MAX_SAFE_INTEGER);
  const pagesize = pageParam(ctx, 'pagesize', 1000, 1, 1000, true);
  const sorted = [...group.files].sort((a, b) => b.created - a.created || (a.file_id < b.file_id ? 1 : -1));
  const data = sorted.slice((pagenum - 1) * pagesize, pagenum * pagesize).map((f) => ({
    file_id: f.file_id,
    file_name: f.file_name,
    file_owner: f.file_owner,
    file_size: f.file_size,
    created: f.created,
  }));
  return envelope(ctx, { data });
}

function upload(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const contentType = ctx.req.headers['content-type'] ?? '';
  if (mediaType(ctx.req.headers) !== 'multipart/form-data') {
    throw new EasemobError(415, 'unsupported_media_type', 'HTTP 415 Unsupported Media Type: use multipart/form-data');
  }
  const parsed = parseMultipart(contentType, ctx.req.body);
  if (!parsed.ok) throw errors.illegal(`malformed multipart body: ${parsed.message}`);
  const file = parsed.files.file;
  if (!file) throw errors.required('share file', 'file');
  if (file.data.length > MAX_FILE_BYTES) {
    throw new EasemobError(413, 'request_entity_too_large', 'file size exceeds the limit of 10 MB');
  }
  const id = fileId(ctx.state.easemob.nextFileSeq++);
  const created = ctx.now();
  const name = file.filename || 'file';
  group.files.push({
    file_id: id,
    file_name: name,
    // Uploaded through the REST API by the app admin: recorded as the group owner's file.
    file_owner: group.owner,
    file_size: file.data.length,
    created,
    content_type: file.contentType,
    data_base64: file.data.toString('base64'),
  });
  touch(ctx, group);
  return envelope(ctx, {
    data: {
      file_url: `${ctx.baseUrl}/chatgroups/${group.groupid}/share_files/${id}`,
      group_id: group.groupid,
      file_name: name,
      created,
      file_id: id,
      file_size: file.data.length,
    },
  });
}

function download(ctx: EasemobContext, p: Params): SandboxResponse {
  const group = getGroup(ctx, p.gid as string);
  const file = findFile(group, p.fileId as string);
  const ascii = file.file_name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    status: 200,
    headers: {
      'content-type': file.content_type || 'application/octet-stream',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
    },
    body: Buffer.from(file.data_base64, 'base64'),
  };
}

function remove(ctx: EasemobContext, p: Params) {
  const group = getGroupForChange(ctx, p.gid as string);
  const file = findFile(group, p.fileId as string);
  group.files = group.files.filter((f) => f !== file);
  touch(ctx, group);
  return envelope(ctx, { data: { group_id: group.groupid, file_id: file.file_id, result: true } });
}

export function registerFileRoutes(router: Router<EasemobContext>): void {
  router
    .add('GET', '/chatgroups/:gid/share_files', listFiles)
    .add('POST', '/chatgroups/:gid/share_files', upload)
    .add('GET', '/chatgroups/:gid/share_files/:fileId', download)
    .add('DELETE', '/chatgroups/:gid/share_files/:fileId', remove);
}
