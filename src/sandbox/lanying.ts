/**
 * Lanying (MaximTop) emulator: chapter "1 User action" (1.1–1.41), all under /user/...
 *
 * Every answer is HTTP 200 with the envelope {code, message, data}; business errors use another
 * `code` inside that 200. Only requests that match no documented route get an HTTP 404/405.
 */
import {
  header,
  intParam,
  isPlainObject,
  json,
  parseJson,
  Router,
  type SandboxRequest,
  type SandboxResponse,
} from './http.js';
import {
  type LanyingSettings,
  type LanyingUser,
  newLanyingUser,
  SANDBOX_LANYING_ACCESS_TOKEN,
  SANDBOX_LANYING_APP_ID,
  type SandboxState,
} from './state.js';

export const LANYING_CODE = {
  OK: 200,
  NO_SUCH_USER: 10000,
  BAD_PARAMETER: 10002,
  MISSING_TOKEN: 10003,
  USER_EXISTS: 10004,
  INVALID_TOKEN: 10008,
  UNKNOWN_APP: 40000,
} as const;

export class LanyingError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface LanyingContext {
  req: SandboxRequest;
  state: SandboxState;
  now: () => number;
}

function ok(data: unknown, extra?: Record<string, unknown>): SandboxResponse {
  return json(200, { code: LANYING_CODE.OK, message: null, data, ...extra });
}

function fail(code: number, message: string): SandboxResponse {
  return json(200, { code, message, data: null });
}

function badParam(message: string): LanyingError {
  return new LanyingError(LANYING_CODE.BAD_PARAMETER, `invalid parameter: ${message}`);
}

// ---------------------------------------------------------------------------
// Input helpers
// ---------------------------------------------------------------------------

/** Parse an int64 id given as a JSON number or a decimal string. */
function parseId(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,16}$/.test(v.trim())) {
    const n = Number(v.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

function findUser(state: SandboxState, id: number): LanyingUser | undefined {
  return state.lanying.users.find((u) => u.user_id === id);
}

function findUserByName(state: SandboxState, username: string): LanyingUser | undefined {
  return state.lanying.users.find((u) => u.username === username);
}

function requireUser(state: SandboxState, id: number): LanyingUser {
  const user = findUser(state, id);
  if (!user) throw new LanyingError(LANYING_CODE.NO_SUCH_USER, `user ${id} does not exist`);
  return user;
}

/** The user selected by the `user_id` header (the user the admin token acts as). */
function currentUser(ctx: LanyingContext): LanyingUser {
  const raw = header(ctx.req.headers, 'user_id');
  if (raw === undefined || raw.trim() === '') {
    throw new LanyingError(
      LANYING_CODE.BAD_PARAMETER,
      'invalid parameter: this operation acts on a user; pass the user_id header to choose which user',
    );
  }
  const id = parseId(raw);
  if (id === undefined) throw badParam(`user_id header must be an int64, got "${raw}"`);
  return requireUser(ctx.state, id);
}

function body(ctx: LanyingContext): Record<string, unknown> {
  if (ctx.req.body.length === 0) return {};
  const parsed = parseJson(ctx.req.body);
  if (!parsed.ok) throw badParam(`request body is not valid JSON (${parsed.message})`);
  if (!isPlainObject(parsed.value)) throw badParam('request body must be a JSON object');
  return parsed.value;
}

function reqString(obj: Record<string, unknown>, name: string, allowEmpty = false): string {
  const v = obj[name];
  if (typeof v !== 'string' || (!allowEmpty && v === '')) throw badParam(`${name} is required and must be a string`);
  return v;
}

function optString(obj: Record<string, unknown>, name: string): string | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badParam(`${name} must be a string`);
  return v;
}

function reqInt(obj: Record<string, unknown>, name: string): number {
  const v = obj[name];
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw badParam(`${name} is required and must be an integer`);
  return n;
}

function queryBool(ctx: LanyingContext, name: string): boolean {
  const raw = ctx.req.query.get(name);
  if (raw === null) throw badParam(`query parameter ${name} is required`);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badParam(`query parameter ${name} must be true or false`);
}

function queryInt(ctx: LanyingContext, name: string, min?: number, max?: number): number {
  const n = intParam(ctx.req.query, name);
  if (n === undefined) throw badParam(`query parameter ${name} is required`);
  if (Number.isNaN(n)) throw badParam(`query parameter ${name} must be an integer`);
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw badParam(`query parameter ${name} must be between ${min} and ${max}`);
  }
  return n;
}

