/**
 * The MCP-agnostic core of the server: which tools are served, their listed JSON Schemas, and one call's life:
 * validate → a read, or the write pipeline (write.ts) → one Outcome → the renderer (execute/render.ts). The SDK
 * adapter in `mcp/` only forwards to it, so shared concerns cannot be bypassed by any tool.
 */

import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import { type Config, reservedPaths } from './config.js';
import type { ApprovalGate, GateContext } from './console/gate.js';
import { splitArgs } from './execute/batch.js';
import { buildRequest } from './execute/build-request.js';
import { execute, sendBatch } from './execute/execute.js';
import type { Outcome, OutcomeKind } from './execute/outcome.js';
import { outputSchema } from './execute/output-schema.js';
import { collectPages, largestPage, walkPages } from './execute/paging.js';
import { type CallResult, render } from './execute/render.js';
import { withReadable } from './execute/results.js';
import { callSchema, coerceArgs, describeIssues, type JsonSchema, toJsonSchema } from './execute/schema.js';
import type { AuditLog } from './guards/audit.js';
import type { ConfirmContext } from './guards/confirm.js';
import { MemoryWindowStore, type WindowStore } from './guards/limits.js';
import { LocalFiles } from './guards/local-files.js';
import { selectTools } from './guards/policy.js';
import type { ReadTool } from './guards/preview.js';
import type { ComposedSpec, Reads } from './lookups/define.js';
import { LOOKUPS } from './lookups/index.js';
import type { Annotations, LocalFileAccess, ToolSpec, Vendor } from './tools/define.js';
import { ALL_TOOLS } from './tools/index.js';
import { TOOLSETS } from './tools/toolsets.js';
import type { VendorClient } from './vendors/vendor.js';
import { WritePipeline } from './write.js';

interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  /** every result's structuredContent validates against it, errors included (execute/output-schema.ts) */
  outputSchema: JsonSchema;
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

interface AppDeps {
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

interface ServedTool {
  spec: ToolSpec | ComposedSpec;
  /** set for a lookup (a composed read tool) */
  composed?: ComposedSpec;
  schema: z.ZodObject;
  json: JsonSchema;
  listed: ListedTool;
}

/** The discovery tools only change this session's tool list. */
const READ_ONLY_LOCAL = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** After the shutdown grace, how long aborted calls get to write their audit lines. */
const ABORT_SETTLE_MS = 3_000;

/**
 * One call's abort source, handed down the pipeline in place of an AbortSignal: aborted once, when the client cancels
 * the call or the shutdown grace runs out. The MCP adapter hands one in as the call's signal (it aborts it itself when
 * the client cancels); any other AbortSignal is linked to one here. Everything below the App reads only `aborted` and adds and removes 'abort'
 * listeners (the HTTP client, the clock's waits, the approval queue; test/inproc/call-abort.test.ts), so an
 * EventEmitter with those three does: an AbortController per call, its signal and EventTarget listeners, cost about
 * 10 µs a call and its garbage; this costs about 1 (issue 18).
 */
export class CallSignal extends EventEmitter {
  aborted = false;
  /** its neighbours in the App's list of calls in flight (see App.track) */
  prev: CallSignal | undefined;
  next: CallSignal | undefined;
  constructor() {
    super();
    this.setMaxListeners(0); // a split batch's parts each listen while in flight
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
  addEventListener(_type: 'abort', listener: () => void): void {
    // `on`: 'abort' is emitted at most once (abort() returns early after), so `once`'s wrapper would buy nothing
    this.on('abort', listener);
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    this.off('abort', listener);
  }
}

/** A call's MCP result, and what it came to (for the adapter's log line). */
interface Answer {
  result: CallResult;
  outcome: OutcomeKind;
}

export class App {
  readonly tools: ListedTool[];
  private readonly served = new Map<string, ServedTool>();
  private readonly files: LocalFileAccess;
  private readonly writes: WritePipeline;
  /**
   * Calls in flight, for a shutdown that lets each write finish its audit line and aborts the rest when the grace
   * runs out: each call's abort source, linked into a list through its own `prev`/`next` (adding to and removing from
   * a Set on every call made the Set reallocate its table; this allocates nothing), with their count and whoever
   * waits for it to reach 0.
   */
  private head: CallSignal | undefined;
  private inflight = 0;
  private idleWaiters: (() => void)[] = [];
  /** set once the shutdown grace ran out: why the calls still in flight were aborted */
  private stopReason: Error | undefined;
  private closing = false;

