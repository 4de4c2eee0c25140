// biome-ignore-all lint/suspicious/noTemplateCurlyInString: bundle manifests hold literal ${__dirname} and ${user_config.X} placeholders
/**
 * The MCP Bundle (`npm run mcpb`, scripts/mcpb.mjs): built into a temporary folder, unpacked with the `mcpb` CLI,
 * its manifest validated by the CLI, then started exactly as a bundle host starts it: `server.mcp_config` resolved by
 * the CLI package's own `getMcpConfigForManifest` (command, `${__dirname}` args, env mapped from user_config), and
 * an SDK client over stdio. Nothing filled in serves the sandbox (empty defaults, and literal `${user_config.X}`
 * placeholders when a host leaves an optional field without a default unsubstituted); filled-in credentials reach
 * the vendors (here the standalone sandbox standing in for them).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { getMcpConfigForManifest } from '@anthropic-ai/mcpb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchHome } from '../helpers/spawn.js';
import {
  CLI,
  type Connected,
  connect,
  credentialValues,
  manifestTools,
  REPO,
  run,
  type StandaloneSandbox,
  startStandaloneSandbox,
  tempDir,
  textOf,
} from './helpers.js';

const MCPB_CLI = join(REPO, 'node_modules/@anthropic-ai/mcpb/dist/cli/cli.js');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  engines: { node: string };
};
const toolsManifest = JSON.parse(readFileSync(join(REPO, 'tools.manifest.json'), 'utf8')) as {
  tools: { name: string; description: string }[];
};

interface UserConfigEntry {
  type: string;
  title: string;
  description: string;
  default?: unknown;
  required?: boolean;
  sensitive?: boolean;
}
interface BundleManifest {
  manifest_version: string;
  name: string;
  version: string;
  server: {
    type: string;
    entry_point: string;
    mcp_config: { command: string; args: string[]; env: Record<string, string> };
  };
  tools: { name: string; description?: string }[];
  user_config: Record<string, UserConfigEntry>;
  compatibility: { runtimes: { node: string } };
}

let outDir = '';
let bundlePath = '';
let unpacked = '';
let manifest: BundleManifest;
const home = scratchHome();

const mcpb = async (args: string[]) => {
  const r = await run(process.execPath, [MCPB_CLI, ...args], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`mcpb ${args.join(' ')} exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

beforeAll(async () => {
  outDir = tempDir('mcpb-out');
  const built = await run(process.execPath, [join(REPO, 'scripts/mcpb.mjs'), '--out', outDir], {
    timeoutMs: 120_000,
  });
  if (built.code !== 0)
    throw new Error(`scripts/mcpb.mjs failed (npm run build first?)\n${built.stdout}\n${built.stderr}`);
  bundlePath = built.stdout.trim().split('\n').pop() as string;
  unpacked = tempDir('mcpb-unpacked');
  await mcpb(['unpack', bundlePath, unpacked]);
  manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as BundleManifest;
}, 180_000);

afterAll(() => {
  for (const d of [outDir, unpacked, home]) if (d) rmSync(d, { recursive: true, force: true });
});

/** What a host runs for `userConfig`: the CLI package's own resolution of mcp_config. */
async function launchFor(
  m: BundleManifest,
  userConfig: Record<string, string | boolean>,
): Promise<{ command: string; args: string[]; env: Record<string, string> }> {
  const config = await getMcpConfigForManifest({
    // biome-ignore lint/suspicious/noExplicitAny: the CLI's manifest type is a zod union of every manifest version
    manifest: m as any,
    extensionPath: unpacked,
    systemDirs: {},
    userConfig,
    pathSeparator: sep,
  });
  if (!config) throw new Error('getMcpConfigForManifest returned nothing (required configuration missing?)');
  return {
    // a host runs `node` from its own runtime; here: this Node
    command: config.command === 'node' ? process.execPath : config.command,
    args: config.args ?? [],
    env: { ...(config.env ?? {}), HOME: home },
  };
}

