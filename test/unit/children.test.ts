/**
 * Test hygiene: every process a test starts gets a scratch HOME and dies with its whole process group, also when a
 * test times out. (test/helpers/spawn.ts is the only place that spawns.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, run, startStandaloneSandbox } from '../ecosystem/helpers.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer } from '../helpers/mcp-client.js';
import { startHttpServer } from '../helpers/processes.js';
import {
  childEnv,
  groupMembers,
  isScratchHome,
  runTracked,
  scratchHome,
  spawnLog,
  spawnTracked,
  stopTracked,
  sweepChildren,
  TrackedStdioTransport,
} from '../helpers/spawn.js';

const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));
const REAL_HOMES = [userInfo().homedir, process.env.IM_ADMIN_TEST_REAL_HOME].filter(Boolean) as string[];

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? testFiles(p) : /\.(ts|mjs|js)$/.test(n) ? [p] : [];
  });
}

/** Waits until none of `pids` is alive (generous bound: killing is quick, the machine may not be). */
const allGone = (pids: number[]) =>
  expect.poll(() => pids.filter((p) => groupMembersAlive(p)), { timeout: 20_000, interval: 50 }).toEqual([]);
const groupMembersAlive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
};

describe('only test/helpers/spawn.ts starts processes', () => {
  it('no other test file imports a spawning function or the SDK stdio transport', () => {
    const offenders: string[] = [];
    for (const f of testFiles(TEST_DIR)) {
      const rel = relative(TEST_DIR, f);
      if (rel === join('helpers', 'spawn.ts')) continue;
      const src = readFileSync(f, 'utf8');
      if (/^import\s+(?!type\b)[^;]*from\s+'node:child_process'/m.test(src)) offenders.push(`${rel}: child_process`);
      if (/sdk\/client\/stdio\.js/.test(src)) offenders.push(`${rel}: StdioClientTransport`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('a scratch HOME for every child', () => {
  it('childEnv always sets a fresh scratch HOME, and refuses a real one', () => {
    const a = childEnv();
    const b = childEnv({ FOO: 'x' });
    expect(isScratchHome(a.HOME)).toBe(true);
    expect(a.HOME).not.toBe(b.HOME);
    for (const real of REAL_HOMES) {
      expect(isScratchHome(real)).toBe(false);
      expect(() => childEnv({ HOME: real })).toThrow(/scratch HOME/);
      expect(() => spawnTracked(process.execPath, ['-e', ''], { env: { PATH: '', HOME: real } })).toThrow(/childEnv/);
    }
    expect(isScratchHome(scratchHome())).toBe(true);
  });

  it.runIf(process.env.IM_ADMIN_TEST_REAL_HOME)('npm test runs vitest itself with a scratch HOME', () => {
    expect(isScratchHome(process.env.HOME)).toBe(true);
    expect(isScratchHome(homedir())).toBe(true);
  });

  describe('every spawn helper', () => {
    let fake: FakeUpstream;
    beforeAll(async () => {
      fake = await new FakeUpstream().start();
    });
    afterAll(async () => fake?.close());

    const helpers: [string, () => Promise<void>][] = [
      [
        'startServer (stdio)',
        async () => {
          const s = await startServer({ env: fake.env() });
          await s.close();
        },
      ],
      [
        'startHttpServer',
        async () => {
          const s = await startHttpServer(fake.env({ IM_ADMIN_HTTP_TOKEN: 'x'.repeat(32) }));
          await s.stop();
        },
      ],
      [
        'ecosystem run',
        async () => {
          const r = await run(process.execPath, ['-e', 'process.stdout.write(require("os").homedir())']);
          expect(isScratchHome(r.stdout)).toBe(true);
        },
      ],
      [
        'ecosystem connect',
        async () => {
          const c = await connect({
            command: process.execPath,
            args: [join(TEST_DIR, '../dist/bundle/cli.js')],
            env: {},
          });
          await c.close();
        },
      ],
      [
        'startStandaloneSandbox',
        async () => {
          const sb = await startStandaloneSandbox();
          await sb.stop();
        },
      ],
    ];
    for (const [name, start] of helpers) {
      it(`${name} gives its child a scratch HOME`, async () => {
        const before = spawnLog.length;
        await start();
        const spawned = spawnLog.slice(before);
        expect(spawned.length).toBeGreaterThan(0);
        for (const s of spawned) {
          expect(isScratchHome(s.home), `${s.command}: HOME=${s.home}`).toBe(true);
          expect(REAL_HOMES).not.toContain(s.home);
        }
      }, 120_000);
    }
  });
});

describe.runIf(process.platform === 'linux')('children die with their process group', () => {
  /** Starts `sh` with a grandchild that would live for ten minutes; returns the shell and the grandchild's pid. */
  async function shellWithGrandchild() {
    const child = spawnTracked('sh', ['-c', 'sleep 600 & echo $!; wait'], { env: childEnv() });
    const pid = await new Promise<number>((resolve) => child.stdout?.once('data', (d: Buffer) => resolve(Number(d))));
    expect(groupMembers(child.pid as number)).toEqual(expect.arrayContaining([child.pid, pid]));
    return { child, pid };
  }

  it('stopping a child kills its grandchildren', async () => {
    const { child, pid } = await shellWithGrandchild();
    await stopTracked(child);
    await allGone([child.pid as number, pid]);
  });

  it('the sweep after every test file kills whatever a timed-out test left running', async () => {
    const { child, pid } = await shellWithGrandchild();
    expect(sweepChildren()).toBeGreaterThanOrEqual(1);
    await allGone([child.pid as number, pid]);
  });

  it('a run that exceeds its limit is killed with its group', async () => {
    const r = runTracked('sh', ['-c', 'sleep 600 & echo $!; wait'], { env: childEnv(), timeoutMs: 200 });
    const res = await r;
    expect(res.stderr).toContain('[killed after 200 ms]');
    await allGone([Number(res.stdout)]);
  });

  it('closing a stdio transport ends the whole group (npm exec and the server it started)', async () => {
    // `sh` stands in for `npm exec`: it starts a long-lived child and relays stdin to `cat`
    const t = new TrackedStdioTransport({ command: 'sh', args: ['-c', 'sleep 600 & cat'], env: childEnv() });
    await t.start();
    const leader = t.pid as number;
    await expect.poll(() => groupMembers(leader).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const members = groupMembers(leader);
    await t.close();
    await allGone(members);
  });
});
