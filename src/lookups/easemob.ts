/** Easemob lookups: groups by name, and a member's standing in a group in one call. */
import { z } from 'zod';
import { listAdmins } from '../tools/easemob/admins.js';
import { listAllowlist } from '../tools/easemob/allowlist.js';
import { listBlockedUsers } from '../tools/easemob/blocks.js';
import { getGroups, isGroupMember, listGroups } from '../tools/easemob/groups.js';
import { listMutedMembers } from '../tools/easemob/mute.js';
import { easemobUserKey, GroupId, Username } from '../tools/easemob/params.js';
import { capText, isObj, lookup, rowOf, WALKED } from './define.js';

const DEFAULT_GROUP_PAGES = 5;

export const findGroups = lookup({
  name: 'easemob_find_groups',
  title: 'Find groups by name',
  description:
    'Find groups by name (contains: case-insensitive) via easemob_list_groups, up to max_pages pages of 1000; cap_reached: more may exist.',
  vendor: 'easemob',
  toolset: 'easemob_groups',
  input: z.strictObject({
    name: z.string().min(1).max(128),
    match: z.enum(['exact', 'contains']).optional().describe('default contains'),
    max_pages: z.number().int().min(1).max(20).optional().describe(`default ${DEFAULT_GROUP_PAGES}`),
  }),
  output: { groups: [rowOf(listGroups)], count: 'integer', match: 'string', ...WALKED },
  composedOf: [listGroups],
  async run({ name, match = 'contains', max_pages = DEFAULT_GROUP_PAGES }, reads) {
    const wanted = name.toLowerCase();
    const walk = await reads.pages(listGroups, {}, max_pages);
    const groups = walk.rows.filter(isObj).filter((g) => {
      const n = String(g.groupname ?? '').toLowerCase();
      return match === 'exact' ? n === wanted : n.includes(wanted);
    });
    return {
      structured: {
        groups,
        count: groups.length,
        match,
        pages_read: walk.pages,
        page_cap: max_pages,
        cap_reached: walk.capReached,
      },
      summary: `OK: ${groups.length} group(s) ${match === 'exact' ? 'named' : 'containing'} "${name}".${capText(walk, max_pages, 'group list')}`,
    };
  },
});

/** Each read answers a list of user ids in `data`. */
const ids = (r: Record<string, unknown>): string[] => (Array.isArray(r.data) ? r.data.map(String) : []);

export const getMemberStanding = lookup({
  name: 'easemob_get_member_standing',
  title: "Get a member's standing",
  description:
    "A user's standing in a group: role (owner/admin/member/not a member), mute and its end, blocked, allow-listed; the group's mute-all and disabled.",
  vendor: 'easemob',
  toolset: 'easemob_moderation',
  input: z.strictObject({ group_id: GroupId, username: Username }),
  targets: { group_id: 'group', username: 'user' },
  output: {
    group_id: 'string',
    username: 'string',
    role: 'string',
    muted: 'boolean',
    mute: { expire: 'integer' },
    blocked: 'boolean',
    allow_listed: 'boolean',
    group: { name: 'string', mute_all: 'boolean', disabled: 'boolean' },
  },
  composedOf: [getGroups, listAdmins, isGroupMember, listMutedMembers, listBlockedUsers, listAllowlist],
  async run({ group_id, username }, reads) {
    const [details, admins, joined, mutes, blocks, allow] = await Promise.all([
      reads.one(getGroups, { group_id: [group_id] }),
      reads.one(listAdmins, { group_id }),
      reads.one(isGroupMember, { group_id, username }),
      reads.one(listMutedMembers, { group_id }),
      reads.one(listBlockedUsers, { group_id }),
      reads.one(listAllowlist, { group_id }),
    ]);
    const group = Array.isArray(details.data) && isObj(details.data[0]) ? details.data[0] : {};
    // Easemob user ids are not case sensitive: compared as the vendor does
    const me = easemobUserKey(username);
    const isMe = (v: unknown) => easemobUserKey(String(v)) === me;
    const role = isMe(group.owner)
      ? 'owner'
      : ids(admins).some(isMe)
        ? 'admin'
        : joined.data === true
          ? 'member'
          : 'not a member';
    const mute = (Array.isArray(mutes.data) ? mutes.data : []).filter(isObj).find((m) => isMe(m.user));
    const blocked = ids(blocks).some(isMe);
    const allowListed = ids(allow).some(isMe);
    const { user: _user, ...muteShown } = mute ?? {};
    const structured = {
      group_id,
      username,
      role,
      muted: Boolean(mute),
      mute: mute ? muteShown : null,
      blocked,
      allow_listed: allowListed,
      group: { name: group.name ?? null, mute_all: group.mute === true, disabled: group.disabled === true },
    };
    const muteText = mute ? `muted until ${String(mute.expire_iso ?? mute.expire_text ?? mute.expire)}` : 'not muted';
    return {
      structured,
      summary: `OK: ${username} is ${role === 'not a member' ? 'not a member' : `the ${role}`} of ${group_id}; ${muteText}; ${blocked ? 'blocked' : 'not blocked'}; ${allowListed ? 'on' : 'not on'} the allow list.`,
    };
  },
});
