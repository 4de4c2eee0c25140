/**
 * Sandbox state: types, deterministic seed data, and JSON persistence.
 *
 * The state is a plain JSON-serialisable object so it can be written to disk as is
 * (share-file bytes are kept base64-encoded) and asserted on directly by tests.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, ensureDir, errCode, FS_STEP_MS, withFsDeadline } from '../fs-limits.js';

// ---------------------------------------------------------------------------
// Fixed sandbox credentials
// ---------------------------------------------------------------------------

export const SANDBOX_LANYING_APP_ID = 'sandbox-app-id';
export const SANDBOX_LANYING_ACCESS_TOKEN = 'sandbox-lanying-admin-token';
export const SANDBOX_EASEMOB_ORG = 'sandbox-org';
export const SANDBOX_EASEMOB_APP = 'sandbox-app';
export const SANDBOX_EASEMOB_CLIENT_ID = 'sandbox-client-id';
export const SANDBOX_EASEMOB_CLIENT_SECRET = 'sandbox-client-secret';
/** A pre-issued Easemob app token that never expires (the "token given" configuration path). */
export const SANDBOX_EASEMOB_APP_TOKEN = 'YWMt-sandbox-fixed-app-token';
/** The `application` uuid Easemob puts in every envelope. */
export const SANDBOX_EASEMOB_APPLICATION_UUID = '5a4d0b1e-0000-4000-8000-5a4db0c00001';
/** Default lifetime of an issued Easemob app token: 60 days, in seconds. */
export const EASEMOB_DEFAULT_TOKEN_TTL_S = 60 * 24 * 3600;

/** Timestamp used for `created` fields of seed objects (2025-01-01T00:00:00Z), independent of the clock. */
export const SEED_EPOCH = 1735689600000;

// ---------------------------------------------------------------------------
// Lanying types
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Easemob types
// ---------------------------------------------------------------------------

export interface EasemobMute {
  user: string;
  /** Unix ms when the mute ends; -1 = permanent. */
  expire: number;
}

export interface EasemobShareFile {
  file_id: string;
  file_name: string;
  file_owner: string;
  file_size: number;
  created: number;
  content_type: string;
  data_base64: string;
}

export interface EasemobGroup {
  groupid: string;
  groupname: string;
  description: string;
  public: boolean;
  membersonly: boolean;
  allowinvites: boolean;
  invite_need_confirm: boolean;
  maxusers: number;
  scale: 'normal' | 'large';
  custom: string;
  owner: string;
  /** Members other than the owner, in join order (admins included). */
  members: string[];
  admins: string[];
  blocks: string[];
  whitelist: string[];
  mutes: EasemobMute[];
  /** Ban-all (全员禁言). */
  muteAll: boolean;
  disabled: boolean;
  announcement: string;
  files: EasemobShareFile[];
  /** username -> key -> value */
  metadata: Record<string, Record<string, string>>;
  created: number;
  lastModified: number;
}

export interface EasemobThreadMember {
  user: string;
  joined: number;
}

export interface EasemobThread {
  id: string;
  name: string;
  owner: string;
  group_id: string;
  msg_id: string;
  created: number;
  members: EasemobThreadMember[];
}

export interface EasemobToken {
  token: string;
  /** Unix ms; null = never expires. */
  expiresAt: number | null;
}

export interface EasemobState {
  /** Known user ids (the seed has no Easemob user API; these stand for registered users). */
  users: string[];
  groups: EasemobGroup[];
  threads: EasemobThread[];
  tokens: EasemobToken[];
  nextGroupId: number;
  nextThreadId: number;
  nextFileSeq: number;
}

export interface SandboxState {
  version: 1;
  lanying: LanyingState;
  easemob: EasemobState;
}

// ---------------------------------------------------------------------------
// Seed
// ---------------------------------------------------------------------------

export const SEED_GROUP_PUBLIC_ID = '100000000000001';
export const SEED_GROUP_PRIVATE_ID = '100000000000002';
export const SEED_THREAD_ID = '200000000000001';
export const SEED_FILE_ID = '00000000-0000-1000-8000-000000000001';
export const SEED_FILE_CONTENT = 'Hello from the im-admin-mcp sandbox!\n';
/** Mallory's seeded mute in the public group lasts this long from sandbox start. */
export const SEED_MUTE_DURATION_MS = 24 * 3600 * 1000;

