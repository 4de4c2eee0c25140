/**
 * Every Easemob entry, in the documentation's order: an entry's position here is its place in the documentation
 * (the order of its headings in the Easemob pages; test/unit/catalog.test.ts checks it). A new entry goes in at its place.
 */
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

export const easemobTools: readonly ToolSpec[] = [
  groups.createGroup,
  groups.disableGroup,
  groups.enableGroup,
  groups.updateGroup,
  groups.listGroups,
  groups.listUserGroups,
  groups.isGroupMember,
  groups.getGroups,
  groups.dissolveGroup,
  announcements.getAnnouncement,
  announcements.setAnnouncement,
  files.listShareFiles,
  files.uploadShareFile,
  files.downloadShareFile,
  files.deleteShareFile,
  members.listMembers,
  members.addMember,
  members.addMembers,
  members.removeMember,
  members.removeMembers,
  memberMetadata.setMemberMetadata,
  memberMetadata.getMemberMetadata,
  memberMetadata.getMembersMetadata,
  admins.listAdmins,
  admins.addAdmin,
  admins.removeAdmin,
  groups.transferGroupOwner,
  blocks.listBlockedUsers,
  blocks.blockUser,
  blocks.blockUsers,
  blocks.unblockUser,
  blocks.unblockUsers,
  allowlist.listAllowlist,
  allowlist.addAllowlistUser,
  allowlist.addAllowlistUsers,
  allowlist.removeAllowlistUsers,
  mute.listMutedMembers,
  mute.muteMembers,
  mute.muteAll,
  mute.unmuteMembers,
  mute.unmuteAll,
  threads.listThreads,
  threads.listUserThreads,
  threads.listUserGroupThreads,
  threads.createThread,
  threads.renameThread,
  threads.deleteThread,
  threads.listThreadMembers,
  threads.addThreadMembers,
  threads.kickThreadMembers,
];
