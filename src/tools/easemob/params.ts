/** Easemob-specific zod fragments (limits from the vendor documentation, see guide/vendors.md). */
import { z } from 'zod';
import { PathId, pathIdList } from '../params.js';

export const GroupId = PathId.describe('group id');
export const Username = PathId.describe('user id');
export const ThreadId = PathId.describe('thread id');
/** Users in one batch body (add, block, allow, mute): the vendor accepts at most 60. */
export const Usernames60 = z.array(PathId).min(1).max(60);
/** Users in one comma-joined path segment (batch remove, unblock, unmute, white-list removal): at most 60. */
export const PathUsernames60 = pathIdList(60);
export const Limit = (max: number) => z.number().int().min(1).max(max);
export const Cursor = z.string().max(1024);