  constructor(
    readonly config: Config,
    private readonly deps: AppDeps,
    catalog: readonly ToolSpec[] = ALL_TOOLS,
    lookups: readonly ComposedSpec[] = LOOKUPS,
  ) {
    if (config.confirm === 'console' && !deps.approvals)
      throw new Error('IM_ADMIN_CONFIRM=console needs the approval gate');
    const vendors = Object.keys(deps.clients) as Vendor[];
    // the documented operations first, then the lookups composed of them
    for (const spec of selectTools<ToolSpec | ComposedSpec>([...catalog, ...lookups], config, vendors)) {
      const composed = 'composedOf' in spec ? spec : undefined;
      const schema = composed
        ? composed.input
        : callSchema(spec as ToolSpec, { approvals: config.confirm === 'console' });
      const json = toJsonSchema(schema);
      const listed: ListedTool = {
        name: spec.name,
        title: spec.title,
        description: spec.description,
        inputSchema: json,
        outputSchema: outputSchema(spec),
        annotations: { title: spec.title, ...spec.annotations },
      };
      this.served.set(spec.name, { spec, schema, json, listed, ...(composed ? { composed } : {}) });
    }
    this.tools = [...this.served.values()].map((s) => s.listed);
    this.files =
      deps.files ??
      new LocalFiles({ root: config.filesDir, readOnly: config.readOnly, reserved: reservedPaths(config) });
    this.writes = new WritePipeline({
      config,
      confirm: deps.confirm,
      ...(deps.audit ? { audit: deps.audit } : {}),
      ...(deps.approvals ? { approvals: deps.approvals } : {}),
      window: deps.window ?? new MemoryWindowStore(),
      limits: {
        maxMuteMs: config.maxMuteMs,
        maxTargets: config.maxTargets,
        maxDestructive: config.maxDestructive,
        windowMs: config.destructiveWindowSeconds * 1000,
      },
      protected: { users: config.protectedUsers, groups: config.protectedGroups },
      now: deps.now ?? Date.now,
      files: this.files,
    });
  }

  /** The toolset a served tool belongs to (dynamic mode grows tools/list by toolset). */
  toolsetOf(name: string): string | undefined {
    return this.served.get(name)?.spec.toolset;
  }

  /** One documented read outside a tool call (argument completion), through the same pipeline as pre-image reads. */
  readEntry<S extends z.ZodObject>(
    tool: ToolSpec<S>,
    args: z.input<S>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    return this.reader(signal)(tool, args);
  }

  /** One tool call's MCP result. */
  async call(name: string, rawArgs: Record<string, unknown> | undefined, ctx: CallContext): Promise<CallResult> {
    return (await this.respond(name, rawArgs, ctx)).result;
  }

  /** One tool call: its MCP result and what it came to. */
  async respond(name: string, rawArgs: Record<string, unknown> | undefined, ctx: CallContext): Promise<Answer> {
    const outcome = await this.outcome(name, rawArgs, ctx);
    return { result: render(outcome, this.served.get(name)?.spec, name), outcome: outcome.kind };
  }

  private async outcome(
    name: string,
    rawArgs: Record<string, unknown> | undefined,
    ctx: CallContext,
  ): Promise<Outcome> {
    if (this.closing)
      return {
        kind: 'unavailable',
        message: `Not sent: the server is shutting down. Call ${name} again on a new session.`,
      };
    // One abort source per call (CallSignal): the adapter's own, or one aborted by the caller's AbortSignal through a
    // listener removed when the call ends (a listener on an AbortSignal is an EventTarget's, and costs several times
    // the rest of this function); aborted by the shutdown through the list of calls in flight (track).
    const given: unknown = ctx.signal;
    const linked = given instanceof CallSignal ? given : new CallSignal();
    const abort = linked === given ? undefined : () => linked.abort();
    if (abort) ctx.signal.addEventListener('abort', abort, { once: true });
    if (ctx.signal.aborted || this.stopReason) linked.abort();
    this.track(linked);
    try {
      return await this.run(name, rawArgs, { ...ctx, signal: linked as unknown as AbortSignal });
    } finally {
      this.untrack(linked);
      if (abort) ctx.signal.removeEventListener('abort', abort);
    }
  }

  private track(call: CallSignal): void {
    call.next = this.head;
    if (this.head) this.head.prev = call;
    this.head = call;
    this.inflight++;
  }

