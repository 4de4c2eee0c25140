/**
 * The MCP-agnostic core of the server: which tools are served, their listed JSON Schemas, and one call's life
 * (coerce → validate → confirm → execute → render). The SDK adapter in `mcp/` only forwards to it, so shared
 * concerns cannot be bypassed by any tool.
 */

import { setMaxListeners } from 'node:events';
import type { z } from 'zod';
import { type Config, reservedPaths } from './config.js';
import type { ApprovalGate, GateContext } from './console/gate.js';
import { batchProp, type ChunkOutcome, mergeChunks, splitArgs } from './execute/batch.js';
import { fillPath } from './execute/build-request.js';
import { execute, plannedRequest } from './execute/execute.js';
import { collectPages, pagingOf } from './execute/paging.js';
import { type CallResult, errorResult, okResult, renderError } from './execute/render.js';
import { callSchema, coerceArgs, describeIssues, type JsonSchema, toJsonSchema } from './execute/schema.js';
import type { AuditLine, AuditLog } from './guards/audit.js';
import { type ConfirmContext, confirmDestructive } from './guards/confirm.js';
import type { CheckedToken } from './guards/confirm-token.js';
import { describeCall, lasting } from './guards/describe.js';
import { checkLimits, type Limits, MemoryWindowStore, targetCount, type WindowStore } from './guards/limits.js';
import { LocalFiles } from './guards/local-files.js';
import { selectTools } from './guards/policy.js';
import { preflight } from './guards/preflight.js';
import { readPreimage } from './guards/preview.js';
import { type Protected, protectionRefusal } from './guards/protect.js';
import { targetsOf } from './guards/targets.js';
import { InputError, LocalFileRefusal } from './http/errors.js';
import { stringifyJson } from './http/json.js';
import type { Annotations, LocalFileAccess, ToolSpec, Vendor } from './tools/define.js';
import { ALL_TOOLS } from './tools/index.js';
import type { VendorClient } from './vendors/vendor.js';
import { redactFields } from './vendors/vendor.js';

export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  annotations: Annotations & { title: string };
}

export interface CallContext {
  signal: AbortSignal;
  elicit?: ConfirmContext['elicit'];
  /** set when the client asked for progress (a progress token): called after each vendor call of a split batch */
  progress?: (done: number, total: number, message: string) => Promise<void> | void;
  /** IM_ADMIN_CONFIRM=console: who asks (client name, HTTP session), and the approval an approved re-run executes */
  requester?: GateContext['requester'];
  approved?: GateContext['approved'];
}

export interface AppDeps {
  clients: Partial<Record<Vendor, VendorClient>>;
  confirm: Omit<ConfirmContext, 'elicit'>;
  audit?: AuditLog;
  window?: WindowStore;
  now?: () => number;
  /** the host folder the share-file tools may use; default: from the configuration */
  files?: LocalFileAccess;
  /** IM_ADMIN_CONFIRM=console: the approval queue's gate (console/gate.ts) */
  approvals?: ApprovalGate;
}

interface Served {
  spec: ToolSpec;
  schema: z.ZodObject;
  json: JsonSchema;
  listed: ListedTool;
}

/** After the shutdown grace, how long aborted calls get to write their audit lines. */
const ABORT_SETTLE_MS = 3_000;

export class App {
  readonly tools: ListedTool[];
  private readonly served = new Map<string, Served>();
  private readonly byName = new Map<string, ToolSpec>();
  private readonly limits: Limits;
  private readonly protected: Protected;
  private readonly window: WindowStore;
  private readonly now: () => number;
  private readonly files: LocalFileAccess;
  /** calls in flight, for a shutdown that lets each write finish its audit line */
  private readonly inflight = new Set<Promise<CallResult>>();
  /** aborts the calls still in flight when the shutdown grace runs out */
  private readonly stopping = new AbortController();
  private closing = false;

