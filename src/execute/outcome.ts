/**
 * What one tool call came to, as data: every step of a call returns one of these, the renderer (render.ts) turns it
 * into the MCP result, and the audit line (guards/audit.ts `auditEntry`) is derived from it. Nothing downstream
 * reads a result's keys to learn what happened.
 */
import type { ToolOutput } from '../kinds.js';

/** The request a call sends, as shown to the agent and the person: method, vendor-relative path, query, body. */
export interface ShownRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** What a destructive call will do, for the agent (structured) and the person (`summary`, guards/describe.ts). */
export interface Preview {
  tool: string;
  action: string;
  vendor: string;
  /** the declared targets and their values */
  targets: Record<string, unknown>;
  /** how many things the call acts on, when more than one */
  count?: number;
  /** the pre-image read before the call (guards/preview.ts) */
  current?: Record<string, unknown>;
  effect?: string;
  /** how long the change lasts, in words, and when it ends */
  lasts?: string;
  ends?: string;
  reason?: string;
  request: ShownRequest;
  /** vendor calls a split batch makes (the request shown is the first) */
  calls?: number;
  /** the person's paragraph */
  summary: string;
}

/** The full request a dry run would have sent (secrets redacted). */
export interface DescribedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * Why a write was refused before anything was sent:
 * - `audit_log`: the audit log cannot be written (no line can be written either);
 * - `protected`: a protected user or group is acted on (guards/protect.ts);
 * - `limit`: an operator's cap (targets, mute length, destructive actions per window);
 * - `preflight`: the pre-image shows the call would fail or change nothing (`reason`: the rule);
 * - `confirmation`: the token or the person's answer did not confirm (`code`; `via`: how it was asked).
 */
export type Refusal =
  | { kind: 'refused'; rule: 'audit_log' | 'protected' | 'limit'; message: string }
  | { kind: 'refused'; rule: 'preflight'; reason: string; message: string }
  | { kind: 'refused'; rule: 'confirmation'; via: 'token' | 'elicitation'; code: string; message: string };

export type Outcome =
  /** the vendor answered (for a split batch: at least one call succeeded; per-item results inside) */
  | { kind: 'done'; output: ToolOutput }
  /** every call of a split batch failed: the merged per-call failures and the first error */
  | { kind: 'batch_failed'; output: ToolOutput; first: unknown }
  /** the call failed: a vendor error, a network error, a refused local path, an id unsafe in a path */
  | { kind: 'failed'; error: unknown }
  /** the arguments do not match the listed schema: nothing was sent */
  | { kind: 'invalid'; message: string }
  /** no such tool, the vendor is not configured, or the server is shutting down */
  | { kind: 'unavailable'; message: string }
  | Refusal
  | { kind: 'confirmation_required'; token: string; expiresAt: string; preview: Preview }
  | { kind: 'cancelled'; answer: 'decline' | 'cancel' }
  | { kind: 'dry_run'; request: DescribedRequest; requests?: DescribedRequest[] }
  /**
   * IM_ADMIN_CONFIRM=console: the approval console's answer, rendered by console/gate.ts (waiting with an
   * approval_id, denied with the note, the approved call's stored result, or a refusal with its `code`); a refusal
   * is audited here, the other lines where the person decided (a denial) or by the approved call's own run
   */
  | { kind: 'approval'; result: ApprovalAnswer; refusal?: { code: string; message: string } };

/** The console's answer as the MCP result it already is (the shape of render.ts CallResult). */
export interface ApprovalAnswer {
  [k: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export type OutcomeKind = Outcome['kind'];
