/**
 * Every write, as named steps that read straight down (validation is the caller's, rendering the renderer's):
 *
 *   trail → guard → plan → (dry run) → caps → confirm → reserve → send
 *
 * Each step returns an Outcome when the call ends there, or nothing to go on. `record` writes the audit line from
 * the outcome (one line per write, per vendor call of a split batch), so the log says what the call came to
 * without looking at the result shown to the agent. The request is built once, in `plan`, and the same objects are
 * previewed, audited and sent.
 */
import type { Config } from './config.js';
import type { ApprovalGate, GateContext } from './console/gate.js';
import { type PlannedCall, planCall, sendBatch, sendPlanned } from './execute/execute.js';
import type { DescribedRequest, Outcome, Preview, Refusal } from './execute/outcome.js';
import { describeError, sentNothing } from './execute/render.js';
import { CONTROL_ARGS } from './execute/schema.js';
import type { AuditLine, AuditLog } from './guards/audit.js';
import { type ConfirmContext, type ConfirmDecision, confirmDestructive } from './guards/confirm.js';
import type { CheckedToken } from './guards/confirm-token.js';
import { describeCall, lasting } from './guards/describe.js';
import { checkLimits, type Limits, targetCount, type WindowStore } from './guards/limits.js';
import { preflight } from './guards/preflight.js';
import { type ReadTool, readPreimage } from './guards/preview.js';
import { type Protected, protectionRefusal } from './guards/protect.js';
import { targetsOf } from './guards/targets.js';
import type { LocalFileAccess, ToolSpec } from './tools/define.js';
import type { VendorClient } from './vendors/vendor.js';
import { redactFields } from './vendors/vendor.js';

interface WriteDeps {
  config: Config;
  confirm: Omit<ConfirmContext, 'elicit'>;
  audit?: AuditLog;
  window: WindowStore;
  limits: Limits;
  protected: Protected;
  now: () => number;
  files: LocalFileAccess;
  /** IM_ADMIN_CONFIRM=console: the approval queue's gate (console/gate.ts) */
  approvals?: ApprovalGate;
}

/** What the caller knows of one write: the validated arguments, the raw ones (tokens bind them), the context. */
interface WriteCall {
  spec: ToolSpec;
  args: Record<string, unknown>;
  rawArgs: Record<string, unknown>;
  client: VendorClient;
  signal: AbortSignal;
  elicit?: ConfirmContext['elicit'];
  progress?: (done: number, total: number, message: string) => Promise<void> | void;
  /** runs a read-only entry through the same pipeline (pre-images, protection) */
  read: ReadTool;
  /** IM_ADMIN_CONFIRM=console: who asks, and the approval an approved re-run executes (set by the gate only) */
  requester?: GateContext['requester'];
  approved?: GateContext['approved'];
}

/** The state a write gathers on its way down: what the audit line needs beyond the outcome. */
interface Trail {
  spec: ToolSpec;
  started: number;
  line: AuditLine;
}

/** A confirmed destructive call may go on: how it was confirmed, and the token to spend last. */
interface Confirmed {
  kind: 'confirmed';
  via: NonNullable<AuditLine['confirmed']>;
  token?: CheckedToken;
}

export class WritePipeline {
  constructor(private readonly deps: WriteDeps) {}

  async run(call: WriteCall): Promise<Outcome> {
    const trail = this.open(call);
    const early = (await this.checkTrail()) ?? (await this.guard(call));
    if (early) return this.record(trail, early);

    let planned: PlannedCall[];
    try {
      planned = await this.plan(call);
    } catch (err) {
      return this.record(trail, { kind: 'failed', error: err });
    }
    const shown = planned.map((p) => call.client.describe(p.request));
    trail.line.request = {
      method: shown[0]?.method ?? call.spec.http.method,
      url: String(shorten(shown[0]?.url ?? '')),
    };
    if (this.deps.config.dryRun) return this.record(trail, dryRun(shown));

    if (call.spec.annotations.destructiveHint) {
      const capped = this.caps(call);
      if (capped) return this.record(trail, capped);
      const decided = await this.confirm(call, trail, planned, shown);
      if (decided.kind !== 'confirmed') return this.record(trail, decided);
      trail.line.confirmed = decided.via;
      const reserved = await this.reserve(decided.token);
      if (reserved) return this.record(trail, reserved);
    }
    return this.send(call, trail, planned, shown);
  }