function queryString(ctx: LanyingContext, name: string): string {
  const raw = ctx.req.query.get(name);
  if (raw === null) throw badParam(`query parameter ${name} is required`);
  return raw;
}

function idList(obj: Record<string, unknown>): number[] {
  const list = obj.list;
  if (!Array.isArray(list) || list.length === 0)
    throw badParam('list is required and must be a non-empty array of user ids');
  return list.map((v) => {
    const id = parseId(v);
    if (id === undefined) throw badParam(`list holds an invalid user id: ${JSON.stringify(v)}`);
    return id;
  });
}

function objectList(obj: Record<string, unknown>): Record<string, unknown>[] {
  const list = obj.list;
  if (!Array.isArray(list)) throw badParam('list is required and must be an array');
  return list.map((item) => {
    if (!isPlainObject(item)) throw badParam('each list item must be an object');
    return item;
  });
}

// ---------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------

function settingsView(user: LanyingUser): LanyingSettings & { id: number; user_id: number } {
  return { ...user.settings, id: user.user_id, user_id: user.user_id };
}

function profileView(user: LanyingUser) {
  return {
    avatar: user.avatar,
    description: user.description,
    email: user.email,
    mobile: user.mobile,
    nick_name: user.nick_name,
    private_info: user.private_info,
    public_info: user.public_info,
    user_id: user.user_id,
    username: user.username,
  };
}

function createUser(ctx: LanyingContext, username: string, password: string): LanyingUser {
  const id = ctx.state.lanying.nextUserId++;
  const user = newLanyingUser(id, username, password, ctx.now());
  ctx.state.lanying.users.push(user);
  return user;
}

function validateNewUser(state: SandboxState, username: unknown, password: unknown): string | undefined {
  if (typeof username !== 'string' || username.trim() === '') return 'username is required';
  if (username.length > 64 || /\s/.test(username)) return 'username must be 1-64 characters without spaces';
  if (typeof password !== 'string' || password === '') return 'password is required';
  if (findUserByName(state, username)) return 'username already exists';
  return undefined;
}

const PROFILE_FIELDS = ['description', 'nick_name', 'private_info', 'public_info'] as const;

function applyProfile(user: LanyingUser, patch: Record<string, unknown>): void {
  for (const field of PROFILE_FIELDS) {
    const v = optString(patch, field);
    if (v !== undefined) user[field] = v;
  }
}

const SETTINGS_TYPES: Record<keyof LanyingSettings, 'string' | 'int' | 'boolean'> = {
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
  const type = SETTINGS_TYPES[key];
  const okType =
    (type === 'string' && typeof v === 'string') ||
    (type === 'boolean' && typeof v === 'boolean') ||
    (type === 'int' && typeof v === 'number' && Number.isInteger(v));
  if (!okType) throw badParam(`${key} must be ${type === 'int' ? 'an integer' : `a ${type}`}`);
  if (key === 'auth_mode' && ((v as number) < 0 || (v as number) > 3)) throw badParam('auth_mode must be 0-3');
  if (key.endsWith('_hour') || key.startsWith('silence_')) {
    if ((v as number) < 0 || (v as number) > 23) throw badParam(`${key} must be an hour 0-23`);
  }
}

// ---------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------

const PP = ['PUT', 'POST'];
const router = new Router<LanyingContext>();