  constructor(
    readonly config: Config,
    private readonly deps: AppDeps,
    catalog: readonly ToolSpec[] = ALL_TOOLS,
  ) {
    if (config.confirm === 'console' && !deps.approvals)
      throw new Error('IM_ADMIN_CONFIRM=console needs the approval gate');
    const vendors = Object.keys(deps.clients) as Vendor[];
    for (const spec of catalog) this.byName.set(spec.name, spec);
    for (const spec of selectTools(catalog, config, vendors)) {
      const schema = callSchema(spec, { approvals: config.confirm === 'console' });
      const json = toJsonSchema(schema);
      const listed: ListedTool = {
        name: spec.name,
        title: spec.title,
        description: spec.description,
        inputSchema: json,
        annotations: { title: spec.title, ...spec.annotations },
      };
      this.served.set(spec.name, { spec, schema, json, listed });
    }
    this.tools = [...this.served.values()].map((s) => s.listed);
    this.limits = {
      maxMuteMs: config.maxMuteMs,
      maxTargets: config.maxTargets,
      maxDestructive: config.maxDestructive,
      windowMs: config.destructiveWindowSeconds * 1000,
    };
    this.protected = { users: config.protectedUsers, groups: config.protectedGroups };
    this.window = deps.window ?? new MemoryWindowStore();
    this.now = deps.now ?? Date.now;
    // every call in flight listens on it (50 in flight is normal): no listener-count warning
    setMaxListeners(0, this.stopping.signal);
    this.files =
      deps.files ??
      new LocalFiles({ root: config.filesDir, readOnly: config.readOnly, reserved: reservedPaths(config) });
  }

  async call(name: string, rawArgs: Record<string, unknown> | undefined, ctx: CallContext): Promise<CallResult> {
    if (this.closing) return errorResult(`Not sent: the server is shutting down. Call ${name} again on a new session.`);
    // One controller per call, linked by listeners that are removed when the call ends (AbortSignal.any keeps
    // dependent signals alive until collected, a cost on the hot path).
    const linked = new AbortController();
    const abort = () => linked.abort(ctx.signal.aborted ? ctx.signal.reason : this.stopping.signal.reason);
    if (ctx.signal.aborted || this.stopping.signal.aborted) abort();
    ctx.signal.addEventListener('abort', abort, { once: true });
    this.stopping.signal.addEventListener('abort', abort, { once: true });
    const p = this.run(name, rawArgs, { ...ctx, signal: linked.signal });
    this.inflight.add(p);
    try {
      return await p;
    } finally {
      this.inflight.delete(p);
      ctx.signal.removeEventListener('abort', abort);
      this.stopping.signal.removeEventListener('abort', abort);
    }
  }

