// Makes the built CLI executable so `npx im-admin-mcp` and the bin link work.
import { chmodSync, existsSync } from 'node:fs';

for (const f of ['dist/bundle/cli.js', 'dist/cli.js']) if (existsSync(f)) chmodSync(f, 0o755);
