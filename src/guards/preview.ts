/**
 * Pre-images for confirmation previews, preflight and the audit log: before a destructive call, read from the vendor
 * what it will change, through the same pipeline (documented read operations only). Each destructive entry declares
 * which kind applies (`preimage`): a group (name, owner, size, disabled, whole-group mute) and the target users'
 * roles in it, plus their current mutes (`group_mutes`) or block-list entries (`group_blocks`); a share file; a
 * Lanying user, several (with their ban state from a bounded read of the user list), a device, push tags.
 *
 * Three outcomes per thing read: its details; `{ missing }` when the vendor said it does not exist (Easemob 404
 * `resource_not_found`, Lanying 10000, or a complete list without it); `{ unavailable }` when the read failed or
 * answered in a shape we cannot interpret. Only the first two may decide a preflight refusal; a failed read never
 * blocks the call, and the preview then says the state is unknown.
 */
import type { z } from 'zod';
import { VendorError } from '../http/errors.js';
import type { Preimage, ToolSpec } from '../tools/define.js';
import { listAdmins } from '../tools/easemob/admins.js';
import { listBlockedUsers } from '../tools/easemob/blocks.js';
import { listShareFiles } from '../tools/easemob/files.js';
import { getGroups } from '../tools/easemob/groups.js';
import { listMutedMembers } from '../tools/easemob/mute.js';
import { listUsers } from '../tools/lanying/accounts.js';
import { listDevices } from '../tools/lanying/devices.js';
import { getProfile } from '../tools/lanying/profile.js';
import { getPushTags } from '../tools/lanying/push.js';
import { asObject, idList, isObject, type JsonObject, pickKeys } from './shapes.js';
import { idsOf, sameUser } from './targets.js';

/**
 * Runs a read-only catalog entry (a typed reference, its arguments checked against its input) through the same
 * pipeline and returns its structured result, or throws.
 */
export type ReadTool = <S extends z.ZodObject>(tool: ToolSpec<S>, args: z.input<S>) => Promise<Record<string, unknown>>;

interface Missing {
  missing: string;
}
interface Unavailable {
  unavailable: string;
}
export const isMissing = (v: unknown): v is Missing => !!v && typeof v === 'object' && 'missing' in v;
export const isUnavailable = (v: unknown): v is Unavailable => !!v && typeof v === 'object' && 'unavailable' in v;

/** A user's role in the group, as read: `unknown` when the member list could not be read in full. */
export type Role = 'owner' | 'admin' | 'member' | 'not a member' | 'unknown';
/** A Lanying user's ban state from the user list (1.13 `status`): `unknown` beyond the bounded read. */
export type BanState = 'enabled' | 'disabled' | 'not found' | 'unknown';

const MAX_ROLE_LOOKUPS = 60;
/** The Lanying user list is read at most this far (pages × size) to learn whether listed users are banned. */
export const USER_LIST_PAGE_SIZE = 200;
export const USER_LIST_MAX_PAGES = 5;
const SHARE_FILES_PAGE = 1000;

export const isGroupKind = (p: Preimage | undefined): boolean =>
  p === 'group' || p === 'group_mutes' || p === 'group_blocks';

/** For the `group*` kinds, the properties naming the users acted on: the declared targets other than the group. */
export function preimageUsers(spec: ToolSpec): string[] {
  if (!isGroupKind(spec.preimage)) return [];
  return Object.entries(spec.targets ?? {})
    .filter(([, d]) => d === 'user' || d === 'recipient')
    .map(([prop]) => prop);
}

/** The user ids acted on (see preimageUsers). */
export function targetUsers(spec: ToolSpec, args: JsonObject): string[] {
  return preimageUsers(spec).flatMap((p) => idList(args[p]));
}

/** For the Lanying device and tag kinds, the declared target naming the device or the tags (not the user). */
export function secondTarget(spec: ToolSpec): string | undefined {
  return Object.entries(spec.targets ?? {}).find(([, d]) => d === 'device' || d === 'tag')?.[0];
}

/** Thrown inside a read when a complete answer shows the thing does not exist. */
class Gone extends Error {}

async function attempt<T>(f: () => Promise<T>): Promise<T | Missing | Unavailable> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof Gone) return { missing: err.message };
    if (
      err instanceof VendorError &&
      ((err.vendor === 'easemob' && err.status === 404 && err.code === 'resource_not_found') ||
        (err.vendor === 'lanying' && err.code === '10000'))
    ) {
      return { missing: err.vendorMessage.split('\n')[0] ?? 'not found' };
    }
    return { unavailable: err instanceof Error ? (err.message.split('\n')[0] ?? 'read failed') : String(err) };
  }
}

