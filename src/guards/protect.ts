/**
 * Protected targets (IM_ADMIN_PROTECTED_USERS, IM_ADMIN_PROTECTED_GROUPS), for every write, before anything is
 * sent. What a call acts on comes from the entry's declared targets (targets.ts): a `user` acted on, a `group`, a
 * `thread` (whose group is found through documented reads), and implied targets (`alsoActsOn`: the owner a transfer
 * demotes). Where the answer cannot be known, the call is refused (fail closed). Easemob user ids compare
 * case-insensitively, as the vendor treats them.
 */
import type { ToolSpec } from '../tools/define.js';
import { getGroups } from '../tools/easemob/groups.js';
import { listThreadMembers, listUserThreads } from '../tools/easemob/threads.js';
import type { ReadTool } from './preview.js';
import { asArray, asObject, type JsonObject } from './shapes.js';
import { idsOf, sameUser } from './targets.js';

export interface Protected {
  users: readonly string[];
  groups: readonly string[];
}

/** Threads read per member, and members tried, when finding a thread's group. */
const THREAD_PAGES = 3;
const THREAD_MEMBERS = 3;

const quote = (ids: string[]) => ids.map((x) => `"${x}"`).join(', ');

/** A refusal message naming the protected target and its setting, or undefined. */
export async function protectionRefusal(
  spec: ToolSpec,
  args: Record<string, unknown>,
  p: Protected,
  read: ReadTool,
): Promise<string | undefined> {
  if (p.users.length === 0 && p.groups.length === 0) return undefined;
  const users = new Set(p.users.map((u) => sameUser(spec.vendor, u)));
  const groups = new Set(p.groups.map((g) => g.trim()));

  const userHits = idsOf(spec, args, 'user').filter((u) => users.has(sameUser(spec.vendor, u)));
  if (userHits.length > 0) {
    return `Refused: ${quote(userHits)} ${userHits.length > 1 ? 'are' : 'is'} protected (IM_ADMIN_PROTECTED_USERS); ${spec.name} may not act on ${userHits.length > 1 ? 'them' : 'it'}.`;
  }
  const groupIds = idsOf(spec, args, 'group');
  const groupHits = groupIds.filter((g) => groups.has(g.trim()));
  if (groupHits.length > 0) {
    return `Refused: group ${quote(groupHits)} is protected (IM_ADMIN_PROTECTED_GROUPS); no write may change it, its members, files or threads.`;
  }
  if (groups.size > 0) {
    for (const thread of idsOf(spec, args, 'thread')) {
      const group = await threadGroup(read, thread);
      if (group === undefined) {
        return `Refused: the group of thread "${thread}" cannot be determined from the vendor's reads, and IM_ADMIN_PROTECTED_GROUPS is set, so writes to it are refused. Check the thread id (easemob_list_user_threads shows a user's threads with their group).`;
      }
      if (groups.has(group)) {
        return `Refused: thread "${thread}" belongs to group "${group}", which is protected (IM_ADMIN_PROTECTED_GROUPS); no write may change its threads.`;
      }
    }
  }
  if (users.size > 0 && spec.alsoActsOn?.includes('group_owner')) {
    for (const gid of groupIds) {
      const owner = await groupOwner(read, gid);
      if (owner === undefined) {
        return `Refused: the current owner of group "${gid}" cannot be read, and IM_ADMIN_PROTECTED_USERS is set; ${spec.name} would demote them. Check the group id.`;
      }
      if (users.has(sameUser(spec.vendor, owner))) {
        return `Refused: "${owner}" owns group "${gid}" and is protected (IM_ADMIN_PROTECTED_USERS); ${spec.name} would take the ownership away.`;
      }
    }
  }
  return undefined;
}

async function groupOwner(read: ReadTool, gid: string): Promise<string | undefined> {
  try {
    const g = asObject(asArray((await read(getGroups, { group_id: [gid] })).data)[0]);
    return typeof g.owner === 'string' && g.owner ? g.owner : undefined;
  } catch {
    return undefined;
  }
}

/** The group a thread belongs to: its members' thread lists carry the group id (bounded reads). */
async function threadGroup(read: ReadTool, thread: string): Promise<string | undefined> {
  let members: string[];
  try {
    members = asArray(asObject((await read(listThreadMembers, { thread_id: thread, limit: 50 })).data).affiliations)
      .map(String)
      .slice(0, THREAD_MEMBERS);
  } catch {
    return undefined;
  }
  for (const username of members) {
    let cursor: string | undefined;
    for (let page = 0; page < THREAD_PAGES; page++) {
      let r: JsonObject;
      try {
        r = await read(listUserThreads, { username, limit: 50, ...(cursor ? { cursor } : {}) });
      } catch {
        break;
      }
      const entities = asArray(r.entities).map(asObject);
      const hit = entities.find((e) => String(e.id) === thread);
      if (hit && hit.groupId !== undefined) return String(hit.groupId);
      if (typeof r.cursor !== 'string' || !r.cursor || entities.length === 0) break;
      cursor = r.cursor;
    }
  }
  return undefined;
}
