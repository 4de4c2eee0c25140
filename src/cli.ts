#!/usr/bin/env node
/**
 * Command line: `im-admin-mcp` (MCP over stdio), `im-admin-mcp sandbox` (the emulator alone), `im-admin-mcp check`
 * (configuration and one read per vendor), --help, --version.
 */
import { resolve } from 'node:path';
import { ConfigError, dropUnsetValues, loadConfig, loadHttpConfig } from './config.js';
import { instructions, SERVER_NAME, SERVER_VERSION } from './info.js';
import { log, registerSecret, setLogLevel, stderrClosed } from './log.js';
import { serveStdio } from './mcp/server.js';
import { type Runtime, startRuntime } from './runtime.js';

const HELP = `${SERVER_NAME} ${SERVER_VERSION}: MCP server for Lanying and Easemob IM administration

Usage:
  im-admin-mcp [--sandbox] [--read-only] [--dynamic]
                                           serve MCP over stdio (the built-in sandbox when no credentials are set);
                                           --dynamic: start with the toolset discovery tools (IM_ADMIN_DYNAMIC_TOOLSETS)
  im-admin-mcp --http [--host H] [--port N] [--stateless]
                                           serve MCP over Streamable HTTP at /mcp (needs IM_ADMIN_HTTP_TOKEN)
  im-admin-mcp sandbox [--port N] [--seed FILE] [--easemob-user NAME]...
                                           serve only the sandbox emulator over HTTP, for other clients; --seed
                                           (or IM_ADMIN_SANDBOX_SEED) and --easemob-user add Easemob users
  im-admin-mcp check [--sandbox]           validate the configuration and make one harmless read per configured
                                           vendor (the sandbox when no credentials are set); exit 0 when all answer
  im-admin-mcp --help | --version

Configuration is read from the environment: LANYING_*, EASEMOB_*, IM_ADMIN_* (see docs/configuration.md).`;

