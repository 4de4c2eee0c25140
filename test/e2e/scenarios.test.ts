/**
 * End to end: moderation scenarios across several tools, through a real MCP client over stdio, against the built
 * server talking to the built-in sandbox started in this process. Two servers share the sandbox: a trusted bot
 * (IM_ADMIN_CONFIRM=off) and a person's server with the default `auto` confirmation and no elicitation, so
 * destructive calls take the confirmation-token round trip. The sandbox is reset to the seed before every test.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SandboxHandle,
  SEED_GROUP_PRIVATE_ID,
  SEED_GROUP_PUBLIC_ID,
  startSandbox,
} from '../../src/sandbox/index.js';
import { type Started, startServer } from '../helpers/mcp-client.js';
import { call, emGroup, type Json, resetSandbox, sandboxEnv, snapshot } from './helpers.js';

const L = SEED_GROUP_PUBLIC_ID; // Sandbox Lounge: owner alice, admin bob, members carol dave erin mallory
const C = SEED_GROUP_PRIVATE_ID; // Core Team: owner bob, members alice carol, mallory blocked

let sb: SandboxHandle;
/** the person's server's files folder (IM_ADMIN_FILES_DIR) */
const FILES = mkdtempSync(join(tmpdir(), 'im-admin-e2e-share-'));
/** IM_ADMIN_CONFIRM=off: a trusted moderation bot */
let bot: Started;
/** IM_ADMIN_CONFIRM unset (auto), no elicitation: destructive calls need a confirmation token */
let person: Started;

beforeAll(async () => {
  sb = await startSandbox();
  [bot, person] = await Promise.all([
    startServer({ env: sandboxEnv(sb, { IM_ADMIN_CONFIRM: 'off' }) }),
    startServer({ env: sandboxEnv(sb, { IM_ADMIN_FILES_DIR: FILES }) }),
  ]);
});
afterAll(async () => {
  await bot?.close();
  await person?.close();
  await sb?.close();
});
beforeEach(() => resetSandbox(sb));

