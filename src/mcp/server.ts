/**
 * The only module that talks to the MCP SDK (v1). It forwards tools/list and tools/call to the App and turns
 * the client's elicitation capability into the App's `elicit` callback. A move to SDK v2 touches this file.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  type LoggingLevel,
  McpError,
  SetLevelRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { App } from '../app.js';
import type { OutcomeKind } from '../execute/outcome.js';
import { log } from '../log.js';
import { guardLines, idFromHead, MAX_STDIO_LINE_BYTES } from './line-guard.js';

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
  const server = new Server(
    { name: info.name, version: info.version },
    { capabilities: { tools: {}, logging: {} }, instructions: info.instructions },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: app.tools }));

  // MCP logging notifications go only to a client that asked for them (logging/setLevel), filtered by its level.
  let clientLevel: LoggingLevel | undefined;
  server.setRequestHandler(SetLevelRequestSchema, async (req) => {
    clientLevel = req.params.level;
    return {};
  });
  const notify = (level: LoggingLevel, data: Record<string, unknown>) => {
    if (clientLevel && SEVERITY.indexOf(level) >= SEVERITY.indexOf(clientLevel)) {
      server.sendLoggingMessage({ level, logger: 'im-admin-mcp', data }).catch(() => {});
    }
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
    const { result, outcome } = await app.respond(req.params.name, req.params.arguments, {
      signal: extra.signal,
      requester: {
        ...(clientName ? { client: clientName } : {}),
        ...(extra.sessionId ? { session: extra.sessionId } : {}),
      },
      ...(elicit ? { elicit } : {}),
      ...(progress ? { progress } : {}),
    });
    // One line per tool call: tool, duration, outcome; never arguments (they may hold secrets).
    const line = {
      tool: req.params.name,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      outcome: LOGGED[outcome],
    };
    log(result.isError ? 'warn' : 'info', 'tool call', line);
    notify(result.isError ? 'warning' : 'info', line);
    return result;
  });
  return server;
}

/** tools/call request ids whose raw arguments carried a "__proto__" key, per server. */
const prototypeKeyCalls = new WeakMap<Server, Set<string | number>>();

/**
 * Connects a server to a transport, noting tools/call requests whose raw JSON arguments hold a "__proto__" key:
 * the SDK's schema parse drops that key silently, and a hostile argument must be refused, not ignored.
 */
export async function connectServer(server: Server, transport: Transport): Promise<void> {
  await server.connect(transport);
  const marked = new Set<string | number>();
  prototypeKeyCalls.set(server, marked);
  const inner = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const m = message as { id?: string | number; method?: string; params?: { arguments?: unknown } };
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
}

/**
 * MCP over stdio. Input passes the line guard first: a line over the SDK's read buffer is answered with a JSON-RPC
 * error and dropped (logged once) instead of closing the transport.
 */
export async function serveStdio(app: App, info: ServerInfo): Promise<Server> {
  const server = createMcpServer(app, info);
  const input = process.stdin.pipe(
    guardLines(MAX_STDIO_LINE_BYTES, (head, bytes) => {
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
    }),
  );
  await connectServer(server, new StdioServerTransport(input, process.stdout));
  return server;
}
