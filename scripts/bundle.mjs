// Bundles the CLI and every runtime dependency into one ES-module file, dist/bundle/cli.js: the published package
// has no dependencies and ships only that file. No code splitting: the sandbox, HTTP transport and Redis store are
// still evaluated only when used (esbuild keeps `await import()` of bundled modules lazy), and one file starts as fast
// as the former chunk tree (`node bench/run.mjs --cold-only`). With splitting, `await import('ioredis')` would also
// give only `default`. `tsc` still emits dist/ for the scripts that import the catalog (manifest, tool list).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

// Built beside the live folder, then moved in file by file (each rename atomic) and stale chunks removed last: a
// server started from dist/bundle while a rebuild runs (a test suite, `npx` in a clone running `prepare`) never
// finds a chunk missing. Chunk names carry content hashes, so an unchanged build renames identical files.
const NEXT = 'dist/bundle.next';
rmSync(NEXT, { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: NEXT,
  bundle: true,
  splitting: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (ioredis) call require(); give the ES bundle one.
  banner: {
    js: "import { createRequire as __imCreateRequire } from 'node:module'; const require = __imCreateRequire(import.meta.url);",
  },
});

mkdirSync('dist/bundle', { recursive: true });
const fresh = readdirSync(NEXT);
// chunks first, the entry point last: a new cli.js must never point at a chunk not yet in place
for (const f of [...fresh.filter((x) => x !== 'cli.js'), 'cli.js']) renameSync(join(NEXT, f), join('dist/bundle', f));
for (const f of readdirSync('dist/bundle')) if (!fresh.includes(f)) rmSync(join('dist/bundle', f), { force: true });
rmSync(NEXT, { recursive: true, force: true });
if (!existsSync('dist/bundle/cli.js')) throw new Error('bundle: dist/bundle/cli.js was not built');
