// Runs the whole vitest suite and ends with the line CI reads: "N passed, N failed".
// vitest runs with a scratch HOME, so no test (nor any tool it starts) can write into the real home folder;
// npm's download cache stays where it was (test/helpers/spawn.ts npmEnv), so package installs remain offline-first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

// outside the work tree: the report holds absolute paths of this machine
const report = join(tmpdir(), `im-admin-mcp-vitest-${process.pid}.json`);
rmSync(report, { force: true });
const home = mkdtempSync(join(tmpdir(), 'im-admin-home-vitest-'));
const r = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      HOME: home,
      IM_ADMIN_TEST_REAL_HOME: homedir(),
      npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
    },
  },
);
rmSync(home, { recursive: true, force: true });
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests;
  failed = j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  if (!j.success && failed === 0) failed = 1;
} else {
  failed = 1;
}
rmSync(report, { force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
