/**
 * The stdio line guard: cuts JSON-RPC lines longer than the SDK's read buffer before they reach it. Left to the
 * SDK, an over-long line closes the transport without a reply and every later message is ignored; here it is
 * dropped as it streams (never held whole in memory), answered with a JSON-RPC error (-32600, the id read from the
 * start of the line when it can be), and the server keeps serving.
 */
import { EventEmitter } from 'node:events';

/** The SDK's stdio read-buffer size (STDIO_DEFAULT_MAX_BUFFER_SIZE): one message line at most, newline included. */
export const MAX_STDIO_LINE_BYTES = 10 * 1024 * 1024;
/** How much of a too-long line is kept to read its id. */
const HEAD_BYTES = 1024;

type TooLarge = (head: string, bytes: number) => void;

/**
 * The guard itself: `write` takes the input chunk by chunk and hands complete lines of at most `max` bytes (newline
 * included) to `pass`; a longer line is dropped as it streams and reported once to `tooLarge(head, bytes)`, with its
 * first bytes and its length, when its end arrives. `end` passes a last unterminated line (or reports it).
 */
function lineSplitter(max: number, tooLarge: TooLarge, pass: (lines: Buffer) => void) {
  let parts: Buffer[] = [];
  let size = 0;
  let drop = false;
  let head = '';
  /** Hands on (or reports) the line held so far, the state reset first: a listener that throws leaves none behind. */
  const finishLine = () => {
    const held = parts;
    const bytes = size;
    const dropped = drop;
    parts = [];
    size = 0;
    drop = false;
    if (dropped) tooLarge(head, bytes);
    else pass(held.length === 1 ? (held[0] as Buffer) : Buffer.concat(held));
  };
  return {
    write(chunk: Buffer): void {
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
          pass(chunk.subarray(run, i));
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
        if (nl >= 0) finishLine();
      }
      if (run >= 0) pass(chunk.subarray(run));
    },
    end(): void {
      if (drop || parts.length) finishLine();
    },
  };
}

/**
 * The guard in front of a stdio transport, without a stream between: the transport reads `data` and `error` events,
 * `off`, `listenerCount` and `pause`, which this gives it over `source`, each chunk guarded and handed on in the same
 * turn. A Transform piped in between costs its buffering and a scheduled hand-over per message (issue 18: 8–18%
 * of a sequential call's CPU, bench/perf-split.mjs against the former bundle). The source is read only while someone listens for `data`, and paused when the
 * last listener leaves, as a stream would be.
 */
export class GuardedInput extends EventEmitter {
  private readonly split: ReturnType<typeof lineSplitter>;
  private readonly onData = (chunk: Buffer | string) =>
    this.split.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  private readonly onError = (err: Error) => this.emit('error', err);
  private readonly onEnd = () => {
    this.split.end();
    this.emit('end');
  };
  private reading = false;

  constructor(
    private readonly source: NodeJS.ReadableStream,
    max: number,
    tooLarge: TooLarge,
  ) {
    super();
    this.split = lineSplitter(max, tooLarge, (lines) => this.emit('data', lines));
    this.on('newListener', (event: string) => {
      if (event !== 'data' || this.reading) return;
      this.reading = true;
      source.on('error', this.onError);
      source.once('end', this.onEnd);
      source.on('data', this.onData);
      source.resume();
    });
    this.on('removeListener', (event: string) => {
      if (event === 'data' && this.listenerCount('data') === 0) this.pause();
    });
  }

  /** Stops reading the source (the transport's close). */
  pause(): this {
    if (this.reading) {
      this.reading = false;
      this.source.off('data', this.onData);
      this.source.off('error', this.onError);
      this.source.off('end', this.onEnd);
      this.source.pause();
    }
    return this;
  }
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
