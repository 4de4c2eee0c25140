/** Which tools are served: vendor configured, toolsets, allow/deny lists (exclude wins), read-only mode. */
import type { Config } from '../config.js';
import type { ToolSpec, Vendor } from '../tools/define.js';

/** What selection reads of a tool: documented operations and lookups alike (a lookup names what it reads). */
type Selectable = Pick<ToolSpec, 'name' | 'vendor' | 'toolset' | 'annotations'> & {
  composedOf?: readonly { name: string }[];
};

import { PRESETS } from '../tools/toolsets.js';

export function selectTools<T extends Selectable>(
  catalog: readonly T[],
  config: Config,
  vendors: readonly Vendor[],
): T[] {
  const toolsets = config.toolsets ? new Set(config.toolsets) : undefined;
  const allow = config.tools || config.toolsets?.some((t) => t in PRESETS) ? new Set(config.tools) : undefined;
  for (const t of config.toolsets ?? []) for (const name of PRESETS[t] ?? []) allow?.add(name);
  const exclude = new Set(config.excludeTools);
  const selected = catalog.filter((t) => {
    if (!vendors.includes(t.vendor)) return false;
    if (exclude.has(t.name)) return false;
    if (config.readOnly && !t.annotations.readOnlyHint) return false;
    // With only IM_ADMIN_TOOLS set, exactly those tools; with toolsets too, their union.
    if (toolsets || allow) return Boolean(toolsets?.has(t.toolset) || allow?.has(t.name));
    return true;
  });
  // A lookup is served only with every read it is composed of: excluding a read excludes what is built on it.
  const names = new Set(selected.map((t) => t.name));
  return selected.filter((t) => !t.composedOf || t.composedOf.every((r) => names.has(r.name)));
}
