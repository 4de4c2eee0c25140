/**
 * Lanying push: 1.22 push off, 1.23 alias, 1.24 badge, 1.25 push details, 1.26 no-disturb hours,
 * 1.27 push nickname, 1.28–1.31 tags.
 */
import type { Router } from '../http.js';
import {
  badParam,
  currentUser,
  jsonBody,
  type LanyingContext,
  ok,
  optionalString,
  PUT_OR_POST,
  queryBool,
  queryInt,
  queryString,
  requiredInt,
  requiredString,
} from './common.js';
import { settingRoute } from './settings.js';

function tagList(ctx: LanyingContext): string[] {
  const tags = jsonBody(ctx).tags;
  if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === 'string' && t !== '')) {
    throw badParam('tags is required and must be a non-empty array of strings');
  }
  return tags as string[];
}

export function registerPushRoutes(router: Router<LanyingContext>): void {
  router
    // 1.22 Set whether to turn off push
    .add(
      PUT_OR_POST,
      '/user/push',
      settingRoute('no_push', (ctx) => queryBool(ctx, 'value')),
    )
    // 1.23 Bind alias
    .add('POST', '/user/push/alias', (ctx) => {
      const user = currentUser(ctx);
      const body = jsonBody(ctx);
      const alias = requiredString(body, 'alias');
      const pushToken = optionalString(body, 'push_token');
      user.alias = alias;
      if (pushToken !== undefined) user.settings.push_token = pushToken;
      return ok(true);
    })
    // 1.24 Set badge
    .add('POST', '/user/push/badge', (ctx) => {
      const user = currentUser(ctx);
      const badge = requiredInt(jsonBody(ctx), 'badge');
      if (badge < 0) throw badParam('badge must not be negative');
      user.badge = badge;
      return ok(true);
    })
    // 1.25 Set whether to turn off push details
    .add(
      PUT_OR_POST,
      '/user/push/detail',
      settingRoute('no_push_detail', (ctx) => queryBool(ctx, 'value')),
    )
    // 1.26 Set push no-disturb time
    .add(PUT_OR_POST, '/user/push/limit', (ctx) => {
      const user = currentUser(ctx);
      const start = queryInt(ctx, 'no_push_start_hour', 0, 23);
      const end = queryInt(ctx, 'no_push_end_hour', 0, 23);
      user.settings.no_push_start_hour = start;
      user.settings.no_push_end_hour = end;
      return ok(true);
    })
    // 1.27 Set push nickname
    .add(
      PUT_OR_POST,
      '/user/push/nickname',
      settingRoute('push_nick_name', (ctx) => queryString(ctx, 'value')),
    )
    // 1.28 Get tag / 1.29 Bind tag / 1.30 Unbind tag / 1.31 Delete all tags
    .add('GET', '/user/push/tag', (ctx) => ok([...currentUser(ctx).tags]))
    .add('POST', '/user/push/tag', (ctx) => {
      const user = currentUser(ctx);
      for (const tag of tagList(ctx)) if (!user.tags.includes(tag)) user.tags.push(tag);
      return ok(true);
    })
    .add('DELETE', '/user/push/tag', (ctx) => {
      const user = currentUser(ctx);
      const remove = new Set(tagList(ctx));
      user.tags = user.tags.filter((t) => !remove.has(t));
      return ok(true);
    })
    .add('DELETE', '/user/push/tag/all', (ctx) => {
      currentUser(ctx).tags = [];
      return ok(true);
    });
}
