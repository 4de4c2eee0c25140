/** Lanying: the acting user's push notifications (on/off, details, do-not-disturb, nickname, alias, badge, tags). */
import { z } from 'zod';
import { DESTROY_IDEMPOTENT, READ, SET } from '../define.js';
import { Hour } from '../params.js';
import { ACTING_HEADERS, lanyingInput, lanyingToolset, PushTag } from './params.js';

const tool = lanyingToolset('lanying_push');

export const setPushDisabled = tool({
  name: 'lanying_set_push_disabled',
  title: 'Turn push off or on',
  doc: '1.22 Set whether to turn off push',
  description: "Turn a user's push notifications off (true) or back on (false). Messages still arrive in the app.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/push', query: ['value'] },
  input: lanyingInput({ value: z.boolean() }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_settings',
  notes:
    'Documented as PUT and POST; we send PUT with value in the query (FLOO sends it in the body; we follow the Swagger). A notification preference: not destructive (contract §3). Shows as no_push in settings.',
});

export const bindPushAlias = tool({
  name: 'lanying_bind_push_alias',
  title: 'Bind push alias',
  doc: '1.23 Bind alias',
  description: 'Bind a push alias to a user (optionally for one push token), so pushes can target the alias.',
  http: { method: 'POST', path: '/user/push/alias' },
  input: lanyingInput({ alias: z.string().min(1), push_token: z.string().optional() }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  notes:
    'POST only. SET rather than CREATE: binding the same alias again leaves the same state (same choice as 1.29 bind tags, 1.38 bind token). Whether a second alias replaces or adds is undocumented. No read shows aliases.',
});

export const setBadge = tool({
  name: 'lanying_set_badge',
  title: 'Set badge count',
  doc: '1.24 Set badge',
  description: 'Set the app-icon badge number the push service shows for a user, e.g. 0 to clear it.',
  http: { method: 'POST', path: '/user/push/badge' },
  input: lanyingInput({ badge: z.number().int().min(0).max(2147483647) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  notes: 'POST only. Documented as int32 with no range; negative counts make no sense, so min 0 is ours.',
});

export const setPushDetailHidden = tool({
  name: 'lanying_set_push_detail_hidden',
  title: 'Hide push details',
  doc: '1.25 Set whether to turn off push details',
  description: 'Hide (true) or show (false) message content in push notifications; pushes still arrive.',
  http: {
    method: 'PUT',
    alsoDocumented: ['POST'],
    path: '/user/push/detail',
    query: ['value'],
    headers: ACTING_HEADERS,
  },
  input: lanyingInput({ value: z.boolean() }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_settings',
  notes:
    'Documented as PUT and POST; we send PUT. value true = "close push details" (seed 1.25). The settings field no_push_detail is described the other way round in 1.35 ("true - push details"); we follow 1.25. A notification preference: not destructive (contract §3).',
});

export const setPushDndHours = tool({
  name: 'lanying_set_push_dnd_hours',
  title: 'Set push do-not-disturb hours',
  doc: '1.26 Set push no-disturb time',
  description: "Set a user's daily no-push hours; the window may wrap past midnight.",
  http: {
    method: 'PUT',
    alsoDocumented: ['POST'],
    path: '/user/push/limit',
    query: ['no_push_end_hour', 'no_push_start_hour'],
    headers: ACTING_HEADERS,
  },
  input: lanyingInput({ no_push_end_hour: Hour, no_push_start_hour: Hour }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_settings',
  notes:
    'Documented as PUT and POST; we send PUT with both hours in the query (0–23 from the Swagger). Wrapping past midnight (start > end) is our reading, not documented. How to clear the window is undocumented.',
});

export const setPushNickname = tool({
  name: 'lanying_set_push_nickname',
  title: 'Set push nickname',
  doc: '1.27 Set push nickname',
  description: 'Set the sender name shown in push notifications for a user (separate from the profile nickname).',
  http: {
    method: 'PUT',
    alsoDocumented: ['POST'],
    path: '/user/push/nickname',
    query: ['value'],
    headers: ACTING_HEADERS,
  },
  input: lanyingInput({ value: z.string().min(1) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_settings',
  notes:
    'Documented as PUT and POST; we send PUT. The query parameter is named value, not nick_name. Shows as push_nick_name in settings.',
});

export const getPushTags = tool({
  name: 'lanying_get_push_tags',
  title: 'Get push tags',
  doc: '1.28 Get tag',
  description: 'List the push tags bound to a user.',
  http: { method: 'GET', path: '/user/push/tag' },
  input: lanyingInput({}),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: READ,
  output: { data: ['string'] },
  notes: 'Answers data as an array of strings.',
});

export const bindPushTags = tool({
  name: 'lanying_bind_push_tags',
  title: 'Bind push tags',
  doc: '1.29 Bind tag',
  description: 'Add push tags to a user so tag-targeted pushes reach them; existing tags are kept.',
  http: { method: 'POST', path: '/user/push/tag' },
  input: lanyingInput({ tags: z.array(PushTag).min(1) }),
  targets: { user_id: 'user', tags: 'tag', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  batch: { prop: 'tags', max: 100 },
  checkWith: 'lanying_get_push_tags',
  notes:
    'POST only. SET rather than CREATE: binding the same tags again leaves the same state. "Existing tags are kept" is our reading (there is a separate unbind and delete-all); not documented. 100 per call is our cap: the documentation gives none.',
});

export const unbindPushTags = tool({
  name: 'lanying_unbind_push_tags',
  title: 'Unbind push tags',
  doc: '1.30 Unbind tag',
  description:
    'Remove the given push tags from a user; other tags stay. To drop all, use lanying_delete_all_push_tags.',
  http: { method: 'DELETE', path: '/user/push/tag', body: 'json' },
  input: lanyingInput({ tags: z.array(PushTag).min(1) }),
  targets: { user_id: 'user', tags: 'tag', group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: 'boolean' },
  batch: { prop: 'tags', max: 100 },
  preimage: 'lanying_tags',
  preflight: ['not_found', 'not_bound'],
  effect: 'The tags stop targeting this user; rebind them with lanying_bind_push_tags.',
  checkWith: 'lanying_get_push_tags',
  notes:
    'DELETE only, with a JSON body {"tags": […]} (seed and Swagger). 100 per call is our cap: the documentation gives none.',
});

export const deleteAllPushTags = tool({
  name: 'lanying_delete_all_push_tags',
  title: 'Delete all push tags',
  doc: '1.31 Delete all tags',
  description: 'Remove every push tag of a user; read them first (lanying_get_push_tags) if you may restore them.',
  http: { method: 'DELETE', path: '/user/push/tag/all' },
  input: lanyingInput({}),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: 'boolean' },
  preimage: 'lanying_tags',
  preflight: ['not_found', 'not_bound'],
  effect: "All of the user's push tags are removed; restore them with lanying_bind_push_tags if you know them.",
  checkWith: 'lanying_get_push_tags',
  notes: 'DELETE only, no body.',
});
