/**
 * Lanying profile: 1.2/1.3 avatar (one, batch), 1.14 mobile, 1.15 nickname, 1.16 online status,
 * 1.17/1.21 private and public extension text, 1.18/1.19/1.20 profile (get, update, batch update).
 */
import type { Router } from '../http.js';
import {
  currentUser,
  findUser,
  itemList,
  jsonBody,
  type LanyingContext,
  ok,
  optionalString,
  PUT_OR_POST,
  parseId,
  queryString,
  requiredString,
} from './common.js';
import type { LanyingUser } from './state.js';

const PROFILE_FIELDS = ['description', 'nick_name', 'private_info', 'public_info'] as const;

/**
 * Batch items (1.3, 1.20) carry every field of the documented table, typed as documented: `reason` is "" on
 * success, and `user_id` (int64) is 0 when the item had no readable id.
 */
const NO_USER_ID = 0;

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

function applyProfile(user: LanyingUser, patch: Record<string, unknown>): void {
  for (const field of PROFILE_FIELDS) {
    const v = optionalString(patch, field);
    if (v !== undefined) user[field] = v;
  }
}

/**
 * 1.3, 1.20: each item names a user by `user_id`; `change` applies the item and returns why it refused, or nothing.
 * Every answer item carries `user_id`, `success` and `reason` (the field tables).
 */
function perUser(
  ctx: LanyingContext,
  change: (user: LanyingUser, item: Record<string, unknown>) => string | undefined,
) {
  const data = itemList(jsonBody(ctx)).map((item) => {
    const id = parseId(item.user_id);
    if (id === undefined) return { reason: 'user_id is required', success: false, user_id: NO_USER_ID };
    const user = findUser(ctx.state, id);
    if (!user) return { reason: 'user does not exist', success: false, user_id: id };
    const refused = change(user, item);
    return refused ? { reason: refused, success: false, user_id: id } : { reason: '', success: true, user_id: id };
  });
  return ok(data);
}

// 1.3 Set avatar in batch
function batchSetAvatars(ctx: LanyingContext) {
  return perUser(ctx, (user, item) => {
    if (typeof item.avatar !== 'string' || item.avatar === '') return 'avatar is required';
    user.avatar = item.avatar;
    return undefined;
  });
}

// 1.20 Update user information in batch
function batchUpdateProfiles(ctx: LanyingContext) {
  return perUser(ctx, (user, item) => {
    try {
      for (const field of PROFILE_FIELDS) optionalString(item, field);
    } catch (err) {
      return (err as Error).message;
    }
    applyProfile(user, item);
    return undefined;
  });
}

export function registerProfileRoutes(router: Router<LanyingContext>): void {
  router
    // 1.2 Set avatar
    .add(PUT_OR_POST, '/user/avatar', (ctx) => {
      const user = currentUser(ctx);
      user.avatar = requiredString(jsonBody(ctx), 'avatar');
      return ok(true);
    })
    .add(PUT_OR_POST, '/user/avatar/batch', batchSetAvatars)
    // 1.14 Set mobile number
    .add(PUT_OR_POST, '/user/mobile', (ctx) => {
      const user = currentUser(ctx);
      user.mobile = queryString(ctx, 'mobile');
      return ok(true);
    })
    // 1.15 Set nickname
    .add(PUT_OR_POST, '/user/nickname', (ctx) => {
      const user = currentUser(ctx);
      user.nick_name = queryString(ctx, 'nick_name');
      return ok(true);
    })
    // 1.16 Query user online status
    .add('GET', '/user/online_status', (ctx) => {
      const user = currentUser(ctx);
      return ok({ online: user.devices.some((d) => d.online) });
    })
    // 1.17 Set private extension information / 1.21 Set public extension information (raw text bodies)
    .add(PUT_OR_POST, '/user/private', (ctx) => {
      const user = currentUser(ctx);
      user.private_info = ctx.req.body.toString('utf8');
      return ok(true);
    })
    .add(PUT_OR_POST, '/user/public', (ctx) => {
      const user = currentUser(ctx);
      user.public_info = ctx.req.body.toString('utf8');
      return ok(true);
    })
    // 1.18 Get user information / 1.19 Update user information
    .add('GET', '/user/profile', (ctx) => ok(profileView(currentUser(ctx))))
    .add(PUT_OR_POST, '/user/profile', (ctx) => {
      const user = currentUser(ctx);
      const body = jsonBody(ctx);
      for (const field of PROFILE_FIELDS) optionalString(body, field);
      applyProfile(user, body);
      return ok(true);
    })
    .add(PUT_OR_POST, '/user/profile/batch', batchUpdateProfiles);
}
