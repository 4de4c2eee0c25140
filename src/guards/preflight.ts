/**
 * Preflight: before a confirmation token is issued (or a confirmed call sent), the pre-image decides whether the
 * call is certain to fail or to change nothing. Only the rules the entry declares (`preflight`, checked against its
 * `preimage` kind and `targets` by a catalog test) are applied, in the declared order; only a definite answer of a
 * documented read refuses (a thing missing, a role, a state), never a read that failed. The refusal names its
 * machine word and says, in words an agent can pass on, what is wrong and what to do next.
 */
import type { PreflightRule, ToolSpec } from '../tools/define.js';
import { groupWords, lanyingUserWords, listWords, quote } from './describe.js';
import { type BanState, isMissing, type Role, secondTarget, targetUsers } from './preview.js';
import { asObject, idList, type JsonObject } from './shapes.js';

const isAre = (n: number) => (n === 1 ? 'is' : 'are');

interface PreflightRefusal {
  reason: PreflightRule;
  message: string;
}

/** The first declared rule the pre-image shows broken, or undefined when the call may go on to confirmation. */
export function preflight(spec: ToolSpec, args: JsonObject, pre: JsonObject | undefined): PreflightRefusal | undefined {
  if (!pre) return undefined;
  for (const rule of spec.preflight ?? []) {
    const message = CHECKS[rule](spec, args, pre);
    if (message) return { reason: rule, message };
  }
  return undefined;
}

type Check = (spec: ToolSpec, args: JsonObject, pre: JsonObject) => string | undefined;

const users = (ids: string[]) => listWords(ids.map((u) => quote(u)));
const rolesOf = (pre: JsonObject) => asObject(pre.roles) as Record<string, Role>;
const group = (args: JsonObject, pre: JsonObject) => groupWords(args.group_id, pre);
/** The group's details when they were read (not missing, not unavailable). */
const groupRead = (pre: JsonObject): JsonObject | undefined => {
  const g = pre.group;
  return g && typeof g === 'object' && !('missing' in g) && !('unavailable' in g) ? (g as JsonObject) : undefined;
};