  private untrack(call: CallSignal): void {
    if (call.prev) call.prev.next = call.next;
    else this.head = call.next;
    if (call.next) call.next.prev = call.prev;
    call.prev = undefined;
    call.next = undefined;
    if (--this.inflight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * Shutdown: takes no new calls, lets the calls in flight end for up to `graceMs` (a write already sent gets its
   * real outcome in the audit log), then aborts the rest, whose audit lines record the cancellation (bounded too).
   */
  async drain(graceMs: number): Promise<void> {
    this.closing = true;
    /** true once no call is in flight, false if `ms` passes first */
    const settled = (ms: number) => {
      if (this.inflight === 0) return Promise.resolve(true);
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true))),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), ms);
        }),
      ]).finally(() => clearTimeout(timer));
    };
    if (await settled(graceMs)) return;
    this.stopReason = new Error('the server is shutting down');
    const inFlight: CallSignal[] = [];
    for (let call = this.head; call; call = call.next) inFlight.push(call);
    for (const call of inFlight) call.abort();
    await settled(ABORT_SETTLE_MS);
  }

  /** One call, start to end, as an Outcome: validate, then a read or the write pipeline. */
  private async run(name: string, rawArgs: Record<string, unknown> | undefined, ctx: CallContext): Promise<Outcome> {
    const served = this.served.get(name);
    if (!served)
      return {
        kind: 'unavailable',
        message: `Unknown tool: ${name}. Call tools/list for the tools this server offers.`,
      };
    const { spec, schema, json, composed } = served;
    const coerced = coerceArgs(rawArgs ?? {}, json);
    const parsed = schema.safeParse(coerced);
    if (!parsed.success) return { kind: 'invalid', message: describeIssues(parsed.error, coerced) };
    const args = parsed.data as Record<string, unknown>;
    const client = this.deps.clients[spec.vendor];
    if (!client) return { kind: 'unavailable', message: `${spec.vendor} is not configured on this server.` };

    try {
      if (composed) {
        const out = await composed.run(args, this.reads(composed, ctx.signal));
        return { kind: 'done', output: { ...out, structured: withReadable(composed.vendor, out.structured) } };
      }
      const entry = spec as ToolSpec;
      if (!entry.annotations.readOnlyHint) {
        return await this.writes.run({
          spec: entry,
          args,
          rawArgs: coerced,
          client,
          signal: ctx.signal,
          read: this.reader(ctx.signal),
          ...(ctx.elicit ? { elicit: ctx.elicit } : {}),
          ...(ctx.progress ? { progress: ctx.progress } : {}),
          ...(ctx.requester ? { requester: ctx.requester } : {}),
          ...(ctx.approved ? { approved: ctx.approved } : {}),
        });
      }
      return await this.read(entry, served.json, args, client, ctx);
    } catch (err) {
      return { kind: 'failed', error: err };
    }
  }

  /**
   * The reads of one lookup: each through the same pipeline as the guards' pre-image reads, and only of the entries
   * it declares it is composed of (so the manifest's `composed_of` is the whole truth).
   */
  private reads(lookup: ComposedSpec, signal: AbortSignal): Reads {
    const read = this.reader(signal);
    const allowed = (tool: ToolSpec) => {
      if (!lookup.composedOf.includes(tool))
        throw new Error(`${lookup.name} does not declare ${tool.name} in composedOf`);
    };
    return {
      one: (tool, args) => {
        allowed(tool);
        return read(tool, args);
      },
      pages: (tool, args, maxPages, stop) => {
        allowed(tool);
        if (!tool.paging) throw new Error(`${tool.name} declares no paging`);
        // the read is served (a lookup is served only with its reads): its listed schema is already built
        const listed = this.served.get(tool.name)?.json ?? toJsonSchema(tool.input);
        const size = largestPage(tool.paging, listed);
        return walkPages(
          tool.paging,
          size,
          args as Record<string, unknown>,
          maxPages,
          (a) => read(tool, a as typeof args),
          stop,
        );
      },
    };
  }

  /** A read: one request, a declared list followed up to `max_items`, or a split batch. */
  private async read(
    spec: ToolSpec,
    json: JsonSchema,
    args: Record<string, unknown>,
    client: VendorClient,
    ctx: CallContext,
  ): Promise<Outcome> {
    const send = (a: Record<string, unknown>) => execute(spec, a, client, ctx.signal, this.files);
    if (spec.paging && typeof args.max_items === 'number') {
      const pageSize = largestPage(spec.paging, json);
      return { kind: 'done', output: await collectPages(spec.paging, pageSize, args, args.max_items, send) };
    }
    const parts = splitArgs(spec, args);
    if (parts.length === 1) return { kind: 'done', output: await send(args) };
    const planned = parts.map((part) => ({ args: part, request: buildRequest(spec, part), custom: false }));
    return sendBatch(spec, planned, client, {
      signal: ctx.signal,
      files: this.files,
      ...(ctx.progress ? { progress: ctx.progress } : {}),
    });
  }

  /** Runs read-only catalog entries for the guards (pre-images, protection) through the same client. */
  private reader(signal: AbortSignal): ReadTool {
    return async (tool, args) => {
      const client = this.deps.clients[tool.vendor];
      if (!client || !tool.annotations.readOnlyHint) throw new Error(`no read tool ${tool.name}`);
      const parsed = tool.input.parse(args) as Record<string, unknown>;
      return (await execute(tool, parsed, client, signal, this.files)).structured;
    };
  }
}

