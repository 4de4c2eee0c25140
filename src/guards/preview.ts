/**
 * Pre-images for confirmation previews and the audit log: before a destructive call, read from the vendor what
 * it will change, through the same pipeline (documented read operations only). Driven by the entry's declared
 * targets: a group (name, owner, member count), the users' roles in it, a share file (name, size), a Lanying
 * user (username), a device, push tags. A failed read never blocks the call; the preview says it was unavailable.
 */
import type { ToolSpec } from '../tools/define.js';

/** Runs a read-only catalog tool and returns its structuredContent, or throws. */
export type ReadTool = (name: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const pick = (o: Obj, keys: string[]): Obj =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const USER_PROPS = ['username', 'usernames', 'members', 'member', 'newowner'];
const MAX_ROLE_LOOKUPS = 60;

async function attempt<T>(f: () => Promise<T>): Promise<T | { unavailable: string }> {
  try {
    return await f();
  } catch (err) {
    return { unavailable: err instanceof Error ? (err.message.split('\n')[0] ?? 'read failed') : String(err) };
  }
}

export async function readPreimage(spec: ToolSpec, args: Obj, read: ReadTool): Promise<Obj | undefined> {
  const targets = new Set(spec.targets ?? []);
  const out: Obj = {};
  if (spec.vendor === 'easemob') {
    const gid = args.group_id;
    if (typeof gid === 'string' && targets.has('file_id')) {
      out.file = await attempt(async () => {
        const files = list(
          (await read('easemob_list_share_files', { group_id: gid, pagenum: 1, pagesize: 1000 })).data,
        );
        const f = files.map(obj).find((x) => x.file_id === args.file_id);
        return f
          ? pick(f, ['file_id', 'file_name', 'file_size', 'file_owner', 'created'])
          : { unavailable: 'no such file in the group' };
      });
    } else if (typeof gid === 'string' && targets.has('group_id')) {
      const users = USER_PROPS.flatMap((p) =>
        targets.has(p) && args[p] !== undefined ? [args[p]].flat().map(String) : [],
      );
      const group = await attempt(async () => {
        const g = obj(list((await read('easemob_get_groups', { group_id: [gid] })).data)[0]);
        if (!g.id && !g.name) throw new Error('group not found');
        return g;
      });
      if ('unavailable' in group) out.group = group;
      else {
        out.group = pick(group, ['id', 'name', 'owner', 'affiliations_count', 'public', 'disabled', 'mute']);
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
      }
    }
    return Object.keys(out).length ? out : undefined;
  }

  // Lanying: operations act on the acting user (user_id header) unless the body names ids (1.9 `list`).
  const uid = args.user_id;
  if (targets.has('list')) {
    const ids = list(args.list).map(String).slice(0, 10);
    out.users = await Promise.all(
      ids.map(async (id) => {
        const p = await attempt(async () => obj((await read('lanying_get_profile', { user_id: id })).data));
        return 'unavailable' in p ? { user_id: id, ...p } : pick(p, ['user_id', 'username', 'nick_name']);
      }),
    );
  } else if (uid !== undefined && targets.has('user_id')) {
    const p = await attempt(async () => obj((await read('lanying_get_profile', { user_id: String(uid) })).data));
    out.user = 'unavailable' in p ? p : pick(p, ['user_id', 'username', 'nick_name']);
    const sn = args.device_sn ?? args.deviceSn;
    if (sn !== undefined) {
      out.device = await attempt(async () => {
        const d = list((await read('lanying_list_devices', { user_id: String(uid) })).data).map(obj);
        return d.find((x) => String(x.device_sn) === String(sn)) ?? { unavailable: 'no such device for this user' };
      });
    }
    if (spec.http.path.startsWith('/user/push/tag')) {
      out.tags = await attempt(async () => (await read('lanying_get_push_tags', { user_id: String(uid) })).data);
    }
  }
  return Object.keys(out).length ? out : undefined;
}
