/**
 * The paragraph a person reads before confirming a destructive call: who, where, what changes, for how long and
 * until when (UTC), what is true now, what is lost and how to undo it, and the reason given. Built only from the
 * catalog entry (title, targets, `preimage` kind, `duration`, `effect`), the arguments and the pre-image; no URL,
 * JSON or markers. Text written by chat users or agents (names, reasons) is quoted and tamed by `quote`.
 */
import type { ToolSpec } from '../tools/define.js';
import {
  type BanState,
  isGroupKind,
  isMissing,
  isoSeconds,
  isUnavailable,
  type Role,
  secondTarget,
  targetUsers,
  USER_LIST_MAX_PAGES,
  USER_LIST_PAGE_SIZE,
} from './preview.js';
import { asObject, idList, type JsonObject } from './shapes.js';
import { targetsOf } from './targets.js';

const NAMES_SHOWN = 10;

/**
 * Text from outside (a group name, a nickname, a reason) as one quoted, single-line, length-capped phrase: control
 * and invisible formatting characters become spaces, quotes become apostrophes, angle brackets and backslashes
 * become look-alikes, so it can neither break the sentence nor pose as markup or an escape sequence.
 */
export function quote(v: unknown, max = 64): string {
  let s = String(v)
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/["“”]/g, "'")
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\\/g, '/');
  const chars = [...s];
  if (chars.length > max)
    s = `${chars
      .slice(0, max - 1)
      .join('')
      .trimEnd()}…`;
  return `“${s}”`;
}

/**
 * An id in the person's paragraph: as is when it is made of plain id characters, otherwise quoted like outside
 * text (ids are chosen by the agent: one with spaces or brackets could otherwise add sentences or links).
 */
function idWords(v: unknown): string {
  const s = String(v);
  return /^[A-Za-z0-9_.@-]{1,64}$/.test(s) ? s : quote(s);
}

/** "a", "a and b", "a, b and c", "a, b … and 12 more" */
export function listWords(items: string[], shown = NAMES_SHOWN): string {
  if (items.length > shown) return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A length in words, in its two largest units: "1 hour 30 minutes", "45 seconds". */
export function durationWords(ms: number): string {
  if (ms < 1000) return plural(ms, 'millisecond', 'milliseconds');
  const units: [number, string, string][] = [
    [86_400_000, 'day', 'days'],
    [3_600_000, 'hour', 'hours'],
    [60_000, 'minute', 'minutes'],
    [1000, 'second', 'seconds'],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, one, many] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(n > 0 ? plural(n, one, many) : '');
    if (parts.length === 2) break;
  }
  return parts.filter(Boolean).join(' ');
}

interface Lasting {
  /** "for 1 hour 30 minutes" or "permanently" */
  words: string;
  /** ISO 8601 UTC end, or "permanent" */
  ends: string;
}

/** How long the change lasts, for entries that declare a `duration`; the end counts from `now`. */
export function lasting(spec: ToolSpec, args: JsonObject, now: number): Lasting | undefined {
  const d = spec.duration;
  const v = d ? args[d.prop] : undefined;
  if (!d || typeof v !== 'number') return undefined;
  if (v === d.permanent) return { words: 'permanently', ends: 'permanent' };
  return { words: `for ${durationWords(v)}`, ends: isoSeconds(now + v) };
}

/** "group “Sandbox Lounge” (1000…, owner “alice”, 6 members)", from the pre-image when it was read. */
export function groupWords(gid: unknown, pre: JsonObject | undefined): string {
  const g = pre?.group;
  if (isMissing(g)) return `group ${quote(gid)} (which does not exist)`;
  if (!g || isUnavailable(g)) return `group ${quote(gid)} (its current state could not be read)`;
  const o = asObject(g);
  const facts = [idWords(gid)];
  if (o.owner !== undefined) facts.push(`owner ${quote(o.owner)}`);
  if (typeof o.affiliations_count === 'number') facts.push(plural(o.affiliations_count, 'member', 'members'));
  return `${o.name !== undefined ? `group ${quote(o.name)} ` : 'group '}(${facts.join(', ')})`;
}

/** "user “alice” (1001)" from a Lanying profile in the pre-image, or the id alone. */
export function lanyingUserWords(id: unknown, profile: unknown): string {
  const p = asObject(profile);
  const name = p.username ?? p.nick_name;
  return name !== undefined && !isMissing(profile) && !isUnavailable(profile)
    ? `${quote(name)} (${String(id)})`
    : `${String(id)}`;
}

const users = (ids: string[]) => listWords(ids.map((u) => quote(u)));
const isAre = (n: number) => (n === 1 ? 'is' : 'are');