function setSetting<K extends keyof LanyingSettings>(key: K, read: (ctx: LanyingContext) => LanyingSettings[K]) {
  return (ctx: LanyingContext): SandboxResponse => {
    const user = currentUser(ctx);
    const value = read(ctx);
    validateSetting(key, value);
    user.settings[key] = value;
    return ok(true);
  };
}

// 1.1 Set how to validate when adding friend
router.add(
  PP,
  '/user/authmode',
  setSetting('auth_mode', (ctx) => queryInt(ctx, 'value', 0, 3)),
);

// 1.2 Set avatar
router.add(PP, '/user/avatar', (ctx) => {
  const user = currentUser(ctx);
  user.avatar = reqString(body(ctx), 'avatar');
  return ok(true);
});

// 1.3 Set avatar in batch
router.add(PP, '/user/avatar/batch', (ctx) => {
  const items = objectList(body(ctx));
  const data = items.map((item) => {
    const id = parseId(item.user_id);
    if (id === undefined) return { reason: 'user_id is required', success: false, user_id: item.user_id ?? null };
    const user = findUser(ctx.state, id);
    if (!user) return { reason: 'user does not exist', success: false, user_id: id };
    if (typeof item.avatar !== 'string' || item.avatar === '') {
      return { reason: 'avatar is required', success: false, user_id: id };
    }
    user.avatar = item.avatar;
    return { success: true, user_id: id };
  });
  return ok(data);
});

// 1.4 Modify password
router.add('POST', '/user/change_password', (ctx) => {
  const user = currentUser(ctx);
  const b = body(ctx);
  const oldPassword = reqString(b, 'old_password');
  const newPassword = reqString(b, 'new_password');
  if (oldPassword !== user.password) throw badParam('old_password is wrong');
  user.password = newPassword;
  return ok(true);
});

// 1.5 Administrator change password
router.add('POST', '/user/change_password_admin', (ctx) => {
  const user = currentUser(ctx);
  user.password = reqString(body(ctx), 'password');
  return ok(true);
});

// 1.6 Delete users (admin token: no password needed)
router.add(['DELETE', 'POST'], '/user/delete', (ctx) => {
  const user = currentUser(ctx);
  const b = body(ctx);
  optString(b, 'password');
  ctx.state.lanying.users = ctx.state.lanying.users.filter((u) => u !== user);
  return ok(true);
});

// 1.7 Device list
router.add('GET', '/user/device/list', (ctx) => {
  const user = currentUser(ctx);
  const data = user.devices.map((d) => ({
    device_sn: d.device_sn,
    platform: d.platform,
    user_agent: d.user_agent,
    user_id: user.user_id,
  }));
  return ok(data, { version: ctx.state.lanying.deviceVersion });
});

// 1.8 Delete device
router.add(['DELETE', 'POST'], '/user/device/remove', (ctx) => {
  const user = currentUser(ctx);
  const sn = queryInt(ctx, 'device_sn');
  if (!user.devices.some((d) => d.device_sn === sn)) throw badParam(`device_sn ${sn} does not exist`);
  user.devices = user.devices.filter((d) => d.device_sn !== sn);
  user.bound_tokens = user.bound_tokens.filter((t) => t.device_sn !== sn);
  ctx.state.lanying.deviceVersion++;
  return ok(true);
});

// 1.9 Banned user / 1.11 Unbanned user
function setDisabled(disabled: boolean) {
  return (ctx: LanyingContext): SandboxResponse => {
    const ids = idList(body(ctx));
    const users = ids.map((id) => requireUser(ctx.state, id));
    for (const u of users) u.disabled = disabled;
    return ok(true);
  };
}
router.add('PUT', '/user/disable', setDisabled(true));
router.add('PUT', '/user/enable', setDisabled(false));

// 1.10 Set whether to download thumbnails and files automatically
router.add(
  PP,
  '/user/download',
  setSetting('auto_download', (ctx) => queryBool(ctx, 'value')),
);

