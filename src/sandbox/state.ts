/**
 * The whole sandbox state: one JSON-serialisable object per vendor, so it can be written to disk as is
 * (persistence.ts) and asserted on directly by tests. Each vendor's types and seed live beside its routes.
 */
import {
  createEasemobSeed,
  type EasemobState,
  SANDBOX_EASEMOB_APP,
  SANDBOX_EASEMOB_CLIENT_ID,
  SANDBOX_EASEMOB_CLIENT_SECRET,
  SANDBOX_EASEMOB_ORG,
  SEED_GROUP_PRIVATE_ID,
  SEED_GROUP_PUBLIC_ID,
  SEED_THREAD_ID,
} from './easemob/state.js';
import {
  createLanyingSeed,
  type LanyingState,
  SANDBOX_LANYING_ACCESS_TOKEN,
  SANDBOX_LANYING_APP_ID,
} from './lanying/state.js';

export interface SandboxState {
  version: 1;
  lanying: LanyingState;
  easemob: EasemobState;
}

/** Build the deterministic seed. Only mute expiry depends on the clock (it is relative to `now`). */
export function createSeedState(now: number): SandboxState {
  return { version: 1, lanying: createLanyingSeed(), easemob: createEasemobSeed(now) };
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
