/**
 * Lanying (MaximTop) sandbox state: the fixed credentials, the user record, and the seed users.
 * Plain JSON-serialisable data, so the whole state can be written to disk as is.
 */

import { SEED_EPOCH } from '../seed-time.js';

export const SANDBOX_LANYING_APP_ID = 'sandbox-app-id';
export const SANDBOX_LANYING_ACCESS_TOKEN = 'sandbox-lanying-admin-token';

export interface LanyingSettings {
  auth_answer: string;
  auth_mode: number;
  auth_question: string;
  auto_download: boolean;
  group_confirm: boolean;
  no_push: boolean;
  no_push_detail: boolean;
  no_push_end_hour: number;
  no_push_start_hour: number;
  no_sounds: boolean;
  push_nick_name: string;
  push_token: string;
  silence_end_time: number;
  silence_start_time: number;
  vibratory: boolean;
}

export interface LanyingDevice {
  device_sn: number;
  /** 1 ios, 2 android, 3 windows, 4 mac, 5 linux, 6 web */
  platform: number;
  user_agent: string;
  online: boolean;
}

export interface LanyingBoundToken {
  device_sn: number;
  device_token: string;
  notifier_name: string;
}

export interface LanyingUser {
  user_id: number;
  username: string;
  password: string;
  nick_name: string;
  avatar: string;
  description: string;
  email: string;
  mobile: string;
  /** Raw text set by 1.17 (or 1.19/1.20). */
  private_info: string;
  /** Raw text set by 1.21 (or 1.19/1.20). */
  public_info: string;
  disabled: boolean;
  settings: LanyingSettings;
  alias: string;
  badge: number;
  tags: string[];
  devices: LanyingDevice[];
  bound_tokens: LanyingBoundToken[];
  created: number;
}

export interface LanyingState {
  nextUserId: number;
  /** Bumped on every device-list change; answered as `version` by 1.7. */
  deviceVersion: number;
  users: LanyingUser[];
}

function defaultLanyingSettings(): LanyingSettings {
  return {
    auth_answer: '',
    auth_mode: 1,
    auth_question: '',
    auto_download: true,
    group_confirm: true,
    no_push: false,
    no_push_detail: false,
    no_push_end_hour: 0,
    no_push_start_hour: 0,
    no_sounds: false,
    push_nick_name: '',
    push_token: '',
    silence_end_time: 0,
    silence_start_time: 0,
    vibratory: true,
  };
}

export function newLanyingUser(userId: number, username: string, password: string, created: number): LanyingUser {
  return {
    user_id: userId,
    username,
    password,
    nick_name: '',
    avatar: '',
    description: '',
    email: '',
    mobile: '',
    private_info: '',
    public_info: '',
    disabled: false,
    settings: defaultLanyingSettings(),
    alias: '',
    badge: 0,
    tags: [],
    devices: [],
    bound_tokens: [],
    created,
  };
}

/** The deterministic Lanying seed: alice … erin (1001–1005). */
export function createLanyingSeed(): LanyingState {
  const alice = newLanyingUser(1001, 'alice', 'alice-pass-1001', SEED_EPOCH);
  Object.assign(alice, {
    nick_name: 'Alice',
    avatar: 'https://example.invalid/avatars/alice.png',
    description: 'Sandbox admin user with two devices',
    email: 'alice@example.invalid',
    mobile: '+15550001001',
    public_info: '{"title":"team lead"}',
    private_info: '{"note":"seed user"}',
    alias: 'alice-iphone',
    badge: 3,
    tags: ['vip', 'beta'],
  } satisfies Partial<LanyingUser>);
  alice.settings.push_nick_name = 'Alice';
  alice.settings.push_token = 'apns-token-alice';
  alice.devices = [
    { device_sn: 1, platform: 1, user_agent: 'iPhone15,2 iOS/17.4 floo/4.0', online: true },
    { device_sn: 2, platform: 6, user_agent: 'Mozilla/5.0 floo-web/4.0', online: false },
  ];
  alice.bound_tokens = [{ device_sn: 1, device_token: 'apns-token-alice', notifier_name: 'apns-prod' }];

  const bob = newLanyingUser(1002, 'bob', 'bob-pass-1002', SEED_EPOCH + 1000);
  Object.assign(bob, { nick_name: 'Bob', email: 'bob@example.invalid', tags: ['beta'] } satisfies Partial<LanyingUser>);
  bob.devices = [{ device_sn: 1, platform: 2, user_agent: 'Pixel 8 Android/14 floo/4.0', online: false }];

  const carol = newLanyingUser(1003, 'carol', 'carol-pass-1003', SEED_EPOCH + 2000);
  Object.assign(carol, { nick_name: 'Carol', disabled: true } satisfies Partial<LanyingUser>);

  const dave = newLanyingUser(1004, 'dave', 'dave-pass-1004', SEED_EPOCH + 3000);
  dave.nick_name = 'Dave';
  const erin = newLanyingUser(1005, 'erin', 'erin-pass-1005', SEED_EPOCH + 4000);
  erin.nick_name = 'Erin';

  return { nextUserId: 1006, deviceVersion: 1, users: [alice, bob, carol, dave, erin] };
}
