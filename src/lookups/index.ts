/** Every lookup (composed read tool), served after the documented operations. */
import type { ComposedSpec } from './define.js';
import { findGroups, getMemberStanding } from './easemob.js';
import { findUser } from './lanying.js';

export const LOOKUPS: readonly ComposedSpec[] = [findUser, findGroups, getMemberStanding] as readonly ComposedSpec[];
