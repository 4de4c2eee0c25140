/**
 * Easemob ids are not case sensitive (its SDKs lower-case them): the pre-image read and the preflight it feeds compare
 * the vendor's way, so `BOB` is the admin `bob`, and a call on a user named in other case is neither refused as "not
 * a member" nor let past the owner rule. Sandbox seed: group 100000000000001 owned by alice, admin bob, members
 * carol, dave, erin and mallory (mallory muted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_GROUP_PUBLIC_ID } from '../../src/sandbox/index.js';
import { type InProcess, startInProcess, textOf } from '../helpers/in-process.js';

let s: InProcess;
beforeAll(async () => {
  s = await startInProcess({ IM_ADMIN_EASEMOB_RATE: '0', IM_ADMIN_LANYING_RATE: '0' });
});
afterAll(async () => s?.close());

const G = SEED_GROUP_PUBLIC_ID;
type Sc = {
  confirmation_required?: boolean;
  error?: { kind: string; reason?: string };
  preview?: { current?: unknown };
};

describe('preflight compares Easemob user ids without regard to case', () => {
  it.each([
    ['easemob_remove_admin', { group_id: G, username: 'BOB' }],
    ['easemob_remove_member', { group_id: G, username: 'Carol' }],
    ['easemob_transfer_group_owner', { group_id: G, newowner: 'DAVE' }],
  ])('%s on a user named in other case asks for confirmation', async (tool, args) => {
    const r = await s.call(tool, args);
    const sc = r.structuredContent as Sc;
    expect(sc.confirmation_required, textOf(r)).toBe(true);
  });

  it('the owner named in other case is still the owner (refused before anything is asked)', async () => {
    const r = await s.call('easemob_block_user', { group_id: G, username: 'ALICE' });
    expect((r.structuredContent as Sc).error).toEqual({ kind: 'preflight', reason: 'owner' });
  });

  it("a muted member named in other case shows the mute's end in the preview", async () => {
    const r = await s.call('easemob_mute_members', { group_id: G, usernames: ['MALLORY'], mute_duration: 60_000 });
    const current = (r.structuredContent as { preview: { current: { muted_until: Record<string, string> } } }).preview
      .current;
    expect(Object.keys(current.muted_until)).toEqual(['MALLORY']);
  });
});
