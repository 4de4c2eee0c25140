/**
 * Every Lanying entry, in the documentation's order: an entry's position here is its place in the documentation
 * (Lanying heading 1.N is position N; test/unit/catalog.test.ts checks it). A new entry goes in at its place.
 */
import type { ToolSpec } from '../define.js';
import * as accounts from './accounts.js';
import * as devices from './devices.js';
import * as profile from './profile.js';
import * as push from './push.js';
import * as settings from './settings.js';

export const lanyingTools: readonly ToolSpec[] = [
  settings.setFriendAuthMode,
  profile.setAvatar,
  profile.batchSetAvatars,
  accounts.changePassword,
  accounts.adminChangePassword,
  accounts.deleteUser,
  devices.listDevices,
  devices.removeDevice,
  accounts.disableUsers,
  settings.setAutoDownload,
  accounts.enableUsers,
  devices.kickDevice,
  accounts.listUsers,
  profile.setMobile,
  profile.setNickname,
  profile.getOnlineStatus,
  profile.setPrivateInfo,
  profile.getProfile,
  profile.updateProfile,
  profile.batchUpdateProfiles,
  profile.setPublicInfo,
  push.setPushDisabled,
  push.bindPushAlias,
  push.setBadge,
  push.setPushDetailHidden,
  push.setPushDndHours,
  push.setPushNickname,
  push.getPushTags,
  push.bindPushTags,
  push.unbindPushTags,
  push.deleteAllPushTags,
  accounts.batchRegisterUsers,
  accounts.registerPushUser,
  accounts.registerUser,
  settings.getSettings,
  settings.updateSettings,
  settings.setSoundsOff,
  devices.bindDeviceToken,
  devices.unbindDeviceToken,
  accounts.changeUsername,
  settings.setVibration,
];
