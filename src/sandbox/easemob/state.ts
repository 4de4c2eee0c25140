/**
 * Easemob sandbox state: the fixed credentials, group/thread/token records, and the seed
 * (users alice … mallory, two groups, one thread, one share file).
 * Plain JSON-serialisable data (share-file bytes are kept base64-encoded).
 */

import { SEED_EPOCH } from '../seed-time.js';

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

export const SEED_GROUP_PUBLIC_ID = '100000000000001';
export const SEED_GROUP_PRIVATE_ID = '100000000000002';
export const SEED_THREAD_ID = '200000000000001';
export const SEED_FILE_ID = '00000000-0000-1000-8000-000000000001';
export const SEED_FILE_CONTENT = 'Hello from the im-admin-mcp sandbox!\n';
/** Mallory's seeded mute in the public group lasts this long from sandbox start. */
const SEED_MUTE_DURATION_MS = 24 * 3600 * 1000;
/** The Easemob users of the seed, in order. */
const SEED_EASEMOB_USERS: readonly string[] = ['alice', 'bob', 'carol', 'dave', 'erin', 'mallory'];

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

/** The deterministic Easemob seed. Only mute expiry depends on the clock (it is relative to `now`). */
export function createEasemobSeed(now: number): EasemobState {
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
    users: [...SEED_EASEMOB_USERS],
    groups: [lounge, core],
    threads: [thread],
    tokens: [{ token: SANDBOX_EASEMOB_APP_TOKEN, expiresAt: null }],
    nextGroupId: 100000000000003,
    nextThreadId: 200000000000002,
    nextFileSeq: 2,
  };
}
