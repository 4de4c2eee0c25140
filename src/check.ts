/**
 * `im-admin-mcp check`: validates the configuration and makes one harmless read per configured vendor through
 * the normal pipeline (App → vendor client → HTTP client), then prints a short report on stdout.
 * Exit status: 0 when every configured vendor answered, 1 otherwise (including a configuration error).
 */
import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CallResult } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { selectTools } from './guards/policy.js';
import { SERVER_NAME, SERVER_VERSION } from './info.js';
import type { Vendor } from './kinds.js';
import { setLogLevel } from './log.js';
import { LOOKUPS } from './lookups/index.js';
import { startRuntime } from './runtime.js';
import { ALL_TOOLS } from './tools/index.js';

type Env = Record<string, string | undefined>;

interface Probe {
  vendor: Vendor;
  label: string;
  tool: string;
  args: Record<string, unknown>;
  /** one line saying what the answer showed */
  summarize: (structured: Record<string, unknown> | undefined) => string;
  notConfigured: string;
}

const count = (v: unknown): number | undefined => (Array.isArray(v) ? v.length : undefined);

const PROBES: Probe[] = [
  {
    vendor: 'lanying',
    label: 'Lanying',
    tool: 'lanying_list_users',
    args: { page_size: 1 },
    summarize: (s) => {
      const n = count(s?.data) ?? count((s?.data as Record<string, unknown> | undefined)?.list);
      return n === undefined ? 'answered' : `answered (${n} user${n === 1 ? '' : 's'} on the first page of size 1)`;
    },
    notConfigured: 'not configured (set LANYING_APP_ID and LANYING_ACCESS_TOKEN to use it)',
  },
  {
    vendor: 'easemob',
    label: 'Easemob',
    tool: 'easemob_list_groups',
    args: { limit: 1 },
    summarize: (s) => {
      const n = count(s?.data);
      return n === undefined ? 'answered' : `answered (${n} group${n === 1 ? '' : 's'} on the first page of size 1)`;
    },
    notConfigured:
      'not configured (set EASEMOB_BASE_URL, EASEMOB_ORG, EASEMOB_APP and EASEMOB_APP_TOKEN or EASEMOB_CLIENT_ID + EASEMOB_CLIENT_SECRET to use it)',
  },
];

