/**
 * Easemob emulator entry: org/app check, the app-token endpoint, Bearer auth, Content-Type
 * rules, optional rate limit, then the group-management routes (50 documented operations),
 * one file per resource as the catalog does (src/tools/easemob/).
 */

import { Router, type SandboxRequest, type SandboxResponse } from '../http.js';
import type { SandboxState } from '../state.js';
import { registerAdminRoutes } from './admins.js';
import { registerAllowlistRoutes } from './allowlist.js';
import { registerAnnouncementRoutes } from './announcements.js';
import { authenticate, issueToken, requireJsonContentType } from './auth.js';
import { registerBlockRoutes } from './blocks.js';
import { type EasemobContext, EasemobError, errorResponse } from './common.js';
import { registerFileRoutes } from './files.js';
import { registerGroupRoutes } from './groups.js';
import { registerMemberMetadataRoutes } from './member-metadata.js';
import { registerMemberRoutes } from './members.js';
import { registerMuteRoutes } from './mute.js';
import { SANDBOX_EASEMOB_APP, SANDBOX_EASEMOB_ORG } from './state.js';
import { registerThreadRoutes } from './threads.js';

export { errorResponse } from './common.js';

/** First match wins, so the registration order is kept as it always was (groups first). */
const router = new Router<EasemobContext>();
registerGroupRoutes(router);
registerAnnouncementRoutes(router);
registerFileRoutes(router);
registerMemberRoutes(router);
registerMemberMetadataRoutes(router);
registerAdminRoutes(router);
registerBlockRoutes(router);
registerAllowlistRoutes(router);
registerMuteRoutes(router);
registerThreadRoutes(router);

interface EasemobOptions {
  state: SandboxState;
  now: () => number;
  /** Requests per second per app before 429 `reach_limit`; undefined = unlimited. */
  rateLimitPerSecond?: number;
}

interface RateWindow {
  second: number;
  count: number;
}

/** Build the Easemob request handler. `req.segments` are the path segments after /easemob. */
export function createEasemobHandler(opts: EasemobOptions): (req: SandboxRequest) => Promise<SandboxResponse> {
  const window: RateWindow = { second: -1, count: 0 };

  return async (req) => {
    const now = opts.now();
    const fail = (e: EasemobError) => errorResponse(e.status, e.error, e.description, now);
    const [org, app, ...rest] = req.segments;
    if (org === undefined || app === undefined) {
      return errorResponse(404, 'service_resource_not_found', 'Service resource not found', now);
    }
    if (org !== SANDBOX_EASEMOB_ORG || app !== SANDBOX_EASEMOB_APP) {
      return errorResponse(
        404,
        'organization_application_not_found',
        `Could not find application for ${org}/${app} from URI: ${org}/${app}/${rest.join('/')}`,
        now,
      );
    }
    const ctx: EasemobContext = {
      req: { ...req, segments: rest },
      state: opts.state,
      now: opts.now,
      org,
      app,
      baseUrl: `${new URL(req.uri).origin}/easemob/${org}/${app}`,
    };

    try {
      if (opts.rateLimitPerSecond !== undefined) {
        const second = Math.floor(now / 1000);
        if (window.second !== second) {
          window.second = second;
          window.count = 0;
        }
        if (++window.count > opts.rateLimitPerSecond) {
          throw new EasemobError(429, 'reach_limit', 'This request has reached api limit');
        }
      }

      if (rest.length === 1 && rest[0] === 'token') {
        if (req.method !== 'POST') {
          throw new EasemobError(405, 'unsupported_service_operation', 'Service operation not supported');
        }
        requireJsonContentType(ctx, true);
        return issueToken(ctx);
      }

      authenticate(ctx);

      const match = router.match(req.method, rest);
      if (match.kind === 'not_found') {
        throw new EasemobError(404, 'service_resource_not_found', 'Service resource not found');
      }
      if (match.kind === 'method_not_allowed') {
        throw new EasemobError(405, 'unsupported_service_operation', 'Service operation not supported');
      }
      const isUpload =
        req.method === 'POST' && rest.length === 3 && rest[0] === 'chatgroups' && rest[2] === 'share_files';
      if (!isUpload) requireJsonContentType(ctx, false);
      return await match.handler(ctx, match.params);
    } catch (err) {
      if (err instanceof EasemobError) return fail(err);
      throw err;
    }
  };
}