  /** The audit line's fixed fields: who, what, with which (redacted) arguments. */
  private open(call: WriteCall): Trail {
    const started = this.deps.now();
    const { spec, args } = call;
    return {
      spec,
      started,
      line: {
        time: new Date(started).toISOString(),
        tool: spec.name,
        vendor: spec.vendor,
        targets: declaredTargets(spec, args),
        args: jsonSafe(withoutControl(args)) as Record<string, unknown>,
        outcome: 'success',
        // a destructive call is "not_confirmed" until the person (or the operator's IM_ADMIN_CONFIRM=off) decides
        confirmed: spec.annotations.destructiveHint ? 'not_confirmed' : 'not_required',
        ...(typeof args.reason === 'string' ? { reason: args.reason } : {}),
      },
    };
  }

  /** No trail, no write: checked first, so a refusal here spends no token and no slot of the window. */
  private async checkTrail(): Promise<Refusal | undefined> {
    const audit = this.deps.audit;
    if (!audit) return undefined;
    try {
      await audit.ready();
      return undefined;
    } catch (err) {
      return {
        kind: 'refused',
        rule: 'audit_log',
        message: `Not sent: the audit log ${audit.path} cannot be written (${err instanceof Error ? err.message : String(err)}). Fix IM_ADMIN_AUDIT_LOG or its folder's permissions.`,
      };
    }
  }

  /** Protected targets: every write, before anything is planned or sent (reads may be needed to know). */
  private async guard(call: WriteCall): Promise<Refusal | undefined> {
    const hit = await protectionRefusal(call.spec, call.args, this.deps.protected, call.read);
    return hit ? { kind: 'refused', rule: 'protected', message: hit } : undefined;
  }

  /** The requests as they will be sent (one per vendor call), for the audit line, the preview and a dry run. */
  private plan(call: WriteCall): Promise<PlannedCall[]> {
    return planCall(call.spec, call.args, {
      capture: this.deps.config.dryRun,
      signal: call.signal,
      files: this.deps.files,
    });
  }

  /** The operator's caps on one destructive call: how many targets, how long a mute. */
  private caps(call: WriteCall): Refusal | undefined {
    const refusal = checkLimits(call.spec, call.args, this.deps.limits);
    return refusal ? { kind: 'refused', rule: 'limit', message: refusal } : undefined;
  }

  /**
   * A person decides (IM_ADMIN_CONFIRM=auto): the pre-image is read, a call certain to fail or change nothing is
   * refused at once, otherwise the person is asked (elicitation) or the agent gets a token to show them.
   */
  private async confirm(
    call: WriteCall,
    trail: Trail,
    planned: PlannedCall[],
    shown: DescribedRequest[],
  ): Promise<Confirmed | Outcome> {
    if (this.deps.config.confirm === 'off') return { kind: 'confirmed', via: 'off' };
    const { spec, args } = call;
    // Collecting a decision asked for earlier: the state may have changed since (the approved action ran), so it is
    // neither read again nor preflighted; the gate answers from the approval.
    if (this.deps.config.confirm === 'console' && !call.approved && collects(call.rawArgs))
      return this.approval(call, trail, this.preview(call, planned, shown, undefined));
    const preimage = await readPreimage(spec, args, call.read);
    if (preimage) trail.line.preimage = preimage;
    const refused = preflight(spec, args, preimage);
    if (refused) return { kind: 'refused', rule: 'preflight', reason: refused.reason, message: refused.message };
    const preview = this.preview(call, planned, shown, preimage);
    if (this.deps.config.confirm === 'console') return this.approval(call, trail, preview);
    const decision: ConfirmDecision = await confirmDestructive(
      { ...this.deps.confirm, ...(call.elicit ? { elicit: call.elicit } : {}) },
      spec.name,
      call.rawArgs,
      preview.summary,
    );
    if (decision.proceed)
      return { kind: 'confirmed', via: decision.via, ...(decision.token ? { token: decision.token } : {}) };
    if (decision.kind === 'required')
      return { kind: 'confirmation_required', token: decision.token, expiresAt: decision.expiresAt, preview };
    if (decision.kind === 'cancelled') {
      trail.line.confirmed = 'elicitation';
      return { kind: 'cancelled', answer: decision.answer };
    }
    trail.line.confirmed = decision.via;
    return { kind: 'refused', rule: 'confirmation', via: decision.via, code: decision.code, message: decision.reason };
  }

