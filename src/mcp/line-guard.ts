/**
 * The stdio line guard: cuts JSON-RPC lines longer than the SDK's read buffer before they reach it. Left to the
 * SDK, an over-long line closes the transport without a reply and every later message is ignored; here it is
 * dropped as it streams (never held whole in memory), answered with a JSON-RPC error (-32600, the id read from the
 * start of the line when it can be), and the server keeps serving.
 */
import { Transform } from 'node:stream';

/** The SDK's stdio read-buffer size (STDIO_DEFAULT_MAX_BUFFER_SIZE): one message line at most, newline included. */
export const MAX_STDIO_LINE_BYTES = 10 * 1024 * 1024;
/** How much of a too-long line is kept to read its id. */
const HEAD_BYTES = 1024;

/**
 * A Transform passing complete lines of at most `max` bytes (newline included) and calling `tooLarge(head, bytes)`
 * once per longer line, when its end arrives (or at end of input), with its first bytes and its length.
 */
export function guardLines(max: number, tooLarge: (head: string, bytes: number) => void): Transform {
  let parts: Buffer[] = [];
  let size = 0;
  let drop = false;
  let head = '';
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      // Complete lines within the limit that start and end in this chunk pass on as one view of it (`run`): one
      // hand-over per chunk rather than per line. Anything else (a line begun in an earlier chunk, a line cut by the
      // chunk's end, an over-long line) ends the run and is held, passed or dropped piece by piece.
      let run = -1;
      for (let i = 0; i < chunk.length; ) {
        const nl = chunk.indexOf(10, i);
        const end = nl < 0 ? chunk.length : nl + 1;
        if (nl >= 0 && size === 0 && end - i <= max) {
          if (run < 0) run = i;
          i = end;
          continue;
        }
        if (run >= 0) {
          this.push(chunk.subarray(run, i));
          run = -1;
        }
        const piece = chunk.subarray(i, end);
        i = end;
        size += piece.length;
        if (!drop && size <= max) parts.push(piece);
        else if (!drop) {
          head = Buffer.concat([...parts, piece])
            .subarray(0, HEAD_BYTES)
            .toString('utf8');
          parts = [];
          drop = true;
        }
        if (nl >= 0) {
          if (drop) tooLarge(head, size);
          else this.push(parts.length === 1 ? parts[0] : Buffer.concat(parts));
          parts = [];
          size = 0;
          drop = false;
        }
      }
      if (run >= 0) this.push(chunk.subarray(run));
      done();
    },
    flush(done) {
      if (drop) tooLarge(head, size);
      else if (parts.length) this.push(Buffer.concat(parts));
      done();
    },
  });
}

/**
 * The top-level `id` of a JSON-RPC message from the first bytes of its line: a string or a safe integer found as a
 * key of the outermost object (not one nested in params), and complete within `head`; otherwise null.
 */
export function idFromHead(head: string): string | number | null {
  let depth = 0;
  let i = 0;
  const skipWs = (k: number) => {
    let j = k;
    while (j < head.length && /\s/.test(head[j] as string)) j++;
    return j;
  };
  while (i < head.length) {
    const c = head[i];
    if (c === '"') {
      let j = i + 1;
      while (j < head.length && head[j] !== '"') j += head[j] === '\\' ? 2 : 1;
      if (j >= head.length) return null;
      const raw = head.slice(i, j + 1);
      i = j + 1;
      if (depth !== 1) continue;
      let k = skipWs(i);
      if (head[k] !== ':') continue;
      let key: unknown;
      try {
        key = JSON.parse(raw);
      } catch {
        return null;
      }
      if (key !== 'id') continue;
      k = skipWs(k + 1);
      const m = /^(?:"(?:[^"\\]|\\.)*"|-?[0-9]+)/.exec(head.slice(k));
      if (!m) return null;
      const after = head[skipWs(k + m[0].length)];
      if (after !== ',' && after !== '}') return null; // cut off, or not a plain value
      const v: unknown = JSON.parse(m[0]);
      return typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v)) ? v : null;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return null;
}
