/** Easemob-specific zod fragments (limits from the vendor documentation, see guide/vendors.md). */
import { z } from 'zod';
import { defineTools } from '../define.js';
import { kindOfId, newPathId, pathIdList } from '../params.js';

export const GroupId = kindOfId(newPathId(), 'group');
export const Username = kindOfId(newPathId(), 'user');
export const ThreadId = kindOfId(newPathId(), 'thread');
export const FileId = kindOfId(newPathId(), 'file');
/** Users in one batch body (add, block, allow, mute; threads and metadata): the entry's `batch` says how many per call. */
export const Usernames = z.array(Username).min(1);
/** Users in one comma-joined path segment (batch remove, unblock, unmute, allow-list removal). */
export const PathUsernames = pathIdList(Username);
/** Group ids in one comma-joined path segment (group details). */
export const PathGroupIds = pathIdList(GroupId);
export const Limit = (max: number) => z.number().int().min(1).max(max);
export const Cursor = z.string().max(1024);
/** Page number; the first page is 0 for a user's groups and 1 for members and share files. */
export const PageNum = (first: 0 | 1) => z.number().int().min(first).max(1_000_000);
export const PageSize = (max: number) => z.number().int().min(1).max(max);
export const Sort = z.enum(['asc', 'desc']);

/** The entry helper of an Easemob resource file. */
export const easemobToolset = (toolset: string) => defineTools({ vendor: 'easemob', toolset });

/** An Easemob user id as the vendor compares it: not case sensitive (its SDKs lower-case ids). */
export const easemobUserKey = (id: string): string => id.trim().toLowerCase();
