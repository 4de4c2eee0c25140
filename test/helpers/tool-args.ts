/**
 * Valid arguments for every tool, taken from its first contract case. Local paths in them are relative to ARGS_DIR
 * (it holds report.txt): a server that runs the share-file tools gets `IM_ADMIN_FILES_DIR: ARGS_DIR` (FILES_ENV).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolSpec } from '../../src/tools/define.js';
import { easemobCases } from '../contract/easemob.cases.js';
import { lanyingCases } from '../contract/lanying.cases.js';
import type { Recorded } from './fake-upstream.js';

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

/** Tools that may be retried after sending: read-only or idempotent. */
export const safe = (t: ToolSpec): boolean => t.annotations.readOnlyHint || t.annotations.idempotentHint;

/** Arguments that make every tool's request distinguishable (unique ids per tool), for the fault matrix. */
export function uniqueArgs(t: ToolSpec, i: number): Record<string, unknown> {
  const a = validArgs(t.name);
  if (typeof a.group_id === 'string') a.group_id = `fg${i}`;
  if (Array.isArray(a.group_id)) a.group_id = [`fg${i}`];
  if (typeof a.thread_id === 'string') a.thread_id = `ft${i}`;
  const path = t.http.route ?? t.http.path;
  if (typeof a.username === 'string' && !path.includes('{group_id}')) a.username = `fu${i}`;
  if (t.vendor === 'lanying') {
    if ('as_user_id' in (t.input.shape as object)) a.as_user_id = String(7000 + i);
    else a.user_id = String(7000 + i);
  }
  return a;
}

/** What identifies one tool's request at the fake upstream. */
export const keyOf = (r: Recorded): string => `${r.vendor} ${r.method} ${r.path} ${String(r.headers.user_id ?? '')}`;
