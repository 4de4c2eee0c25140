/**
 * Pre-images for confirmation previews and the audit log: before a destructive call, read from the vendor what
 * it will change, through the same pipeline (documented read operations only). Each destructive entry declares
 * which kind applies (`preimage`): a group (name, owner, member count) and the target users' roles in it, a share
 * file (name, size), a Lanying user (username), a device, push tags. A failed read never blocks the call; the
 * preview says it was unavailable.
 */
import type { ToolSpec } from '../tools/define.js';
import { idsOf } from './targets.js';

/** Runs a read-only catalog tool and returns its structuredContent, or throws. */
export type ReadTool = (name: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const pick = (o: Obj, keys: string[]): Obj =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const MAX_ROLE_LOOKUPS = 60;

async function attempt<T>(f: () => Promise<T>): Promise<T | { unavailable: string }> {
  try {
    return await f();
  } catch (err) {
    return { unavailable: err instanceof Error ? (err.message.split('\n')[0] ?? 'read failed') : String(err) };
  }
}

export async function readPreimage(spec: ToolSpec, args: Obj, read: ReadTool): Promise<Obj | undefined> {
  const out: Obj = {};
  const gid = args.group_id;
  const uid = args.user_id === undefined ? undefined : String(args.user_id);
  switch (spec.preimage) {
    case 'share_file':
      if (typeof gid === 'string') out.file = await shareFile(read, gid, args.file_id);
      break;
    case 'group':
      if (typeof gid === 'string') Object.assign(out, await groupAndRoles(read, gid, targetUsers(spec, args)));
      break;
    case 'lanying_users':
      out.users = await Promise.all(
        list(args.list)
          .map(String)
          .slice(0, 10)
          .map((id) => profile(read, id, true)),
      );
      break;
    case 'lanying_user':
    case 'lanying_device':
    case 'lanying_tags':
      if (uid === undefined) break;
      out.user = await profile(read, uid, false);
      if (spec.preimage === 'lanying_device') out.device = await device(read, uid, args.device_sn ?? args.deviceSn);
      if (spec.preimage === 'lanying_tags') {
        out.tags = await attempt(async () => (await read('lanying_get_push_tags', { user_id: uid })).data);
      }
      break;
    default:
      break;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The user ids among the entry's declared targets (members, usernames, the new owner…). */
function targetUsers(spec: ToolSpec, args: Obj): string[] {
  return idsOf(spec, args, 'user', 'recipient');
}

async function shareFile(read: ReadTool, gid: string, fileId: unknown): Promise<unknown> {
  return attempt(async () => {
    const files = list((await read('easemob_list_share_files', { group_id: gid, pagenum: 1, pagesize: 1000 })).data);
    const f = files.map(obj).find((x) => x.file_id === fileId);
    return f
      ? pick(f, ['file_id', 'file_name', 'file_size', 'file_owner', 'created'])
      : { unavailable: 'no such file in the group' };
  });
}

/** The group's name, owner and size, and each target user's role in it (owner, admin, member). */
async function groupAndRoles(read: ReadTool, gid: string, users: string[]): Promise<Obj> {
  const group = await attempt(async () => {
    const g = obj(list((await read('easemob_get_groups', { group_id: [gid] })).data)[0]);
    if (!g.id && !g.name) throw new Error('group not found');
    return g;
  });
  if ('unavailable' in group) return { group };
  const out: Obj = { group: pick(group, ['id', 'name', 'owner', 'affiliations_count', 'public', 'disabled', 'mute']) };
  if (users.length > 0 && users.length <= MAX_ROLE_LOOKUPS) {
    const admins = await attempt(async () =>
      list((await read('easemob_list_admins', { group_id: gid })).data).map(String),
    );
    const members = new Set(list(group.affiliations).flatMap((a) => Object.values(obj(a)).map(String)));
    out.roles = Object.fromEntries(
      users.map((u) => {
        if (u === group.owner) return [u, 'owner'];
        if (Array.isArray(admins) && admins.includes(u)) return [u, 'admin'];
        if (members.has(u)) return [u, 'member'];
        return [u, members.size > 0 ? 'not a member' : 'unknown'];
      }),
    );
  }
  return out;
}

async function profile(read: ReadTool, uid: string, withId: boolean): Promise<unknown> {
  const p = await attempt(async () => obj((await read('lanying_get_profile', { user_id: uid })).data));
  if ('unavailable' in p) return withId ? { user_id: uid, ...p } : p;
  return pick(p, ['user_id', 'username', 'nick_name']);
}

async function device(read: ReadTool, uid: string, sn: unknown): Promise<unknown> {
  if (sn === undefined) return { unavailable: 'no device named' };
  return attempt(async () => {
    const d = list((await read('lanying_list_devices', { user_id: uid })).data).map(obj);
    return d.find((x) => String(x.device_sn) === String(sn)) ?? { unavailable: 'no such device for this user' };
  });
}
