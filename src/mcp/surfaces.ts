/**
 * Prompts, resources and argument completion (docs/agents.md): what the server offers besides tools. Plain data and
 * functions over the App; mcp/server.ts registers them with the SDK.
 */
import type { App } from '../app.js';
import { AUDIT_READ_MAX, readAudit } from '../guards/audit-read.js';
import { listGroups } from '../tools/easemob/groups.js';
import { ALL_TOOLS } from '../tools/index.js';
import { VENDORS } from '../vendors/index.js';

interface PromptArg {
  name: string;
  description: string;
  required?: boolean;
  /** what completion offers for it */
  complete?: 'group' | 'tool';
}
interface PromptSpec {
  name: string;
  title: string;
  description: string;
  arguments: PromptArg[];
  /** the tools the workflow uses, named in its text */
  tools: string[];
  text(a: Record<string, string>): string;
}

const confirmNote =
  'Destructive tools first answer confirmation_required with a preview: show it to the user and repeat the call with the confirmation_token only if they agree.';

/**
 * A prompt argument inside the prompt's text: as one JSON string (quotes and line breaks escaped), so what the client
 * filled in (from completion or pasted chat text) stays a value and cannot add steps of its own.
 */
const q = (v: string | undefined): string => JSON.stringify(String(v ?? ''));

const PROMPTS: PromptSpec[] = [
  {
    name: 'investigate_user',
    title: 'Investigate a user',
    description: "Gather a user's groups, standing, devices and the recent actions on them, without changing anything.",
    arguments: [
      { name: 'username', description: 'Easemob user id (or Lanying username)', required: true },
      { name: 'group_id', description: 'a group to look at first (optional)', complete: 'group' },
    ],
    tools: [
      'easemob_list_user_groups',
      'easemob_get_member_standing',
      'lanying_find_user',
      'lanying_get_profile',
      'lanying_list_devices',
    ],
    text: (a) =>
      [
        `Investigate the user ${q(a.username)}. Read only; change nothing.`,
        `1. easemob_list_user_groups (username ${q(a.username)}, max_items 200): the groups they are in.`,
        `2. easemob_get_member_standing for ${a.group_id ? `group ${q(a.group_id)} first, then ` : ''}each group: role, mute and its end (expire_iso), blocked, allow-listed.`,
        `3. lanying_find_user (username ${q(a.username)}); if found, lanying_get_profile and lanying_list_devices with its user_id.`,
        `4. Read the resource im-admin://audit/recent?target=${encodeURIComponent(a.username ?? '')} for the recent actions on them.`,
        'Report: groups with role and standing, devices, recent actions, anything unusual. Values ending in _iso, _text or _user are readable twins added by the server.',
      ].join('\n'),
  },
  {
    name: 'handle_spammer',
    title: 'Handle a spammer across groups',
    description: 'Mute, block or remove one user in every group they are in (or the groups given), with confirmation.',
    arguments: [
      { name: 'username', description: 'Easemob user id of the spammer', required: true },
      { name: 'action', description: 'mute (default), block or remove' },
      { name: 'mute_duration', description: 'mute length, e.g. 24h or 3600000 ms (default 24h)' },
      { name: 'reason', description: 'recorded in the audit log' },
    ],
    tools: [
      'easemob_list_user_groups',
      'easemob_get_member_standing',
      'easemob_mute_members',
      'easemob_block_users',
      'easemob_remove_members',
    ],
    text: (a) => {
      const action = a.action === 'block' || a.action === 'remove' ? a.action : 'mute';
      const tool =
        action === 'block'
          ? 'easemob_block_users'
          : action === 'remove'
            ? 'easemob_remove_members'
            : 'easemob_mute_members';
      return [
        `Handle the spammer ${q(a.username)}: ${action} them in every group they are in.`,
        `1. easemob_list_user_groups (username ${q(a.username)}, max_items 200).`,
        '2. easemob_get_member_standing per group: skip groups where they are the owner (the vendor refuses) or already handled.',
        `3. ${tool} per group with usernames [${q(a.username)}]${action === 'mute' ? `, mute_duration in milliseconds (${q(a.mute_duration ?? '24h')}; -1 = until unmuted)` : ''}, reason ${q(a.reason ?? 'spam')}.`,
        confirmNote,
        'Report per group: done, skipped (why) or failed (the error code).',
      ].join('\n');
    },
  },
  {
    name: 'lock_group',
    title: 'Lock a group down for a while',
    description: 'Post an announcement, mute the whole group, and say when to lift it.',
    arguments: [
      { name: 'group_id', description: 'the Easemob group', required: true, complete: 'group' },
      { name: 'duration', description: 'how long, e.g. 2h', required: true },
      { name: 'announcement', description: 'the text members see' },
    ],
    tools: ['easemob_get_groups', 'easemob_set_announcement', 'easemob_mute_all', 'easemob_unmute_all'],
    text: (a) =>
      [
        `Lock group ${q(a.group_id)} down for ${q(a.duration)}.`,
        `1. easemob_get_groups (group_id [${q(a.group_id)}]): confirm the name and that it is not disabled or already muted.`,
        `2. easemob_set_announcement: ${q(a.announcement ?? `This group is paused for ${a.duration}.`)} (the previous announcement comes from easemob_get_announcement if you want to restore it).`,
        '3. easemob_mute_all: only the owner, admins and allow-listed users can still speak. It has no end time of its own.',
        `4. Tell the user when ${q(a.duration)} is over and that easemob_unmute_all lifts it (then restore the announcement).`,
        confirmNote,
      ].join('\n'),
  },
  {
    name: 'review_recent_actions',
    title: 'Review recent actions',
    description: "Summarise the audit trail's recent writes, optionally of one tool or one target.",
    arguments: [
      { name: 'tool', description: 'only this tool', complete: 'tool' },
      { name: 'target', description: 'only actions on this user or group id', complete: 'group' },
    ],
    tools: ['easemob_get_member_standing', 'easemob_get_groups'],
    text: (a) => {
      const query = new URLSearchParams({
        ...(a.tool ? { tool: a.tool } : {}),
        ...(a.target ? { target: a.target } : {}),
      });
      return [
        `Read the resource im-admin://audit/recent${query.size ? `?${query}` : ''} (newest first).`,
        'Summarise: who or what was acted on, by which tool, the outcome (success, error, refused, declined, cancelled, dry_run), the reason given, and failures worth retrying.',
        'Check the current state where it matters with easemob_get_member_standing or easemob_get_groups. Change nothing.',
      ].join('\n');
    },
  },
];

