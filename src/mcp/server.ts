/**
 * The only module that talks to the MCP SDK (v1). It forwards tools/list and tools/call to the App and turns
 * the client's elicitation capability into the App's `elicit` callback. A move to SDK v2 touches this file.
 */
import type { Readable } from 'node:stream';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  type LoggingLevel,
  McpError,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { type App, type CallContext, CallSignal, DynamicToolsets } from '../app.js';
import type { OutcomeKind } from '../execute/outcome.js';
import { preloadHttp } from '../http/client.js';
import { log, logs } from '../log.js';
import { GuardedInput, idFromHead, MAX_STDIO_LINE_BYTES } from './line-guard.js';
import {
  AUDIT_TEMPLATE,
  complete,
  completionKind,
  readResource,
  resourceList,
  servedPrompts,
  UnknownResource,
} from './surfaces.js';

export interface ServerInfo {
  name: string;
  version: string;
  instructions: string;
}

/** The outcome a log line names: what the call came to, in the words of the README. */
const LOGGED: Record<OutcomeKind, string> = {
  done: 'ok',
  batch_failed: 'error',
  failed: 'error',
  invalid: 'error',
  unavailable: 'error',
  refused: 'error',
  confirmation_required: 'confirmation_required',
  cancelled: 'cancelled',
  dry_run: 'dry_run',
  approval: 'approval',
};

const SEVERITY: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