function auditLines(server: Started): Json[] {
  if (!existsSync(server.auditPath)) return [];
  return readFileSync(server.auditPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('moderation scenarios', () => {
  it('mute a member, see the mute with its expiry, unmute', async () => {
    const t0 = Date.now();
    const muted = await call(bot, 'easemob_mute_members', {
      group_id: L,
      usernames: ['erin'],
      mute_duration: 600_000,
      reason: 'flooding the lounge',
    });
    const t1 = Date.now();
    expect(muted.isError, muted.text).toBe(false);
    const [row] = muted.sc.data;
    expect(row).toMatchObject({ result: true, user: 'erin' });
    expect(row.expire).toBeGreaterThanOrEqual(t0 + 600_000);
    expect(row.expire).toBeLessThanOrEqual(t1 + 600_000);
    expect(emGroup(sb.state, L).mutes).toContainEqual({ user: 'erin', expire: row.expire });

    const listed = await call(bot, 'easemob_list_muted_members', { group_id: L });
    expect(listed.isError, listed.text).toBe(false);
    const mallory = emGroup(sb.state, L).mutes.find((m) => m.user === 'mallory')?.expire;
    expect(listed.sc.data).toEqual(
      expect.arrayContaining([
        { user: 'erin', expire: row.expire, expire_iso: new Date(row.expire).toISOString() },
        { user: 'mallory', expire: mallory, expire_iso: new Date(mallory ?? 0).toISOString() },
      ]),
    );
    expect(listed.sc.data).toHaveLength(2);
    expect(listed.text).toContain(String(row.expire));

    const unmuted = await call(bot, 'easemob_unmute_members', { group_id: L, member: ['erin'] });
    expect(unmuted.isError, unmuted.text).toBe(false);
    expect(unmuted.sc).toEqual({ data: [{ result: true, user: 'erin' }] });
    expect(emGroup(sb.state, L).mutes.map((m) => m.user)).toEqual(['mallory']);

    const after = await call(bot, 'easemob_list_muted_members', { group_id: L });
    expect(after.sc.data).toEqual([
      { user: 'mallory', expire: mallory, expire_iso: new Date(mallory ?? 0).toISOString() },
    ]);

    const line = auditLines(bot).find((l) => l.tool === 'easemob_mute_members');
    expect(line).toMatchObject({ outcome: 'success', confirmed: 'off', reason: 'flooding the lounge' });
  });

  it('block a member, then re-adding is refused by the vendor with its code; unblocking lets them back', async () => {
    const blocked = await call(bot, 'easemob_block_user', { group_id: L, username: 'erin' });
    expect(blocked.isError, blocked.text).toBe(false);
    expect(emGroup(sb.state, L).blocks).toEqual(['erin']);
    expect(emGroup(sb.state, L).members).not.toContain('erin');

    const before = snapshot(sb.state);
    for (const [tool, args] of [
      ['easemob_add_member', { group_id: L, username: 'erin' }],
      ['easemob_add_members', { group_id: L, usernames: ['erin'] }],
    ] as const) {
      const r = await call(bot, tool, args);
      expect(r.isError, `${tool}: ${r.text}`).toBe(true);
      expect(r.sc.error).toMatchObject({ vendor: 'easemob', status: 403, code: 'forbidden_op' });
      expect(r.sc.error.message).toContain(`user: erin is in the block list of group: ${L}`);
      expect(r.text).toContain('Easemob error forbidden_op (HTTP 403)');
      expect(snapshot(sb.state)).toEqual(before);
    }

    const list = await call(bot, 'easemob_list_blocked_users', { group_id: L });
    expect(list.sc).toEqual({ data: ['erin'], count: 1 });

    expect((await call(bot, 'easemob_unblock_user', { group_id: L, username: 'erin' })).isError).toBe(false);
    const back = await call(bot, 'easemob_add_member', { group_id: L, username: 'erin' });
    expect(back.isError, back.text).toBe(false);
    expect(emGroup(sb.state, L).members).toContain('erin');
    expect(emGroup(sb.state, L).blocks).toEqual([]);
  });

  it('remove members in batch: more ids than one call allows is refused before sending; 60 go through', async () => {
    const others = Array.from({ length: 59 }, (_, i) => `ghost${i + 1}`);
    const before = snapshot(sb.state);
    const tooMany = await call(bot, 'easemob_remove_members', { group_id: L, members: ['carol', 'dave', ...others] });
    expect(tooMany.isError).toBe(true);
    // refused by the server itself: the schema's per-call maximum (invalid_arguments) or, where the server accepts
    // larger batches to split them, the cap on targets per destructive call (limit, IM_ADMIN_MAX_TARGETS = 60)
    expect(['invalid_arguments', 'limit']).toContain(tooMany.sc.error?.kind);
    expect(tooMany.text).toMatch(/members|61 targets/);
    expect(tooMany.text).toContain('Nothing was sent');
    expect(tooMany.sc.error?.vendor).toBeUndefined();
    expect(snapshot(sb.state)).toEqual(before);
    expect(auditLines(bot).filter((l) => l.tool === 'easemob_remove_members' && l.outcome !== 'refused')).toEqual([]);

    // exactly the documented maximum: sent, and the vendor answers per user
    const sixty = await call(bot, 'easemob_remove_members', {
      group_id: L,
      members: ['carol', 'dave', ...others.slice(0, 58)],
    });
    expect(sixty.isError, sixty.text).toBe(false);
    expect(sixty.sc.data).toHaveLength(60);
    expect(sixty.sc.data.filter((x: { result: boolean }) => x.result).map((x: { user: string }) => x.user)).toEqual([
      'carol',
      'dave',
    ]);
    expect(sixty.text).toContain('58 failed (see reason)');
    expect(emGroup(sb.state, L).members).toEqual(['bob', 'erin', 'mallory']);
  });

  it('transfer ownership, then the old owner is an ordinary member', async () => {
    const r = await call(bot, 'easemob_transfer_group_owner', { group_id: C, newowner: 'alice' });
    expect(r.isError, r.text).toBe(false);
    expect(r.sc).toEqual({ data: { newowner: true } });
    expect(emGroup(sb.state, C)).toMatchObject({ owner: 'alice', members: ['carol', 'bob'] });

    const details = await call(bot, 'easemob_get_groups', { group_id: [C] });
    expect(details.sc.data[0]).toMatchObject({ id: C, owner: 'alice', affiliations_count: 3 });
    const members = await call(bot, 'easemob_list_members', { group_id: C });
    expect(members.sc.data).toEqual([{ owner: 'alice' }, { member: 'carol' }, { member: 'bob' }]);
    const joined = await call(bot, 'easemob_is_group_member', { group_id: C, username: 'bob' });
    expect(joined.sc).toEqual({ data: true });

    // the owner is protected by the vendor; the old owner no longer is
    const newOwner = await call(bot, 'easemob_remove_member', { group_id: C, username: 'alice' });
    expect(newOwner.isError).toBe(true);
    expect(newOwner.sc.error).toMatchObject({ status: 403, code: 'forbidden_op' });
    const oldOwner = await call(bot, 'easemob_remove_member', { group_id: C, username: 'bob' });
    expect(oldOwner.isError, oldOwner.text).toBe(false);
    expect(emGroup(sb.state, C).members).toEqual(['carol']);
  });

  it('dissolve with confirmation: the preview is read from the sandbox, the token executes, then it is gone', async () => {
    // make the live state differ from the seed, so the preview can only come from a fresh read
    expect((await call(bot, 'easemob_remove_member', { group_id: L, username: 'erin' })).isError).toBe(false);
    const group = emGroup(sb.state, L);
    const members = 1 + group.members.length;
    expect(members).toBe(5);

    const before = snapshot(sb.state);
    const t0 = Date.now();
    const first = await call(person, 'easemob_dissolve_group', { group_id: L, reason: 'closing the lounge' });
    expect(first.isError, first.text).toBe(false);
    const sc = first.sc;
    expect(sc.confirmation_required).toBe(true);
    expect(typeof sc.confirmation_token).toBe('string');
    const expires = Date.parse(sc.expires_at);
    expect(new Date(expires).toISOString()).toBe(sc.expires_at);
    expect(expires).toBeGreaterThanOrEqual(t0 + 299_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(sc.preview.targets).toEqual({ group_id: L });
    expect(sc.preview.current.group).toMatchObject({
      id: L,
      name: 'Sandbox Lounge',
      owner: 'alice',
      affiliations_count: members,
    });
    expect(first.text).toContain('Confirmation required');
    expect(first.text).toContain('Sandbox Lounge');
    expect(first.text).toContain(sc.confirmation_token);
    expect(snapshot(sb.state)).toEqual(before);

    // a token is bound to its arguments
    const other = await call(person, 'easemob_dissolve_group', {
      group_id: C,
      confirmation_token: sc.confirmation_token,
    });
    expect(other.isError).toBe(true);
    expect(other.text).toContain('issued for other values of group_id');
    expect(snapshot(sb.state)).toEqual(before);

    const second = await call(person, 'easemob_dissolve_group', {
      group_id: L,
      reason: 'closing the lounge',
      confirmation_token: sc.confirmation_token,
    });
    expect(second.isError, second.text).toBe(false);
    expect(second.sc).toEqual({ data: { success: true, groupid: L } });
    expect(sb.state.easemob.groups.map((g) => g.groupid)).toEqual([C]);
    expect(sb.state.easemob.threads.filter((t) => t.group_id === L)).toEqual([]);

    const gone = await call(person, 'easemob_get_groups', { group_id: [L] });
    expect(gone.isError).toBe(true);
    expect(gone.sc.error).toMatchObject({ status: 404, code: 'resource_not_found' });
    expect(gone.text).toContain(`grpID ${L} does not exist`);

    // a replay finds the group gone: preflight answers before the (used) token is even looked at
    const replay = await call(person, 'easemob_dissolve_group', {
      group_id: L,
      reason: 'closing the lounge',
      confirmation_token: sc.confirmation_token,
    });
    expect(replay.isError).toBe(true);
    expect(replay.sc).toEqual({ error: { kind: 'preflight', reason: 'not_found' } });
    expect(replay.text).toContain('does not exist');
    expect(snapshot(sb.state).easemob.groups.map((g) => g.groupid)).toEqual([C]);

    const executed = auditLines(person).filter((l) => l.tool === 'easemob_dissolve_group' && l.outcome === 'success');
    expect(executed).toHaveLength(1);
    expect(executed[0]).toMatchObject({
      confirmed: 'token',
      reason: 'closing the lounge',
      preimage: { group: { id: L, name: 'Sandbox Lounge', affiliations_count: members } },
    });
  });

  it('share file: upload from a temp file, list it, download to a path and inline, delete with confirmation', async () => {
    const bytes = Buffer.concat([Buffer.from([0x00, 0xff, 0x89, 0x50]), randomBytes(4092)]);
    writeFileSync(join(FILES, 'photo.bin'), bytes);

    const up = await call(person, 'easemob_upload_share_file', { group_id: C, file: 'photo.bin' });
    expect(up.isError, up.text).toBe(false);
    expect(up.sc).toMatchObject({ group_id: C, file_name: 'photo.bin', file_size: bytes.length });
    const fileId = up.sc.file_id as string;
    expect(emGroup(sb.state, C).files.map((f) => f.file_id)).toEqual([fileId]);

    const list = await call(person, 'easemob_list_share_files', { group_id: C });
    expect(list.isError, list.text).toBe(false);
    expect(list.sc.data).toEqual([
      expect.objectContaining({ file_id: fileId, file_name: 'photo.bin', file_size: bytes.length, file_owner: 'bob' }),
    ]);

    const saveTo = 'downloads/copy.bin';
    const saved = await call(person, 'easemob_download_share_file', { group_id: C, file_id: fileId, save_to: saveTo });
    expect(saved.isError, saved.text).toBe(false);
    expect(saved.sc).toEqual({ file_id: fileId, saved_to: saveTo, bytes: bytes.length });
    expect(readFileSync(join(FILES, saveTo)).equals(bytes)).toBe(true);

    const inline = await call(person, 'easemob_download_share_file', { group_id: C, file_id: fileId });
    expect(inline.isError, inline.text).toBe(false);
    expect(inline.sc.bytes).toBe(bytes.length);
    expect(Buffer.from(inline.sc.content_base64, 'base64').equals(bytes)).toBe(true);
    expect(inline.sc.text).toBeUndefined();

    const before = snapshot(sb.state);
    const first = await call(person, 'easemob_delete_share_file', { group_id: C, file_id: fileId });
    expect(first.isError, first.text).toBe(false);
    expect(first.sc.confirmation_required).toBe(true);
    expect(first.sc.preview.targets).toEqual({ group_id: C, file_id: fileId });
    expect(first.sc.preview.current.file).toMatchObject({
      file_id: fileId,
      file_name: 'photo.bin',
      file_size: bytes.length,
      file_owner: 'bob',
    });
    expect(first.text).toContain('photo.bin');
    expect(snapshot(sb.state)).toEqual(before);

    const second = await call(person, 'easemob_delete_share_file', {
      group_id: C,
      file_id: fileId,
      confirmation_token: first.sc.confirmation_token,
    });
    expect(second.isError, second.text).toBe(false);
    expect(second.sc).toEqual({ data: { group_id: C, file_id: fileId, result: true } });
    expect(emGroup(sb.state, C).files).toEqual([]);

    const after = await call(person, 'easemob_list_share_files', { group_id: C });
    expect(after.sc.data).toEqual([]);
    const missing = await call(person, 'easemob_download_share_file', { group_id: C, file_id: fileId });
    expect(missing.isError).toBe(true);
    expect(missing.sc.error).toMatchObject({ status: 404, code: 'resource_not_found' });
  });
});
