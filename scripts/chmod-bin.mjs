// Makes the built CLI executable so `npx im-admin-mcp` and the bin link work on every platform npm supports.
import { chmodSync, existsSync } from 'node:fs';

if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
