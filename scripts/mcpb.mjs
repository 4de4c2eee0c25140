// `npm run mcpb`: builds im-admin-mcp-<version>.mcpb, an MCP Bundle (manifest 0.2) for Claude Desktop and other
// bundle hosts: the one-file server (dist/bundle/cli.js), its package.json (name, version, "type": "module"), the
// tool list for display generated from tools.manifest.json, and user_config for the credentials and main settings.
// Every optional field defaults to empty, which the server treats as unset (so does an unfilled `${user_config.X}`
// placeholder): with nothing filled in, the bundle serves the built-in sandbox.
//
//   node scripts/mcpb.mjs [--out <folder>]    (after `npm run build`; default folder: the repository root)
//
// The bundle is staged in a temporary folder, validated and packed with the `mcpb` CLI (@anthropic-ai/mcpb).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const read = (f) => readFileSync(join(REPO, f), 'utf8');

/** The bundle's settings: user_config key → [environment variable, user_config entry]. */
export const USER_CONFIG = {
  lanying_app_id: [
    'LANYING_APP_ID',
    {
      type: 'string',
      title: 'Lanying app id',
      description: 'Your Lanying app id. Leave the Lanying and Easemob fields empty to try the built-in sandbox.',
    },
  ],
  lanying_access_token: [
    'LANYING_ACCESS_TOKEN',
    {
      type: 'string',
      title: 'Lanying admin access-token',
      description: 'Admin access-token from the Lanying console (Token Management). Needed with the app id.',
      sensitive: true,
    },
  ],
  lanying_base_url: [
    'LANYING_BASE_URL',
    {
      type: 'string',
      title: 'Lanying API endpoint',
      description: "The app's api_endpoint from the Lanying console. Empty: https://s-1-3-api.maximtop.cn",
    },
  ],
  easemob_base_url: [
    'EASEMOB_BASE_URL',
    {
      type: 'string',
      title: 'Easemob REST host',
      description: 'With scheme, e.g. https://a1.easemob.com (console, Application Information).',
    },
  ],
  easemob_org: ['EASEMOB_ORG', { type: 'string', title: 'Easemob org', description: 'org_name: the AppKey before #.' }],
  easemob_app: ['EASEMOB_APP', { type: 'string', title: 'Easemob app', description: 'app_name: the AppKey after #.' }],
  easemob_client_id: [
    'EASEMOB_CLIENT_ID',
    {
      type: 'string',
      title: 'Easemob Client ID',
      description: 'With the Client Secret: the server fetches and renews app tokens itself.',
    },
  ],
  easemob_client_secret: [
    'EASEMOB_CLIENT_SECRET',
    { type: 'string', title: 'Easemob Client Secret', description: 'Goes with the Client ID.', sensitive: true },
  ],
  easemob_app_token: [
    'EASEMOB_APP_TOKEN',
    {
      type: 'string',
      title: 'Easemob app token',
      description: 'A ready app token, instead of the Client ID and Secret.',
      sensitive: true,
    },
  ],
  read_only: [
    'IM_ADMIN_READ_ONLY',
    {
      type: 'boolean',
      title: 'Read-only',
      description: 'Serve only read tools. A good first setting against a real app.',
      default: false,
    },
  ],
  toolsets: [
    'IM_ADMIN_TOOLSETS',
    {
      type: 'string',
      title: 'Toolsets',
      description: 'Comma list of toolsets, or "moderation" (19 tools). Empty: all tools.',
    },
  ],
  confirm: [
    'IM_ADMIN_CONFIRM',
    {
      type: 'string',
      title: 'Confirmation mode',
      description:
        'Empty or "auto": a person confirms every destructive action. "console": a person approves each on the approval console (its address is in the server log). "off": they run at once (trusted bots only).',
    },
  ],
  files_dir: [
    'IM_ADMIN_FILES_DIR',
    {
      type: 'directory',
      title: 'Files folder',
      description: 'The only folder the share-file upload may read and the download may write. Empty: none.',
    },
  ],
};

/** The bundle manifest, from package.json, tools.manifest.json and USER_CONFIG. */
export function bundleManifest() {
  const pkg = JSON.parse(read('package.json'));
  const tools = JSON.parse(read('tools.manifest.json')).tools;
  const userConfig = {};
  const env = {};
  for (const [key, [variable, entry]] of Object.entries(USER_CONFIG)) {
    userConfig[key] = { default: '', required: false, ...entry };
    env[variable] = `\${user_config.${key}}`;
  }
  return {
    manifest_version: '0.2',
    name: pkg.name,
    display_name: 'IM admin (Lanying, Easemob)',
    version: pkg.version,
    description: 'Administer Lanying users and Easemob groups: one tool per documented operation, 91 in all.',
    long_description: `${pkg.description} With no credentials it serves a built-in sandbox (a stateful emulator of both vendors), so every tool can be tried without an account.`,
    author: { name: 'im-admin-mcp contributors' },
    license: pkg.license,
    keywords: ['im', 'lanying', 'easemob', 'moderation', 'admin'],
    server: {
      type: 'node',
      entry_point: pkg.bin['im-admin-mcp'],
      mcp_config: { command: 'node', args: [`\${__dirname}/${pkg.bin['im-admin-mcp']}`], env },
    },
    tools: tools.map((t) => ({ name: t.name, description: t.description })),
    tools_generated: false,
    compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: pkg.engines.node } },
    user_config: userConfig,
  };
}

/** Runs the `mcpb` CLI of the devDependency; throws with its output on failure. */
export function mcpbCli(args) {
  // the package exports no package.json; its bin, dist/cli/cli.js, sits beside its main entry dist/index.js
  const cli = join(dirname(createRequire(import.meta.url).resolve('@anthropic-ai/mcpb')), 'cli/cli.js');
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mcpb ${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Stages, validates and packs the bundle into `outDir`; returns the .mcpb path. */
export function buildBundle(outDir = REPO) {
  const pkg = JSON.parse(read('package.json'));
  const entry = pkg.bin['im-admin-mcp'];
  if (!existsSync(join(REPO, entry))) throw new Error(`${entry} is missing: run npm run build first`);
  const stage = mkdtempSync(join(tmpdir(), 'im-admin-mcpb-'));
  try {
    mkdirSync(join(stage, dirname(entry)), { recursive: true });
    cpSync(join(REPO, entry), join(stage, entry));
    for (const f of ['tools.manifest.json', 'README.md', 'LICENSE']) cpSync(join(REPO, f), join(stage, f));
    // the server reads its name and version from here; "type": "module" makes Node load the ES-module bundle
    const runtimePkg = { name: pkg.name, version: pkg.version, type: 'module', license: pkg.license };
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(runtimePkg, null, 2)}\n`);
    writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(bundleManifest(), null, 2)}\n`);
    mcpbCli(['validate', join(stage, 'manifest.json')]);
    mkdirSync(outDir, { recursive: true });
    const out = join(resolve(outDir), `${pkg.name}-${pkg.version}.mcpb`);
    rmSync(out, { force: true });
    mcpbCli(['pack', stage, out]);
    return out;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = buildBundle(i > 0 ? process.argv[i + 1] : REPO);
  console.log(out);
}
