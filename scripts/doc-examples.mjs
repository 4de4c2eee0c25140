// Extracts the documentation's examples into test/sandbox/doc-examples.json, for the documentation-example test.
//   node scripts/doc-examples.mjs [lanying-seed.txt] [easemob-seed.txt]
// Defaults: the seeds beside the repository (../shared/seeds/, as contract.md says).
// Easemob: every 请求示例 (request: the curl command, parsed) with its 响应示例 (response JSON), per operation.
// Lanying: the seed has no examples; each operation's tables are extracted instead (method, path, query and body
// parameters, response fields), and the test builds its request from them.
// Operations are found by the `doc` headings of tools.manifest.json, so every entry names a catalog operation.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const [
  lanyingPath = '../shared/seeds/000_2b003efccaa18e81.txt',
  easemobPath = '../shared/seeds/003_b6ea2859255e99cc.txt',
] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(new URL('tools.manifest.json', root), 'utf8'));
const headings = (vendor) => [...new Set(manifest.tools.filter((t) => t.vendor === vendor).map((t) => t.doc))];

/** The lines of each operation's section, found by its heading (a whole line), in document order. */
function sections(lines, names) {
  const found = names
    .map((name) => ({ name, at: lines.findIndex((l) => l.trim() === name) }))
    .sort((a, b) => a.at - b.at);
  for (const f of found) if (f.at < 0) throw new Error(`heading not found: ${f.name}`);
  return found.map((f, i) => ({ name: f.name, lines: lines.slice(f.at + 1, found[i + 1]?.at ?? lines.length) }));
}

/** Shell-like words of a curl command: single and double quotes, backslash-newline continuations. */
function words(text) {
  const out = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      cur += text.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '\\' && text[i + 1] === '\n') {
      // read leniently: a continuation also ends a word (the metadata batch-get example has no space before it)
      i++;
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** Method, URL, headers and body of one curl command (the docs' own, however it is wrapped). */
function parseCurl(text) {
  const w = words(text);
  const req = { method: 'GET', url: '', headers: {}, body: null, form: null };
  for (let i = 1; i < w.length; i++) {
    const a = w[i];
    if (a === '-X') req.method = w[++i];
    else if (a === '-H' || a.startsWith('-H')) {
      const h = a === '-H' ? w[++i] : a.slice(2);
      const at = h.indexOf(':');
      req.headers[h.slice(0, at).trim().toLowerCase()] = h.slice(at + 1).trim();
    } else if (a === '-d' || a === '--data-raw') req.body = w[++i];
    else if (a === '-F') req.form = w[++i];
    else if (a === '-L') continue;
    else if (/^https?:\/\//i.test(a)) req.url = a;
  }
  if (req.body === '') req.body = null;
  return req;
}

/** The first JSON value in `text`; a value cut off at the end of the document is closed and flagged. */
function firstJson(text) {
  const start = text.indexOf('{');
  if (start < 0) return { json: null, text: text.trim() };
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return { json: JSON.parse(text.slice(start, i + 1)) };
    }
  }
  return { json: JSON.parse(`${text.slice(start).trimEnd()}\n}`), note: 'the seed ends before the closing brace' };
}

function easemob() {
  const lines = readFileSync(easemobPath, 'utf8').split('\n');
  const out = [];
  for (const { name, lines: sec } of sections(lines, headings('easemob'))) {
    const text = sec.join('\n');
    const reqAt = text.indexOf('请求示例');
    const resAt = text.indexOf('响应示例', reqAt);
    if (reqAt < 0 || resAt < 0) throw new Error(`no example in ${name}`);
    const requestText = text.slice(reqAt + '请求示例'.length, resAt);
    const commands = requestText
      .split(/\n(?=curl )/)
      .map((c) => c.slice(c.indexOf('curl ')))
      .filter((c) => c.startsWith('curl '));
    const response = firstJson(text.slice(resAt + '响应示例'.length));
    commands.forEach((curl, i) => {
      out.push({
        vendor: 'easemob',
        operation: name,
        ...(commands.length > 1 ? { variant: i + 1 } : {}),
        curl: curl.trim(),
        request: parseCurl(curl.trim()),
        response: response.json,
        ...(response.json === null ? { responseText: response.text.split('\n').filter(Boolean)[0] } : {}),
        ...(response.note ? { note: response.note } : {}),
      });
    });
  }
  return out;
}

/** Rows of a Lanying table after its title, until the next blank line; `⇥` marks a nested field. */
function table(sec, title) {
  const at = sec.findIndex((l) => l.trim() === title);
  if (at < 0) return [];
  const rows = [];
  for (let i = at + 2; i < sec.length && sec[i].trim() !== ''; i++) {
    if (sec[i].startsWith('Parameter name') || sec[i].startsWith('●')) continue;
    const depth = sec[i].match(/^⇥+/)?.[0].length ?? 0;
    const [name, type, third] = sec[i].replace(/^⇥+\s*/, '').split(' ');
    rows.push({ name, type, depth, ...(third === 'true' || third === 'false' ? { required: third === 'true' } : {}) });
  }
  return rows;
}

function lanying() {
  const lines = readFileSync(lanyingPath, 'utf8').split('\n');
  return sections(lines, headings('lanying')).map(({ name, lines: sec }) => {
    const endpoints = sec.filter((l) => /^(GET|PUT|POST|DELETE) \//.test(l)).map((l) => l.split(' '));
    const resAt = sec.findIndex((l) => l.trim() === 'Response Body');
    return {
      vendor: 'lanying',
      operation: name,
      methods: endpoints.map((e) => e[0]),
      path: endpoints[0][1],
      query: table(sec, 'Query Param'),
      body: table(sec, 'Request Body'),
      response: table(sec.slice(resAt), '● 200 Response data format:JSON').length
        ? table(sec.slice(resAt), '● 200 Response data format:JSON')
        : table(sec.slice(resAt + 2), 'Parameter name'),
    };
  });
}

const examples = { lanying: lanying(), easemob: easemob() };
const out = new URL('test/sandbox/doc-examples.json', root);
writeFileSync(out, `${JSON.stringify(examples, null, 2)}\n`);
// formatted as the linter wants it, so a fresh extraction of the same seeds leaves no diff
execFileSync(
  process.execPath,
  [new URL('node_modules/@biomejs/biome/bin/biome', root).pathname, 'format', '--write', out.pathname],
  {
    stdio: 'ignore',
  },
);
console.log(`lanying: ${examples.lanying.length} operations; easemob: ${examples.easemob.length} example requests`);
