/** All easemob entries in the documentation's order, collected from the resource files of this folder. */
import type { ToolSpec } from '../define.js';
import * as admins from './admins.js';
import * as allowlist from './allowlist.js';
import * as announcements from './announcements.js';
import * as blocks from './blocks.js';
import * as files from './files.js';
import * as groups from './groups.js';
import * as memberMetadata from './member-metadata.js';
import * as members from './members.js';
import * as mute from './mute.js';
import * as threads from './threads.js';

const modules: Record<string, unknown>[] = [
  groups,
  announcements,
  files,
  members,
  memberMetadata,
  admins,
  blocks,
  allowlist,
  mute,
  threads,
];

export const easemobTools: ToolSpec[] = modules
  .flatMap((m) => Object.values(m))
  .filter((v): v is ToolSpec => typeof v === 'object' && v !== null && 'http' in v && 'seq' in v)
  .sort((a, b) => a.seq - b.seq);