const unexpected = () => new Error('the answer had an unexpected shape');

export async function readPreimage(spec: ToolSpec, args: JsonObject, read: ReadTool): Promise<JsonObject | undefined> {
  const out: JsonObject = {};
  // what is read is named by the entry's declared targets (tools/define.ts TargetKind), never by property names
  const gid = idsOf(spec, args, 'group')[0];
  const uid = idsOf(spec, args, 'user')[0];
  switch (spec.preimage) {
    case 'share_file':
      if (typeof gid === 'string') out.file = await shareFile(read, gid, idsOf(spec, args, 'file')[0]);
      break;
    case 'group':
    case 'group_mutes':
    case 'group_blocks':
      if (typeof gid === 'string')
        Object.assign(out, await groupState(read, spec.preimage, gid, targetUsers(spec, args)));
      break;
    case 'lanying_users': {
      const ids = idsOf(spec, args, 'user');
      out.users = await Promise.all(ids.slice(0, 10).map((id) => profile(read, id, true)));
      const status = await banStates(read, ids);
      if (isUnavailable(status)) out.unread = { status: status.unavailable };
      else out.status = status;
      break;
    }
    case 'lanying_user':
    case 'lanying_device':
    case 'lanying_tags': {
      if (uid === undefined) break;
      out.user = await profile(read, uid, false);
      if (isMissing(out.user)) break;
      const second = secondTarget(spec);
      if (spec.preimage === 'lanying_device') {
        out.device = await device(read, uid, second === undefined ? undefined : args[second]);
      }
      if (spec.preimage === 'lanying_tags') {
        out.tags = await attempt(async () => {
          const data = (await read(getPushTags, { user_id: uid })).data;
          if (!Array.isArray(data)) throw unexpected();
          return data.map(String);
        });
      }
      break;
    }
    default:
      break;
  }
  return Object.keys(out).length ? out : undefined;
}

async function shareFile(read: ReadTool, gid: string, fileId: unknown): Promise<unknown> {
  return attempt(async () => {
    const data = (await read(listShareFiles, { group_id: gid, pagenum: 1, pagesize: SHARE_FILES_PAGE })).data;
    if (!Array.isArray(data)) throw unexpected();
    const f = data.map(asObject).find((x) => x.file_id === fileId);
    if (f) return pickKeys(f, ['file_id', 'file_name', 'file_size', 'file_owner', 'created']);
    if (data.length >= SHARE_FILES_PAGE) throw new Error(`not among the first ${SHARE_FILES_PAGE} files`);
    throw new Gone('no such file in the group');
  });
}

/**
 * The group's name, owner, size and state, each target user's role in it (owner, admin, member), and for
 * `group_mutes` the targets' current mutes, for `group_blocks` which targets are on the block list.
 */