async function main(argv: string[]): Promise<void> {
  // Empty settings and unfilled MCP Bundle placeholders (`${user_config.X}`) count as unset everywhere.
  dropUnsetValues(process.env);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  const known = new Set(['--sandbox', '--read-only', '--dynamic', 'sandbox', 'check', '--http', '--stateless']);
  const withValue = new Set(['--port', '--host', '--seed', '--easemob-user']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (withValue.has(a)) {
      if (argv[i + 1] === undefined) throw new ConfigError(`${a} needs a value`);
      i++;
    } else if (!known.has(a)) throw new ConfigError(`unknown argument "${a}"; see --help`);
  }
  const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  /** Every value of a repeatable option. */
  const flags = (name: string): string[] => argv.flatMap((a, i) => (a === name ? [argv[i + 1] as string] : []));
  if (argv[0] !== 'sandbox') {
    for (const only of ['--seed', '--easemob-user']) {
      if (argv.includes(only)) {
        throw new ConfigError(`${only} belongs to the sandbox command; the MCP server reads IM_ADMIN_SANDBOX_SEED`);
      }
    }
  }

  if (argv[0] === 'sandbox') {
    const portArg = flag('--port');
    const port = portArg === undefined ? 0 : Number(portArg);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ConfigError(`--port must be 0-65535, got "${portArg}"`);
    const { startSandbox } = await import('./sandbox/index.js');
    const statePath = process.env.IM_ADMIN_SANDBOX_STATE?.trim();
    const seedPath = flag('--seed') ?? process.env.IM_ADMIN_SANDBOX_SEED?.trim();
    const sb = await startSandbox({
      port,
      ...(statePath ? { statePath } : {}),
      ...(seedPath ? { seedPath: resolve(seedPath) } : {}),
      easemobUsers: flags('--easemob-user'),
    });
    cleanup = () => sb.close();
    process.stdout.write(
      `${JSON.stringify({ lanyingUrl: sb.lanyingUrl, easemobUrl: sb.easemobUrl, credentials: sb.credentials }, null, 2)}\n`,
    );
    return;
  }

  if (argv[0] === 'check') {
    const { runCheck } = await import('./check.js');
    process.exitCode = await runCheck({ sandbox: argv.includes('--sandbox'), readOnly: argv.includes('--read-only') });
    return;
  }

  // The whole configuration is validated before anything starts: a bad value is the only line of output.
  const config = loadConfig(process.env, {
    sandbox: argv.includes('--sandbox'),
    ...(argv.includes('--read-only') ? { readOnly: true } : {}),
    ...(argv.includes('--dynamic') ? { dynamic: true } : {}),
  });
  const httpConfig = argv.includes('--http')
    ? loadHttpConfig(process.env, {
        ...(flag('--host') !== undefined ? { host: flag('--host') as string } : {}),
        ...(flag('--port') !== undefined ? { port: flag('--port') as string } : {}),
      })
    : undefined;
  // Dynamic toolsets live in a session; --stateless has none, so every request would start from the discovery
  // tools again and an enabled toolset would vanish at once.
  if (httpConfig && argv.includes('--stateless') && config.dynamicToolsets) {
    throw new ConfigError(
      'Dynamic toolsets (--dynamic, IM_ADMIN_DYNAMIC_TOOLSETS) need sessions: use --http without --stateless, or leave dynamic toolsets off',
    );
  }
  setLogLevel(config.logLevel);
  registerSecret(httpConfig?.token);
  const runtime = await startRuntime(config);
  cleanup = async () => {
    await runtime.app.drain(SHUTDOWN_GRACE_MS);
    await runtime.close();
  };
  const info = {
    name: SERVER_NAME,
    version: SERVER_VERSION,
    instructions: instructions({
      sandbox: config.sandbox,
      readOnly: config.readOnly,
      confirm: config.confirm,
      ...(runtime.sandbox ? { seedSummary: (await import('./sandbox/index.js')).SEED_SUMMARY } : {}),
    }),
  };
  if (httpConfig) {
    const { serveHttp } = await import('./mcp/http.js');
    const http = await serveHttp(runtime.app, info, {
      host: httpConfig.host,
      port: httpConfig.port,
      token: httpConfig.token,
      stateless: argv.includes('--stateless'),
      allowedOrigins: httpConfig.allowedOrigins,
      sessionIdleMs: httpConfig.sessionIdleSeconds * 1000,
      maxSessions: httpConfig.maxSessions,
      ...(runtime.console ? { console: runtime.console.handler } : {}),
    });
    cleanup = async () => {
      await runtime.app.drain(SHUTDOWN_GRACE_MS);
      await http.close();
      await runtime.close();
    };
    process.stderr.write(
      `im-admin-mcp: MCP over HTTP at ${http.url}${argv.includes('--stateless') ? ' (stateless)' : ''}\n`,
    );
    if (runtime.console) announceConsole(runtime.console, http.url.replace(/\/mcp$/, ''));
    return;
  }

  // stdio: the approval console gets a loopback port of its own (IM_ADMIN_CONSOLE_PORT)
  let consoleServer: { close(): Promise<void> } | undefined;
  if (runtime.console) {
    const { listenConsole } = await import('./console/server.js');
    try {
      const c = await listenConsole(runtime.console.handler, config.console.port);
      consoleServer = c;
      announceConsole(runtime.console, c.url);
    } catch (err) {
      log('error', 'the approval console cannot listen: destructive calls wait for approvals nobody here can give', {
        setting: 'IM_ADMIN_CONSOLE_PORT',
        port: config.console.port,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const server = await serveStdio(runtime.app, info);
  cleanup = async () => {
    await runtime.app.drain(SHUTDOWN_GRACE_MS);
    await server.close().catch(() => {});
    await consoleServer?.close().catch(() => {});
    await runtime.close();
  };
  // End of input (the client is gone) ends the server, and so does the transport closing for any reason.
  process.stdin.once('end', () => shutdown('end of input'));
  process.stdin.once('error', () => shutdown('stdin failed'));
  server.onclose = () => shutdown('transport closed');
  log('info', 'ready', { tools: runtime.app.tools.length, sandbox: config.sandbox });
}

/**
 * One stderr line with the console's URL and, when no approver was configured, the generated `admin` credential:
 * written directly (log lines redact registered secrets), once; the agent reads only stdout.
 */
function announceConsole(rt: NonNullable<Runtime['console']>, listening: string): void {
  rt.gate.publicBase ??= listening;
  const url = rt.gate.link() ?? `${listening}/console/`;
  const cred = rt.generated
    ? ` (approver "${rt.generated.name}", credential ${rt.generated.secret}; shown once, set IM_ADMIN_CONSOLE_APPROVERS to choose your own)`
    : '';
  try {
    process.stderr.write(`im-admin-mcp: approval console at ${url}${cred}\n`);
  } catch {
    // stderr is gone
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Process hygiene: broken pipes, signals, stray failures. Registered before main runs, so they hold in every state.
// ---------------------------------------------------------------------------------------------------------------

/** How long a shutdown waits for calls in flight (a write already sent) before aborting them. */
const SHUTDOWN_GRACE_MS = 5_000;
/** After this, a shutdown that is still not done exits anyway. */
const SHUTDOWN_HARD_MS = SHUTDOWN_GRACE_MS + 10_000;

/** What a shutdown closes: set by main as things start. */
let cleanup: (() => Promise<void>) | undefined;
let stopping = false;

/**
 * Ends the process once: in-flight calls finish (their audit lines written), then everything closes. A second
 * signal exits at once; a shutdown that hangs is cut at SHUTDOWN_HARD_MS.
 */
function shutdown(reason: string, code = 0): void {
  if (stopping) {
    if (reason.startsWith('SIG')) process.exit(code || 1);
    return;
  }
  stopping = true;
  log('info', 'shutting down', { reason });
  setTimeout(() => process.exit(code || 1), SHUTDOWN_HARD_MS);
  const done = cleanup ? cleanup() : Promise.resolve();
  void done.catch(() => {}).finally(() => process.exit(code));
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
// The reader of stdout or stderr is gone (EPIPE, or the stream failed otherwise): nobody can hear the server.
process.stdout.on('error', () => shutdown('stdout closed'));
process.stderr.on('error', () => {
  stderrClosed();
  shutdown('stderr closed');
});

// A stray failure is logged and the server keeps serving: tool failures are results, never crashes. The handler
// cannot loop: logging never throws (log.ts), a nested call is ignored, and a burst of them ends the process.
let uncaughtDepth = 0;
let uncaughtBurst = { start: 0, count: 0 };
const MAX_UNCAUGHT_PER_SECOND = 20;
function stray(kind: string, err: unknown): void {
  if (uncaughtDepth > 0) return;
  uncaughtDepth++;
  try {
    const t = Date.now();
    if (t - uncaughtBurst.start > 1_000) uncaughtBurst = { start: t, count: 0 };
    if (++uncaughtBurst.count > MAX_UNCAUGHT_PER_SECOND) {
      shutdown(`more than ${MAX_UNCAUGHT_PER_SECOND} ${kind}s in a second`, 1);
      return;
    }
    log('error', kind, { error: err instanceof Error ? err.message : String(err) });
  } catch {
    // nothing: never throw from here
  } finally {
    uncaughtDepth--;
  }
}
process.on('unhandledRejection', (err) => stray('unhandled rejection', err));
process.on('uncaughtException', (err) => stray('uncaught exception', err));

/** One start-up line on stderr (when it is still there), then the exit code. */
function fail(line: string, code: number): void {
  try {
    if (!process.stderr.destroyed) process.stderr.write(`${line}\n`);
  } catch {
    // stderr is gone: the exit code still says it
  }
  process.exit(code);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) fail(`im-admin-mcp: configuration error: ${err.message}`, 2);
  else fail(`im-admin-mcp: ${err instanceof Error ? err.message : String(err)}`, 1);
});