// 1.12 Kick specified device (no device_sn: all devices)
router.add(PP, '/user/kick', (ctx) => {
  const user = currentUser(ctx);
  const sn = intParam(ctx.req.query, 'device_sn');
  if (sn === undefined) {
    for (const d of user.devices) d.online = false;
    return ok(true);
  }
  if (Number.isNaN(sn)) throw badParam('device_sn must be an integer');
  const device = user.devices.find((d) => d.device_sn === sn);
  if (!device) throw badParam(`device_sn ${sn} does not exist`);
  device.online = false;
  return ok(true);
});

// 1.13 List all users under the APP
router.add('GET', '/user/list', (ctx) => {
  const pageNum = intParam(ctx.req.query, 'page_num') ?? 1;
  const pageSize = intParam(ctx.req.query, 'page_size') ?? 50;
  if (Number.isNaN(pageNum) || pageNum < 1) throw badParam('page_num must be greater than 0');
  if (Number.isNaN(pageSize) || pageSize < 1) throw badParam('page_size must be greater than 0');
  const sorted = [...ctx.state.lanying.users].sort((a, b) => a.user_id - b.user_id);
  const page = sorted.slice((pageNum - 1) * pageSize, pageNum * pageSize);
  return ok(page.map((u) => ({ status: u.disabled ? 1 : 0, user_id: u.user_id, username: u.username })));
});

// 1.14 Set mobile number
router.add(PP, '/user/mobile', (ctx) => {
  const user = currentUser(ctx);
  user.mobile = queryString(ctx, 'mobile');
  return ok(true);
});

// 1.15 Set nickname
router.add(PP, '/user/nickname', (ctx) => {
  const user = currentUser(ctx);
  user.nick_name = queryString(ctx, 'nick_name');
  return ok(true);
});

// 1.16 Query user online status
router.add('GET', '/user/online_status', (ctx) => {
  const user = currentUser(ctx);
  return ok({ online: user.devices.some((d) => d.online) });
});

// 1.17 Set private extension information / 1.21 Set public extension information (raw text bodies)
router.add(PP, '/user/private', (ctx) => {
  const user = currentUser(ctx);
  user.private_info = ctx.req.body.toString('utf8');
  return ok(true);
});
router.add(PP, '/user/public', (ctx) => {
  const user = currentUser(ctx);
  user.public_info = ctx.req.body.toString('utf8');
  return ok(true);
});

// 1.18 Get user information / 1.19 Update user information
router.add('GET', '/user/profile', (ctx) => ok(profileView(currentUser(ctx))));
router.add(PP, '/user/profile', (ctx) => {
  const user = currentUser(ctx);
  const b = body(ctx);
  for (const field of PROFILE_FIELDS) optString(b, field);
  applyProfile(user, b);
  return ok(true);
});

// 1.20 Update user information in batch
router.add(PP, '/user/profile/batch', (ctx) => {
  const items = objectList(body(ctx));
  const data = items.map((item) => {
    const id = parseId(item.user_id);
    if (id === undefined) return { reason: 'user_id is required', success: false, user_id: item.user_id ?? null };
    const user = findUser(ctx.state, id);
    if (!user) return { reason: 'user does not exist', success: false, user_id: id };
    try {
      for (const field of PROFILE_FIELDS) optString(item, field);
    } catch (err) {
      return { reason: (err as Error).message, success: false, user_id: id };
    }
    applyProfile(user, item);
    return { success: true, user_id: id };
  });
  return ok(data);
});

// 1.22 Set whether to turn off push
router.add(
  PP,
  '/user/push',
  setSetting('no_push', (ctx) => queryBool(ctx, 'value')),
);

// 1.23 Bind alias
router.add('POST', '/user/push/alias', (ctx) => {
  const user = currentUser(ctx);
  const b = body(ctx);
  const alias = reqString(b, 'alias');
  const pushToken = optString(b, 'push_token');
  user.alias = alias;
  if (pushToken !== undefined) user.settings.push_token = pushToken;
  return ok(true);
});