export type { CallResult } from './execute/render.js';

/** The two tools dynamic mode starts with (IM_ADMIN_DYNAMIC_TOOLSETS); they list and enable toolsets. */
const DISCOVERY_TOOLS: ListedTool[] = [
  {
    name: 'list_toolsets',
    title: 'List toolsets',
    description:
      'List the toolsets this server can add to your tools: name, what they cover, tool count, approximate o200k token cost, enabled.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    outputSchema: {
      type: 'object',
      properties: {
        toolsets: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              description: { type: 'string' },
              tools: { type: 'integer' },
              approx_tokens: { type: 'integer' },
              enabled: { type: 'boolean' },
            },
          },
        },
      },
    },
    annotations: { title: 'List toolsets', ...READ_ONLY_LOCAL },
  },
  {
    name: 'enable_toolset',
    title: 'Enable toolset',
    description: 'Add a toolset (from list_toolsets) to your tools; the tool list changes at once.',
    inputSchema: {
      type: 'object',
      properties: { toolset: { type: 'string' } },
      required: ['toolset'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        toolset: { type: 'string' },
        enabled: { type: 'boolean' },
        tools: { type: 'array', items: { type: 'string' } },
      },
    },
    annotations: {
      title: 'Enable toolset',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  },
];

/** An approximate o200k token count of a listed tool as a model is given it (JSON with id patterns: ~3.6 characters per token, each toolset within 15%). */
const approxTokens = (t: ListedTool): number =>
  Math.ceil(JSON.stringify({ name: t.name, description: t.description, input_schema: t.inputSchema }).length / 3.6);

/**
 * One session's view in dynamic mode: the discovery tools, then the served tools of the toolsets it enabled. Only
 * served tools count (read-only mode, toolsets and the allow and exclude lists decided those), so nothing is widened.
 */
export class DynamicToolsets {
  private readonly enabled = new Set<string>();
  constructor(private readonly app: App) {}

  /** The toolsets that have at least one served tool, in catalog order, with their tools. */
  private sets(): Map<string, ListedTool[]> {
    const sets = new Map<string, ListedTool[]>();
    for (const t of this.app.tools) {
      const set = this.app.toolsetOf(t.name) as string;
      sets.set(set, [...(sets.get(set) ?? []), t]);
    }
    return sets;
  }

  list(): ListedTool[] {
    return [...DISCOVERY_TOOLS, ...this.app.tools.filter((t) => this.enabled.has(this.app.toolsetOf(t.name) ?? ''))];
  }

  /** Whether a tools/call of `name` is answered here (a discovery tool) or hidden (a toolset not enabled). */
  owns(name: string): boolean {
    return DISCOVERY_TOOLS.some((t) => t.name === name);
  }

  hidden(name: string): boolean {
    return !this.owns(name) && !this.enabled.has(this.app.toolsetOf(name) ?? '');
  }

  /** A discovery call: its result, and whether the tool list changed. */
  call(name: string, args: Record<string, unknown> | undefined): { result: CallResult; changed: boolean } {
    const sets = this.sets();
    if (name === 'list_toolsets') {
      const toolsets = [...sets].map(([set, tools]) => ({
        name: set,
        description: (TOOLSETS as Record<string, string>)[set] ?? set,
        tools: tools.length,
        approx_tokens: tools.reduce((n, t) => n + approxTokens(t), 0),
        enabled: this.enabled.has(set),
      }));
      return {
        result: {
          content: [
            {
              type: 'text',
              text: `${toolsets.length} toolset(s); call enable_toolset with a name to add its tools.
${JSON.stringify(toolsets)}`,
            },
          ],
          structuredContent: { toolsets },
        },
        changed: false,
      };
    }
    const set = typeof args?.toolset === 'string' ? args.toolset : '';
    const tools = sets.get(set);
    if (!tools)
      return {
        result: {
          content: [
            {
              type: 'text',
              text: `Unknown toolset "${set}". Toolsets here: ${[...sets.keys()].join(', ')}. Nothing was changed.`,
            },
          ],
          isError: true,
        },
        changed: false,
      };
    const changed = !this.enabled.has(set);
    this.enabled.add(set);
    const names = tools.map((t) => t.name);
    return {
      result: {
        content: [{ type: 'text', text: `Enabled ${set}: ${names.length} tool(s) now callable: ${names.join(', ')}.` }],
        structuredContent: { toolset: set, enabled: true, tools: names },
      },
      changed,
    };
  }
}
