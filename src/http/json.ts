/** JSON encoding that keeps int64 ids exact: BigInt values are written as bare JSON numbers. */
import { randomBytes } from 'node:crypto';

// A BigInt is first written as a marked string, then the marked string is replaced by its digits. The marker
// holds a random per-process nonce, so no user text can forge it (a string containing U+0000 followed by
// "int64:" is escaped exactly like the marker, but cannot contain a nonce it never saw).
const NONCE = randomBytes(9).toString('base64url');
const MARK = `\u0000int64-${NONCE}:`;
const UNMARK = new RegExp(`"\\\\u0000int64-${NONCE}:(-?[0-9]+)\\\\u0000int64-${NONCE}:"`, 'g');

export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${MARK}${v.toString()}${MARK}` : v));
  if (text === undefined) return 'null';
  return text.replace(UNMARK, '$1');
}

/** Parses JSON, keeping integers beyond 2^53 as exact decimal strings instead of silently rounding them. */
export function parseJson(text: string): unknown {
  if (!/[0-9]{16}/.test(text)) return JSON.parse(text);
  // Quote long bare integers (outside strings) before parsing, so 9007199254740993 survives as "9007199254740993".
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    if ((c === '-' || (c >= '0' && c <= '9')) && !/[0-9.eE]/.test(out.at(-1) ?? '')) {
      let j = i + 1;
      while (j < text.length && /[0-9]/.test(text[j] as string)) j++;
      const isInt = !/[.eE]/.test(text[j] ?? '');
      const num = text.slice(i, j);
      if (isInt && !Number.isSafeInteger(Number(num))) out += `"${num}"`;
      else out += num;
      i = j - 1;
      continue;
    }
    out += c;
  }
  return JSON.parse(out);
}
