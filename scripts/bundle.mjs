// Bundles the CLI and its dependencies into dist/bundle/ (ES modules with code splitting, so the sandbox, HTTP
// transport and Redis store load only when used). One file tree instead of hundreds of modules roughly halves
// the time from spawn to the first tools/list answer. `tsc` still emits dist/ for the library entry points.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// chunk names carry content hashes: clear the folder so stale chunks never ship in the package
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
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