const CHECKS: Record<PreflightRule, Check> = {
  not_found: (spec, args, pre) => {
    if (isMissing(pre.group)) {
      return `Easemob group ${quote(args.group_id)} does not exist, so ${spec.name} has nothing to act on. Check the id (easemob_list_groups lists the groups).`;
    }
    if (isMissing(pre.file)) {
      return `Share file ${quote(args.file_id)} is not in group ${quote(args.group_id)} (or the group does not exist). Check the id with easemob_list_share_files.`;
    }
    if (isMissing(pre.user)) {
      return `Lanying user ${quote(args.user_id)} does not exist. Check the id (lanying_list_users lists the users).`;
    }
    if (isMissing(pre.device)) {
      const second = secondTarget(spec);
      const sn = second === undefined ? undefined : args[second];
      return `User ${lanyingUserWords(args.user_id, pre.user)} has no device ${quote(sn)}. Check the device with lanying_list_devices.`;
    }
    if (Array.isArray(pre.users) || pre.status) {
      const ids = idList(args.list);
      const status = asObject(pre.status) as Record<string, BanState>;
      const profiles = Array.isArray(pre.users) ? (pre.users as unknown[]) : [];
      const gone = ids.filter((id, i) => status[id] === 'not found' || isMissing(profiles[i]));
      if (gone.length) {
        return `Lanying ${gone.length === 1 ? 'user' : 'users'} ${listWords(gone)} ${gone.length === 1 ? 'does' : 'do'} not exist. Remove ${gone.length === 1 ? 'it' : 'them'} from list and call again (lanying_list_users lists the users).`;
      }
    }
    return undefined;
  },

  group_disabled: (_spec, args, pre) =>
    groupRead(pre)?.disabled === true
      ? `${capital(group(args, pre))} is disabled, and Easemob refuses changes to a disabled group. Enable it first with easemob_enable_group if the change is still wanted.`
      : undefined,

  already_disabled: (spec, args, pre) => {
    if (groupRead(pre)?.disabled === true)
      return `${capital(group(args, pre))} is already disabled: ${spec.name} would change nothing.`;
    const status = pre.status ? (asObject(pre.status) as Record<string, BanState>) : undefined;
    const ids = idList(args.list);
    if (status && ids.length && ids.every((id) => status[id] === 'disabled')) {
      return `Lanying ${ids.length === 1 ? 'user' : 'users'} ${listWords(ids)} ${isAre(ids.length)} already banned: ${spec.name} would change nothing. lanying_enable_users lifts a ban.`;
    }
    return undefined;
  },

  already_muted: (spec, args, pre) =>
    groupRead(pre)?.mute === true
      ? `The whole of ${group(args, pre)} is already muted: ${spec.name} would change nothing. easemob_unmute_all lifts it.`
      : undefined,

  owner: (spec, args, pre) => {
    const owners = targetUsers(spec, args).filter((u) => rolesOf(pre)[u] === 'owner');
    return owners.length
      ? `${users(owners)} is the owner of ${group(args, pre)}, and Easemob never mutes, blocks or removes the owner. Leave the owner out, or transfer ownership first (easemob_transfer_group_owner).`
      : undefined;
  },

  not_member: (spec, args, pre) => {
    const who = targetUsers(spec, args);
    const roles = rolesOf(pre);
    const blocked = idList(pre.blocked);
    const outside = who.filter((u) => roles[u] === 'not a member');
    if (!who.length || outside.length < who.length) return undefined;
    const also = blocked.length ? ` (${users(blocked)} ${isAre(blocked.length)} on the block list)` : '';
    return `${who.length === 1 ? '' : 'None of '}${users(who)} ${who.length === 1 ? 'is not a member' : 'is a member'} of ${group(args, pre)}${also}, so ${spec.name} would fail or change nothing. Check with easemob_list_members; easemob_add_member adds someone.`;
  },

  not_admin: (spec, args, pre) => {
    const roles = rolesOf(pre);
    if (asObject(pre.unread).admins !== undefined) return undefined;
    const who = targetUsers(spec, args).filter(
      (u) => roles[u] === 'owner' || roles[u] === 'member' || roles[u] === 'not a member',
    );
    return who.length
      ? `${users(who)} ${isAre(who.length)} not an admin of ${group(args, pre)}: ${spec.name} would change nothing. easemob_list_admins lists the admins.`
      : undefined;
  },

  already_owner: (spec, args, pre) => {
    const owners = targetUsers(spec, args).filter((u) => rolesOf(pre)[u] === 'owner');
    return owners.length
      ? `${users(owners)} already owns ${group(args, pre)}: ${spec.name} would change nothing.`
      : undefined;
  },

  already_blocked: (spec, args, pre) => {
    const who = targetUsers(spec, args);
    const blocked = idList(pre.blocked);
    return who.length && who.every((u) => blocked.includes(u))
      ? `${users(who)} ${isAre(who.length)} already blocked in ${group(args, pre)}: ${spec.name} would change nothing. easemob_list_blocked_users lists the block list.`
      : undefined;
  },

  not_bound: (spec, args, pre) => {
    const tags = pre.tags;
    if (!Array.isArray(tags)) return undefined;
    const second = secondTarget(spec);
    const named = second === undefined ? [] : idList(args[second]);
    const who = `user ${lanyingUserWords(args.user_id, pre.user)}`;
    if (second === undefined && tags.length === 0) {
      return `${capital(who)} has no push tags: ${spec.name} would change nothing.`;
    }
    if (named.length && !named.some((t) => tags.includes(t))) {
      return `None of the tags ${listWords(named.map((t) => quote(t)))} is bound to ${who}: ${spec.name} would change nothing. lanying_get_push_tags lists the user's tags.`;
    }
    return undefined;
  },
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
