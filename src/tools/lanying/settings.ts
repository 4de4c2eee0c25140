/** Lanying: the acting user's own settings (friend verification, downloads, alerts, settings object). */
import { z } from 'zod';
import { READ, SET } from '../define.js';
import { Hour, Int64 } from '../params.js';
import { ACTING_HEADERS_AS, actingAs, lanyingInput, lanyingToolset, SETTINGS_ANSWER, UserId } from './params.js';

const tool = lanyingToolset('lanying_settings');

export const setFriendAuthMode = tool({
  name: 'lanying_set_friend_auth_mode',
  title: 'Set friend-request verification',
  doc: '1.1 Set how to validate when adding friend',
  description:
    'Set how others may add a user as a friend: 0 anyone, 1 needs consent, 2 must answer the question, 3 reject all.',
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/authmode', query: ['value'] },
  input: lanyingInput({ value: z.literal([0, 1, 2, 3]) }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
});

export const setAutoDownload = tool({
  name: 'lanying_set_auto_download',
  title: 'Set auto-download',
  doc: '1.10 Set whether to download thumbnails and files automatically',
  description: "Turn automatic download of thumbnails and files on a user's clients on or off.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/download', query: ['value'] },
  input: lanyingInput({ value: z.boolean() }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_settings',
  notes:
    'Documented as PUT and POST; we send PUT with value in the query (FLOO sends it in the body; we follow the Swagger). Shows as auto_download in settings.',
});

export const getSettings = tool({
  name: 'lanying_get_settings',
  title: 'Get settings',
  doc: '1.35 Get user settings',
  description: "Read a user's settings: friend verification, push, do-not-disturb hours, sound, vibration.",
  http: { method: 'GET', path: '/user/settings' },
  input: lanyingInput({}),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: READ,
  output: { data: SETTINGS_ANSWER },
  notes: 'No parameters besides the acting-as headers. The answer is the object lanying_update_settings writes.',
});

export const updateSettings = tool({
  name: 'lanying_update_settings',
  title: 'Update settings',
  doc: '1.36 Modify user settings',
  description:
    'Change several settings of the user in user_id (required here, even for oneself); read lanying_get_settings first.',
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/settings', headers: ACTING_HEADERS_AS },
  input: z.strictObject({
    auth_answer: z.string().optional(),
    auth_mode: z.literal([0, 1, 2, 3]).optional().describe('as lanying_set_friend_auth_mode'),
    auth_question: z.string().optional(),
    auto_download: z.boolean().optional(),
    group_confirm: z.boolean().optional().describe('group invites need consent'),
    id: Int64.optional().describe('as read'),
    no_push: z.boolean().optional(),
    no_push_detail: z.boolean().optional(),
    no_push_end_hour: Hour.optional(),
    no_push_start_hour: Hour.optional(),
    no_sounds: z.boolean().optional(),
    push_nick_name: z.string().optional(),
    push_token: z.string().optional(),
    silence_end_time: Hour.optional(),
    silence_start_time: Hour.optional(),
    user_id: UserId,
    vibratory: z.boolean().optional(),
    ...actingAs,
  }),
  targets: { user_id: 'user', as_user_id: 'actor', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_settings',
  notes:
    'Documented as PUT and POST; we send PUT with a JSON body. The body has a required user_id (int64), so the acting-as header is the property as_user_id (contract §3); vendors.md: required even for oneself. id has no description in the seed or Swagger (presumably the settings record id that 1.35 returns). The seed swaps the descriptions of no_push_end_hour/no_push_start_hour ("Start"/"End"); the Chinese Swagger gives end/start as the names say, and so do we. silence_* hours are typed int32 with "Hour 0-23": Hour. Whether unsent fields are kept or reset is undocumented, hence "read first".',
});

export const setSoundsOff = tool({
  name: 'lanying_set_sounds_off',
  title: 'Mute message sound',
  doc: '1.37 Set whether to mute sound alert for new message',
  description: "Mute (true) or unmute (false) the new-message sound on a user's clients.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/sounds', query: ['value'] },
  input: lanyingInput({ value: z.boolean() }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_settings',
  notes:
    'Documented as PUT and POST; we send PUT with value in the query. A notification preference: not destructive (contract §3). Shows as no_sounds in settings.',
});

export const setVibration = tool({
  name: 'lanying_set_vibration',
  title: 'Set vibration alert',
  doc: '1.41 Set whether to vibrate alert for new message',
  description: "Turn vibration for new messages on or off on a user's clients.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/vibratory', query: ['value'] },
  input: lanyingInput({ value: z.boolean() }),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  checkWith: 'lanying_get_settings',
  notes:
    'Documented as PUT and POST; we send PUT with value in the query. Note the polarity: true turns vibration on, unlike 1.37 where true mutes. Shows as vibratory in settings.',
});
