/**
 * The documentation's examples, sent to the emulator (docs/sandbox.md).
 *
 * test/sandbox/doc-examples.json is extracted from the seeds by scripts/doc-examples.mjs:
 * - Easemob: each 请求示例 (the curl command, parsed) with its 响应示例, per operation heading. Each is sent with its
 *   placeholders replaced by sandbox values (CASES below; state set up first where the example needs it), and the
 *   answer is compared with the documented answer: field names, nesting and JSON types, not values.
 * - Lanying: the seed has no examples, so each operation's tables stand in: a request built from its documented
 *   parameters (LANYING below uses only documented names), and the answer compared with its response table.
 * Where the sandbox sends a request differently from the example, or answers differently, the case says why and
 * docs/sandbox.md lists it under "sandbox differences".
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, SEED_FILE_CONTENT, SEED_FILE_ID } from '../../src/sandbox/index.js';
import { easemobClient, fakeClock, GROUP1, GROUP2, lanyingClient, start, THREAD1 } from './helpers.js';

interface EasemobExample {
  operation: string;
  variant?: number;
  curl: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null; form: string | null };
  response: unknown;
  responseText?: string;
}
interface Row {
  name: string;
  type: string;
  depth: number;
  required?: boolean;
}
interface LanyingOperation {
  operation: string;
  methods: string[];
  path: string;
  query: Row[];
  body: Row[];
  response: Row[];
}
const examples = JSON.parse(readFileSync(new URL('./doc-examples.json', import.meta.url), 'utf8')) as {
  lanying: LanyingOperation[];
  easemob: EasemobExample[];
};

let sb: SandboxHandle;
const clock = fakeClock();
beforeEach(async () => {
  clock.set(1_800_000_000_000);
  sb = await start({ now: clock.now });
});
afterEach(async () => {
  await sb.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Shape comparison: field names, nesting, JSON types
// ---------------------------------------------------------------------------------------------------------------

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Differences between a documented value and an actual one, by path. Objects must have the same keys; an array
 * documented with elements must have elements, each shaped like one of the documented ones.
 */
function shapeDiff(doc: unknown, actual: unknown, path = '$'): string[] {
  const t = typeOf(doc);
  if (t !== typeOf(actual)) return [`${path}: documented ${t}, got ${typeOf(actual)}`];
  if (t === 'object') {
    const d = doc as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const out: string[] = [];
    for (const k of Object.keys(d)) {
      if (!(k in a)) out.push(`${path}.${k}: documented, missing`);
      else out.push(...shapeDiff(d[k], a[k], `${path}.${k}`));
    }
    for (const k of Object.keys(a)) if (!(k in d)) out.push(`${path}.${k}: not documented`);
    return out;
  }
  if (t === 'array') {
    const d = doc as unknown[];
    const a = actual as unknown[];
    if (d.length === 0) return [];
    if (a.length === 0) return [`${path}: documented with elements, got none`];
    return a.flatMap((el, i) => {
      const tries = d.map((de) => shapeDiff(de, el, `${path}[${i}]`));
      return tries.find((x) => x.length === 0) ?? (tries.sort((x, y) => x.length - y.length)[0] as string[]);
    });
  }
  return [];
}

