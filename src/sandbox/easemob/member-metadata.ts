/**
 * Easemob group member metadata (custom attributes): set (an empty value deletes a key), get one
 * member's, batch-get several members' (a POST that reads).
 */

import { isJsonObject, type Params, type Router } from '../http.js';
import {
  decodeOne,
  type EasemobContext,
  EasemobError,
  errors,
  getGroup,
  getGroupForChange,
  isMember,
  jsonBody,
  metadataEnvelope,
  userList,
} from './common.js';
import type { EasemobGroup } from './state.js';

const MAX_METADATA_TARGETS = 10;
const METADATA_KEY_BYTES = 16;
const METADATA_VALUE_BYTES = 512;
const METADATA_TOTAL_BYTES = 4096;

/** The group and member a metadata call names; a member of another group is 404 MetadataException. */
function metadataMember(ctx: EasemobContext, p: Params, forChange: boolean): { group: EasemobGroup; user: string } {
  const group = forChange ? getGroupForChange(ctx, p.gid as string) : getGroup(ctx, p.gid as string);
  const user = decodeOne(p.username as string);
  if (!isMember(group, user)) throw new EasemobError(404, 'MetadataException', 'user not in group');
  return { group, user };
}

function setMetadata(ctx: EasemobContext, p: Params) {
  const { group, user } = metadataMember(ctx, p, true);
  const body = jsonBody(ctx);
  if (body.metaData === undefined || body.metaData === null) throw errors.required('metadata', 'metaData');
  if (!isJsonObject(body.metaData)) throw errors.illegal('metaData must be a JSON object of string values');
  const next: Record<string, string> = { ...(group.metadata[user] ?? {}) };
  /** The answer holds the keys set, as given (an empty value: that key was deleted), not the whole map. */
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(body.metaData)) {
    if (typeof value !== 'string') throw errors.illegal(`metaData value of ${key} must be a string`);
    if (Buffer.byteLength(key) > METADATA_KEY_BYTES || key === '') {
      throw new EasemobError(400, 'metadata_error', 'exceeds chatgroup user metadata single key limit');
    }
    if (Buffer.byteLength(value) > METADATA_VALUE_BYTES) {
      throw new EasemobError(400, 'metadata_error', 'exceeds chatgroup user metadata single value limit');
    }
    if (value === '') delete next[key];
    else next[key] = value;
    set[key] = value;
  }
  const total = Object.entries(next).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (total > METADATA_TOTAL_BYTES) {
    throw new EasemobError(400, 'metadata_error', 'exceeds chatgroup user metadata total size limit');
  }
  if (Object.keys(next).length === 0) delete group.metadata[user];
  else group.metadata[user] = next;
  return metadataEnvelope(ctx, set);
}

function getMetadata(ctx: EasemobContext, p: Params) {
  const { group, user } = metadataMember(ctx, p, false);
  return metadataEnvelope(ctx, { ...(group.metadata[user] ?? {}) });
}

function batchGetMetadata(ctx: EasemobContext, p: Params) {
  const group = getGroup(ctx, p.gid as string);
  const body = jsonBody(ctx);
  const targets = userList(
    body,
    'targets',
    MAX_METADATA_TARGETS,
    () => new EasemobError(400, 'metadata_error', 'query param reaches limit.'),
  );
  let keys: string[] | undefined;
  if (body.properties !== undefined && body.properties !== null) {
    if (!Array.isArray(body.properties) || !body.properties.every((k) => typeof k === 'string')) {
      throw errors.illegal('properties must be an array of keys');
    }
    keys = body.properties.length > 0 ? (body.properties as string[]) : undefined;
  }
  const data: Record<string, Record<string, string>> = {};
  for (const user of targets) {
    if (!isMember(group, user)) continue;
    const all = group.metadata[user] ?? {};
    data[user] = keys ? Object.fromEntries(Object.entries(all).filter(([k]) => keys.includes(k))) : { ...all };
  }
  return metadataEnvelope(ctx, data);
}

export function registerMemberMetadataRoutes(router: Router<EasemobContext>): void {
  router
    .add('PUT', '/metadata/chatgroup/:gid/user/:username', setMetadata)
    .add('GET', '/metadata/chatgroup/:gid/user/:username', getMetadata)
    .add('POST', '/metadata/chatgroup/:gid/get', batchGetMetadata);
}
