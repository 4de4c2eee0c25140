/** Formatting and lint rules are part of the suite, so a red lint fails CI like any other test. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childEnv, runTracked } from '../helpers/spawn.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Generous: both are CPU-bound and share the machine with the rest of the suite; nothing here measures speed.
const LIMIT_MS = 240_000;

describe('lint', () => {
  it(
    'biome ci passes (fix with `npm run format`)',
    async () => {
      const r = await runTracked(
        process.execPath,
        ['node_modules/@biomejs/biome/bin/biome', 'ci', '--colors=off', '.'],
        { cwd: root, env: childEnv(), timeoutMs: LIMIT_MS },
      );
      expect(r.code, `${r.stdout}\n${r.stderr}`.slice(-4000)).toBe(0);
    },
    LIMIT_MS + 10_000,
  );

  it(
    'typescript typecheck passes',
    async () => {
      const r = await runTracked(
        process.execPath,
        ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'],
        { cwd: root, env: childEnv(), timeoutMs: LIMIT_MS },
      );
      expect(r.code, `${r.stdout}\n${r.stderr}`.slice(-4000)).toBe(0);
    },
    LIMIT_MS + 10_000,
  );
});