describe('shapeDiff', () => {
  it('finds missing, undocumented and mistyped fields, and empty arrays', () => {
    expect(shapeDiff({ a: 1, b: { c: 'x' }, d: [{ e: true }] }, { a: 2, b: { c: 'y' }, d: [{ e: false }] })).toEqual(
      [],
    );
    expect(shapeDiff({ a: 1, b: 'x' }, { a: '1', c: 1 })).toEqual([
      '$.a: documented number, got string',
      '$.b: documented, missing',
      '$.c: not documented',
    ]);
    expect(shapeDiff({ d: [{ e: 1 }] }, { d: [] })).toEqual(['$.d: documented with elements, got none']);
    expect(shapeDiff([{ owner: 'x' }, { member: 'y' }], [{ member: 'a' }, { owner: 'b' }])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Easemob: the 51 example requests
// ---------------------------------------------------------------------------------------------------------------

type Em = ReturnType<typeof easemobClient>;
interface EasemobCase {
  /** [placeholder, sandbox value], each replacing the first occurrence, in order, in the path and query and body */
  subs?: [string, string][];
  /** state the example needs; may return more substitutions (values only known at run time) */
  setup?: (em: Em) => Promise<[string, string][] | undefined> | Promise<void>;
  /** placeholders in the documented answer's keys (map-like data keyed by user) */
  responseSubs?: [string, string][];
  /** the example has a body but no Content-Type (curl then sends form encoding): sent as JSON (guide: 415) */
  addJsonContentType?: true;
  /** the example sends no body where the guide says one is needed */
  body?: string;
  /** fields the sandbox answers beyond the documented example, and the source that decided them */
  extraFields?: { fields: string[]; why: string };
}

/** The example of 获取 App 中的群组 leaves out three envelope fields that every other example carries. */
const LIST_ENVELOPE = {
  fields: ['$.application', '$.organization', '$.applicationName'],
  why: 'the seed lists them among the common response fields (公共参数) of every operation',
};

const ghost = 'ghost'; // not a user of the sandbox
const CASES: Record<string, EasemobCase> = {
  创建群组: {
    subs: [
      ['testuser', 'alice'],
      ['user2', 'bob'],
    ],
  },
  封禁群组: { subs: [['XXXX', GROUP1]] },
  解禁群组: { subs: [['XXXX', GROUP1]], setup: async (em) => void (await em('POST', `/chatgroups/${GROUP1}/disable`)) },
  修改群组信息: { subs: [['6XXXX7', GROUP1]], addJsonContentType: true },
  'App 中的群组 1': { setup: threeMoreGroups, extraFields: LIST_ENVELOPE },
  'App 中的群组 2': {
    extraFields: {
      fields: [...LIST_ENVELOPE.fields, '$.params.cursor'],
      why: `${LIST_ENVELOPE.why}; the one documented answer is the first page's, and every query parameter is echoed in params`,
    },
    setup: async (em) => {
      await threeMoreGroups(em);
      const first = await em('GET', '/chatgroups', { query: { limit: 1 } });
      return [['ZGNXXXX6Mg', first.body.cursor as string]];
    },
  },
  获取单个用户加入的所有群组: { subs: [['XXXX', 'alice']] },
  查看指定用户是否已加入群组: {
    subs: [
      ['XXXX', GROUP1],
      ['XXXX', 'dave'],
    ],
  },
  获取群组详情: { subs: [['66XXXX85', GROUP1]] },
  解散群组: { subs: [['6XXXX7', GROUP1]] },
  获取群组公告: { subs: [['6XXXX7', GROUP1]] },
  修改群组公告: { subs: [['6XXXX7', GROUP1]] },
  获取群组共享文件: { subs: [['6XXXX7', GROUP1]] },
  上传群组共享文件: { subs: [['66021836783617', GROUP1]] },
  下载群组共享文件: {
    subs: [
      ['6XXXX7', GROUP1],
      ['b30XXXX4f', SEED_FILE_ID],
    ],
  },
  删除群组共享文件: {
    subs: [
      ['6XXXX7', GROUP1],
      ['b30XXXX4f', SEED_FILE_ID],
    ],
  },
  分页获取群成员列表: { subs: [['10XXXX85', GROUP1]] },
  添加单个群组成员: {
    subs: [
      ['66XXXX85', GROUP2],
      ['user4', 'dave'],
    ],
  },
  批量添加群组成员: {
    subs: [
      ['66XXXX85', GROUP2],
      ['user4', 'dave'],
      ['user5', 'erin'],
    ],
  },
  移除单个群组成员: {
    subs: [
      ['66XXXX85', GROUP1],
      ['user3', 'erin'],
    ],
  },
  批量移除群组成员: {
    subs: [
      ['66XXXX85', GROUP1],
      ['ttXXXX81', ghost],
      ['user2', 'dave'],
      ['user3', 'erin'],
    ],
  },
  // carol already has an attribute (nickname): the answer holds only the keys set
  设置群成员自定义属性: {
    subs: [
      ['XXXX', GROUP1],
      ['XXXX', 'carol'],
    ],
  },
  获取单个群成员的所有自定义属性: {
    subs: [
      ['207059303858177', GROUP1],
      ['test2', 'dave'],
    ],
    setup: async (em) => void (await setMetadata(em, 'dave')),
  },
  '根据属性 key 获取多个群成员的自定义属性': {
    subs: [
      ['XXXX', GROUP1],
      ['test1', 'carol'],
      ['test2', 'dave'],
    ],
    responseSubs: [
      ['test1', 'carol'],
      ['test2', 'dave'],
    ],
    setup: async (em) => {
      await setMetadata(em, 'carol');
      await setMetadata(em, 'dave');
    },
  },
  获取群管理员列表: { subs: [['10XXXX85', GROUP1]] },
  添加群管理员: {
    subs: [
      ['10XXXX85', GROUP1],
      ['user1', 'carol'],
    ],
    addJsonContentType: true,
  },
  移除群管理员: {
    subs: [
      ['10XXXX85', GROUP1],
      ['user1', 'bob'],
    ],
  },
  转让群组: {
    subs: [
      ['66XXXX85', GROUP1],
      ['user2', 'bob'],
    ],
  },
  查询群组黑名单: { subs: [['66XXXX85', GROUP2]] },
  添加单个用户至群组黑名单: {
    subs: [
      ['66XXXX85', GROUP1],
      ['user1', 'erin'],
    ],
  },
  批量添加用户至群组黑名单: {
    subs: [
      ['66XXXX85', GROUP1],
      ['user3', ghost],
      ['user4', 'erin'],
    ],
  },
  从群组黑名单移除单个用户: {
    subs: [
      ['66XXXX85', GROUP2],
      ['user1', 'mallory'],
    ],
  },
  从群组黑名单批量移除用户: {
    subs: [
      ['66XXXX85', GROUP2],
      ['user1', 'mallory'],
      ['user2', 'carol'],
    ],
    setup: async (em) => void (await em('POST', `/chatgroups/${GROUP2}/blocks/users/carol`)),
  },
  查询群组白名单: { subs: [['{groupid}', GROUP1]] },
  添加单个用户至群组白名单: {
    subs: [
      ['{groupid}', GROUP1],
      ['{username}', 'erin'],
    ],
  },
  批量添加用户至群组白名单: {
    subs: [
      ['{groupid}', GROUP1],
      ['user1', 'erin'],
    ],
  },
  // The documented answer removes two users (its uri names both): one id would answer an object (guide).
  从群组白名单移除用户: {
    subs: [
      ['{groupid}', GROUP1],
      ['{username}', 'dave,erin'],
    ],
    setup: async (em) => void (await em('POST', `/chatgroups/${GROUP1}/white/users/erin`)),
  },
  获取禁言列表: { subs: [['10XXXX85', GROUP1]] },
  禁言指定群成员: {
    subs: [
      ['10XXXX85', GROUP1],
      ['user1', 'erin'],
    ],
    addJsonContentType: true,
  },
  禁言全体群成员: { subs: [['{groupid}', GROUP1]] },
  解除成员禁言: {
    subs: [
      ['10130212061185', GROUP1],
      ['user1', 'mallory'],
    ],
  },
  解除全员禁言: { subs: [['{groupid}', GROUP1]] },
  '获取 app 中的子区': {},
  '获取单个用户加入的所有子区(分页获取)': { subs: [['test4', 'alice']] },
  '获取单个用户在指定群组中加入的所有子区 (分页获取)': {
    subs: [
      ['XXXX', GROUP1],
      ['XXXX', 'alice'],
    ],
  },
  创建子区: {
    subs: [
      ['179800091197441', GROUP1],
      ['test4', 'bob'],
    ],
  },
  修改子区: { subs: [['1XXXX7', THREAD1]], addJsonContentType: true },
  删除子区: { subs: [['1XXXX7', THREAD1]] },
  '获取子区成员列表(分页)': { subs: [['1XXXX7', THREAD1]] },
  用户批量加入子区: {
    subs: [
      ['1XXXX7', THREAD1],
      ['test2', 'dave'],
      ['test3', 'erin'],
    ],
    addJsonContentType: true,
  },
  // The example has no body; its parameter table and the guide (EM-J2 ThreadApi) require `usernames`.
  批量踢出子区成员: {
    subs: [
      ['1XXXX7', THREAD1],
      ['test2', 'bob'],
      ['test6', ghost],
    ],
    body: '{"usernames": ["test2", "test6"]}',
    addJsonContentType: true,
  },
};

async function threeMoreGroups(em: Em): Promise<void> {
  for (const owner of ['dave', 'erin', 'carol']) await em('POST', '/chatgroups', { json: { public: true, owner } });
}
async function setMetadata(em: Em, user: string): Promise<void> {
  await em('PUT', `/metadata/chatgroup/${GROUP1}/user/${user}`, { json: { metaData: { key1: 'value1' } } });
}

const caseKey = (e: EasemobExample) =>
  e.variant === undefined ? e.operation : `${e.operation.replace(/^获取 /, '')} ${e.variant}`;

function substitute(text: string, subs: [string, string][]): string {
  let out = text;
  for (const [from, to] of subs) {
    if (!out.includes(from)) throw new Error(`placeholder ${from} not in ${out}`);
    out = out.replace(from, to);
  }
  return out;
}

describe('Easemob documentation examples', () => {
  it('covers every example request, and every example has a case', () => {
    expect(examples.easemob).toHaveLength(51);
    expect(new Set(examples.easemob.map((e) => e.operation)).size).toBe(50);
    expect(examples.easemob.map(caseKey).filter((k) => !(k in CASES))).toEqual([]);
  });

  it.each(examples.easemob.map((e) => [caseKey(e), e] as const))('%s', async (key, example) => {
    const c = CASES[key] as EasemobCase;
    const em = easemobClient(sb);
    const subs = [...(c.subs ?? []), ...((await c.setup?.(em)) ?? [])];
    // https://{host}/{org_name}/{app_name}/... → the sandbox's own org/app
    const m = /^https?:\/\/[^/]+\/[^/]+\/[^/]+(\/[^?]*)(?:\?(.*))?$/i.exec(example.request.url);
    if (!m) throw new Error(`unexpected example URL ${example.request.url}`);
    const [path, query] = substitute(
      `${m[1]}\n${m[2] ?? ''}`,
      subs.filter(([from]) => `${m[1]}?${m[2]}`.includes(from)),
    ).split('\n') as [string, string];
    const bodySubs = subs.filter(([from]) => !`${m[1]}?${m[2]}`.includes(from));
    const docBody = c.body ?? example.request.body;
    const headers: Record<string, string> = {};
    const contentType = example.request.headers['content-type'];
    if (contentType && !example.request.form) headers['content-type'] = contentType;
    if (c.addJsonContentType) {
      expect(contentType, 'the example has no Content-Type').toBeUndefined();
      headers['content-type'] = 'application/json';
    }
    let body: RequestInit['body'];
    if (example.request.form) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'IMG_3.JPG');
      body = form;
    } else if (docBody !== null) {
      body = bodySubs.length > 0 ? substitute(docBody, bodySubs) : docBody;
    }
    const q = Object.fromEntries(new URLSearchParams(query));
    const reply = await em(example.request.method, path, { query: q, headers, body });

    if (example.response === null) {
      // 下载群组共享文件: the documented answer is the file's bytes
      expect(reply.status).toBe(200);
      expect(reply.body).toBe(SEED_FILE_CONTENT);
      return;
    }
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    let documented = example.response;
    if (c.responseSubs) documented = JSON.parse(substitute(JSON.stringify(documented), c.responseSubs));
    const extra = new Set((c.extraFields?.fields ?? []).map((f) => `${f}: not documented`));
    expect(shapeDiff(documented, reply.body).filter((d) => !extra.has(d))).toEqual([]);
    for (const d of extra) expect(shapeDiff(documented, reply.body), 'an allowed extra field is gone').toContain(d);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Lanying: the 41 operations' tables
// ---------------------------------------------------------------------------------------------------------------

interface LanyingCase {
  /** the acting user (`user_id` header) */
  userId?: number;
  query?: Record<string, string | number | boolean>;
  json?: Record<string, unknown>;
  raw?: string;
}

/** A request per operation, from its documented parameters; inputs chosen so every documented list has items. */
const LANYING: Record<string, LanyingCase> = {
  '1.1': { userId: 1002, query: { value: 2 } },
  '1.2': { userId: 1002, json: { avatar: 'https://example.invalid/b.png' } },
  '1.3': {
    json: {
      list: [
        { avatar: 'https://example.invalid/b.png', user_id: 1002 },
        { avatar: 'https://example.invalid/x.png', user_id: 9999 },
      ],
    },
  },
  '1.4': { userId: 1002, json: { old_password: 'bob-pass-1002', new_password: 'n3w-pass' } },
  '1.5': { userId: 1002, json: { password: 'n3w-pass' } },
  '1.6': { userId: 1005, json: {} },
  '1.7': { userId: 1001 },
  '1.8': { userId: 1001, query: { device_sn: 2 } },
  '1.9': { json: { list: [1002] } },
  '1.10': { userId: 1002, query: { value: false } },
  '1.11': { json: { list: [1003] } },
  '1.12': { userId: 1001, query: { device_sn: 1 } },
  '1.13': { query: { page_num: 1, page_size: 10 } },
  '1.14': { userId: 1002, query: { mobile: '+15550001002' } },
  '1.15': { userId: 1002, query: { nick_name: 'Robert' } },
  '1.16': { userId: 1001 },
  '1.17': { userId: 1002, raw: 'private text' },
  '1.18': { userId: 1001 },
  '1.19': { userId: 1002, json: { nick_name: 'Robert', description: 'ops' } },
  '1.20': {
    json: {
      list: [
        { user_id: 1002, nick_name: 'B' },
        { user_id: 9999, nick_name: 'ghost' },
      ],
    },
  },
  '1.21': { userId: 1002, raw: 'public text' },
  '1.22': { userId: 1002, query: { value: true } },
  '1.23': { userId: 1002, json: { alias: 'bob-phone', push_token: 'tok' } },
  '1.24': { userId: 1002, json: { badge: 4 } },
  '1.25': { userId: 1002, query: { value: true } },
  '1.26': { userId: 1002, query: { no_push_start_hour: 22, no_push_end_hour: 7 } },
  '1.27': { userId: 1002, query: { value: 'Bobby' } },
  '1.28': { userId: 1001 },
  '1.29': { userId: 1002, json: { tags: ['ops'] } },
  '1.30': { userId: 1001, json: { tags: ['vip'] } },
  '1.31': { userId: 1001 },
  '1.32': {
    json: {
      list: [
        { username: 'frank', password: 'frank-pw' },
        { username: 'alice', password: 'x-pw' },
      ],
    },
  },
  '1.33': { json: { username: 'hank', password: 'hank-pw', alias: 'hank-phone', push_token: 'tok' } },
  '1.34': { json: { username: 'frank', password: 'frank-pw' } },
  '1.35': { userId: 1001 },
  '1.36': { json: { user_id: 1002, no_sounds: true, auth_mode: 0 } },
  '1.37': { userId: 1002, query: { value: true } },
  '1.38': { userId: 1002, json: { device_sn: 1, device_token: 'fcm-token', notifier_name: 'fcm' } },
  '1.39': { userId: 1001, query: { deviceSn: 1 } },
  '1.40': { userId: 1002, query: { username: 'robert' } },
  '1.41': { userId: 1002, query: { value: false } },
};

/** Top-level fields a table lists that an answer may leave out, with the table's own reason. */
const LANYING_OPTIONAL: Record<string, string[]> = {
  '1.7': ['cursor'], // "no cursor in returned result means the last page has been returned"
};

const JSON_TYPE: Record<string, string> = {
  int32: 'number',
  int64: 'number',
  string: 'string',
  boolean: 'boolean',
  object: 'object',
};

/** Differences between a response table and an answer: the same fields, each of its documented JSON type. */
function tableDiff(rows: Row[], actual: unknown, optional: string[] = []): string[] {
  if (typeOf(actual) !== 'object') return [`$: documented object, got ${typeOf(actual)}`];
  const a = actual as Record<string, unknown>;
  const top = rows.map((r, i) => ({ row: r, children: childrenOf(rows, i) })).filter((x) => x.row.depth === 0);
  const out: string[] = [];
  for (const { row, children } of top) {
    if (!(row.name in a)) {
      if (!optional.includes(row.name)) out.push(`$.${row.name}: documented, missing`);
      continue;
    }
    const v = a[row.name];
    // "message: Error information, null means success"
    if (row.name === 'message' && v === null) continue;
    out.push(...valueDiff(row.type, children, v, `$.${row.name}`));
  }
  for (const k of Object.keys(a)) if (!top.some((x) => x.row.name === k)) out.push(`$.${k}: not documented`);
  return out;
}

function childrenOf(rows: Row[], i: number): Row[] {
  const depth = (rows[i] as Row).depth;
  const out: Row[] = [];
  for (let j = i + 1; j < rows.length && (rows[j] as Row).depth > depth; j++) {
    if ((rows[j] as Row).depth === depth + 1) out.push(rows[j] as Row);
  }
  return out;
}

function valueDiff(type: string, children: Row[], v: unknown, path: string): string[] {
  const array = /^array\[(.+)\]$/.exec(type);
  if (array) {
    if (!Array.isArray(v)) return [`${path}: documented ${type}, got ${typeOf(v)}`];
    if (v.length === 0) return [`${path}: documented ${type}, got no items (the test's input should give some)`];
    return v.flatMap((el, i) => valueDiff(array[1] as string, children, el, `${path}[${i}]`));
  }
  const want = JSON_TYPE[type];
  if (want === undefined) return [`${path}: unknown documented type ${type}`];
  if (typeOf(v) !== want) return [`${path}: documented ${type}, got ${typeOf(v)}`];
  if (want !== 'object' || children.length === 0) return [];
  const o = v as Record<string, unknown>;
  const out: string[] = [];
  for (const c of children) {
    if (!(c.name in o)) out.push(`${path}.${c.name}: documented, missing`);
    else out.push(...valueDiff(c.type, [], o[c.name], `${path}.${c.name}`));
  }
  for (const k of Object.keys(o)) if (!children.some((c) => c.name === k)) out.push(`${path}.${k}: not documented`);
  return out;
}

describe('Lanying documentation tables', () => {
  it('covers the 41 operations, each with a request', () => {
    expect(examples.lanying).toHaveLength(41);
    const numbers = examples.lanying.map((o) => o.operation.split(' ')[0] as string);
    expect(numbers.filter((n) => !(n in LANYING))).toEqual([]);
  });

  it('tableDiff finds missing, undocumented and mistyped fields', () => {
    const rows: Row[] = [
      { name: 'code', type: 'int32', depth: 0 },
      { name: 'data', type: 'array[object]', depth: 0 },
      { name: 'reason', type: 'string', depth: 1 },
      { name: 'user_id', type: 'int64', depth: 1 },
      { name: 'message', type: 'string', depth: 0 },
    ];
    expect(tableDiff(rows, { code: 200, data: [{ reason: '', user_id: 1 }], message: null })).toEqual([]);
    expect(tableDiff(rows, { code: '200', data: [{ user_id: 1, x: 1 }], message: null, extra: 1 })).toEqual([
      '$.code: documented int32, got string',
      '$.data[0].reason: documented, missing',
      '$.data[0].x: not documented',
      '$.extra: not documented',
    ]);
  });

  it.each(examples.lanying.map((o) => [o.operation, o] as const))('%s', async (_name, op) => {
    const n = op.operation.split(' ')[0] as string;
    const c = LANYING[n] as LanyingCase;
    // only documented parameter names
    for (const k of Object.keys(c.query ?? {})) expect(op.query.map((q) => q.name)).toContain(k);
    for (const k of Object.keys(c.json ?? {})) expect(op.body.map((b) => b.name)).toContain(k);
    // a body with no parameter name: the table's one row reads `string true` (type, required)
    if (c.raw !== undefined) expect(op.body.map((b) => b.name)).toEqual(['string']);
    const reply = await lanyingClient(sb)(op.methods[0] as string, op.path, {
      ...(c.userId !== undefined ? { userId: c.userId } : {}),
      ...(c.query ? { query: c.query } : {}),
      ...(c.json ? { json: c.json } : {}),
      ...(c.raw !== undefined ? { raw: c.raw } : {}),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.code, JSON.stringify(reply.body)).toBe(200);
    expect(tableDiff(op.response, reply.body, LANYING_OPTIONAL[n])).toEqual([]);
  });
});