  /**
   * IM_ADMIN_CONFIRM=console: a person approves on the approval console (console/gate.ts), and no token reaches
   * the agent. The call goes on only in the gate's own re-run of an approved call; otherwise the gate answers.
   */
  private async approval(call: WriteCall, trail: Trail, preview: Preview): Promise<Confirmed | Outcome> {
    const gate = this.deps.approvals;
    if (!gate) throw new Error('IM_ADMIN_CONFIRM=console needs the approval gate');
    const { spec } = call;
    const decided = await gate.decide(
      { tool: spec.name, vendor: spec.vendor, args: call.rawArgs, summary: preview.summary, preview, line: trail.line },
      {
        signal: call.signal,
        ...(call.progress ? { progress: call.progress } : {}),
        ...(call.requester ? { requester: call.requester } : {}),
        ...(call.approved ? { approved: call.approved } : {}),
      },
    );
    if (!decided.proceed)
      return { kind: 'approval', result: decided.result, ...(decided.refusal ? { refusal: decided.refusal } : {}) };
    trail.line.approval_id = decided.approvalId;
    trail.line.requested_by = decided.requester;
    trail.line.approved_by = decided.approvedBy;
    return { kind: 'confirmed', via: 'console' };
  }

  /** A slot of the destructive-action window, then the token: spent last, so a call refused earlier keeps it. */
  private async reserve(token: CheckedToken | undefined): Promise<Refusal | undefined> {
    const { window, limits, now, confirm } = this.deps;
    const slot = await window.take('destructive', now(), limits.windowMs, limits.maxDestructive);
    if (slot === undefined) {
      return {
        kind: 'refused',
        rule: 'limit',
        message: `Refused: more than ${limits.maxDestructive} destructive actions in ${limits.windowMs / 1000} s (IM_ADMIN_MAX_DESTRUCTIVE per IM_ADMIN_DESTRUCTIVE_WINDOW_SECONDS). Wait, or ask the operator to raise the cap; ${this.deps.config.confirm === 'console' ? 'the approval was used: ask for a new one' : 'the confirmation stays valid until it expires'}.`,
      };
    }
    if (!token) return undefined;
    const spent = await confirm.tokens.spend(token).catch(async (err: unknown) => {
      await window.release('destructive', slot);
      throw err;
    });
    if (spent) return undefined;
    await window.release('destructive', slot);
    return {
      kind: 'refused',
      rule: 'confirmation',
      via: 'token',
      code: 'token_used',
      message: 'the confirmation_token was already used',
    };
  }

  /** Exactly one execution: the planned request, or each part of a split batch with its own audit line. */
  private async send(
    call: WriteCall,
    trail: Trail,
    planned: PlannedCall[],
    shown: DescribedRequest[],
  ): Promise<Outcome> {
    const { spec, client, signal } = call;
    if (planned.length > 1) {
      return sendBatch(spec, planned, client, {
        signal,
        files: this.deps.files,
        ...(call.progress ? { progress: call.progress } : {}),
        onPart: async (i, part, failure) => {
          const request = shown[i];
          await this.append(trail, {
            outcome: failure ? 'error' : 'success',
            targets: declaredTargets(spec, part.args),
            args: jsonSafe(withoutControl(part.args)) as Record<string, unknown>,
            ...(request ? { request: { method: request.method, url: String(shorten(request.url)) } } : {}),
            chunk: { index: i + 1, of: planned.length },
            ...(failure ? { error: failure.error } : {}),
          }).catch(() => {});
        },
      });
    }
    const only = planned[0] as PlannedCall;
    let outcome: Outcome;
    try {
      outcome = { kind: 'done', output: await sendPlanned(spec, only, client, signal, this.deps.files) };
    } catch (err) {
      outcome = { kind: 'failed', error: err };
    }
    // sent: a failure to write the line must not hide the vendor's answer
    return this.record(trail, outcome, true);
  }

  /** Writes the audit line this outcome calls for (none for an answer that asks for confirmation). */
  private async record(trail: Trail, outcome: Outcome, afterSend = false): Promise<Outcome> {
    const entry = auditEntry(trail.spec, outcome);
    if (entry) {
      const written = this.append(trail, entry);
      await (afterSend ? written.catch(() => {}) : written);
    }
    return outcome;
  }

  private async append(trail: Trail, extra: Partial<AuditLine> & Pick<AuditLine, 'outcome'>): Promise<void> {
    await this.deps.audit?.append({ ...trail.line, ...extra, duration_ms: this.deps.now() - trail.started });
  }

