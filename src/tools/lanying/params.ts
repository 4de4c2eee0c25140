/** Lanying-specific zod fragments and the acting-as headers every `/user/*` operation accepts. */
import { type ZodRawShape, z } from 'zod';
import { defineTools } from '../define.js';
import type { AnswerShape } from '../output.js';
import { kindOfId, newInt64 } from '../params.js';

/** A Lanying user id (int64): the user acted on, listed, or acted as. */
export const UserId = kindOfId(newInt64(), 'user');
/** A Lanying group id (int64). */
const LanyingGroupId = kindOfId(newInt64(), 'group');
/** A device serial number, as lanying_list_devices answers it (int32). */
export const DeviceSn = kindOfId(z.number().int().min(-2147483648).max(2147483647), 'device');
/** One push tag. */
export const PushTag = kindOfId(z.string().min(1), 'tag');

/** Lanying's optional `user_id` / `group_id` request headers (acting-as; contract §3). */
export const ACTING_HEADERS = { user_id: 'user_id', group_id: 'group_id' } as const;

/**
 * With the admin token the server holds, the `user_id` header chooses the user a `/user/*` operation acts on
 * (guide/vendors.md): on most operations it *is* the user acted on, which its name says without a description (the
 * instructions say it is a header). Operations whose targets are in the body (`list`) or that create users only act
 * *as* it: there it says so, and its declared target kind is `actor`.
 */
const acting = {
  user_id: UserId.optional(),
  // no description: the instructions say once what the acting-as headers mean (41 copies cost 246 tokens)
  group_id: LanyingGroupId.optional(),
};
const actingOnly = { ...acting, user_id: UserId.optional().describe('acting user (header), not a target') };

/**
 * The input of a Lanying operation: its documented query/body parameters plus the acting-as headers; `actor` where
 * the `user_id` header only acts (targets in the body, or none).
 */
export function lanyingInput<T extends ZodRawShape>(shape: T, userHeader: 'target' | 'actor' = 'target') {
  return z.strictObject({ ...shape, ...(userHeader === 'actor' ? actingOnly : acting) });
}

/** For 1.36, whose body has its own `user_id`: the header becomes `as_user_id` (contract §3). */
export const ACTING_HEADERS_AS = { as_user_id: 'user_id', group_id: 'group_id' } as const;
export const actingAs = {
  as_user_id: UserId.optional().describe('acting user (user_id header)'),
  group_id: acting.group_id,
};

/** The entry helper of a Lanying resource file: every entry sends the acting-as headers unless it declares its own. */
export const lanyingToolset = (toolset: string) => defineTools({ vendor: 'lanying', toolset, headers: ACTING_HEADERS });

/** A user's settings as 1.33, 1.34 (the new user's defaults) and 1.35 answer them (Swagger `UserSettings`). */
export const SETTINGS_ANSWER = {
  auth_answer: 'string',
  auth_mode: 'integer',
  auth_question: 'string',
  auto_download: 'boolean',
  group_confirm: 'boolean',
  id: 'int64',
  no_push: 'boolean',
  no_push_detail: 'boolean',
  no_push_end_hour: 'integer',
  no_push_start_hour: 'integer',
  no_sounds: 'boolean',
  push_nick_name: 'string',
  push_token: 'string',
  silence_end_time: 'integer',
  silence_start_time: 'integer',
  user_id: 'int64',
  vibratory: 'boolean',
} as const satisfies AnswerShape;
