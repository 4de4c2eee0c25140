/**
 * The MCP-agnostic core of the server: which tools are served, their listed JSON Schemas, and one call's life
 * (coerce → validate → confirm → execute → render). The SDK adapter in `mcp/` only forwards to it, so shared
 * concerns cannot be bypassed by any tool.
 */

import type { z } from 'zod';
import type { Config } from './config.js';
import { buildRequest } from './execute/build-request.js';
import { execute, safeToRepeat } from './execute/execute.js';
import { callSchema, coerceArgs, describeIssues, type JsonSchema, toJsonSchema } from './execute/schema.js';
import { type ConfirmContext, confirmDestructive } from './guards/confirm.js';
import { selectTools } from './guards/policy.js';
import { InputError, NetworkError, VendorError } from './http/errors.js';
import { stringifyJson } from './http/json.js';
import { redact } from './log.js';
import type { Annotations, ToolOutput, ToolSpec, Vendor } from './tools/define.js';
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

export interface CallResult {
  [k: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface CallContext {
  signal: AbortSignal;
  elicit?: ConfirmContext['elicit'];
}

export interface AppDeps {
  clients: Partial<Record<Vendor, VendorClient>>;
  confirm: Omit<ConfirmContext, 'elicit'>;
}

interface Served {
  spec: ToolSpec;
  schema: z.ZodObject;
  json: JsonSchema;
  listed: ListedTool;
}

export class App {
  readonly tools: ListedTool[];
  private readonly served = new Map<string, Served>();

  constructor(
    readonly config: Config,
    private readonly deps: AppDeps,
    catalog: readonly ToolSpec[] = ALL_TOOLS,
  ) {
    const vendors = Object.keys(deps.clients) as Vendor[];
    for (const spec of selectTools(catalog, config, vendors)) {
      const schema = callSchema(spec);
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
  }

  async call(name: string, rawArgs: Record<string, unknown> | undefined, ctx: CallContext): Promise<CallResult> {
    const served = this.served.get(name);
    if (!served) return errorResult(`Unknown tool: ${name}. Call tools/list for the tools this server offers.`);
    const { spec, schema, json } = served;
    const coerced = coerceArgs(rawArgs ?? {}, json);
    const parsed = schema.safeParse(coerced);
    if (!parsed.success) {
      return errorResult(`Invalid arguments for ${name}:\n${describeIssues(parsed.error)}\nNothing was sent.`, {
        error: { kind: 'invalid_arguments' },
      });
    }
    const args = parsed.data as Record<string, unknown>;
    const client = this.deps.clients[spec.vendor];
    if (!client) return errorResult(`${spec.vendor} is not configured on this server.`);

    try {
      if (spec.annotations.destructiveHint) {
        const preview = this.preview(spec, args, client);
        const decision = await confirmDestructive(
          { ...this.deps.confirm, ...ctx },
          spec.name,
          coerced,
          previewText(preview),
        );
        if (!decision.proceed) {
          if (decision.kind === 'required') {
            const structured = {
              confirmation_required: true,
              confirmation_token: decision.token,
              expires_at: decision.expiresAt,
              preview,
            };
            return {
              content: [
                {
                  type: 'text',
                  text: `Confirmation required: nothing was changed yet.\n${previewText(preview)}\nShow this to the user; if they agree, call ${spec.name} again with the same arguments plus "confirmation_token": "${decision.token}" (valid until ${decision.expiresAt}, single use).`,
                },
              ],
              structuredContent: structured,
            };
          }
          if (decision.kind === 'cancelled') {
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
          return errorResult(
            `Not executed: ${decision.reason}. Call ${spec.name} without confirmation_token to get a new one.`,
            {
              error: { kind: 'confirmation_refused', reason: decision.reason },
            },
          );
        }
      }
      const out = await execute(spec, args, client, ctx.signal);
      return okResult(out);
    } catch (err) {
      return renderError(err, spec);
    }
  }

  /** What a destructive call will do, for the person who confirms it. */
  private preview(spec: ToolSpec, args: Record<string, unknown>, client: VendorClient): Record<string, unknown> {
    const targets: Record<string, unknown> = {};
    for (const t of spec.targets ?? []) if (args[t] !== undefined) targets[t] = plain(args[t]);
    const p: Record<string, unknown> = { tool: spec.name, action: spec.title, vendor: spec.vendor, targets };
    if (spec.effect) p.effect = spec.effect;
    if (!spec.run) {
      const d = client.describe(buildRequest(spec, args));
      p.request = { method: d.method, url: d.url, ...(d.body === undefined ? {} : { body: d.body }) };
    }
    return p;
  }
}

function plain(v: unknown): unknown {
  return JSON.parse(stringifyJson(redactFields(v)));
}

function previewText(p: Record<string, unknown>): string {
  const targets = Object.entries(p.targets as Record<string, unknown>)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  const req = p.request as { method: string; url: string } | undefined;
  return [
    `${String(p.action)} (${String(p.tool)})${targets ? ` on ${targets}` : ''}.`,
    p.effect ? String(p.effect) : '',
    req ? `Request: ${req.method} ${req.url}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function okResult(out: ToolOutput): CallResult {
  const json = stringifyJson(out.structured);
  return {
    content: [{ type: 'text', text: out.summary ? `${out.summary}\n${json}` : json }],
    structuredContent: JSON.parse(json) as Record<string, unknown>,
  };
}

export function errorResult(text: string, structured?: Record<string, unknown>): CallResult {
  const r: CallResult = { content: [{ type: 'text', text: redact(text) }], isError: true };
  if (structured) r.structuredContent = structured;
  return r;
}

const LANYING_HINTS: Record<string, string> = {
  '402': 'The access token was refused: check LANYING_ACCESS_TOKEN.',
  '10003': 'The access token is missing: set LANYING_ACCESS_TOKEN.',
  '10008':
    'The access token is invalid or expired: issue a new admin token in the Lanying console and set LANYING_ACCESS_TOKEN.',
  '40000': 'The app id is unknown: check LANYING_APP_ID and LANYING_BASE_URL.',
  '10000': 'No such user: check the user id (lanying_list_users lists them).',
  '10002': 'A parameter was refused: fix it as the message says.',
  '10004': 'The user already exists: pick another username.',
  '10010': 'No permission: the token or acting user may not do this.',
  '20001': 'No such group: check group_id.',
  '20002': 'The acting user is not a member of that group.',
};

function hint(err: VendorError, spec: ToolSpec): string {
  if (err.vendor === 'lanying') {
    const h = LANYING_HINTS[err.code];
    if (h) return h;
  }
  if (err.status === 401)
    return 'Authentication failed: check EASEMOB_APP_TOKEN or EASEMOB_CLIENT_ID/EASEMOB_CLIENT_SECRET.';
  if (err.status === 403)
    return 'The vendor forbids this for these users or roles (e.g. the owner cannot be removed, muted or blocked; limits reached). Do not retry unchanged.';
  if (err.status === 404)
    return `Something named in the call does not exist: check the ids${spec.checkWith ? ` (see ${spec.checkWith})` : ''}.`;
  if (err.status === 429) {
    const s = err.retryAfterMs !== undefined ? Math.ceil(err.retryAfterMs / 1000) : undefined;
    return s !== undefined ? `Rate limited: retry after ${s} s.` : 'Rate limited: wait a few seconds and retry.';
  }
  if (err.status === 413) return 'The request was too large for the vendor: send fewer items or a smaller file.';
  if (err.status >= 500) {
    return safeToRepeat(spec)
      ? 'The vendor failed after retries: try again later.'
      : `The vendor failed; the change may or may not have been applied${spec.checkWith ? `: check with ${spec.checkWith}` : ''} before retrying.`;
  }
  return 'Fix the arguments as the message says and retry.';
}

export function renderError(err: unknown, spec: ToolSpec): CallResult {
  const vendorName = spec.vendor === 'lanying' ? 'Lanying' : 'Easemob';
  if (err instanceof VendorError) {
    const text = `${vendorName} error ${err.code} (HTTP ${err.status}): ${err.vendorMessage}\n${hint(err, spec)}`;
    return errorResult(text, {
      error: {
        vendor: err.vendor,
        status: err.status,
        code: err.code,
        message: err.vendorMessage,
        ...(err.retryAfterMs !== undefined ? { retry_after_seconds: Math.ceil(err.retryAfterMs / 1000) } : {}),
      },
    });
  }
  if (err instanceof NetworkError) {
    let next: string;
    if (!err.maybeSent) next = 'Nothing was sent; retry when the API is reachable.';
    else if (err.kind === 'cancelled')
      next = safeToRepeat(spec)
        ? 'Cancelled.'
        : `Cancelled; it may have been applied: check with ${spec.checkWith ?? 'a read tool'}.`;
    else if (safeToRepeat(spec)) next = 'Safe to retry.';
    else next = `It may have been applied: check with ${spec.checkWith ?? 'a read tool'} before retrying.`;
    return errorResult(`${vendorName} request failed (${err.kind}): ${err.message}\n${next}`, {
      error: { vendor: err.vendor, kind: err.kind, maybe_applied: err.maybeSent && !safeToRepeat(spec) },
    });
  }
  if (err instanceof InputError) return errorResult(err.message, { error: { kind: 'invalid_arguments' } });
  const message = err instanceof Error ? err.message : String(err);
  return errorResult(`${spec.name} failed: ${message}`, { error: { kind: 'failed' } });
}