  /**
   * What a destructive call will do: the person's paragraph (`summary`, guards/describe.ts) and the structured
   * details for the agent. The request is named by method and vendor-relative path, never the host.
   */
  private preview(
    call: WriteCall,
    planned: PlannedCall[],
    shown: DescribedRequest[],
    preimage: Record<string, unknown> | undefined,
  ): Preview {
    const { spec, args } = call;
    const now = this.deps.now();
    const first = planned[0] as PlannedCall;
    const n = targetCount(spec, args);
    const last = lasting(spec, args, now);
    const body = shown[0]?.body;
    const query = first.request.query;
    return {
      tool: spec.name,
      action: spec.title,
      vendor: spec.vendor,
      targets: declaredTargets(spec, args),
      ...(n > 1 ? { count: n } : {}),
      ...(preimage ? { current: preimage } : {}),
      ...(spec.effect ? { effect: spec.effect } : {}),
      ...(last ? { lasts: last.words, ends: last.ends } : {}),
      ...(typeof args.reason === 'string' ? { reason: args.reason } : {}),
      request: {
        method: shown[0]?.method ?? spec.http.method,
        path: first.request.path,
        ...(query && Object.keys(query).length ? { query } : {}),
        ...(body === undefined ? {} : { body }),
      },
      ...(planned.length > 1 ? { calls: planned.length } : {}),
      summary: describeCall(spec, args, preimage, now),
    };
  }
}

/**
 * The audit line an outcome calls for: what it came to (`outcome`), why it was refused (`error`), and how it was
 * confirmed when that was decided by the outcome. None for answers that change nothing and decide nothing
 * (confirmation asked for, arguments invalid, a tool not served) or when the audit log itself failed.
 */
function auditEntry(spec: ToolSpec, outcome: Outcome): (Partial<AuditLine> & Pick<AuditLine, 'outcome'>) | undefined {
  switch (outcome.kind) {
    case 'done':
      return { outcome: 'success' };
    case 'batch_failed':
      return { outcome: 'error' };
    case 'failed': {
      const { error } = describeError(outcome.error, spec);
      // refused before anything was sent (a local path outside the files folder, an id unsafe in a path)
      return { outcome: sentNothing(outcome.error) ? 'refused' : 'error', error };
    }
    case 'dry_run':
      return { outcome: 'dry_run' };
    case 'cancelled':
      return { outcome: outcome.answer === 'decline' ? 'declined' : 'cancelled' };
    case 'refused':
      switch (outcome.rule) {
        case 'audit_log':
          return undefined;
        case 'preflight':
          return {
            outcome: 'refused',
            error: { kind: 'preflight', reason: outcome.reason, message: outcome.message },
          };
        case 'confirmation':
          return { outcome: 'refused', error: { kind: outcome.code, message: outcome.message } };
        default:
          return { outcome: 'refused', error: { kind: outcome.rule, message: outcome.message } };
      }
    case 'approval':
      return outcome.refusal
        ? { outcome: 'refused', error: { kind: outcome.refusal.code, message: outcome.refusal.message } }
        : undefined;
    case 'confirmation_required':
    case 'invalid':
    case 'unavailable':
      return undefined;
  }
}

/** A console-mode call that collects an approval's outcome (`approval_id`) rather than asking for one. */
const collects = (args: Record<string, unknown>): boolean =>
  typeof args.approval_id === 'string' && args.approval_id !== '';

function dryRun(shown: DescribedRequest[]): Outcome {
  const strip = (d: DescribedRequest): DescribedRequest => ({
    method: d.method,
    url: d.url,
    headers: d.headers,
    ...(d.body === undefined ? {} : { body: d.body }),
  });
  const all = shown.map(strip);
  return { kind: 'dry_run', request: all[0] as DescribedRequest, ...(all.length > 1 ? { requests: all } : {}) };
}

/** What a write acts on, for the audit line and the preview: the entry's declared targets (single ids stay scalars). */
function declaredTargets(spec: ToolSpec, args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(targetsOf(spec, args).map((t) => [t.prop, jsonSafe(args[t.prop])]));
}

/** The arguments the vendor sees: without the ones that steer this server. */
function withoutControl(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([k]) => !CONTROL_ARGS.has(k)));
}

/** JSON-safe copy for previews and audit lines: secrets redacted, int64 ids as exact decimal strings. */
function jsonSafe(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(redactFields(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : shorten(x))),
  );
}

/** Longest string an audit line or preview keeps whole: one huge argument must not make one huge line. */
const MAX_KEPT_CHARS = 4096;

/** A string over MAX_KEPT_CHARS cut, saying how long it was; anything else as is. */
function shorten(x: unknown): unknown {
  return typeof x === 'string' && x.length > MAX_KEPT_CHARS
    ? `${x.slice(0, MAX_KEPT_CHARS)}…[${x.length} characters]`
    : x;
}
