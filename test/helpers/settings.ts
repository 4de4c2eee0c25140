/** The settings the server reads, found in its sources (docs and server.json tests compare with them). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(import.meta.dirname, '../../src');

/** Every LANYING_*, EASEMOB_* and IM_ADMIN_* name the server's sources read. */
export function variablesRead(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts'))
        for (const m of readFileSync(p, 'utf8').matchAll(/['.]((?:LANYING|EASEMOB|IM_ADMIN)_[A-Z0-9_]+)\b/g))
          names.add(m[1] as string);
    }
  };
  walk(SRC);
  return names;
}
