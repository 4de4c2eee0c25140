/**
 * Lanying accounts: 1.4/1.5 passwords, 1.6 delete, 1.9/1.11 disable and enable, 1.13 list,
 * 1.32/1.33/1.34 register (batch, push user, one), 1.40 rename.
 */
import { intParam, type Router, type SandboxResponse } from '../http.js';
import type { SandboxState } from '../state.js';
import {
  badParam,
  currentUser,
  findUserByName,
  itemList,
  jsonBody,
  LANYING_CODE,
  type LanyingContext,
  LanyingError,
  ok,
  optionalString,
  PUT_OR_POST,
  queryString,
  requiredString,
  requireUser,
  settingsView,
  userIdList,
} from './common.js';
import { type LanyingUser, newLanyingUser } from './state.js';

function createUser(ctx: LanyingContext, username: string, password: string): LanyingUser {
  const id = ctx.state.lanying.nextUserId++;
  const user = newLanyingUser(id, username, password, ctx.now());
  ctx.state.lanying.users.push(user);
  return user;
}

/** Why `username`/`password` cannot register, or undefined when they can. */
function registrationProblem(state: SandboxState, username: unknown, password: unknown): string | undefined {
  if (typeof username !== 'string' || username.trim() === '') return 'username is required';
  if (username.length > 64 || /\s/.test(username)) return 'username must be 1-64 characters without spaces';
  if (typeof password !== 'string' || password === '') return 'password is required';
  if (findUserByName(state, username)) return 'username already exists';
  return undefined;
}

/** 1.33 and 1.34 refuse a taken name with 10004 and other problems with 10002. */
function checkRegistration(ctx: LanyingContext, body: Record<string, unknown>): void {
  const problem = registrationProblem(ctx.state, body.username, body.password);
  if (problem === 'username already exists') throw new LanyingError(LANYING_CODE.USER_EXISTS, 'user already exists');
  if (problem) throw badParam(problem);
}

// 1.9 Banned user / 1.11 Unbanned user
function setDisabled(disabled: boolean) {
  return (ctx: LanyingContext): SandboxResponse => {
    const ids = userIdList(jsonBody(ctx));
    const users = ids.map((id) => requireUser(ctx.state, id));
    for (const u of users) u.disabled = disabled;
    return ok(true);
  };
}

// 1.13 List all users under the APP
function listUsers(ctx: LanyingContext) {
  const pageNum = intParam(ctx.req.query, 'page_num') ?? 1;
  const pageSize = intParam(ctx.req.query, 'page_size') ?? 50;
  if (Number.isNaN(pageNum) || pageNum < 1) throw badParam('page_num must be greater than 0');
  if (Number.isNaN(pageSize) || pageSize < 1) throw badParam('page_size must be greater than 0');
  const sorted = [...ctx.state.lanying.users].sort((a, b) => a.user_id - b.user_id);
  const page = sorted.slice((pageNum - 1) * pageSize, pageNum * pageSize);
  return ok(page.map((u) => ({ status: u.disabled ? 1 : 0, user_id: u.user_id, username: u.username })));
}

// 1.32 Register user in batch
function batchRegister(ctx: LanyingContext) {
  const items = itemList(jsonBody(ctx));
  const data = items.map((item) => {
    const problem = registrationProblem(ctx.state, item.username, item.password);
    // Every field of the 1.32 table, typed as documented: reason "" on success, user_id 0 when none was created.
    if (problem) {
      const username = typeof item.username === 'string' ? item.username : '';
      return { reason: problem, success: false, user_id: 0, username };
    }
    const user = createUser(ctx, item.username as string, item.password as string);
    return { reason: '', success: true, user_id: user.user_id, username: user.username };
  });
  return ok(data);
}

// 1.33 Register push user
function registerPushUser(ctx: LanyingContext) {
  const body = jsonBody(ctx);
  checkRegistration(ctx, body);
  const alias = optionalString(body, 'alias');
  optionalString(body, 'device_guid');
  optionalString(body, 'sign');
  const pushToken = optionalString(body, 'push_token');
  const user = createUser(ctx, body.username as string, body.password as string);
  if (alias !== undefined) user.alias = alias;
  if (pushToken !== undefined) user.settings.push_token = pushToken;
  return ok(settingsView(user));
}

// 1.40 Modify username
function renameUser(ctx: LanyingContext) {
  const user = currentUser(ctx);
  const username = queryString(ctx, 'username');
  if (username.trim() === '' || /\s/.test(username) || username.length > 64) {
    throw badParam('username must be 1-64 characters without spaces');
  }
  const other = findUserByName(ctx.state, username);
  if (other && other !== user) throw new LanyingError(LANYING_CODE.USER_EXISTS, 'user already exists');
  user.username = username;
  return ok(true);
}

export function registerAccountRoutes(router: Router<LanyingContext>): void {
  router
    // 1.4 Modify password
    .add('POST', '/user/change_password', (ctx) => {
      const user = currentUser(ctx);
      const body = jsonBody(ctx);
      const oldPassword = requiredString(body, 'old_password');
      const newPassword = requiredString(body, 'new_password');
      if (oldPassword !== user.password) throw badParam('old_password is wrong');
      user.password = newPassword;
      return ok(true);
    })
    // 1.5 Administrator change password
    .add('POST', '/user/change_password_admin', (ctx) => {
      const user = currentUser(ctx);
      user.password = requiredString(jsonBody(ctx), 'password');
      return ok(true);
    })
    // 1.6 Delete users (admin token: no password needed)
    .add(['DELETE', 'POST'], '/user/delete', (ctx) => {
      const user = currentUser(ctx);
      optionalString(jsonBody(ctx), 'password');
      ctx.state.lanying.users = ctx.state.lanying.users.filter((u) => u !== user);
      return ok(true);
    })
    .add('PUT', '/user/disable', setDisabled(true))
    .add('PUT', '/user/enable', setDisabled(false))
    .add('GET', '/user/list', listUsers)
    .add('POST', '/user/register/batch', batchRegister)
    .add('POST', '/user/register/push', registerPushUser)
    // 1.34 Register user
    .add('POST', '/user/register/v2', (ctx) => {
      const body = jsonBody(ctx);
      checkRegistration(ctx, body);
      return ok(settingsView(createUser(ctx, body.username as string, body.password as string)));
    })
    .add(PUT_OR_POST, '/user/username', renameUser);
}