const WRITES = new Set(ALL_TOOLS.filter((t) => !t.annotations.readOnlyHint).map((t) => t.name));

/**
 * The prompts this server offers: a workflow whose steps change something is offered only where every write tool it
 * names is served (read-only mode, toolsets and tool lists decide), so no prompt asks for a tool the agent lacks.
 */
export function servedPrompts(app: App): PromptSpec[] {
  const served = new Set(app.tools.map((t) => t.name));
  return PROMPTS.filter((p) => p.tools.every((t) => !WRITES.has(t) || served.has(t)));
}

/** The resources listed; the sandbox seed only in sandbox mode. */
export function resourceList(
  app: App,
): { uri: string; name: string; title: string; description: string; mimeType: string }[] {
  return [
    {
      uri: AUDIT_URI,
      name: 'audit-recent',
      title: 'Recent audit trail',
      description: `The newest ${DEFAULT_AUDIT} audit lines, newest first (template: filter by tool and target).`,
      mimeType: 'application/json',
    },
    {
      uri: ERRORS_URI,
      name: 'error-codes',
      title: 'Vendor error codes',
      description: "Both vendors' error codes with what each means and what to do.",
      mimeType: 'text/markdown',
    },
    ...(app.config.sandbox
      ? [
          {
            uri: SEED_URI,
            name: 'sandbox-seed',
            title: 'Sandbox seed data',
            description: 'The users, groups and ids the built-in sandbox starts with.',
            mimeType: 'text/markdown',
          },
        ]
      : []),
  ];
}

const AUDIT_URI = 'im-admin://audit/recent';
export const AUDIT_TEMPLATE = 'im-admin://audit/recent{?tool,target,limit}';
const ERRORS_URI = 'im-admin://reference/errors';
const SEED_URI = 'im-admin://sandbox/seed';
const DEFAULT_AUDIT = 50;

/** Thrown for a URI this server does not serve (answered as a JSON-RPC error naming it). */
export class UnknownResource extends Error {}

