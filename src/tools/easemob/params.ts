/** Easemob-specific zod fragments (limits from the vendor documentation, see guide/vendors.md). */
import { z } from 'zod';
import { defineTools } from '../define.js';
import { kindOfId, newPathId, pathIdList } from '../params.js';

/**
 * An Easemob id as the vendor registers them: 1–64 of letters, digits, `_`, `-`, `.` and `@` (user ids; group and
 * thread ids are digits, share-file ids hex and `-`), the set the sandbox seeds by (docs/sandbox.md). Never "." nor
 * "..": at least one character is not a dot and no two dots follow each other, so no id is a path step.
 */
const EASEMOB_ID = /^(\.?[\w@-])+\.?$/;
const easemobId = () => newPathId(EASEMOB_ID, 64, '1-64 of letters, digits, _ - . @ (no "..")');

export const GroupId = kindOfId(easemobId(), 'group');
export const Username = kindOfId(easemobId(), 'user');
export const ThreadId = kindOfId(easemobId(), 'thread');
export const FileId = kindOfId(easemobId(), 'file');
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
