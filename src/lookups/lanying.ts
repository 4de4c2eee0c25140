/** Lanying lookups: a user by username. */
import { z } from 'zod';
import { listUsers } from '../tools/lanying/accounts.js';
import { capText, isObj, lookup, rowOf, WALKED } from './define.js';

const DEFAULT_USER_PAGES = 10;

export const findUser = lookup({
  name: 'lanying_find_user',
  title: 'Find user by username',
  description:
    'Find a user by exact username via lanying_list_users, up to max_pages pages of 200; cap_reached: the cap stopped it first.',
  vendor: 'lanying',
  toolset: 'lanying_accounts',
  input: z.strictObject({
    username: z.string().min(1).max(128),
    max_pages: z.number().int().min(1).max(50).optional().describe(`default ${DEFAULT_USER_PAGES}`),
  }),
  output: { found: 'boolean', user: rowOf(listUsers), ...WALKED },
  composedOf: [listUsers],
  async run({ username, max_pages = DEFAULT_USER_PAGES }, reads) {
    const match = (rows: unknown[]) => rows.filter(isObj).find((u) => u.username === username);
    const walk = await reads.pages(listUsers, {}, max_pages, (rows) => match(rows) !== undefined);
    const user = match(walk.rows) ?? null;
    return {
      structured: {
        found: user !== null,
        user,
        pages_read: walk.pages,
        page_cap: max_pages,
        cap_reached: walk.capReached,
      },
      summary: user
        ? `OK: ${username} is user_id ${String(user.user_id)}.`
        : `OK: no user named "${username}".${capText(walk, max_pages, 'user list')}`,
    };
  },
});