// 1.24 Set badge
router.add('POST', '/user/push/badge', (ctx) => {
  const user = currentUser(ctx);
  const badge = reqInt(body(ctx), 'badge');
  if (badge < 0) throw badParam('badge must not be negative');
  user.badge = badge;
  return ok(true);
});

// 1.25 Set whether to turn off push details
router.add(
  PP,
  '/user/push/detail',
  setSetting('no_push_detail', (ctx) => queryBool(ctx, 'value')),
);

// 1.26 Set push no-disturb time
router.add(PP, '/user/push/limit', (ctx) => {
  const user = currentUser(ctx);
  const start = queryInt(ctx, 'no_push_start_hour', 0, 23);
  const end = queryInt(ctx, 'no_push_end_hour', 0, 23);
  user.settings.no_push_start_hour = start;
  user.settings.no_push_end_hour = end;
  return ok(true);
});

// 1.27 Set push nickname
router.add(
  PP,
  '/user/push/nickname',
  setSetting('push_nick_name', (ctx) => queryString(ctx, 'value')),
);

// 1.28 Get tag / 1.29 Bind tag / 1.30 Unbind tag / 1.31 Delete all tags
function tagList(ctx: LanyingContext): string[] {
  const tags = body(ctx).tags;
  if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === 'string' && t !== '')) {
    throw badParam('tags is required and must be a non-empty array of strings');
  }
  return tags as string[];
}
router.add('GET', '/user/push/tag', (ctx) => ok([...currentUser(ctx).tags]));
router.add('POST', '/user/push/tag', (ctx) => {
  const user = currentUser(ctx);
  for (const tag of tagList(ctx)) if (!user.tags.includes(tag)) user.tags.push(tag);
  return ok(true);
});
router.add('DELETE', '/user/push/tag', (ctx) => {
  const user = currentUser(ctx);
  const remove = new Set(tagList(ctx));
  user.tags = user.tags.filter((t) => !remove.has(t));
  return ok(true);
});
router.add('DELETE', '/user/push/tag/all', (ctx) => {
  currentUser(ctx).tags = [];
  return ok(true);
});

// 1.32 Register user in batch
router.add('POST', '/user/register/batch', (ctx) => {
  const items = objectList(body(ctx));
  const data = items.map((item) => {
    const problem = validateNewUser(ctx.state, item.username, item.password);
    if (problem) {
      return { reason: problem, success: false, username: typeof item.username === 'string' ? item.username : null };
    }
    const user = createUser(ctx, item.username as string, item.password as string);
    return { success: true, user_id: user.user_id, username: user.username };
  });
  return ok(data);
});

// 1.33 Register push user
router.add('POST', '/user/register/push', (ctx) => {
  const b = body(ctx);
  const problem = validateNewUser(ctx.state, b.username, b.password);
  if (problem === 'username already exists') throw new LanyingError(LANYING_CODE.USER_EXISTS, 'user already exists');
  if (problem) throw badParam(problem);
  const alias = optString(b, 'alias');
  optString(b, 'device_guid');
  optString(b, 'sign');
  const pushToken = optString(b, 'push_token');
  const user = createUser(ctx, b.username as string, b.password as string);
  if (alias !== undefined) user.alias = alias;
  if (pushToken !== undefined) user.settings.push_token = pushToken;
  return ok(settingsView(user));
});

// 1.34 Register user
router.add('POST', '/user/register/v2', (ctx) => {
  const b = body(ctx);
  const problem = validateNewUser(ctx.state, b.username, b.password);
  if (problem === 'username already exists') throw new LanyingError(LANYING_CODE.USER_EXISTS, 'user already exists');
  if (problem) throw badParam(problem);
  const user = createUser(ctx, b.username as string, b.password as string);
  return ok(settingsView(user));
});