/** The thing(s) acted on, and any state sentences, by the entry's declared pre-image kind. */
function subjectAndState(
  spec: ToolSpec,
  args: JsonObject,
  pre: JsonObject | undefined,
): { subject: string; state: string[] } {
  const state: string[] = [];
  const kind = spec.preimage ?? 'none';
  if (isGroupKind(kind)) {
    const who = targetUsers(spec, args);
    const where = groupWords(args.group_id, pre);
    const roles = asObject(pre?.roles) as Record<string, Role>;
    const outside = who.filter((u) => roles[u] === 'not a member');
    if (outside.length)
      state.push(`${users(outside)} ${isAre(outside.length)} not ${outside.length === 1 ? 'a member' : 'members'}.`);
    if (who.some((u) => roles[u] === 'unknown')) state.push('Whether they are all members could not be read.');
    const muted = asObject(pre?.muted_until);
    const mutedNow = who.filter((u) => muted[u] !== undefined);
    for (const u of mutedNow.slice(0, NAMES_SHOWN)) {
      const until = muted[u] === 'permanent' ? 'permanently' : `until ${String(muted[u])}`;
      state.push(`${quote(u)} is already muted ${until}; this mute replaces it.`);
    }
    if (pre?.muted_until && mutedNow.length === 0 && who.length) {
      state.push(who.length === 1 ? 'Not muted now.' : 'None of them is muted now.');
    }
    const blocked = idList(pre?.blocked);
    if (blocked.length) state.push(`${users(blocked)} ${isAre(blocked.length)} already blocked.`);
    const unread = asObject(pre?.unread);
    if (unread.mutes !== undefined) state.push('Their current mutes could not be read.');
    if (unread.blocked !== undefined) state.push('The block list could not be read.');
    if (unread.admins !== undefined) state.push('The admin list could not be read.');
    const whom = who.length > 1 ? `${who.length} users, ${users(who)}, in` : who.length ? `${users(who)} in` : '';
    return { subject: whom ? `${whom} ${where}` : where, state };
  }
  if (kind === 'share_file') {
    const f = pre?.file;
    const o = asObject(f);
    const facts = [
      typeof o.file_size === 'number' ? plural(o.file_size, 'byte', 'bytes') : '',
      o.file_owner !== undefined ? `uploaded by ${quote(o.file_owner)}` : '',
    ].filter(Boolean);
    const name =
      o.file_name !== undefined
        ? `file ${quote(o.file_name)} (${[idWords(args.file_id), ...facts].join(', ')})`
        : `file ${idWords(args.file_id)}`;
    if (!f || isUnavailable(f)) state.push('The file could not be read first.');
    return { subject: `${name} in group ${idWords(args.group_id)}`, state };
  }
  if (kind === 'lanying_users') {
    const ids = idList(args.list);
    const profiles = Array.isArray(pre?.users) ? (pre.users as unknown[]) : [];
    const named = ids.map((id, i) => lanyingUserWords(id, profiles[i]));
    const status = asObject(pre?.status) as Record<string, BanState>;
    const banned = ids.flatMap((id, i) => (status[id] === 'disabled' ? [named[i] as string] : []));
    if (banned.length) state.push(`${listWords(banned)} ${isAre(banned.length)} already banned.`);
    const unknown = ids.filter((id) => status[id] === 'unknown');
    if (unknown.length) {
      state.push(
        `Whether ${listWords(unknown)} ${isAre(unknown.length)} already banned is unknown (only the first ${USER_LIST_MAX_PAGES * USER_LIST_PAGE_SIZE} users listed were read).`,
      );
    }
    if (pre?.unread) state.push('Whether they are already banned is unknown (the user list could not be read).');
    return { subject: ids.length > 1 ? `${ids.length} users, ${listWords(named)}` : listWords(named), state };
  }
  if (kind === 'lanying_user' || kind === 'lanying_device' || kind === 'lanying_tags') {
    const who = `user ${lanyingUserWords(args.user_id, pre?.user)}`;
    if (!pre?.user || isUnavailable(pre.user)) state.push("The user's current state could not be read.");
    const second = secondTarget(spec);
    if (kind === 'lanying_device') {
      const sn = second === undefined ? undefined : args[second];
      if (pre?.device && isUnavailable(pre.device)) state.push('The device list could not be read.');
      return { subject: sn === undefined ? `all devices of ${who}` : `device ${String(sn)} of ${who}`, state };
    }
    if (kind === 'lanying_tags') {
      const tags = pre?.tags;
      if (Array.isArray(tags)) {
        state.push(tags.length ? `Bound now: ${listWords(tags.map((t) => quote(t)))}.` : 'No tags are bound now.');
      } else if (tags) state.push('The bound tags could not be read.');
      const named = second === undefined ? [] : idList(args[second]);
      return {
        subject: named.length ? `tags ${listWords(named.map((t) => quote(t)))} of ${who}` : `all push tags of ${who}`,
        state,
      };
    }
    return { subject: who, state };
  }
  // nothing documented reads the thing first: name the targets as given
  const parts = targetsOf(spec, args).flatMap(({ prop, kind, values }) =>
    values.length && kind !== 'actor'
      ? [`${prop.replace(/_id$/, '').replace(/_/g, ' ')} ${listWords(values.map((v) => quote(v)))}`]
      : [],
  );
  state.push('Its current state cannot be read first.');
  return { subject: parts.join(', '), state };
}

/** The one paragraph for the person (also the elicitation message). */
export function describeCall(spec: ToolSpec, args: JsonObject, pre: JsonObject | undefined, now: number): string {
  const { subject, state } = subjectAndState(spec, args, pre);
  const last = lasting(spec, args, now);
  const howLong = last
    ? last.ends === 'permanent'
      ? ' permanently (no end time)'
      : ` ${last.words} (until about ${last.ends})`
    : '';
  const sentences = [`${spec.title}: ${subject}${howLong}.`, ...state];
  if (spec.effect) sentences.push(spec.effect.trim().replace(/([^.])$/, '$1.'));
  if (typeof args.reason === 'string' && args.reason.trim())
    sentences.push(`Reason given: ${quote(args.reason, 200)}.`);
  return sentences.join(' ');
}