describe('the .mcpb file', () => {
  it('is named after the package version and passes `mcpb validate`', async () => {
    expect(bundlePath).toBe(join(outDir, `${pkg.name}-${pkg.version}.mcpb`));
    expect(await mcpb(['validate', join(unpacked, 'manifest.json')])).toMatch(/valid/i);
  });

  it('holds the one-file server, package.json (ES module) and the manifest', () => {
    expect(manifest.manifest_version).toBe('0.2');
    expect(manifest.name).toBe(pkg.name);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.server.entry_point).toBe('dist/bundle/cli.js');
    // the built bundle, byte for byte (Buffer.equals: a deep equality of 2 MB would take seconds)
    expect(readFileSync(join(unpacked, manifest.server.entry_point)).equals(readFileSync(CLI))).toBe(true);
    expect(JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'))).toMatchObject({
      name: pkg.name,
      version: pkg.version,
      type: 'module',
    });
    expect(manifest.server.mcp_config.command).toBe('node');
    expect(manifest.server.mcp_config.args).toEqual(['${__dirname}/dist/bundle/cli.js']);
    expect(manifest.compatibility.runtimes.node).toBe(pkg.engines.node);
  });

  it('lists every tool of tools.manifest.json for display, with its description', () => {
    expect(manifest.tools).toEqual(toolsManifest.tools.map((t) => ({ name: t.name, description: t.description })));
  });

  it('maps each user_config field to one setting; secrets are sensitive; optional fields default to empty', () => {
    const env = manifest.server.mcp_config.env;
    const mapped = Object.fromEntries(
      Object.entries(env).map(([variable, value]) => [/^\$\{user_config\.([a-z_]+)\}$/.exec(value)?.[1], variable]),
    );
    expect(Object.keys(mapped).sort()).toEqual(Object.keys(manifest.user_config).sort());
    expect(mapped).toMatchObject({
      lanying_access_token: 'LANYING_ACCESS_TOKEN',
      easemob_client_secret: 'EASEMOB_CLIENT_SECRET',
      read_only: 'IM_ADMIN_READ_ONLY',
      toolsets: 'IM_ADMIN_TOOLSETS',
      confirm: 'IM_ADMIN_CONFIRM',
      files_dir: 'IM_ADMIN_FILES_DIR',
    });
    expect(manifest.user_config.files_dir?.type).toBe('directory');
    const sensitive = Object.entries(manifest.user_config)
      .filter(([, e]) => e.sensitive)
      .map(([k]) => k)
      .sort();
    expect(sensitive).toEqual(['easemob_app_token', 'easemob_client_secret', 'lanying_access_token']);
    for (const [k, e] of Object.entries(manifest.user_config)) {
      expect(e.required, k).toBe(false);
      expect(e.default, k).toBe(e.type === 'boolean' ? false : '');
    }
  });
});

describe('started as the manifest says', () => {
  async function exercise(
    launch: { command: string; args: string[]; env: Record<string, string> },
    expectTools: string[],
    sandbox: boolean,
  ) {
    const c: Connected = await connect(launch);
    try {
      const names = (await c.client.listTools()).tools.map((t) => t.name);
      expect(names.sort()).toEqual([...expectTools].sort());
      expect(/SANDBOX/.test(c.client.getInstructions() ?? ''), c.stderr()).toBe(sandbox);
      const r = await c.client.callTool({ name: 'easemob_get_groups', arguments: { group_id: ['100000000000001'] } });
      expect(r.isError ?? false, textOf(r)).toBe(false);
      expect(textOf(r)).toContain('Sandbox Lounge');
    } finally {
      await c.close();
    }
  }

  it('nothing filled in (empty defaults): the sandbox, every tool of tools.manifest.json', async () => {
    const launch = await launchFor(manifest, {});
    expect(launch.args).toEqual([join(unpacked, 'dist/bundle/cli.js')]);
    expect(launch.env.LANYING_ACCESS_TOKEN).toBe('');
    await exercise(
      launch,
      toolsManifest.tools.map((t) => t.name),
      true,
    );
  });

  it('optional fields without defaults arrive as literal ${user_config.X} placeholders: still the sandbox', async () => {
    const noDefaults = structuredClone(manifest);
    for (const e of Object.values(noDefaults.user_config)) delete e.default;
    const launch = await launchFor(noDefaults, {});
    expect(launch.env.EASEMOB_CLIENT_SECRET).toBe('${user_config.easemob_client_secret}');
    expect(launch.env.IM_ADMIN_FILES_DIR).toBe('${user_config.files_dir}');
    await exercise(launch, manifestTools(), true);
  });

  describe('with credentials filled in', () => {
    let sb: StandaloneSandbox;
    beforeAll(async () => {
      sb = await startStandaloneSandbox();
    });
    afterAll(async () => sb?.stop());

    it('read-only: both vendors reached with the configured credentials, read tools only', async () => {
      const c = credentialValues(sb);
      const launch = await launchFor(manifest, {
        lanying_base_url: c.LANYING_BASE_URL as string,
        lanying_app_id: c.LANYING_APP_ID as string,
        lanying_access_token: c.LANYING_ACCESS_TOKEN as string,
        easemob_base_url: c.EASEMOB_BASE_URL as string,
        easemob_org: c.EASEMOB_ORG as string,
        easemob_app: c.EASEMOB_APP as string,
        easemob_client_id: c.EASEMOB_CLIENT_ID as string,
        easemob_client_secret: c.EASEMOB_CLIENT_SECRET as string,
        read_only: true,
      });
      expect(launch.env.IM_ADMIN_READ_ONLY).toBe('true');
      await exercise(
        launch,
        manifestTools((t) => t.annotations.readOnlyHint),
        false,
      );
    });
  });
});
