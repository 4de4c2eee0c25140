/** Toolsets as data: every tool belongs to exactly one; `IM_ADMIN_TOOLSETS` selects among them. */
export const TOOLSETS = {
  lanying_accounts: 'Lanying accounts: register, list, delete, passwords, username, ban/unban',
  lanying_profile: 'Lanying profile: avatar, nickname, mobile, profile, extension info, online status',
  lanying_devices: 'Lanying devices: list, remove, kick, bind/unbind device push tokens',
  lanying_push: 'Lanying push: on/off, details, do-not-disturb, nickname, alias, badge, tags',
  lanying_settings: 'Lanying settings: friend verification, auto-download, sound, vibration, settings object',
  easemob_groups: 'Easemob groups: create, modify, disable/enable, list, details, dissolve, transfer, announcement',
  easemob_files: 'Easemob group share files: list, upload, download, delete',
  easemob_members: 'Easemob members: list, add, remove, member metadata, admins',
  easemob_moderation: 'Easemob moderation: block list, white list, mute, mute-all',
  easemob_threads: 'Easemob threads: list, create, rename, delete, members',
} as const;

export type ToolsetName = keyof typeof TOOLSETS;
