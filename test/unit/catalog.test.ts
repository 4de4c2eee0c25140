/** Invariants over the whole catalog: the rules every entry must keep, checked on data, not by review. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BATCH_ACCEPT } from '../../src/execute/batch.js';
import { callSchema, toJsonSchema } from '../../src/execute/schema.js';
import { preimageUsers } from '../../src/guards/preview.js';
import { LOOKUPS } from '../../src/lookups/index.js';
import type { PreflightRule, Preimage, TargetDecl, TargetKind } from '../../src/tools/define.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { ID_KINDS } from '../../src/tools/params.js';
import { TOOLSETS } from '../../src/tools/toolsets.js';
import { VENDORS } from '../../src/vendors/index.js';
import { TOOL_COUNT } from '../helpers/catalog.js';

/** the vendor documentation the catalog implements, beside the repository as in CI (`../shared`) */
const SEEDS = join(import.meta.dirname, '../../../shared/seeds');

type Json = Record<string, unknown>;
const schemaOf = (t: (typeof ALL_TOOLS)[number]) => toJsonSchema(callSchema(t)) as Json;

/** Which declared kinds fit an id of a registered kind (a user id may name a user acted on, given or acting). */
const FITS: Record<string, TargetKind[]> = {
  user: ['user', 'recipient', 'actor'],
  group: ['group'],
  thread: ['thread'],
  file: ['file'],
  device: ['device'],
  tag: ['tag'],
};

/**
 * The id kinds a property's schema holds: itself, its list items, or (for a list of objects) an item field. Reads
 * the ID_KINDS registry through optional, array and transform wrappers.
 */
function idKindsIn(schema: unknown): { kind: string; field?: string }[] {
  const found: { kind: string; field?: string }[] = [];
  const walk = (s: unknown, field?: string): void => {
    if (!s || typeof s !== 'object') return;
    const k = ID_KINDS.get(s as z.ZodType);
    if (k) {
      found.push(field ? { kind: k.kind, field } : { kind: k.kind });
      return;
    }
    const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') walk(def.innerType, field);
    else if (def.type === 'array') walk(def.element, field);
    else if (def.type === 'pipe') walk(def.in, field);
    else if (def.type === 'object' && field === undefined) {
      for (const [name, sub] of Object.entries(def.shape as Record<string, unknown>)) walk(sub, name);
    }
  };
  walk(schema);
  return found;
}

describe('declared targets (the one declaration protection, previews, caps and audit lines read)', () => {
  it.each(ALL_TOOLS.map((t) => [t.name, t] as const))(
    '%s declares every property that holds a user, group, thread, file, device or tag id, with a fitting kind',
    (_name, t) => {
      const shape = t.input.shape as Record<string, unknown>;
      const declared = (t.targets ?? {}) as Record<string, TargetDecl>;
      for (const [prop, schema] of Object.entries(shape)) {
        for (const { kind, field } of idKindsIn(schema)) {
          const decl = declared[prop];
          expect(decl, `${prop} holds ${kind} ids and must be declared in targets`).toBeDefined();
          const declKind = typeof decl === 'string' ? decl : decl?.kind;
          expect(FITS[kind], `${prop}: a ${kind} id declared as ${declKind}`).toContain(declKind);
          if (field) expect(decl, `${prop}: the item field naming the ${kind}`).toEqual({ kind: declKind, field });
        }
      }
      for (const prop of Object.keys(declared)) {
        expect(idKindsIn(shape[prop]).length, `${prop} is declared but its schema names no known kind of id`).toBe(1);
      }
      if (t.alsoActsOn?.includes('group_owner')) {
        expect(Object.values(declared), 'an implied owner needs the group declared').toContain('group');
      }
    },
  );

  it('the transfer of ownership is the only call that acts on someone not named in it', () => {
    expect(ALL_TOOLS.filter((t) => t.alsoActsOn?.length).map((t) => t.name)).toEqual(['easemob_transfer_group_owner']);
  });
});

