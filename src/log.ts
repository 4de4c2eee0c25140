/**
 * stderr-only logging (stdout belongs to JSON-RPC) and the one secret scrubber every log line, error text and
 * audit line goes through. Secrets are registered at start-up from configuration.
 */
const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** Replaces every registered secret (and common credential shapes) in free text. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out
    .replace(/(authorization:\s*bearer\s+)[^\s",;]+/gi, '$1[redacted]')
    .replace(/(access[-_]token["']?\s*[:=]\s*["']?)[^\s",;'&]+/gi, '$1[redacted]')
    .replace(/(client_secret["']?\s*[:=]\s*["']?)[^\s",;'&]+/gi, '$1[redacted]');
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: LogLevel = 'info';

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** False once stderr is gone (EPIPE: the reader died): nothing more is written there, nothing can loop on it. */
let stderrOpen = true;

/** Called when stderr fails; later log lines are dropped instead of failing again. */
export function stderrClosed(): void {
  stderrOpen = false;
}

/** Whether a line at `level` would be written (callers skip building fields nobody will read). */
export function logs(level: LogLevel): boolean {
  return ORDER[level] >= ORDER[threshold] && stderrOpen && !process.stderr.destroyed;
}

export function log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
  if (!logs(level)) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  try {
    process.stderr.write(`${redact(line)}\n`);
  } catch {
    stderrOpen = false;
  }
}