  /**
   * Shutdown: takes no new calls, lets the calls in flight end for up to `graceMs` (a write already sent gets its
   * real outcome in the audit log), then aborts the rest, whose audit lines record the cancellation (bounded too).
   */
  async drain(graceMs: number): Promise<void> {
    this.closing = true;
    const settled = (ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        Promise.allSettled([...this.inflight]).then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), ms);
        }),
      ]).finally(() => clearTimeout(timer));
    };
    if (this.inflight.size === 0 || (await settled(graceMs))) return;
    this.stopping.abort(new Error('the server is shutting down'));
    await settled(ABORT_SETTLE_MS);
  }

  private async run(name: string, rawArgs: Record<string, unknown> | undefined, ctx: CallContext): Promise<CallResult> {
    const served = this.served.get(name);
    if (!served) return errorResult(`Unknown tool: ${name}. Call tools/list for the tools this server offers.`);
    const { spec, schema, json } = served;
    const coerced = coerceArgs(rawArgs ?? {}, json);
    const parsed = schema.safeParse(coerced);
    if (!parsed.success) {
      return errorResult(
        `Invalid arguments for ${name}:\n${describeIssues(parsed.error, coerced)}\nNothing was sent.`,
        {
          error: { kind: 'invalid_arguments' },
        },
      );
    }
    const args = parsed.data as Record<string, unknown>;
    const client = this.deps.clients[spec.vendor];
    if (!client) return errorResult(`${spec.vendor} is not configured on this server.`);

    try {
      if (spec.annotations.readOnlyHint) {
        const paging = pagingOf(spec);
        if (paging && typeof args.max_items === 'number') {
          const out = await collectPages(spec, paging, args, args.max_items, (a) =>
            execute(spec, a, client, ctx.signal, this.files),
          );
          return okResult(out, spec.vendor);
        }
        const chunks = splitArgs(spec, args);
        if (chunks.length === 1)
          return okResult(await execute(spec, args, client, ctx.signal, this.files), spec.vendor);
        return await this.runChunks(spec, chunks, client, ctx);
      }
      return await this.write(spec, args, coerced, client, ctx);
    } catch (err) {
      return renderError(err, spec);
    }
  }

  /** Every write: dry-run, limits, pre-image, confirmation, rate window, audit, then exactly one execution. */
  private async write(
    spec: ToolSpec,
    args: Record<string, unknown>,
    rawArgs: Record<string, unknown>,
    client: VendorClient,
    ctx: CallContext,
  ): Promise<CallResult> {
    const started = this.now();
    const destructive = spec.annotations.destructiveHint;
    const line: AuditLine = {
      time: new Date(started).toISOString(),
      tool: spec.name,
      vendor: spec.vendor,
      targets: auditTargets(spec, args),
      args: plain(stripControl(args)) as Record<string, unknown>,
      outcome: 'success',
      // a destructive call is "not_confirmed" until the person (or the operator's IM_ADMIN_CONFIRM=off) decides
      confirmed: destructive ? 'not_confirmed' : 'not_required',
      ...(typeof args.reason === 'string' ? { reason: args.reason } : {}),
    };
    const audit = async (outcome: AuditLine['outcome'], extra: Partial<AuditLine> = {}) => {
      await this.deps.audit?.append({ ...line, ...extra, outcome, duration_ms: this.now() - started });
    };

    // No trail, no write: checked first, so a refusal here spends no token and no slot of the window.
    if (this.deps.audit) {
      try {
        await this.deps.audit.ready();
      } catch (err) {
        return errorResult(
          `Not sent: the audit log ${this.deps.audit.path} cannot be written (${err instanceof Error ? err.message : String(err)}). Fix IM_ADMIN_AUDIT_LOG or its folder's permissions.`,
          { error: { kind: 'audit_log' } },
        );
      }
    }

    // Protected targets: every write, before anything is planned or sent (reads may be needed to know).
    const protectedHit = await protectionRefusal(spec, args, this.protected, (n, a) => this.read(n, a, ctx.signal));
    if (protectedHit) {
      await audit('refused', { error: { kind: 'protected', message: protectedHit } });
      return errorResult(`${protectedHit} Nothing was sent.`, { error: { kind: 'protected' } });
    }

    // The request as it will be sent, for the audit line, previews and dry-run. A custom entry (share-file upload)
    // would have to run to produce its body, reading the file a second time: outside dry-run, method and path do.
    const planned =
      spec.run && !this.config.dryRun
        ? { method: spec.http.method, path: fillPath(spec, args) }
        : await plannedRequest(spec, args, ctx.signal, this.files);
    const described = client.describe(planned);
    line.request = { method: described.method, url: described.url };

    if (this.config.dryRun) {
      await audit('dry_run');
      const request = {
        method: described.method,
        url: described.url,
        headers: described.headers,
        ...(described.body === undefined ? {} : { body: described.body }),
      };
      return {
        content: [
          {
            type: 'text',
            text: `Dry run (IM_ADMIN_DRY_RUN): nothing was sent. ${spec.name} would send:\n${stringifyJson(request)}`,
          },
        ],
        structuredContent: { dry_run: true, request },
      };
    }

    if (destructive) {
      const refusal = checkLimits(spec, args, this.limits);
      if (refusal) {
        await audit('refused', { error: { kind: 'limit', message: refusal } });
        return errorResult(`${refusal} Nothing was sent.`, { error: { kind: 'limit' } });
      }
      let token: CheckedToken | undefined;
      if (this.config.confirm !== 'off') {
        const preimage = await readPreimage(spec, args, (n, a) => this.read(n, a, ctx.signal));
        if (preimage) line.preimage = preimage;
        const refused = preflight(spec, args, preimage);
        if (refused) {
          await audit('refused', { error: { kind: 'preflight', reason: refused.reason, message: refused.message } });
          return errorResult(`${refused.message} Nothing was sent and no confirmation was asked for.`, {
            error: { kind: 'preflight', reason: refused.reason },
          });
        }
        const preview = this.preview(spec, args, planned, described, preimage);
        const summary = String(preview.summary);
        // IM_ADMIN_CONFIRM=console: a person approves on the console (console/gate.ts); no token reaches the agent
        const approval =
          this.config.confirm === 'console'
            ? await this.deps.approvals?.decide(
                { tool: spec.name, vendor: spec.vendor, args: rawArgs, summary, preview, line },
                ctx,
              )
            : undefined;
        if (approval && !approval.proceed) return approval.result;
        if (approval?.proceed) {
          Object.assign(line, {
            approval_id: approval.approvalId,
            requested_by: approval.requester,
            approved_by: approval.approvedBy,
          });
        }
        const decision = approval?.proceed
          ? { proceed: true as const, via: 'console' as const }
          : await confirmDestructive({ ...this.deps.confirm, ...ctx }, spec.name, rawArgs, summary);
        if (!decision.proceed) {
          if (decision.kind === 'required') {
            return {
              content: [
                {
                  type: 'text',
                  text: `Confirmation required: nothing was changed yet.\n${summary}\nShow this to the user; if they agree, call ${spec.name} again with the same arguments plus "confirmation_token": "${decision.token}" (valid until ${decision.expiresAt}, single use).`,
                },
              ],
              structuredContent: {
                confirmation_required: true,
                confirmation_token: decision.token,
                expires_at: decision.expiresAt,
                preview,
              },
            };
          }
          if (decision.kind === 'cancelled') {
            await audit(decision.answer === 'decline' ? 'declined' : 'cancelled', { confirmed: 'elicitation' });
            return {
              content: [
                {
                  type: 'text',
                  text: `Cancelled by the user (${decision.answer}): nothing was sent to ${spec.vendor}.`,
                },
              ],
              structuredContent: { cancelled: true, answer: decision.answer },
            };
          }
          await audit('refused', {
            confirmed: decision.via,
            error: { kind: decision.code, message: decision.reason },
          });
          const next =
            decision.via === 'token' ? ` Call ${spec.name} without confirmation_token to get a new one.` : '';
          return errorResult(`Not executed: ${decision.reason}.${next}`, {
            error: { kind: 'confirmation_refused', reason: decision.reason, code: decision.code },
          });
        }
        line.confirmed = decision.via;
        if ('token' in decision) token = decision.token;
      } else {
        line.confirmed = 'off';
      }
      const slot = await this.window.take('destructive', this.now(), this.limits.windowMs, this.limits.maxDestructive);
      if (slot === undefined) {
        const msg = `Refused: more than ${this.limits.maxDestructive} destructive actions in ${this.limits.windowMs / 1000} s (IM_ADMIN_MAX_DESTRUCTIVE per IM_ADMIN_DESTRUCTIVE_WINDOW_SECONDS). Wait, or ask the operator to raise the cap; the confirmation stays valid until it expires.`;
        await audit('refused', { error: { kind: 'limit', message: msg } });
        return errorResult(`${msg} Nothing was sent.`, { error: { kind: 'limit' } });
      }
      // The token is spent last: a call refused by any check above keeps it.
      const spent = token
        ? await this.deps.confirm.tokens.spend(token).catch(async (err: unknown) => {
            await this.window.release('destructive', slot);
            throw err;
          })
        : true;
      if (!spent) {
        await this.window.release('destructive', slot);
        const reason = 'the confirmation_token was already used';
        await audit('refused', { error: { kind: 'token_used', message: reason } });
        return errorResult(`Not executed: ${reason}. Call ${spec.name} without confirmation_token to get a new one.`, {
          error: { kind: 'confirmation_refused', reason, code: 'token_used' },
        });
      }
    }

    const chunks = splitArgs(spec, args);
    if (chunks.length > 1) {
      // One audit line per vendor request, each naming its share of the batch.
      return this.runChunks(spec, chunks, client, ctx, async (i, chunkArgs, failure) => {
        const targets = auditTargets(spec, chunkArgs);
        await audit(failure ? 'error' : 'success', {
          targets,
          args: plain(stripControl(chunkArgs)) as Record<string, unknown>,
          chunk: { index: i + 1, of: chunks.length },
          ...(failure ? { error: failure } : {}),
        }).catch(() => {});
      });
    }
    try {
      const out = await execute(spec, args, client, ctx.signal, this.files);
      await audit('success').catch(() => {});
      return okResult(out, spec.vendor);
    } catch (err) {
      const rendered = renderError(err, spec);
      // Refused before anything was sent (a local path outside the files folder, an unsafe id).
      const refused = err instanceof InputError && !(err instanceof LocalFileRefusal && !err.sentNothing);
      await audit(refused ? 'refused' : 'error', {
        error: (rendered.structuredContent?.error as Record<string, unknown>) ?? { message: String(err) },
      }).catch(() => {});
      return rendered;
    }
  }

  /**
   * A split batch: vendor-sized calls in order (paced by the vendor client), progress after each, one merged
   * result with per-item results and the items of any call that failed. Fails as a whole only if every call did.
   */
  private async runChunks(
    spec: ToolSpec,
    chunks: Record<string, unknown>[],
    client: VendorClient,
    ctx: CallContext,
    onChunk?: (i: number, args: Record<string, unknown>, failure?: Record<string, unknown>) => Promise<void>,
  ): Promise<CallResult> {
    const prop = batchProp(spec)?.prop ?? '';
    const outcomes: ChunkOutcome[] = [];
    let firstError: CallResult | undefined;
    for (const [i, chunkArgs] of chunks.entries()) {
      const items = (chunkArgs[prop] as unknown[]) ?? [];
      // Progress = vendor calls completed, sent before each call: a notification sent right before the final
      // result can be dropped by clients that settle the call first (the SDK client does).
      await ctx.progress?.(i, chunks.length, `${spec.name}: call ${i + 1} of ${chunks.length}`);
      if (ctx.signal.aborted) {
        outcomes.push({ items, error: { message: 'not sent: the call was cancelled' } });
        continue;
      }
      try {
        const output = await execute(spec, chunkArgs, client, ctx.signal, this.files);
        outcomes.push({ items, output });
        await onChunk?.(i, chunkArgs);
      } catch (err) {
        const rendered = renderError(err, spec);
        firstError ??= rendered;
        const e = (rendered.structuredContent?.error ?? {}) as Record<string, unknown>;
        const error = {
          ...(typeof e.code === 'string' ? { code: e.code } : {}),
          ...(typeof e.status === 'number' ? { status: e.status } : {}),
          message: typeof e.message === 'string' ? e.message : (rendered.content[0]?.text ?? 'failed'),
        };
        outcomes.push({ items, error });
        await onChunk?.(i, chunkArgs, e);
      }
    }
    const merged = okResult(mergeChunks(spec, outcomes), spec.vendor);
    if (outcomes.every((o) => o.error) && firstError) {
      return { ...merged, isError: true, content: [...firstError.content, ...merged.content] };
    }
    return merged;
  }

  /** Runs a read-only catalog tool through the same pipeline (pre-images). */
  private async read(
    name: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const spec = this.byName.get(name);
    const client = spec && this.deps.clients[spec.vendor];
    if (!spec || !client || !spec.annotations.readOnlyHint) throw new Error(`no read tool ${name}`);
    return (await execute(spec, spec.input.parse(args) as Record<string, unknown>, client, signal, this.files))
      .structured;
  }

  /**
   * What a destructive call will do: the person's paragraph (`summary`, guards/describe.ts) and the structured
   * details for the agent. The request is named by method and vendor-relative path, never the host.
   */
  private preview(
    spec: ToolSpec,
    args: Record<string, unknown>,
    planned: { method: string; path: string; query?: Record<string, string> },
    described: ReturnType<VendorClient['describe']>,
    preimage: Record<string, unknown> | undefined,
  ): Record<string, unknown> {
    const targets: Record<string, unknown> = {};
    for (const t of targetsOf(spec, args)) targets[t.prop] = plain(args[t.prop]);
    const p: Record<string, unknown> = { tool: spec.name, action: spec.title, vendor: spec.vendor, targets };
    const n = targetCount(spec, args);
    if (n > 1) p.count = n;
    if (preimage) p.current = preimage;
    if (spec.effect) p.effect = spec.effect;
    const now = this.now();
    const last = lasting(spec, args, now);
    if (last) Object.assign(p, { lasts: last.words, ends: last.ends });
    if (typeof args.reason === 'string') p.reason = args.reason;
    p.request = {
      method: described.method,
      path: planned.path,
      ...(planned.query && Object.keys(planned.query).length ? { query: planned.query } : {}),
      ...(described.body === undefined ? {} : { body: described.body }),
    };
    p.summary = describeCall(spec, args, preimage, now);
    return p;
  }
}

/** What a write acts on, for the audit line: the entry's declared targets (single ids stay scalars). */
function auditTargets(spec: ToolSpec, args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(targetsOf(spec, args).map((t) => [t.prop, plain(args[t.prop])]));
}

function stripControl(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).filter(([k]) => k !== 'confirmation_token' && k !== 'approval_id' && k !== 'reason'),
  );
}

/** JSON-safe copy for previews and audit lines: secrets redacted, int64 ids as exact decimal strings. */
function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(redactFields(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));
}

export type { CallResult } from './execute/render.js';
