// `prepare` (npm ci, and `npx im-admin-mcp` in a clone, whose self-link devDependency makes npm run it again):
// builds only when the bundle is missing or older than a source it is built from, so a second `prepare` never
// rewrites a bundle that running servers are loading.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'dist/bundle/cli.js';
const newest = (p) => {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(join(p, f))));
};
const inputs = ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const upToDate = existsSync(OUT) && Math.max(...inputs.filter(existsSync).map(newest)) <= statSync(OUT).mtimeMs;
if (upToDate) {
  console.log('prepare: dist/bundle is up to date');
} else {
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
