/**
 * Lanying user settings: 1.1 friend validation, 1.10 auto download, 1.35/1.36 get and modify settings,
 * 1.37 sounds, 1.41 vibration. `settingRoute` also serves the push switches (push.ts).
 */
import type { Router, SandboxResponse } from '../http.js';
import {
  badParam,
  currentUser,
  jsonBody,
  type LanyingContext,
  ok,
  PUT_OR_POST,
  parseId,
  queryBool,
  queryInt,
  requireUser,
  settingsView,
} from './common.js';
import type { LanyingSettings } from './state.js';

const SETTING_TYPES: Record<keyof LanyingSettings, 'string' | 'int' | 'boolean'> = {
  auth_answer: 'string',
  auth_mode: 'int',
  auth_question: 'string',
  auto_download: 'boolean',
  group_confirm: 'boolean',
  no_push: 'boolean',
  no_push_detail: 'boolean',
  no_push_end_hour: 'int',
  no_push_start_hour: 'int',
  no_sounds: 'boolean',
  push_nick_name: 'string',
  push_token: 'string',
  silence_end_time: 'int',
  silence_start_time: 'int',
  vibratory: 'boolean',
};

function validateSetting(key: keyof LanyingSettings, v: unknown): void {
  const type = SETTING_TYPES[key];
  const typeMatches =
    (type === 'string' && typeof v === 'string') ||
    (type === 'boolean' && typeof v === 'boolean') ||
    (type === 'int' && typeof v === 'number' && Number.isInteger(v));
  if (!typeMatches) throw badParam(`${key} must be ${type === 'int' ? 'an integer' : `a ${type}`}`);
  if (key === 'auth_mode' && ((v as number) < 0 || (v as number) > 3)) throw badParam('auth_mode must be 0-3');
  if (key.endsWith('_hour') || key.startsWith('silence_')) {
    if ((v as number) < 0 || (v as number) > 23) throw badParam(`${key} must be an hour 0-23`);
  }
}

/** A route that sets one setting of the current user from the request (`read`), answering `data: true`. */
export function settingRoute<K extends keyof LanyingSettings>(
  key: K,
  read: (ctx: LanyingContext) => LanyingSettings[K],
) {
  return (ctx: LanyingContext): SandboxResponse => {
    const user = currentUser(ctx);
    const value = read(ctx);
    validateSetting(key, value);
    user.settings[key] = value;
    return ok(true);
  };
}

// 1.36: the target is the body's user_id (required even for oneself).
function modifySettings(ctx: LanyingContext): SandboxResponse {
  const body = jsonBody(ctx);
  if (body.user_id === undefined || body.user_id === null) throw badParam('user_id is required in the body');
  const id = parseId(body.user_id);
  if (id === undefined) throw badParam('user_id must be an int64');
  const user = requireUser(ctx.state, id);
  const patch: Partial<LanyingSettings> = {};
  for (const key of Object.keys(SETTING_TYPES) as (keyof LanyingSettings)[]) {
    const v = body[key];
    if (v === undefined || v === null) continue;
    validateSetting(key, v);
    (patch as Record<string, unknown>)[key] = v;
  }
  Object.assign(user.settings, patch);
  return ok(true);
}

export function registerSettingsRoutes(router: Router<LanyingContext>): void {
  router
    // 1.1 Set how to validate when adding friend
    .add(
      PUT_OR_POST,
      '/user/authmode',
      settingRoute('auth_mode', (ctx) => queryInt(ctx, 'value', 0, 3)),
    )
    // 1.10 Set whether to download thumbnails and files automatically
    .add(
      PUT_OR_POST,
      '/user/download',
      settingRoute('auto_download', (ctx) => queryBool(ctx, 'value')),
    )
    // 1.35 Get user settings / 1.36 Modify user settings
    .add('GET', '/user/settings', (ctx) => ok(settingsView(currentUser(ctx))))
    .add(PUT_OR_POST, '/user/settings', modifySettings)
    // 1.37 Set whether to mute sound alert for new message
    .add(
      PUT_OR_POST,
      '/user/sounds',
      settingRoute('no_sounds', (ctx) => queryBool(ctx, 'value')),
    )
    // 1.41 Set whether to vibrate alert for new message
    .add(
      PUT_OR_POST,
      '/user/vibratory',
      settingRoute('vibratory', (ctx) => queryBool(ctx, 'value')),
    );
}
