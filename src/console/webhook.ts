/**
 * IM_ADMIN_CONSOLE_WEBHOOK_URL: a JSON message for each new pending approval (a `text` line that chat webhooks
 * show, written only by the server, plus the fields), sent in the background: a failure is logged and retried a few times, and never
 * blocks or fails the call. The URL is a secret (registered at start-up: redacted from every log line).
 */
import type { Clock } from '../http/clock.js';
import { log } from '../log.js';
import type { ApprovalRecord } from '../state/approvals.js';

const WEBHOOK_ATTEMPTS = 4;
const BACKOFF_MS = [1_000, 5_000, 20_000];
const TIMEOUT_MS = 10_000;

export function webhookMessage(rec: ApprovalRecord, link: string | undefined): Record<string, unknown> {
  return {
    // Only what the server writes: chat apps render `text` as Markdown, and the summary and reason carry text of the
    // agent and of chat users (a link there could pass for the console's own). They travel in their own fields.
    text: `Approval needed for ${rec.tool} (${rec.id}, ${rec.needed === 2 ? 'two approvers' : 'one approver'}).${link ? ` Approve or deny: ${link}` : ' Open the approval console to decide.'}`,
    approval_id: rec.id,
    tool: rec.tool,
    summary: rec.summary,
    targets: rec.targets,
    ...(rec.reason ? { reason: rec.reason } : {}),
    requested_by: rec.requester,
    needed_approvers: rec.needed,
    expires_at: new Date(rec.expiresAt).toISOString(),
    ...(link ? { link } : {}),
  };
}

/** Returns the `notify` of the gate: fire and forget, with retries. `sent` resolves per message (tests). */
export function webhookNotifier(
  url: string,
  clock: Pick<Clock, 'sleep'>,
  sent?: (ok: boolean, attempts: number) => void,
): (rec: ApprovalRecord, link: string | undefined) => void {
  return (rec, link) => {
    const body = JSON.stringify(webhookMessage(rec, link));
    void (async () => {
      for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
        let why: string;
        try {
          // loaded when first needed, like the HTTP client's (http/client.ts): not at start-up
          const { request } = await import('undici');
          const r = await request(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            headersTimeout: TIMEOUT_MS,
            bodyTimeout: TIMEOUT_MS,
          });
          await r.body.dump();
          if (r.statusCode >= 200 && r.statusCode < 300) {
            sent?.(true, attempt);
            return;
          }
          why = `HTTP ${r.statusCode}`;
        } catch (err) {
          why = err instanceof Error ? err.message : String(err);
        }
        const last = attempt === WEBHOOK_ATTEMPTS;
        log('warn', last ? 'approval webhook failed; giving up' : 'approval webhook failed; retrying', {
          setting: 'IM_ADMIN_CONSOLE_WEBHOOK_URL',
          approval_id: rec.id,
          attempt,
          error: why,
        });
        if (last) break;
        await clock.sleep(BACKOFF_MS[attempt - 1] ?? 20_000);
      }
      sent?.(false, WEBHOOK_ATTEMPTS);
    })();
  };
}