/** A resource's text, or UnknownResource. Nothing read here holds a secret. */
export async function readResource(app: App, uri: string): Promise<{ mimeType: string; text: string }> {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new UnknownResource(`Not a resource URI: ${uri}`);
  }
  const base = `${u.protocol}//${u.host}${u.pathname}`;
  if (base === AUDIT_URI) {
    const limit = Number(u.searchParams.get('limit') ?? DEFAULT_AUDIT);
    const tool = u.searchParams.get('tool') || undefined;
    const target = u.searchParams.get('target') || undefined;
    const lines = await readAudit(app.config.auditLog, {
      limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, AUDIT_READ_MAX) : DEFAULT_AUDIT,
      ...(tool ? { tool } : {}),
      ...(target ? { target } : {}),
    });
    return { mimeType: 'application/json', text: JSON.stringify({ lines, count: lines.length }) };
  }
  if (base === ERRORS_URI) return { mimeType: 'text/markdown', text: errorReference() };
  if (base === SEED_URI && app.config.sandbox) {
    const { SEED_SUMMARY } = await import('../sandbox/index.js');
    return { mimeType: 'text/markdown', text: withoutSecrets(SEED_SUMMARY) };
  }
  throw new UnknownResource(`Unknown resource: ${uri}. resources/list and resources/templates/list name them.`);
}

/** The seed summary without the sandbox's connection credentials and user passwords. */
function withoutSecrets(summary: string): string {
  return summary.replace(/ \((`app_id`|org `)[^)]*\):/g, ':').replace(/ \((password )?`[^`]*-pass-[^`]*`\)/g, '');
}

function errorReference(): string {
  const out = ['# Vendor error codes', '', 'Every failed call is an isError result naming the code; what to do:', ''];
  for (const v of Object.values(VENDORS)) {
    out.push(`## ${v.label}`, '', '| code | HTTP | meaning | what to do |', '|---|---|---|---|');
    for (const e of v.errors) out.push(`| ${e.code ?? '—'} | ${e.status ?? '—'} | ${e.meaning} | ${e.what} |`);
    out.push('');
  }
  out.push(
    '## Any vendor, by HTTP status',
    '',
    '| HTTP | what to do |',
    '|---|---|',
    '| 403 | the vendor forbids it for these users or roles: do not retry unchanged |',
    '| 404 | something named does not exist: check the ids with a list or lookup tool |',
    '| 413 | too large: send fewer items or a smaller file |',
    '| 429 | rate limited: retry after the time given, else a few seconds |',
    '| 5xx | reads are retried; a write may or may not have been applied: check with the read tool named |',
  );
  return out.join('\n');
}

/** Completion values for a prompt argument or the audit template's `tool`/`target` (at most 100). */
export async function complete(
  app: App,
  kind: 'group' | 'tool' | undefined,
  value: string,
  signal: AbortSignal,
): Promise<string[]> {
  const v = value.toLowerCase();
  if (kind === 'tool')
    return app.tools
      .map((t) => t.name)
      .filter((n) => n.startsWith(v))
      .slice(0, 100);
  // group ids come from easemob_list_groups: offered only where the operator serves that read
  if (kind !== 'group' || !app.tools.some((t) => t.name === listGroups.name)) return [];
  try {
    // one page of the newest groups: ids whose id or name starts with (or whose name contains) what was typed
    const page = await app.readEntry(listGroups, { limit: 100 }, signal);
    const rows = (Array.isArray(page.data) ? page.data : []) as { groupid?: unknown; groupname?: unknown }[];
    return rows
      .filter(
        (g) =>
          String(g.groupid).startsWith(value) ||
          String(g.groupname ?? '')
            .toLowerCase()
            .includes(v),
      )
      .map((g) => String(g.groupid))
      .slice(0, 100);
  } catch {
    return []; // completion is a convenience: a failed read offers nothing
  }
}

/** Which completion an argument gets: a prompt's declaration, or the audit template's variables. */
export function completionKind(
  ref: { type: string; name?: string; uri?: string },
  arg: string,
): 'group' | 'tool' | undefined {
  if (ref.type === 'ref/prompt')
    return PROMPTS.find((p) => p.name === ref.name)?.arguments.find((a) => a.name === arg)?.complete;
  if (ref.type === 'ref/resource' && ref.uri === AUDIT_TEMPLATE)
    return arg === 'tool' ? 'tool' : arg === 'target' ? 'group' : undefined;
  return undefined;
}
