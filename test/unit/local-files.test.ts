/** The files-folder rules in process: configuration errors, hard links, reserved files under another name. */
import { linkSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, reservedPaths } from '../../src/config.js';
import { LocalFileRefusal, LocalFiles } from '../../src/guards/local-files.js';

const scratch = () => realpathSync(mkdtempSync(join(tmpdir(), 'im-admin-localfiles-')));

describe('IM_ADMIN_FILES_DIR at start-up', () => {
  it('names the variable when the folder does not exist or is a file', () => {
    const top = scratch();
    expect(() => loadConfig({ IM_ADMIN_FILES_DIR: join(top, 'missing') })).toThrow(ConfigError);
    expect(() => loadConfig({ IM_ADMIN_FILES_DIR: join(top, 'missing') })).toThrow(/IM_ADMIN_FILES_DIR/);
    writeFileSync(join(top, 'file'), 'x');
    expect(() => loadConfig({ IM_ADMIN_FILES_DIR: join(top, 'file') })).toThrow(
      /IM_ADMIN_FILES_DIR .* is not a folder/,
    );
  });

  it('keeps the real path, and reserves the audit log, the token store and the sandbox state', () => {
    const top = scratch();
    const c = loadConfig({
      IM_ADMIN_FILES_DIR: top,
      IM_ADMIN_AUDIT_LOG: join(top, 'a.jsonl'),
      IM_ADMIN_SANDBOX_STATE: join(top, 's.json'),
    });
    expect(c.filesDir).toBe(top);
    expect(reservedPaths(c).map((r) => r.path)).toEqual([
      join(top, 'a.jsonl'),
      join(top, 'confirm-spent'),
      join(top, 's.json'),
    ]);
  });
});

describe('LocalFiles', () => {
  it('never overwrites a file that has other hard links (it would change the file outside)', async () => {
    const top = scratch();
    const root = join(top, 'files');
    mkdirSync(root);
    writeFileSync(join(top, 'outside.txt'), 'keep');
    linkSync(join(top, 'outside.txt'), join(root, 'hard.txt'));
    const files = new LocalFiles({ root, readOnly: false, reserved: [] });
    await expect(files.planWrite('hard.txt', true)).rejects.toThrow(/hard links/);
    expect(readFileSync(join(top, 'outside.txt'), 'utf8')).toBe('keep');
  });

  it('refuses rotated or temporary siblings of a reserved file, and what is inside a reserved folder', async () => {
    const root = scratch();
    const files = new LocalFiles({
      root,
      readOnly: false,
      reserved: [
        { path: join(root, 'audit.jsonl'), what: 'the audit log (IM_ADMIN_AUDIT_LOG)' },
        { path: join(root, 'confirm-spent'), what: 'the confirmation token store' },
      ],
    });
    for (const p of ['audit.jsonl', 'audit.jsonl.1', 'confirm-spent/abc', 'sub/../audit.jsonl']) {
      await expect(files.planWrite(p, true), p).rejects.toBeInstanceOf(LocalFileRefusal);
    }
    await expect(files.planWrite('audit-notes.txt', false)).resolves.toMatchObject({ shown: 'audit-notes.txt' });
  });

  it('a write that finds the file created since the check does not replace it', async () => {
    const root = scratch();
    const files = new LocalFiles({ root, readOnly: false, reserved: [] });
    const plan = await files.planWrite('late.txt', false);
    writeFileSync(join(root, 'late.txt'), 'first');
    await expect(files.write(plan, new TextEncoder().encode('second'))).rejects.toThrow(/already exists/);
    expect(readFileSync(join(root, 'late.txt'), 'utf8')).toBe('first');
  });
});
