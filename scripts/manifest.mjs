// Writes tools.manifest.json from the built server's own tools/list (run via `npm run manifest`).
import { writeFileSync } from 'node:fs';
import { buildManifest } from '../dist/mcp/manifest.js';

const manifest = await buildManifest();
writeFileSync(new URL('../tools.manifest.json', import.meta.url), `${JSON.stringify(manifest, null, 2)}\n`);
console.error(`tools.manifest.json: ${manifest.tools.length} tools`);
