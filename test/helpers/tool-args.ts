/** Valid arguments for every tool, taken from its first contract case; "$DIR" points at a folder with report.txt. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { easemobCases } from '../contract/easemob.cases.js';
import { lanyingCases } from '../contract/lanying.cases.js';

export const ARGS_DIR = mkdtempSync(join(tmpdir(), 'im-admin-args-'));
writeFileSync(join(ARGS_DIR, 'report.txt'), 'hello share file');

export function substituteDir(v: unknown, dir = ARGS_DIR): unknown {
  if (typeof v === 'string') return v.split('$DIR').join(dir);
  if (Array.isArray(v)) return v.map((x) => substituteDir(x, dir));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substituteDir(x, dir)]));
  return v;
}

export const argsFor = new Map<string, Record<string, unknown>>();
for (const c of [...lanyingCases, ...easemobCases]) {
  if (!argsFor.has(c.tool)) argsFor.set(c.tool, substituteDir(c.args) as Record<string, unknown>);
}

/** The first case's arguments of a tool (throws when the tool has no contract case). */
export function validArgs(tool: string): Record<string, unknown> {
  const a = argsFor.get(tool);
  if (!a) throw new Error(`no contract case for ${tool}`);
  return structuredClone(a);
}
