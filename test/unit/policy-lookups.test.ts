/** A lookup is served only with every read it is composed of: excluding a read excludes what is built on it. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { selectTools } from '../../src/guards/policy.js';
import { LOOKUPS } from '../../src/lookups/index.js';
import { ALL_TOOLS } from '../../src/tools/index.js';

const served = (env: Record<string, string>) =>
  selectTools([...ALL_TOOLS, ...LOOKUPS], loadConfig(env), ['lanying', 'easemob']).map((t) => t.name);

describe('lookups follow the reads they are composed of', () => {
  it('are served with everything on', () => {
    expect(served({})).toEqual(expect.arrayContaining(LOOKUPS.map((l) => l.name)));
  });
  it('are not served when one of their reads is excluded', () => {
    const names = served({ IM_ADMIN_EXCLUDE_TOOLS: 'easemob_list_groups,lanying_list_users' });
    expect(names).not.toContain('easemob_find_groups');
    expect(names).not.toContain('lanying_find_user');
    expect(names).toContain('easemob_get_member_standing');
  });
});
