/**
 * Valid arguments for every tool, taken from its first contract case. Local paths in them are relative to ARGS_DIR
 * (it holds report.txt): a server that runs the share-file tools gets `IM_ADMIN_FILES_DIR: ARGS_DIR` (FILES_ENV).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { easemobCases } from '../contract/easemob.cases.js';
import { lanyingCases } from '../contract/lanying.cases.js';

export const ARGS_DIR = mkdtempSync(join(tmpdir(), 'im-admin-args-'));
writeFileSync(join(ARGS_DIR, 'report.txt'), 'hello share file');

export const FILES_ENV = { IM_ADMIN_FILES_DIR: ARGS_DIR };

export const argsFor = new Map<string, Record<string, unknown>>();
for (const c of [...lanyingCases, ...easemobCases]) {
  if (!argsFor.has(c.tool)) argsFor.set(c.tool, structuredClone(c.args));
}

/** The first case's arguments of a tool (throws when the tool has no contract case). */
export function validArgs(tool: string): Record<string, unknown> {
  const a = argsFor.get(tool);
  if (!a) throw new Error(`no contract case for ${tool}`);
  return structuredClone(a);
}