export function createMcpServer(app: App, info: ServerInfo): Server {
  // Dynamic mode (IM_ADMIN_DYNAMIC_TOOLSETS): this session's tool list starts with the discovery tools and grows.
  const dynamic = app.config.dynamicToolsets ? new DynamicToolsets(app) : undefined;
  const server = new Server(
    { name: info.name, version: info.version },
    {
      capabilities: {
        tools: dynamic ? { listChanged: true } : {},
        logging: {},
        prompts: {},
        resources: {},
        completions: {},
      },
      instructions: info.instructions,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    // the HTTP client's library is loaded after the first tools/list answer, not before it (http/client.ts)
    preloadHttp();
    return { tools: dynamic ? dynamic.list() : app.tools };
  });
  registerSurfaces(server, app);

  // MCP logging notifications go only to a client that asked for them (logging/setLevel), filtered by its level.
  let clientLevel: LoggingLevel | undefined;
  server.setRequestHandler(SetLevelRequestSchema, async (req) => {
    clientLevel = req.params.level;
    return {};
  });
  const notifies = (level: LoggingLevel) =>
    clientLevel !== undefined && SEVERITY.indexOf(level) >= SEVERITY.indexOf(clientLevel);
  const notify = (level: LoggingLevel, data: Record<string, unknown>) => {
    if (notifies(level)) server.sendLoggingMessage({ level, logger: 'im-admin-mcp', data }).catch(() => {});
  };

  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    if (prototypeKeyCalls.get(server)?.delete(extra.requestId)) {
      return {
        content: [
          {
            type: 'text',
            text: `Invalid arguments for ${req.params.name}:\narguments: unknown argument(s) \`__proto__\`\nNothing was sent.`,
          },
        ],
        isError: true,
      };
    }
    if (dynamic?.owns(req.params.name)) {
      const { result, changed } = dynamic.call(req.params.name, req.params.arguments);
      if (changed) await server.sendToolListChanged().catch(() => {});
      return result;
    }
    if (dynamic?.hidden(req.params.name)) {
      const set = app.toolsetOf(req.params.name);
      return {
        content: [
          {
            type: 'text',
            text: `Unknown tool: ${req.params.name}. Call tools/list for the tools this server offers${set ? `; enable_toolset ${set} adds it` : ''}.`,
          },
        ],
        isError: true,
      };
    }
    const canElicit = Boolean(server.getClientCapabilities()?.elicitation);
    const elicitMs = app.config.elicitTimeoutSeconds * 1000;
    const elicit = canElicit
      ? async (message: string) => {
          let r: Awaited<ReturnType<typeof server.elicitInput>>;
          try {
            r = await server.elicitInput(
              {
                message,
                requestedSchema: {
                  type: 'object',
                  properties: { confirm: { type: 'boolean', title: 'Confirm', description: 'Yes, do it' } },
                  required: ['confirm'],
                },
              },
              { relatedRequestId: extra.requestId, timeout: elicitMs, signal: extra.signal },
            );
          } catch (err) {
            if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) {
              throw new Error(`no answer within ${elicitMs / 1000} s, IM_ADMIN_ELICIT_TIMEOUT_SECONDS`);
            }
            throw new Error(err instanceof Error ? err.message : String(err));
          }
          if (r.action !== 'accept') return r.action;
          return r.content?.confirm === true ? 'accept' : 'decline';
        }
      : undefined;
    const started = performance.now();
    const progressToken = req.params._meta?.progressToken;
    const progress =
      progressToken === undefined
        ? undefined
        : (done: number, total: number, message: string) =>
            extra
              .sendNotification({
                method: 'notifications/progress',
                params: { progressToken, progress: done, total, message },
              })
              .catch(() => {});
    const clientName = server.getClientVersion()?.name;
    // built field by field rather than from spreads: this runs on every call (issue 18)
    const requester: NonNullable<CallContext['requester']> = {};
    if (clientName) requester.client = clientName;
    if (extra.sessionId) requester.session = extra.sessionId;
    // The call's abort source, aborted by connectServer when the client cancels this request or the connection closes
    // (a cancel that came before this handler ran has already aborted the SDK's signal). A server connected without
    // connectServer sees neither: the App links the SDK's signal itself.
    const calls = callSignalMaps.get(server);
    let signal: CallSignal | undefined;
    if (calls) {
      signal = new CallSignal();
      if (extra.signal.aborted) signal.abort();
      calls.set(extra.requestId, signal);
    }
    const ctx: CallContext = { signal: (signal as AbortSignal | undefined) ?? extra.signal, requester };
    if (elicit) ctx.elicit = elicit;
    if (progress) ctx.progress = progress;
    let answer: Awaited<ReturnType<App['respond']>>;
    try {
      answer = await app.respond(req.params.name, req.params.arguments, ctx);
    } finally {
      if (signal && calls?.get(extra.requestId) === signal) calls.delete(extra.requestId);
    }
    const { result, outcome } = answer;
    // One line per tool call: tool, duration, outcome; never arguments (they may hold secrets). Built only when it
    // is written to stderr or sent to a client that asked for log messages.
    const level = result.isError ? 'warn' : 'info';
    const mcpLevel = result.isError ? 'warning' : 'info';
    if (logs(level) || notifies(mcpLevel)) {
      const line = {
        tool: req.params.name,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        outcome: LOGGED[outcome],
      };
      log(level, 'tool call', line);
      notify(mcpLevel, line);
    }
    return result;
  });
  return server;
}

/** A JSON-RPC error whose message reaches the client as written (an McpError would repeat its code in the text). */
const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code });