// 1.35 Get user settings / 1.36 Modify user settings (target: body user_id, required)
router.add('GET', '/user/settings', (ctx) => ok(settingsView(currentUser(ctx))));
router.add(PP, '/user/settings', (ctx) => {
  const b = body(ctx);
  if (b.user_id === undefined || b.user_id === null) throw badParam('user_id is required in the body');
  const id = parseId(b.user_id);
  if (id === undefined) throw badParam('user_id must be an int64');
  const user = requireUser(ctx.state, id);
  const patch: Partial<LanyingSettings> = {};
  for (const key of Object.keys(SETTINGS_TYPES) as (keyof LanyingSettings)[]) {
    const v = b[key];
    if (v === undefined || v === null) continue;
    validateSetting(key, v);
    (patch as Record<string, unknown>)[key] = v;
  }
  Object.assign(user.settings, patch);
  return ok(true);
});

// 1.37 Set whether to mute sound alert for new message
router.add(
  PP,
  '/user/sounds',
  setSetting('no_sounds', (ctx) => queryBool(ctx, 'value')),
);

// 1.38 Bind token
router.add(PP, '/user/token/bind', (ctx) => {
  const user = currentUser(ctx);
  const b = body(ctx);
  const deviceSn = reqInt(b, 'device_sn');
  const deviceToken = reqString(b, 'device_token');
  const notifierName = reqString(b, 'notifier_name');
  user.bound_tokens = user.bound_tokens.filter((t) => t.device_sn !== deviceSn);
  user.bound_tokens.push({ device_sn: deviceSn, device_token: deviceToken, notifier_name: notifierName });
  return ok(true);
});

// 1.39 Unbind token (query deviceSn, camelCase; data is an object)
router.add(['DELETE', 'POST'], '/user/token/unbind', (ctx) => {
  const user = currentUser(ctx);
  const sn = queryInt(ctx, 'deviceSn');
  user.bound_tokens = user.bound_tokens.filter((t) => t.device_sn !== sn);
  return ok({});
});

// 1.40 Modify username
router.add(PP, '/user/username', (ctx) => {
  const user = currentUser(ctx);
  const username = queryString(ctx, 'username');
  if (username.trim() === '' || /\s/.test(username) || username.length > 64) {
    throw badParam('username must be 1-64 characters without spaces');
  }
  const other = findUserByName(ctx.state, username);
  if (other && other !== user) throw new LanyingError(LANYING_CODE.USER_EXISTS, 'user already exists');
  user.username = username;
  return ok(true);
});

// 1.41 Set whether to vibrate alert for new message
router.add(
  PP,
  '/user/vibratory',
  setSetting('vibratory', (ctx) => queryBool(ctx, 'value')),
);

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/** Handle one request whose path (after /lanying) is in `ctx.req.segments`. */
export async function handleLanying(ctx: LanyingContext): Promise<SandboxResponse> {
  const match = router.match(ctx.req.method, ctx.req.segments);
  if (match.kind === 'not_found') {
    return json(404, {
      code: 404,
      message: `no such operation: ${ctx.req.method} /${ctx.req.segments.join('/')}`,
      data: null,
    });
  }
  if (match.kind === 'method_not_allowed') {
    return json(405, { code: 405, message: `method ${ctx.req.method} is not supported here`, data: null });
  }

  const appId = header(ctx.req.headers, 'app_id');
  if (appId !== SANDBOX_LANYING_APP_ID) {
    return fail(LANYING_CODE.UNKNOWN_APP, appId ? `app_id ${appId} does not exist` : 'app_id is required');
  }
  const token = header(ctx.req.headers, 'access-token');
  if (token === undefined || token === '') return fail(LANYING_CODE.MISSING_TOKEN, 'access-token is required');
  if (token !== SANDBOX_LANYING_ACCESS_TOKEN) return fail(LANYING_CODE.INVALID_TOKEN, 'invalid access-token');

  try {
    return await match.handler(ctx, match.params);
  } catch (err) {
    if (err instanceof LanyingError) return fail(err.code, err.message);
    throw err;
  }
}
