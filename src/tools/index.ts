/** THE registry: every tool the server can serve. No other list of tools exists; everything else is generated. */
import type { ToolSpec } from './define.js';
import { easemobTools } from './easemob/index.js';
import { lanyingTools } from './lanying/index.js';

export const ALL_TOOLS: readonly ToolSpec[] = [...lanyingTools, ...easemobTools];