/** Prompts, resources and completion (mcp/surfaces.ts). */
function registerSurfaces(server: Server, app: App): void {
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: servedPrompts(app).map((p) => ({
      name: p.name,
      title: p.title,
      description: `${p.description} Uses ${p.tools.join(', ')}.`,
      arguments: p.arguments.map((a) => ({ name: a.name, description: a.description, required: a.required ?? false })),
    })),
  }));
  server.setRequestHandler(GetPromptRequestSchema, async (req) => {
    const p = servedPrompts(app).find((x) => x.name === req.params.name);
    if (!p) throw rpcError(ErrorCode.InvalidParams, `Unknown prompt: ${req.params.name}`);
    const args = req.params.arguments ?? {};
    const missing = p.arguments.filter((a) => a.required && !args[a.name]?.trim()).map((a) => a.name);
    if (missing.length) throw rpcError(ErrorCode.InvalidParams, `Prompt ${p.name} needs ${missing.join(', ')}`);
    return {
      description: p.description,
      messages: [{ role: 'user' as const, content: { type: 'text' as const, text: p.text(args) } }],
    };
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: resourceList(app) }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      {
        uriTemplate: AUDIT_TEMPLATE,
        name: 'audit-filtered',
        title: 'Audit trail, filtered',
        description: 'Newest first; tool: one tool name; target: a user or group id; limit: 1-200 lines.',
        mimeType: 'application/json',
      },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
    try {
      const { mimeType, text } = await readResource(app, req.params.uri);
      return { contents: [{ uri: req.params.uri, mimeType, text }] };
    } catch (err) {
      if (err instanceof UnknownResource) throw rpcError(ErrorCode.InvalidParams, err.message);
      throw rpcError(ErrorCode.InternalError, err instanceof Error ? err.message : String(err));
    }
  });
  server.setRequestHandler(CompleteRequestSchema, async (req, extra) => {
    const kind = completionKind(req.params.ref, req.params.argument.name);
    const values = await complete(app, kind, req.params.argument.value, extra.signal);
    return { completion: { values, total: values.length, hasMore: false } };
  });
}

/** tools/call request ids whose raw arguments carried a "__proto__" key, per server. */
const prototypeKeyCalls = new WeakMap<Server, Set<string | number>>();

/**
 * Per server, the abort source of each tools/call in flight, by request id: aborted by connectServer when the client
 * cancels the request (notifications/cancelled) or the connection closes, the two things that abort the SDK's own
 * per-request signal. Listening on that signal instead would put an EventTarget listener on every call (issue 18).
 */
const callSignalMaps = new WeakMap<Server, Map<string | number, CallSignal>>();

/**
 * Connects a server to a transport, noting tools/call requests whose raw JSON arguments hold a "__proto__" key:
 * the SDK's schema parse drops that key silently, and a hostile argument must be refused, not ignored.
 */
export async function connectServer(server: Server, transport: Transport): Promise<void> {
  await server.connect(transport);
  const marked = new Set<string | number>();
  prototypeKeyCalls.set(server, marked);
  const calls = new Map<string | number, CallSignal>();
  callSignalMaps.set(server, calls);
  const inner = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const m = message as {
      id?: string | number;
      method?: string;
      params?: { arguments?: unknown; requestId?: string | number };
    };
    // A request whose handler has not started yet is not in `calls`: the SDK aborts its own signal first (one
    // microtask after this message; the handler starts two after its request), and the handler checks it on start.
    if (m.method === 'notifications/cancelled' && m.params?.requestId !== undefined)
      calls.get(m.params.requestId)?.abort();
    const args = m.params?.arguments;
    if (
      m.method === 'tools/call' &&
      m.id !== undefined &&
      args &&
      typeof args === 'object' &&
      Object.hasOwn(args, '__proto__')
    ) {
      marked.add(m.id);
    }
    inner?.(message, extra);
  };
  const innerClose = transport.onclose;
  transport.onclose = () => {
    for (const call of calls.values()) call.abort();
    calls.clear();
    innerClose?.();
  };
}

/**
 * MCP over stdio. Input passes the line guard first: a line over the SDK's read buffer is answered with a JSON-RPC
 * error and dropped (logged once) instead of closing the transport.
 */
export async function serveStdio(app: App, info: ServerInfo): Promise<Server> {
  const server = createMcpServer(app, info);
  const input = new GuardedInput(process.stdin, MAX_STDIO_LINE_BYTES, (head, bytes) => {
    const id = idFromHead(head);
    log('warn', 'stdio message too large: answered with an error and dropped', {
      bytes,
      limit: MAX_STDIO_LINE_BYTES,
      id,
    });
    const error = {
      code: -32600,
      message: `Message too large: ${bytes} bytes; one stdio message is at most ${MAX_STDIO_LINE_BYTES} bytes (10 MiB). Nothing was done: send less in one call.`,
    };
    process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, error })}\n`);
  });
  await connectServer(server, new StdioServerTransport(input as unknown as Readable, process.stdout));
  return server;
}