/** Nearest existing folder on the way to `path` is writable (the audit log is created on the first write). */
async function auditWritable(path: string): Promise<string> {
  try {
    await access(path, constants.W_OK);
    return 'writable';
  } catch {
    // does not exist yet, or is not writable: look at the folders above it
  }
  let dir = dirname(path);
  for (;;) {
    try {
      await access(dir, constants.F_OK);
      break;
    } catch {
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  try {
    await access(dir, constants.W_OK);
    return 'will be created on the first write';
  } catch {
    return `NOT writable (${dir}): every write tool will be refused`;
  }
}

/** What to fix when the check's read fails on credentials or addressing (the generic tool hint talks about arguments). */
function setupHint(r: CallResult): string | undefined {
  const e = r.structuredContent?.error as { vendor?: string; status?: number; code?: string } | undefined;
  if (e?.vendor !== 'easemob') return undefined;
  if (e.code === 'invalid_grant' || e.status === 401)
    return 'Check EASEMOB_CLIENT_ID and EASEMOB_CLIENT_SECRET (or EASEMOB_APP_TOKEN) in the console, Application Information.';
  if (e.code === 'organization_application_not_found')
    return "Check EASEMOB_ORG and EASEMOB_APP (the AppKey is org#app) and EASEMOB_BASE_URL (the app's host).";
  return undefined;
}

function summary(r: CallResult): string {
  // a person reads this: the fence that tells an agent the vendor's words from ours is left out
  const lines = r.content
    .map((c) => c.text.replace(/<\/?untrusted-data>/g, ''))
    .join('\n')
    .split('\n')
    .filter((l) => l.trim());
  const hint = setupHint(r);
  return (hint ? [lines[0] ?? '', hint] : lines.slice(0, 2)).join(' — ');
}

interface CheckOptions {
  env?: Env;
  sandbox?: boolean;
  readOnly?: boolean;
  out?: (line: string) => void;
  /** overall time limit of each vendor's read */
  timeoutMs?: number;
}

/** Runs the check and returns the exit status. */
export async function runCheck(opts: CheckOptions = {}): Promise<number> {
  if (!opts.out) {
    // `im-admin-mcp check | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const out = opts.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = opts.env ?? process.env;
  out(`${SERVER_NAME} ${SERVER_VERSION} check`);

  let config: Config;
  try {
    config = loadConfig(env, {
      ...(opts.sandbox ? { sandbox: true } : {}),
      ...(opts.readOnly ? { readOnly: true } : {}),
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      out(`configuration: FAILED — ${err.message}`);
      out('result: FAILED (fix the configuration; nothing was contacted)');
      return 1;
    }
    throw err;
  }
  // Keep the report readable: only warnings and errors from the server's own logger (on stderr).
  setLogLevel(config.logLevel === 'debug' ? 'debug' : 'warn');

  const configured: Vendor[] = config.sandbox
    ? ['lanying', 'easemob']
    : (['lanying', 'easemob'] as const).filter((v) => config[v] !== undefined);
  const served = selectTools([...ALL_TOOLS, ...LOOKUPS], config, configured).length;
  out(
    `mode: ${config.sandbox ? 'built-in sandbox (no vendor credentials configured, or --sandbox): checking the sandbox' : 'production'}`,
  );
  out(
    `configuration: OK — ${served} of ${ALL_TOOLS.length + LOOKUPS.length} tools served; read-only ${config.readOnly ? 'on' : 'off'}; confirmation ${config.confirm}${config.dryRun ? '; DRY RUN (writes are not sent)' : ''}`,
  );
  if (served === 0) {
    out(
      'warning: no tool is served: IM_ADMIN_TOOLSETS, IM_ADMIN_TOOLS, IM_ADMIN_EXCLUDE_TOOLS and read-only mode leave nothing',
    );
  }
  out(`audit log: ${config.auditLog} (${await auditWritable(config.auditLog)})`);

  // The probes are reads, so the check runs read-only and without tool filters: a filter that hides the probe
  // tool must not make a working vendor look broken.
  const probeConfig: Config = { ...config, readOnly: true, excludeTools: [] };
  delete probeConfig.tools;
  delete probeConfig.toolsets;
  const runtime = await startRuntime(probeConfig);
  let failed = 0;
  let checked = 0;
  try {
    for (const p of PROBES) {
      const where =
        p.vendor === 'lanying'
          ? (runtime.sandbox?.lanyingUrl ?? config.lanying?.baseUrl)
          : runtime.sandbox
            ? runtime.sandbox.easemobUrl
            : config.easemob
              ? `${config.easemob.baseUrl} ${config.easemob.org}#${config.easemob.app}`
              : undefined;
      if (!configured.includes(p.vendor)) {
        out(`${p.label}: ${p.notConfigured}`);
        continue;
      }
      checked++;
      const started = Date.now();
      const signal = AbortSignal.timeout(opts.timeoutMs ?? Math.max(config.timeoutMs * 2, 20_000));
      let r: CallResult;
      try {
        r = await runtime.app.call(p.tool, p.args, { signal });
      } catch (err) {
        r = { isError: true, content: [{ type: 'text', text: err instanceof Error ? err.message : String(err) }] };
      }
      const ms = Date.now() - started;
      if (r.isError) {
        failed++;
        out(`${p.label} (${where}): FAILED — ${p.tool}: ${summary(r)}`);
      } else {
        out(`${p.label} (${where}): OK — ${p.tool} ${p.summarize(r.structuredContent)} in ${ms} ms`);
      }
    }
  } finally {
    await runtime.close();
  }
  out(
    failed === 0
      ? `result: OK (${checked} of ${checked} configured vendor${checked === 1 ? '' : 's'} answered)`
      : `result: FAILED (${failed} of ${checked} configured vendor${checked === 1 ? '' : 's'} did not answer)`,
  );
  return failed === 0 ? 0 : 1;
}
