/**
 * Shared pieces of the Lanying emulator: context, the {code, message, data} envelope, business errors
 * (answered inside HTTP 200), the current user (`user_id` header), and input readers.
 */
import { header, intParam, isJsonObject, json, parseJson, type SandboxRequest, type SandboxResponse } from '../http.js';
import type { SandboxState } from '../state.js';
import type { LanyingSettings, LanyingUser } from './state.js';

export const LANYING_CODE = {
  OK: 200,
  NO_SUCH_USER: 10000,
  BAD_PARAMETER: 10002,
  MISSING_TOKEN: 10003,
  USER_EXISTS: 10004,
  INVALID_TOKEN: 10008,
  UNKNOWN_APP: 40000,
} as const;

/** 23 of 41 operations accept both methods. */
export const PUT_OR_POST = ['PUT', 'POST'];

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

/** Success envelope; `extra` adds top-level fields beside `data` (1.7's `version`). */
export function ok(data: unknown, extra?: Record<string, unknown>): SandboxResponse {
  return json(200, { code: LANYING_CODE.OK, message: null, data, ...extra });
}

/** A business error: HTTP 200 with another `code`. */
export function fail(code: number, message: string): SandboxResponse {
  return json(200, { code, message, data: null });
}

export function badParam(message: string): LanyingError {
  return new LanyingError(LANYING_CODE.BAD_PARAMETER, `invalid parameter: ${message}`);
}

// Users -----------------------------------------------------------------------

/** Parse an int64 id given as a JSON number or a decimal string. */
export function parseId(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,16}$/.test(v.trim())) {
    const n = Number(v.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

export function findUser(state: SandboxState, id: number): LanyingUser | undefined {
  return state.lanying.users.find((u) => u.user_id === id);
}

export function findUserByName(state: SandboxState, username: string): LanyingUser | undefined {
  return state.lanying.users.find((u) => u.username === username);
}

export function requireUser(state: SandboxState, id: number): LanyingUser {
  const user = findUser(state, id);
  if (!user) throw new LanyingError(LANYING_CODE.NO_SUCH_USER, `user ${id} does not exist`);
  return user;
}

/** The user selected by the `user_id` header (the user the admin token acts as). */
export function currentUser(ctx: LanyingContext): LanyingUser {
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

/** The settings object of 1.33, 1.34 and 1.35: the settings plus `id` and `user_id`. */
export function settingsView(user: LanyingUser): LanyingSettings & { id: number; user_id: number } {
  return { ...user.settings, id: user.user_id, user_id: user.user_id };
}

// Input -----------------------------------------------------------------------

/** The JSON body as an object (an empty body is `{}`). */
export function jsonBody(ctx: LanyingContext): Record<string, unknown> {
  if (ctx.req.body.length === 0) return {};
  const parsed = parseJson(ctx.req.body);
  if (!parsed.ok) throw badParam(`request body is not valid JSON (${parsed.message})`);
  if (!isJsonObject(parsed.value)) throw badParam('request body must be a JSON object');
  return parsed.value;
}

export function requiredString(body: Record<string, unknown>, name: string, allowEmpty = false): string {
  const v = body[name];
  if (typeof v !== 'string' || (!allowEmpty && v === '')) throw badParam(`${name} is required and must be a string`);
  return v;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badParam(`${name} must be a string`);
  return v;
}

export function requiredInt(body: Record<string, unknown>, name: string): number {
  const v = body[name];
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw badParam(`${name} is required and must be an integer`);
  return n;
}

export function queryBool(ctx: LanyingContext, name: string): boolean {
  const raw = ctx.req.query.get(name);
  if (raw === null) throw badParam(`query parameter ${name} is required`);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badParam(`query parameter ${name} must be true or false`);
}

export function queryInt(ctx: LanyingContext, name: string, min?: number, max?: number): number {
  const n = intParam(ctx.req.query, name);
  if (n === undefined) throw badParam(`query parameter ${name} is required`);
  if (Number.isNaN(n)) throw badParam(`query parameter ${name} must be an integer`);
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw badParam(`query parameter ${name} must be between ${min} and ${max}`);
  }
  return n;
}

export function queryString(ctx: LanyingContext, name: string): string {
  const raw = ctx.req.query.get(name);
  if (raw === null) throw badParam(`query parameter ${name} is required`);
  return raw;
}

/** Body `list` of user ids (1.9, 1.11). */
export function userIdList(body: Record<string, unknown>): number[] {
  const list = body.list;
  if (!Array.isArray(list) || list.length === 0)
    throw badParam('list is required and must be a non-empty array of user ids');
  return list.map((v) => {
    const id = parseId(v);
    if (id === undefined) throw badParam(`list holds an invalid user id: ${JSON.stringify(v)}`);
    return id;
  });
}

/** Body `list` of objects (the batch operations 1.3, 1.20, 1.32). */
export function itemList(body: Record<string, unknown>): Record<string, unknown>[] {
  const list = body.list;
  if (!Array.isArray(list)) throw badParam('list is required and must be an array');
  return list.map((item) => {
    if (!isJsonObject(item)) throw badParam('each list item must be an object');
    return item;
  });
}
