import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files that take longest (external tools, npm, many child processes), started first so no worker begins one of
 * them near the end of the run. Everything else keeps vitest's order (recorded durations, then file size).
 */
const SLOW_FIRST = [
  'test/ecosystem/conformance.test.ts',
  'test/ecosystem/package.test.ts',
  'test/unit/lint.test.ts',
  'test/ecosystem/example.test.ts',
  'test/ecosystem/inspector.test.ts',
  'test/ecosystem/clients.test.ts',
  'test/ecosystem/frameworks.test.ts',
  'test/ecosystem/mcpb.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((s) => f.moduleId.replaceAll('\\', '/').endsWith(s));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // kills every child process group a test file left behind (test/helpers/spawn.ts)
    setupFiles: ['test/helpers/setup.ts'],
    // hang guards only, not speed checks: generous, since the machine may be shared with other CPU-bound work
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
  },
});