async function groupState(read: ReadTool, kind: Preimage, gid: string, users: string[]): Promise<JsonObject> {
  const group = await attempt(async () => {
    const data = (await read(getGroups, { group_id: [gid] })).data;
    if (!Array.isArray(data)) throw unexpected();
    const g = asObject(data[0]);
    if (g.error !== undefined && g.owner === undefined) throw new Gone(String(g.error));
    if (!g.id && !g.name) throw unexpected();
    return g;
  });
  if (isMissing(group) || isUnavailable(group)) return { group };
  const out: JsonObject = {
    group: pickKeys(group, ['id', 'name', 'owner', 'affiliations_count', 'public', 'disabled', 'mute']),
  };
  if (users.length === 0 || users.length > MAX_ROLE_LOOKUPS) return out;
  const unread: JsonObject = {};
  const admins = await attempt(async () => {
    const data = (await read(listAdmins, { group_id: gid })).data;
    if (!Array.isArray(data)) throw unexpected();
    return data.map(String);
  });
  if (!Array.isArray(admins)) unread.admins = 'unavailable' in admins ? admins.unavailable : admins.missing;
  const affiliations = Array.isArray(group.affiliations) ? group.affiliations : undefined;
  // Easemob ids are not case sensitive: every comparison below is by the vendor's key (`ALICE` is `alice`)
  const key = (v: unknown) => sameUser('easemob', String(v));
  const members = new Set((affiliations ?? []).flatMap((a) => Object.values(asObject(a)).map(key)));
  const adminKeys = new Set(Array.isArray(admins) ? admins.map(key) : []);
  // the member list decides "not a member" only when it is complete
  const complete =
    affiliations !== undefined &&
    members.size > 0 &&
    (typeof group.affiliations_count !== 'number' || affiliations.length >= group.affiliations_count);
  out.roles = Object.fromEntries(
    users.map((u): [string, Role] => {
      if (group.owner !== undefined && key(u) === key(group.owner)) return [u, 'owner'];
      if (adminKeys.has(key(u))) return [u, 'admin'];
      if (members.has(key(u))) return [u, 'member'];
      return [u, complete ? 'not a member' : 'unknown'];
    }),
  );
  if (kind === 'group_mutes') {
    const mutes = await attempt(async () => {
      const data = (await read(listMutedMembers, { group_id: gid })).data;
      if (!Array.isArray(data)) throw unexpected();
      return data.filter(isObject);
    });
    if (Array.isArray(mutes)) {
      const expires = new Map(mutes.filter((m) => typeof m.expire === 'number').map((m) => [key(m.user), m.expire]));
      const until: JsonObject = {};
      for (const u of users) {
        const expire = expires.get(key(u));
        if (typeof expire === 'number') until[u] = expire === -1 ? 'permanent' : isoSeconds(expire);
      }
      out.muted_until = until;
    } else unread.mutes = 'unavailable' in mutes ? mutes.unavailable : mutes.missing;
  }
  if (kind === 'group_blocks') {
    const blocks = await attempt(async () => {
      const data = (await read(listBlockedUsers, { group_id: gid })).data;
      if (!Array.isArray(data)) throw unexpected();
      return data.map(String);
    });
    if (Array.isArray(blocks)) {
      const blockKeys = new Set(blocks.map(key));
      out.blocked = users.filter((u) => blockKeys.has(key(u)));
    } else unread.blocked = 'unavailable' in blocks ? blocks.unavailable : blocks.missing;
  }
  if (Object.keys(unread).length) out.unread = unread;
  return out;
}

/**
 * Whether each listed Lanying user is banned, from the user list (1.13), the only documented read of that state.
 * Reads at most USER_LIST_MAX_PAGES pages; a user not seen is `not found` when the list ended, else `unknown`.
 */
async function banStates(read: ReadTool, ids: string[]): Promise<Record<string, BanState> | Unavailable> {
  const found = new Map<string, BanState>();
  let ended = false;
  try {
    for (let page = 1; page <= USER_LIST_MAX_PAGES && found.size < ids.length; page++) {
      const data = (await read(listUsers, { page_num: page, page_size: USER_LIST_PAGE_SIZE })).data;
      if (!Array.isArray(data)) throw unexpected();
      for (const u of data.filter(isObject)) {
        const id = String(u.user_id);
        if (ids.includes(id) && (u.status === 0 || u.status === 1))
          found.set(id, u.status === 1 ? 'disabled' : 'enabled');
      }
      if (data.length < USER_LIST_PAGE_SIZE) {
        ended = true;
        break;
      }
    }
  } catch (err) {
    return { unavailable: err instanceof Error ? (err.message.split('\n')[0] ?? 'read failed') : String(err) };
  }
  return Object.fromEntries(ids.map((id) => [id, found.get(id) ?? (ended ? 'not found' : 'unknown')]));
}

async function profile(read: ReadTool, uid: string, withId: boolean): Promise<unknown> {
  const p = await attempt(async () => {
    const data = (await read(getProfile, { user_id: uid })).data;
    if (!isObject(data)) throw unexpected();
    return data;
  });
  if (isMissing(p) || isUnavailable(p)) return withId ? { user_id: uid, ...p } : p;
  return pickKeys(p, ['user_id', 'username', 'nick_name']);
}

async function device(read: ReadTool, uid: string, sn: unknown): Promise<unknown> {
  return attempt(async () => {
    const data = (await read(listDevices, { user_id: uid })).data;
    if (!Array.isArray(data)) throw unexpected();
    const devices = data.filter(isObject);
    if (sn === undefined) return { all: true, count: devices.length };
    const d = devices.find((x) => String(x.device_sn) === String(sn));
    if (!d) throw new Gone('no such device for this user');
    return d;
  });
}

/** An instant as ISO 8601 UTC to the second. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
