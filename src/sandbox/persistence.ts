/**
 * The sandbox state file (IM_ADMIN_SANDBOX_STATE): load at start, rewrite atomically after each change.
 * Every filesystem step has a time limit and names the setting (fs-limits.ts).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, ensureDir, errCode, FS_STEP_MS, withFsDeadline } from '../fs-limits.js';
import { isJsonObject } from './http.js';
import type { SandboxState } from './state.js';

const setting = (path: string) => `IM_ADMIN_SANDBOX_STATE (${path})`;

/** Errors of the state file name the setting; every filesystem step has a time limit (fs-limits.ts). */
class SandboxStateError extends Error {
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
    !isJsonObject(parsed) ||
    parsed.version !== 1 ||
    !isJsonObject(parsed.lanying) ||
    !Array.isArray(parsed.lanying.users) ||
    !isJsonObject(parsed.easemob) ||
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
