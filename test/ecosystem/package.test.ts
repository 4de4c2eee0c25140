/**
 * Packaging: the `npm pack` tarball installs into a clean folder with runtime dependencies only, its bin starts
 * (shebang, executable), `npx` runs it from an empty folder, `--help`, `--version` and `check` work, an SDK client
 * gets every sandbox tool over stdio, and the documented Claude Desktop set-up works against the installed package.
 * Needs `npm run build` first (npm test does it) and the npm registry for the runtime dependencies.
 */
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_COUNT } from '../helpers/catalog.js';
import { npmEnv, scratchHome } from '../helpers/spawn.js';
import {
  baseEnv,
  CLI,
  type Connected,
  connect,
  launchFromJson,
  REPO,
  type RunResult,
  resolveLaunch,
  run,
  tempDir,
  textOf,
} from './helpers.js';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  engines?: { node?: string };
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

let tarball = '';
let packedFiles: string[] = [];
let installDir = '';
let pkgRoot = '';
let home = '';

const npm = (args: string[], cwd: string, timeoutMs = 150_000): Promise<RunResult> =>
  run('npm', args, { cwd, timeoutMs, env: npmEnv() });

const must = (r: RunResult, what: string): RunResult => {
  if (r.code !== 0) throw new Error(`${what} exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const packDir = tempDir('pack');
  // --ignore-scripts: the build already ran (npm test builds first); `prepare` would rebuild under our feet.
  const packed = must(
    await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], REPO, 60_000),
    'npm pack',
  );
  const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(packDir, info[0]?.filename as string);
  packedFiles = (info[0]?.files ?? []).map((f) => f.path);

  installDir = tempDir('install');
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'eco-install', private: true }));
  must(await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], installDir), 'npm install');
  pkgRoot = join(installDir, 'node_modules', pkg.name);
  home = scratchHome();
}, 200_000);

describe('the packed tarball', () => {
  it('holds the bundle, manifest, README and LICENSE, and no sources or tests', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'tools.manifest.json', pkg.bin['im-admin-mcp']]) {
      expect(packedFiles).toContain(f);
    }
    expect(packedFiles.filter((f) => /^(src|test|examples|scripts|bench|node_modules)\//.test(f))).toEqual([]);
    expect(pkg.bin['im-admin-mcp']).toBe('dist/bundle/cli.js');
    expect(pkg.engines?.node).toMatch(/^>=20/);
    expect(readFileSync(join(REPO, 'LICENSE'), 'utf8')).toContain('Copyright (c) 2026 im-admin-mcp contributors');
  });

  it('installs with runtime dependencies only, and an executable bin with a node shebang', () => {
    const cli = join(pkgRoot, 'dist/bundle/cli.js');
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    expect(existsSync(join(installDir, 'node_modules/.bin/im-admin-mcp'))).toBe(true);
    // the self-link devDependency (file:., for `npx im-admin-mcp` in a clone) is the package itself
    const installed = Object.keys(pkg.devDependencies ?? {}).filter(
      (d) => d !== pkg.name && existsSync(join(installDir, 'node_modules', d)),
    );
    expect(installed, 'devDependencies found in a consumer install').toEqual([]);
  });

  it('runs from the bundle alone, without any node_modules', async () => {
    // The bundle carries its dependencies: copy the package without node_modules and start it.
    const bare = tempDir('bare');
    cpSync(join(pkgRoot, 'dist/bundle'), join(bare, 'dist/bundle'), { recursive: true });
    cpSync(join(pkgRoot, 'package.json'), join(bare, 'package.json'));
    const r = await run(process.execPath, [join(bare, 'dist/bundle/cli.js'), 'check'], {
      cwd: bare,
      env: baseEnv({ HOME: home }),
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

describe('the installed command', () => {
  it('--help and --version through npx in the install folder', async () => {
    const help = await run('npx', ['--no-install', 'im-admin-mcp', '--help'], { cwd: installDir });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage:');
    expect(help.stdout).toContain('im-admin-mcp check');
    const version = await run('npx', ['--no-install', 'im-admin-mcp', '--version'], { cwd: installDir });
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('runs with `npx --package <tarball>` from an empty folder', async () => {
    const clean = tempDir('npx');
    const r = await run('npx', ['-y', '--prefer-offline', `--package=${tarball}`, 'im-admin-mcp', '--version'], {
      cwd: clean,
      env: npmEnv(),
      timeoutMs: 150_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  }, 180_000);

  it('`check` in sandbox mode reports both vendors and exits 0', async () => {
    const r = await run(join(installDir, 'node_modules/.bin/im-admin-mcp'), ['check'], {
      cwd: installDir,
      env: baseEnv({ HOME: home }),
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`im-admin-mcp ${pkg.version} check`);
    expect(r.stdout).toContain('built-in sandbox');
    expect(r.stdout).toMatch(/^Lanying \(.*\): OK — lanying_list_users/m);
    expect(r.stdout).toMatch(/^Easemob \(.*\): OK — easemob_list_groups/m);
    expect(r.stdout).toContain('result: OK (2 of 2 configured vendors answered)');
  });

  it('`check` reports a configuration error with exit 1', async () => {
    const r = await run(join(installDir, 'node_modules/.bin/im-admin-mcp'), ['check'], {
      cwd: installDir,
      env: baseEnv({ HOME: home, EASEMOB_BASE_URL: 'not a url' }),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('configuration: FAILED — EASEMOB_BASE_URL');
  });

  describe('over stdio with the SDK client', () => {
    let c: Connected;
    beforeAll(async () => {
      c = await connect({ command: join(installDir, 'node_modules/.bin/im-admin-mcp'), args: [], env: { HOME: home } });
    });
    afterAll(async () => c?.close());

    it('lists every tool in sandbox mode and answers a call', async () => {
      expect((await c.client.listTools()).tools).toHaveLength(TOOL_COUNT);
      expect(c.client.getInstructions()).toContain('SANDBOX');
      const r = await c.client.callTool({
        name: 'easemob_list_muted_members',
        arguments: { group_id: '100000000000001' },
      });
      expect(r.isError ?? false, textOf(r)).toBe(false);
      expect(textOf(r)).toContain('mallory');
    });
  });

  it('the documented Claude Desktop set-up (no credentials) starts the installed package', async () => {
    const launch = resolveLaunch(launchFromJson('claude-desktop.sandbox.json'), pkgRoot);
    const c = await connect({ ...launch, env: { ...launch.env, HOME: home } });
    try {
      expect((await c.client.listTools()).tools).toHaveLength(TOOL_COUNT);
    } finally {
      await c.close();
    }
  });
});

afterAll(() => {
  for (const d of [tarball && dirname(tarball), installDir, home]) if (d) rmSync(d, { recursive: true, force: true });
});