/**
 * The operations of the vendor documentation the catalog implements (the only place the counts are written):
 * Lanying: the numbered sections 1.1 to 1.41 of its user API ("1 User action"; one section may list two methods,
 * e.g. 1.1 PUT and POST /user/authmode, still one operation); Easemob: the 50 sections with an "HTTP 请求" line of
 * its group management page (群组管理). Counted from the documents the catalog was written from; a new documented
 * operation changes this and adds an entry.
 */
const DOCUMENTED = { lanying: 41, easemob: 50 } as const;

describe('catalog invariants', () => {
  it('has one tool per documented operation (41 Lanying, 50 Easemob) with unique names', () => {
    expect(ALL_TOOLS.filter((t) => t.vendor === 'lanying')).toHaveLength(DOCUMENTED.lanying);
    expect(ALL_TOOLS.filter((t) => t.vendor === 'easemob')).toHaveLength(DOCUMENTED.easemob);
    // what every test of a served tools/list compares with
    expect(ALL_TOOLS.length).toBe(DOCUMENTED.lanying + DOCUMENTED.easemob);
    expect(new Set(ALL_TOOLS.map((t) => t.name)).size).toBe(ALL_TOOLS.length);
    // served besides them: the lookups composed of them (contract §3)
    expect(TOOL_COUNT).toBe(ALL_TOOLS.length + LOOKUPS.length);
  });

  it("keeps the documentation order: an entry's position is its place in the vendor's documentation", () => {
    // Lanying headings carry their number: position N is heading 1.N
    ALL_TOOLS.filter((x) => x.vendor === 'lanying').forEach((t, i) => {
      expect(t.doc.startsWith(`1.${i + 1} `), `${t.name} at position ${i + 1}`).toBe(true);
    });
    // Easemob headings appear in the seed pages in the order of the entries
    const pages = readdirSync(SEEDS)
      .sort()
      .map((f) => readFileSync(join(SEEDS, f), 'utf8'))
      .filter((text) => text.includes('环信') || text.includes('chatgroups'))
      .join('\n');
    const lines = pages.split('\n').map((l) => l.trim());
    let at = -1;
    for (const t of ALL_TOOLS.filter((x) => x.vendor === 'easemob')) {
      const next = lines.indexOf(t.doc, at + 1);
      expect(next, `${t.doc} (${t.name}) comes after the previous entry's heading`).toBeGreaterThan(at);
      at = next;
    }
  });

  it.each(ALL_TOOLS.map((t) => [t.name, t] as const))(
    '%s follows the naming, annotation and schema rules',
    (name, t) => {
      expect(name).toMatch(new RegExp(`^${t.vendor}_[a-z0-9]+(_[a-z0-9]+)+$`));
      expect(name.length).toBeLessThanOrEqual(64);
      for (const k of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof t.annotations[k]).toBe('boolean');
      }
      if (t.annotations.readOnlyHint) expect(t.annotations.destructiveHint).toBe(false);
      expect(t.toolset in TOOLSETS).toBe(true);
      expect(t.toolset.startsWith(t.vendor)).toBe(true);
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(20);
      expect(t.description.length).toBeLessThanOrEqual(200);

      const s = schemaOf(t);
      expect(s.type).toBe('object');
      expect(s.additionalProperties).toBe(false);
      expect(s.$schema).toBeUndefined();
      const props = s.properties as Record<string, Json>;
      const required = (s.required as string[] | undefined) ?? [];
      expect(JSON.stringify(s)).not.toContain('9007199254740991');
      expect(JSON.stringify(s)).not.toContain('"default"');

      if (t.annotations.destructiveHint) {
        expect(props.confirmation_token?.type).toBe('string');
        expect(required).not.toContain('confirmation_token');
        expect(Object.keys(t.targets ?? {}).length, 'destructive tools name their targets').toBeGreaterThan(0);
        expect(t.effect, 'destructive tools say what is lost').toBeTruthy();
        expect(t.preimage, 'destructive tools declare what their preview reads').toBeDefined();
        const needs: Record<string, string> = {
          group: 'group_id',
          group_mutes: 'group_id',
          group_blocks: 'group_id',
          share_file: 'file_id',
          lanying_user: 'user_id',
          lanying_users: 'list',
          lanying_device: 'user_id',
          lanying_tags: 'user_id',
        };
        const need = needs[t.preimage ?? 'none'];
        if (need) expect(Object.keys(t.targets ?? {}), `preimage ${t.preimage} reads by ${need}`).toContain(need);
        if (t.preimage?.startsWith('lanying')) expect(t.vendor).toBe('lanying');
        if (t.preimage?.startsWith('group') || t.preimage === 'share_file') expect(t.vendor).toBe('easemob');
      } else {
        expect(props.confirmation_token).toBeUndefined();
        expect(t.preimage, 'only destructive tools read a pre-image').toBeUndefined();
      }
      for (const target of Object.keys(t.targets ?? {})) expect(props[target], `target ${target}`).toBeDefined();

      // every path placeholder is a required property (Easemob org/app come from configuration)
      const template = t.http.route ?? t.http.path;
      for (const [, p] of template.matchAll(/\{([^}]+)\}/g)) {
        if (p === 'org_name' || p === 'app_name') continue;
        expect(required, `path parameter ${p}`).toContain(p);
      }
      for (const q of t.http.query ?? []) expect(props[q], `query ${q}`).toBeDefined();
      for (const h of Object.keys(t.http.headers ?? {})) expect(props[h], `header ${h}`).toBeDefined();
      for (const forbidden of ['host', 'org_name', 'app_name', 'app_id', 'access-token', 'Authorization']) {
        expect(props[forbidden], `${forbidden} comes from configuration`).toBeUndefined();
      }
      // a batch property lists what one tool call accepts; the vendor's per-call limit splits it (execute/batch.ts)
      if (t.batch) {
        expect(props[t.batch.prop]?.type, `batch property ${t.batch.prop}`).toBe('array');
        expect(props[t.batch.prop]?.maxItems, `accepted items of ${t.batch.prop}`).toBe(BATCH_ACCEPT);
        expect(t.batch.max).toBeLessThan(BATCH_ACCEPT);
      }
      // paging is declared, never guessed: every cursor or page-number query parameter belongs to a declaration
      const query = t.http.query ?? [];
      const pagingWords = query.filter((q) => /^(cursor|page_?num)$/.test(q));
      if (pagingWords.length > 0 && t.annotations.readOnlyHint)
        expect(t.paging, `${pagingWords.join(', ')} without a paging declaration`).toBeDefined();
      if (t.paging) {
        const p = t.paging;
        expect(t.annotations.readOnlyHint, 'only reads page').toBe(true);
        const used = p.kind === 'cursor' ? [p.cursor, p.size] : [p.page, p.size];
        for (const q of used) if (q) expect(query, `paging property ${q} is a query parameter`).toContain(q);
        if (p.kind === 'page') expect(props[p.page]?.minimum, 'the first page is the listed minimum').toBe(p.first);
        if (p.size) expect(typeof props[p.size]?.maximum, 'the page size has a listed maximum').toBe('number');
        expect(props.max_items, 'paged lists accept max_items').toBeDefined();
      } else {
        expect(props.max_items).toBeUndefined();
      }
      // the vendor's client adds its own prefix (vendors/*.ts pathPrefix): the entry writes the rest, verbatim
      if (t.vendor === 'lanying') expect(t.http.path.startsWith('/user/')).toBe(true);
      expect(t.http.path).toMatch(/^\/[a-z]/);
      expect(t.http.path, `the client adds ${VENDORS[t.vendor].pathPrefix || 'any prefix'}`).not.toContain(
        '{org_name}',
      );
    },
  );

  it('declares on every destructive entry its preflight refusals, each backed by what its pre-image reads', () => {
    // rule → the pre-image kinds that can decide it (guards/preflight.ts); user rules need users among the targets
    const decidedBy: Record<PreflightRule, readonly Preimage[]> = {
      not_found: [
        'group',
        'group_mutes',
        'group_blocks',
        'share_file',
        'lanying_user',
        'lanying_users',
        'lanying_device',
        'lanying_tags',
      ],
      group_disabled: ['group', 'group_mutes', 'group_blocks'],
      already_disabled: ['group', 'lanying_users'],
      already_muted: ['group'],
      owner: ['group', 'group_mutes', 'group_blocks'],
      not_member: ['group', 'group_mutes', 'group_blocks'],
      not_admin: ['group'],
      already_owner: ['group'],
      already_blocked: ['group_blocks'],
      not_bound: ['lanying_tags'],
    };
    const userRules: PreflightRule[] = ['owner', 'not_member', 'not_admin', 'already_owner', 'already_blocked'];
    for (const t of ALL_TOOLS) {
      if (!t.annotations.destructiveHint) {
        expect(t.preflight, `${t.name}: only destructive tools are preflighted`).toBeUndefined();
        continue;
      }
      expect(Array.isArray(t.preflight), `${t.name} declares preflight (an empty list when nothing can be read)`).toBe(
        true,
      );
      const rules = t.preflight ?? [];
      expect(new Set(rules).size, `${t.name}: no duplicate rules`).toBe(rules.length);
      const kind = t.preimage ?? 'none';
      if (kind === 'none') expect(rules, `${t.name} reads nothing, so it cannot refuse`).toEqual([]);
      else expect(rules, `${t.name} reads ${kind}: a missing one is refused`).toContain('not_found');
      for (const r of rules) expect(decidedBy[r], `${t.name}: ${r} is decided by a ${kind} pre-image`).toContain(kind);
      const users = preimageUsers(t);
      if (rules.some((r) => userRules.includes(r)))
        expect(users.length, `${t.name}: user rules need user targets`).toBe(1);
      // a group change that names users refuses the owner unless the rule set already covers it
      if (users.length && kind.startsWith('group')) {
        expect(
          rules.some((r) => ['owner', 'not_admin', 'already_owner'].includes(r)),
          `${t.name}: owner`,
        ).toBe(true);
      }
    }
  });

  it('declares how long a change lasts where the call says so, on a required integer property', () => {
    const lasting = ALL_TOOLS.filter((t) => t.duration);
    expect(lasting.map((t) => t.name)).toEqual(['easemob_mute_members']);
    for (const t of lasting) {
      const s = schemaOf(t);
      const prop = t.duration?.prop ?? '';
      expect((s.properties as Record<string, Json>)[prop]?.type).toBe('integer');
      expect(s.required).toContain(prop);
      expect(t.annotations.destructiveHint).toBe(true);
    }
  });

  it('uses the `run` escape hatch only for the reviewed operations', () => {
    expect(ALL_TOOLS.filter((t) => t.run).map((t) => t.name)).toEqual([
      'easemob_upload_share_file',
      'easemob_download_share_file',
    ]);
  });

  it('never derives safety from the verb: the documented POST reads and DELETE non-destructive cases hold', () => {
    const byName = new Map(ALL_TOOLS.map((t) => [t.name, t]));
    expect(byName.get('easemob_get_members_metadata')?.http.method).toBe('POST');
    expect(byName.get('easemob_get_members_metadata')?.annotations.readOnlyHint).toBe(true);
    expect(byName.get('easemob_remove_allowlist_users')?.http.method).toBe('DELETE');
    expect(byName.get('easemob_remove_allowlist_users')?.annotations.destructiveHint).toBe(false);
    expect(byName.get('easemob_mute_members')?.annotations.destructiveHint).toBe(true);
    for (const n of [
      'lanying_set_push_disabled',
      'lanying_set_push_detail_hidden',
      'lanying_set_sounds_off',
      'easemob_set_member_metadata',
    ]) {
      expect(byName.get(n)?.annotations.destructiveHint, n).toBe(false);
    }
  });
});
