/**
 * Extra seed data: Easemob users beyond alice … mallory, from a JSON seed file (IM_ADMIN_SANDBOX_SEED,
 * `sandbox --seed FILE`) and from options (`sandbox --easemob-user NAME`). The file reads
 * `{"easemob": {"users": ["zoe", "yan"]}}`; every problem is refused with a message naming the setting,
 * the file and what to change. Reading has a time limit (fs-limits.ts).
 */
import { readFile } from 'node:fs/promises';
import { describeFsError, errCode, FS_STEP_MS, withFsDeadline } from '../fs-limits.js';
import { isJsonObject } from './http.js';
import type { SandboxState } from './state.js';

/** What a seed file adds to the sandbox. */
interface SandboxSeed {
  easemobUsers: string[];
}

class SandboxSeedError extends Error {
  override readonly name = 'SandboxSeedError';
}

/**
 * An Easemob user id as the vendor registers them: 1–64 of letters, digits, `_`, `-` and `.`, the rule the tools'
 * listed schemas state (src/tools/params.ts `EASEMOB_ID`; the sandbox imports nothing of the catalog, a test ties the
 * two), so every seeded user can be named in a tool call.
 */
const EASEMOB_USER_ID = /^[A-Za-z0-9_.-]{1,64}$/;

function isEasemobUserId(v: string): boolean {
  return EASEMOB_USER_ID.test(v) && v !== '.' && v !== '..';
}

const EXAMPLE = '{"easemob": {"users": ["zoe"]}}';
const setting = (path: string) => `IM_ADMIN_SANDBOX_SEED (${path})`;

/** Parse and validate seed-file text; `where` names the setting and the file in every message. */
function parseSeed(text: string, where: string): SandboxSeed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SandboxSeedError(`${where} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isJsonObject(parsed)) throw new SandboxSeedError(`${where} must hold a JSON object like ${EXAMPLE}`);
  for (const key of Object.keys(parsed)) {
    if (key !== 'easemob') throw new SandboxSeedError(`${where} has an unknown key "${key}"; known keys: easemob`);
  }
  const easemob = parsed.easemob;
  if (easemob === undefined) return { easemobUsers: [] };
  if (!isJsonObject(easemob)) throw new SandboxSeedError(`${where}: easemob must be an object like ${EXAMPLE}`);
  for (const key of Object.keys(easemob)) {
    if (key !== 'users') {
      throw new SandboxSeedError(`${where}: easemob has an unknown key "${key}"; known keys: users`);
    }
  }
  const users = easemob.users ?? [];
  if (!Array.isArray(users)) throw new SandboxSeedError(`${where}: easemob.users must be an array of user ids`);
  return {
    easemobUsers: users.map((user, i) => {
      if (typeof user !== 'string') throw new SandboxSeedError(`${where}: easemob.users[${i}] must be a string`);
      if (!isEasemobUserId(user)) {
        throw new SandboxSeedError(
          `${where}: easemob.users[${i}] "${user}" is not a valid Easemob user id (1-64 of letters, digits, _ - ., not . or ..)`,
        );
      }
      return user;
    }),
  };
}

/** Read and validate the seed file at `path`. */
export async function loadSeedFile(path: string, stepMs = FS_STEP_MS): Promise<SandboxSeed> {
  let text: string;
  try {
    text = await withFsDeadline(readFile(path, 'utf8'), stepMs, `${setting(path)}: reading`);
  } catch (err) {
    if (errCode(err) === 'ENOENT') {
      throw new SandboxSeedError(
        `${setting(path)} cannot be read: the file does not exist (unset the variable or create it)`,
      );
    }
    throw new SandboxSeedError(describeFsError(`${setting(path)} cannot be read`, err));
  }
  return parseSeed(text, setting(path));
}

/** Users given one by one (`sandbox --easemob-user NAME`), validated. */
export function checkEasemobUsers(users: readonly string[]): string[] {
  for (const user of users) {
    if (!isEasemobUserId(user)) {
      throw new SandboxSeedError(
        `--easemob-user "${user}" is not a valid Easemob user id (1-64 of letters, digits, _ - ., not . or ..)`,
      );
    }
  }
  return [...users];
}

/** Add the users to the state (after the seed's own, in order, once each). True when something was added. */
export function addEasemobUsers(state: SandboxState, users: readonly string[]): boolean {
  let added = false;
  for (const user of users) {
    if (!state.easemob.users.includes(user)) {
      state.easemob.users.push(user);
      added = true;
    }
  }
  return added;
}
