/** All lanying entries in the documentation's order, collected from the resource files of this folder. */
import type { ToolSpec } from '../define.js';
import * as accounts from './accounts.js';
import * as devices from './devices.js';
import * as profile from './profile.js';
import * as push from './push.js';
import * as settings from './settings.js';

const modules: Record<string, unknown>[] = [accounts, profile, devices, push, settings];

export const lanyingTools: ToolSpec[] = modules
  .flatMap((m) => Object.values(m))
  .filter((v): v is ToolSpec => typeof v === 'object' && v !== null && 'http' in v && 'seq' in v)
  .sort((a, b) => a.seq - b.seq);
