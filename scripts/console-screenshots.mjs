#!/usr/bin/env node
/**
 * Regenerates the approval console screenshots in docs/ from a real test run: runs the browser test
 * (test/e2e/console.test.ts, which needs a built bundle and /usr/bin/chromium) with its screenshots sent to a fresh
 * temp folder, then copies them into docs/. Tests themselves never write into the work tree.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shots = mkdtempSync(join(tmpdir(), 'im-admin-console-shots-'));
const run = spawnSync('npx', ['vitest', 'run', 'test/e2e/console.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CONSOLE_SHOTS_DIR: shots },
});
if (run.status !== 0) process.exit(run.status ?? 1);
for (const name of ['console-queue.png', 'console-audit.png']) {
  copyFileSync(join(shots, name), join(root, 'docs', name));
  process.stdout.write(`docs/${name}\n`);
}
