/**
 * Lanying (MaximTop) emulator: chapter "1 User action" (1.1–1.41), all under /user/...
 *
 * Every answer is HTTP 200 with the envelope {code, message, data}; business errors use another
 * `code` inside that 200. Only requests that match no documented route get an HTTP 404/405.
 * Routes live in one file per resource, as the catalog does (src/tools/lanying/).
 */
import { header, json, Router, type SandboxResponse } from '../http.js';
import { registerAccountRoutes } from './accounts.js';
import { fail, LANYING_CODE, type LanyingContext, LanyingError } from './common.js';
import { registerDeviceRoutes } from './devices.js';
import { registerProfileRoutes } from './profile.js';
import { registerPushRoutes } from './push.js';
import { registerSettingsRoutes } from './settings.js';
import { SANDBOX_LANYING_ACCESS_TOKEN, SANDBOX_LANYING_APP_ID } from './state.js';

const router = new Router<LanyingContext>();
registerAccountRoutes(router);
registerProfileRoutes(router);
registerDeviceRoutes(router);
registerPushRoutes(router);
registerSettingsRoutes(router);

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
