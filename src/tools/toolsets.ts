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

/**
 * Presets: named selections across toolsets, usable in IM_ADMIN_TOOLSETS like a toolset. `moderation` holds the
 * reads a moderator needs plus mute/unmute, mute-all, block/unblock, member removal and Lanying ban/unban.
 */
export const PRESETS: Record<string, readonly string[]> = {
  moderation: [
    'lanying_get_profile',
    'lanying_disable_users',
    'lanying_enable_users',
    'easemob_get_groups',
    'easemob_is_group_member',
    'easemob_list_members',
    'easemob_list_admins',
    'easemob_remove_member',
    'easemob_remove_members',
    'easemob_list_blocked_users',
    'easemob_block_user',
    'easemob_block_users',
    'easemob_unblock_user',
    'easemob_unblock_users',
    'easemob_list_muted_members',
    'easemob_mute_members',
    'easemob_mute_all',
    'easemob_unmute_members',
    'easemob_unmute_all',
  ],
};
