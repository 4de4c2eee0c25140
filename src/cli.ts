#!/usr/bin/env node
/**
 * Command line: `im-admin-mcp` (MCP over stdio), `im-admin-mcp sandbox` (the emulator alone), `im-admin-mcp check`
 * (configuration and one read per vendor), --help, --version.
 */
import { ConfigError, loadConfig } from './config.js';
import { instructions, SERVER_NAME, SERVER_VERSION } from './info.js';
import { log, registerSecret, setLogLevel } from './log.js';
import { serveStdio } from './mcp/server.js';
import { startRuntime } from './runtime.js';

const HELP = `${SERVER_NAME} ${SERVER_VERSION}: MCP server for Lanying and Easemob IM administration

Usage:
  im-admin-mcp [--sandbox] [--read-only]   serve MCP over stdio (the built-in sandbox when no credentials are set)
  im-admin-mcp --http [--host H] [--port N] [--stateless]
                                           serve MCP over Streamable HTTP at /mcp (needs IM_ADMIN_HTTP_TOKEN)
  im-admin-mcp sandbox [--port N]          serve only the sandbox emulator over HTTP, for other clients
  im-admin-mcp check [--sandbox]           validate the configuration and make one harmless read per configured
                                           vendor (the sandbox when no credentials are set); exit 0 when all answer
  im-admin-mcp --help | --version

Configuration is read from the environment: LANYING_*, EASEMOB_*, IM_ADMIN_* (see README).`;

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  const known = new Set(['--sandbox', '--read-only', 'sandbox', 'check', '--http', '--stateless']);
  const withValue = new Set(['--port', '--host']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (withValue.has(a)) {
      if (argv[i + 1] === undefined) throw new ConfigError(`${a} needs a value`);
      i++;
    } else if (!known.has(a)) throw new ConfigError(`unknown argument "${a}"; see --help`);
  }
  const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

  if (argv[0] === 'sandbox') {
    const portArg = flag('--port');
    const port = portArg === undefined ? 0 : Number(portArg);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ConfigError(`--port must be 0-65535, got "${portArg}"`);
    const { startSandbox } = await import('./sandbox/index.js');
    const statePath = process.env.IM_ADMIN_SANDBOX_STATE;
    const sb = await startSandbox({ port, ...(statePath ? { statePath } : {}) });
    process.stdout.write(
      `${JSON.stringify({ lanyingUrl: sb.lanyingUrl, easemobUrl: sb.easemobUrl, credentials: sb.credentials }, null, 2)}\n`,
    );
    const stop = () => void sb.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }

  if (argv[0] === 'check') {
    const { runCheck } = await import('./check.js');
    process.exitCode = await runCheck({ sandbox: argv.includes('--sandbox'), readOnly: argv.includes('--read-only') });
    return;
  }

  const config = loadConfig(process.env, {
    sandbox: argv.includes('--sandbox'),
    ...(argv.includes('--read-only') ? { readOnly: true } : {}),
  });
  setLogLevel(config.logLevel);
  const runtime = await startRuntime(config);
  const info = {
    name: SERVER_NAME,
    version: SERVER_VERSION,
    instructions: instructions({
      sandbox: config.sandbox,
      readOnly: config.readOnly,
      ...(runtime.sandbox ? { seedSummary: (await import('./sandbox/index.js')).SEED_SUMMARY } : {}),
    }),
  };
  if (argv.includes('--http')) {
    const host = flag('--host') ?? process.env.IM_ADMIN_HTTP_HOST ?? '127.0.0.1';
    const portText = flag('--port') ?? process.env.IM_ADMIN_HTTP_PORT ?? '3000';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ConfigError(`--port must be 0-65535, got "${portText}"`);
    const token = process.env.IM_ADMIN_HTTP_TOKEN?.trim() || undefined;
    const authOff = process.env.IM_ADMIN_HTTP_AUTH === 'none';
    if (!token && !authOff) {
      throw new ConfigError('IM_ADMIN_HTTP_TOKEN is missing: --http requires a bearer token (at least 16 characters)');
    }
    if (token && token.length < 16) throw new ConfigError('IM_ADMIN_HTTP_TOKEN must be at least 16 characters');
    if (authOff && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
      throw new ConfigError(`IM_ADMIN_HTTP_AUTH=none is only allowed on a loopback host, not "${host}"`);
    }
    registerSecret(token);
    const allowedOrigins = (process.env.IM_ADMIN_HTTP_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    const { serveHttp } = await import('./mcp/http.js');
    const http = await serveHttp(runtime.app, info, {
      host,
      port,
      token,
      stateless: argv.includes('--stateless'),
      allowedOrigins,
    });
    process.stderr.write(
      `im-admin-mcp: MCP over HTTP at ${http.url}${argv.includes('--stateless') ? ' (stateless)' : ''}\n`,
    );
    const stop = () =>
      void http
        .close()
        .then(() => runtime.close())
        .finally(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }

  const server = await serveStdio(runtime.app, info);
  log('info', 'ready', { tools: runtime.app.tools.length, sandbox: config.sandbox });
  const shutdown = () => {
    void server
      .close()
      .catch(() => {})
      .then(() => runtime.close())
      .finally(() => process.exit(0));
  };
  process.stdin.on('end', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

// A stray failure is logged and the server keeps serving: tool failures are results, never crashes.
process.on('unhandledRejection', (err) => log('error', 'unhandled rejection', { error: String(err) }));
process.on('uncaughtException', (err) =>
  log('error', 'uncaught exception', { error: err instanceof Error ? err.message : String(err) }),
);

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`im-admin-mcp: configuration error: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`im-admin-mcp: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