export function defaultLanyingSettings(): LanyingSettings {
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

export function newEasemobGroup(groupid: string, owner: string, isPublic: boolean, created: number): EasemobGroup {
  return {
    groupid,
    groupname: '',
    description: '',
    public: isPublic,
    membersonly: false,
    allowinvites: false,
    invite_need_confirm: true,
    maxusers: 200,
    scale: 'normal',
    custom: '',
    owner,
    members: [],
    admins: [],
    blocks: [],
    whitelist: [],
    mutes: [],
    muteAll: false,
    disabled: false,
    announcement: '',
    files: [],
    metadata: {},
    created,
    lastModified: created,
  };
}

/** Build the deterministic seed. Only mute expiry depends on the clock (it is relative to `now`). */
export function createSeedState(now: number): SandboxState {
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

  const lounge = newEasemobGroup(SEED_GROUP_PUBLIC_ID, 'alice', true, SEED_EPOCH);
  Object.assign(lounge, {
    groupname: 'Sandbox Lounge',
    description: 'Public seed group',
    maxusers: 200,
    members: ['bob', 'carol', 'dave', 'erin', 'mallory'],
    admins: ['bob'],
    whitelist: ['dave'],
    mutes: [{ user: 'mallory', expire: now + SEED_MUTE_DURATION_MS }],
    announcement: 'Welcome to the Sandbox Lounge. Be kind.',
    metadata: { carol: { nickname: 'Caz' } },
  } satisfies Partial<EasemobGroup>);
  lounge.files = [
    {
      file_id: SEED_FILE_ID,
      file_name: 'welcome.txt',
      file_owner: 'alice',
      file_size: Buffer.byteLength(SEED_FILE_CONTENT),
      created: SEED_EPOCH + 60_000,
      content_type: 'text/plain',
      data_base64: Buffer.from(SEED_FILE_CONTENT).toString('base64'),
    },
  ];

  const core = newEasemobGroup(SEED_GROUP_PRIVATE_ID, 'bob', false, SEED_EPOCH + 3_600_000);
  Object.assign(core, {
    groupname: 'Core Team',
    description: 'Private seed group',
    maxusers: 50,
    allowinvites: true,
    members: ['alice', 'carol'],
    blocks: ['mallory'],
  } satisfies Partial<EasemobGroup>);

  const thread: EasemobThread = {
    id: SEED_THREAD_ID,
    name: 'Launch planning',
    owner: 'alice',
    group_id: SEED_GROUP_PUBLIC_ID,
    msg_id: '1190000000000000001',
    created: SEED_EPOCH + 120_000,
    members: [
      { user: 'alice', joined: SEED_EPOCH + 120_000 },
      { user: 'bob', joined: SEED_EPOCH + 130_000 },
      { user: 'carol', joined: SEED_EPOCH + 140_000 },
    ],
  };

  return {
    version: 1,
    lanying: { nextUserId: 1006, deviceVersion: 1, users: [alice, bob, carol, dave, erin] },
    easemob: {
      users: ['alice', 'bob', 'carol', 'dave', 'erin', 'mallory'],
      groups: [lounge, core],
      threads: [thread],
      tokens: [{ token: SANDBOX_EASEMOB_APP_TOKEN, expiresAt: null }],
      nextGroupId: 100000000000003,
      nextThreadId: 200000000000002,
      nextFileSeq: 2,
    },
  };
}

/** Markdown list of the seed, for the README and the server's instructions. */
export const SEED_SUMMARY = `**Sandbox seed data** (deterministic; reset on restart unless a state file is used)

Lanying (\`app_id\` \`${SANDBOX_LANYING_APP_ID}\`, admin \`access-token\` \`${SANDBOX_LANYING_ACCESS_TOKEN}\`):
- \`1001\` **alice** (password \`alice-pass-1001\`): devices 1 (iOS, online) and 2 (web), tags \`vip\`, \`beta\`, alias \`alice-iphone\`, a push token bound to device 1
- \`1002\` **bob** (\`bob-pass-1002\`): device 1 (Android, offline), tag \`beta\`
- \`1003\` **carol** (\`carol-pass-1003\`): **disabled**
- \`1004\` **dave** (\`dave-pass-1004\`), \`1005\` **erin** (\`erin-pass-1005\`)

Easemob (org \`${SANDBOX_EASEMOB_ORG}\`, app \`${SANDBOX_EASEMOB_APP}\`, client id \`${SANDBOX_EASEMOB_CLIENT_ID}\`, secret \`${SANDBOX_EASEMOB_CLIENT_SECRET}\`):
- users: alice, bob, carol, dave, erin, mallory
- group \`${SEED_GROUP_PUBLIC_ID}\` **Sandbox Lounge** (public, maxusers 200): owner alice, admin bob, members carol, dave, erin, mallory; mallory muted for 24 h; dave on the white list; an announcement; share file \`welcome.txt\`; thread \`${SEED_THREAD_ID}\` "Launch planning" (alice, bob, carol)
- group \`${SEED_GROUP_PRIVATE_ID}\` **Core Team** (private, maxusers 50): owner bob, members alice, carol; mallory blocked
`;

// ---------------------------------------------------------------------------
// Persistence
// ---------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const setting = (path: string) => `IM_ADMIN_SANDBOX_STATE (${path})`;

/** Errors of the state file name the setting; every filesystem step has a time limit (fs-limits.ts). */
export class SandboxStateError extends Error {
  override readonly name = 'SandboxStateError';
}

/**
 * Load state from `path`; returns undefined when the file does not exist. Throws SandboxStateError on a corrupt or
 * unreadable file.
 */
export async function loadState(path: string, stepMs = FS_STEP_MS): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await withFsDeadline(readFile(path, 'utf8'), stepMs, `${setting(path)}: reading`);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return undefined;
    throw new SandboxStateError(describeFsError(`${setting(path)} cannot be read`, err));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SandboxStateError(`${setting(path)} is not valid JSON: ${(err as Error).message}`);
  }
  if (
    !isRecord(parsed) ||
    parsed.version !== 1 ||
    !isRecord(parsed.lanying) ||
    !Array.isArray(parsed.lanying.users) ||
    !isRecord(parsed.easemob) ||
    !Array.isArray(parsed.easemob.groups)
  ) {
    throw new SandboxStateError(`${setting(path)} does not hold sandbox state (version 1)`);
  }
  return parsed as unknown as SandboxState;
}

/** Write state atomically: a temp file in the same folder, then rename over the target. */
export async function saveState(path: string, state: SandboxState, stepMs = FS_STEP_MS): Promise<void> {
  const what = setting(path);
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await ensureDir(dir, 0o700, `${what}: creating its folder`, stepMs);
    await withFsDeadline(writeFile(tmp, JSON.stringify(state), { mode: 0o600 }), stepMs, `${what}: writing`);
    await withFsDeadline(rename(tmp, path), stepMs, `${what}: replacing the file`);
  } catch (err) {
    void rm(tmp, { force: true }).catch(() => {});
    throw new SandboxStateError(describeFsError(`${what} cannot be written`, err));
  }
}
