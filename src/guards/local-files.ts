/**
 * The host's disk, as the share-file tools may touch it (contract §2 `IM_ADMIN_FILES_DIR`, §3): one folder, and
 * nothing outside it. A path is resolved against the folder, then checked after resolving `..` and links; only
 * regular files are read or written; a download never replaces an existing file unless asked to, never a file with
 * other hard links, and never the server's own files (audit log, sandbox state, token store), even inside the
 * folder. Unset, every local path is refused. In read-only mode nothing is written.
 */
import { constants, type FileHandle, lstat, mkdir, open, realpath, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LocalFileRefusal } from '../http/errors.js';
import type { LocalFileAccess, LocalWritePlan } from '../tools/define.js';

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_TRUNC, O_NOFOLLOW, O_NONBLOCK } = constants;

export { LocalFileRefusal };

/** A file of the server's own that no tool may read or write, whatever the folder holds. */
interface ReservedPath {
  path: string;
  /** how a person names it, with its setting: `the audit log (IM_ADMIN_AUDIT_LOG)` */
  what: string;
}

interface LocalFilesOptions {
  /** the folder (IM_ADMIN_FILES_DIR), already resolved to its real path; undefined: no local path is accepted */
  root?: string | undefined;
  readOnly: boolean;
  reserved: readonly ReservedPath[];
}

/** Where a download will be written, checked before anything is fetched: `path` is absolute inside the folder,
 * `shown` is relative to it with `/`, as the agent sees it. */
type WritePlan = LocalWritePlan;

const within = (root: string, p: string): boolean => {
  const rel = relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

const code = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;

/** The real path of `p`, or of its deepest existing ancestor joined with the rest (for paths not created yet). */
async function realish(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch (e) {
    const parent = dirname(p);
    if (code(e) !== 'ENOENT' || parent === p) throw e;
    return join(await realish(parent), basename(p));
  }
}

export class LocalFiles implements LocalFileAccess {
  constructor(private readonly opts: LocalFilesOptions) {}

  /** The folder, or a refusal that says how to allow local files. */
  private root(verb: 'read' | 'write'): string {
    if (this.opts.root) return this.opts.root;
    throw new LocalFileRefusal(
      `Local files are off on this server: no path can be ${verb === 'read' ? 'read' : 'written'}. The operator allows one folder with IM_ADMIN_FILES_DIR.${verb === 'write' ? ' Omit save_to to get the file inline.' : ''}`,
    );
  }

  /** The path resolved against the folder; refused when it names a place outside it (before links). */
  private place(userPath: string, verb: 'read' | 'write'): { root: string; abs: string } {
    const root = this.root(verb);
    if (userPath.includes('\0')) throw new LocalFileRefusal('The path contains a NUL character.');
    const abs = resolve(root, userPath);
    if (!within(root, abs) || abs === root) {
      throw new LocalFileRefusal(
        `"${userPath}" is outside the files folder (IM_ADMIN_FILES_DIR). Name a file inside it, relative to it (e.g. "report.txt").`,
      );
    }
    return { root, abs };
  }

  private async checkReserved(real: string): Promise<void> {
    for (const r of this.opts.reserved) {
      const p = await realish(r.path).catch(() => resolve(r.path));
      if (real === p || real.startsWith(`${p}.`) || real.startsWith(`${p}${sep}`)) {
        throw new LocalFileRefusal(`That path is ${r.what}: no tool may read or write it.`);
      }
    }
  }

  /** Reads a regular file inside the folder, at most `maxBytes`. */
  async read(userPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; name: string; shown: string }> {
    const { root, abs } = this.place(userPath, 'read');
    let real: string;
    try {
      real = await realpath(abs);
    } catch (e) {
      throw new LocalFileRefusal(
        code(e) === 'ENOENT'
          ? `"${userPath}" does not exist in the files folder (IM_ADMIN_FILES_DIR).`
          : `"${userPath}" cannot be read (${code(e) ?? 'error'}).`,
      );
    }
    if (!within(root, real) || real === root) {
      throw new LocalFileRefusal(
        `"${userPath}" leads outside the files folder (IM_ADMIN_FILES_DIR) through a link; it is not read.`,
      );
    }
    await this.checkReserved(real);
    let fh: FileHandle;
    try {
      // O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused just below.
      fh = await open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (e) {
      throw new LocalFileRefusal(`"${userPath}" cannot be read (${code(e) ?? 'error'}).`);
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw new LocalFileRefusal(`"${userPath}" is not a regular file; only files can be uploaded.`);
      if (st.size > maxBytes) {
        throw new LocalFileRefusal(
          `"${userPath}" is ${st.size} bytes; Easemob accepts at most ${maxBytes} bytes. Upload a smaller file.`,
        );
      }
      const bytes = new Uint8Array(await fh.readFile());
      if (bytes.byteLength > maxBytes) throw new LocalFileRefusal(`"${userPath}" grew past ${maxBytes} bytes.`);
      return { bytes, name: basename(real), shown: relative(root, real).split(sep).join('/') };
    } finally {
      await fh.close();
    }
  }

  /** Checks that a download may be written at `userPath`, before anything is fetched. */
  async planWrite(userPath: string, overwrite: boolean): Promise<WritePlan> {
    if (this.opts.readOnly) {
      throw new LocalFileRefusal(
        'Saving to a local file is a write, and IM_ADMIN_READ_ONLY is on. Omit save_to to get the file inline.',
      );
    }
    const { root, abs } = this.place(userPath, 'write');
    const real = await realish(abs);
    if (!within(root, real) || real === root) {
      throw new LocalFileRefusal(
        `"${userPath}" leads outside the files folder (IM_ADMIN_FILES_DIR) through a link; nothing is written there.`,
      );
    }
    await this.checkReserved(real);
    await this.checkTarget(userPath, real, overwrite);
    return { path: real, shown: relative(root, real).split(sep).join('/'), overwrite };
  }

  private async checkTarget(userPath: string, real: string, overwrite: boolean): Promise<void> {
    const st = await lstat(real).catch((e: unknown) => {
      if (code(e) === 'ENOENT') return undefined;
      throw new LocalFileRefusal(`"${userPath}" cannot be checked (${code(e) ?? 'error'}).`);
    });
    if (!st) return;
    if (!st.isFile()) throw new LocalFileRefusal(`"${userPath}" exists and is not a regular file; nothing is written.`);
    if (!overwrite) {
      throw new LocalFileRefusal(
        `"${userPath}" already exists. Pass overwrite: true to replace it, or choose another name.`,
      );
    }
    if (st.nlink > 1) {
      throw new LocalFileRefusal(`"${userPath}" has other hard links; it is not replaced. Choose another name.`);
    }
  }

  /** Writes the downloaded bytes where `planWrite` allowed (checked again: the disk may have changed). */
  async write(plan: WritePlan, bytes: Uint8Array): Promise<void> {
    const root = this.root('write');
    const parent = dirname(plan.path);
    await mkdir(parent, { recursive: true, mode: 0o700 });
    const realParent = await realpath(parent);
    const target = join(realParent, basename(plan.path));
    if (!within(root, target)) {
      throw new LocalFileRefusal(`"${plan.shown}" now leads outside the files folder; nothing was written.`, false);
    }
    await this.checkReserved(target).catch((e: unknown) => {
      throw e instanceof LocalFileRefusal ? new LocalFileRefusal(e.message, false) : e;
    });
    await this.checkTarget(plan.shown, target, plan.overwrite).catch((e: unknown) => {
      throw e instanceof LocalFileRefusal ? new LocalFileRefusal(e.message, false) : e;
    });
    const flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | (plan.overwrite ? O_TRUNC : O_EXCL);
    let fh: FileHandle;
    try {
      fh = await open(target, flags, 0o600);
    } catch (e) {
      throw new LocalFileRefusal(
        `"${plan.shown}" cannot be written (${code(e) ?? 'error'}); nothing was written.`,
        false,
      );
    }
    try {
      if (!(await fh.stat()).isFile())
        throw new LocalFileRefusal(`"${plan.shown}" is not a regular file; nothing was written.`, false);
      await fh.writeFile(bytes);
    } catch (e) {
      await fh.close().catch(() => {});
      await unlink(target).catch(() => {});
      throw e;
    }
    await fh.close();
  }
}
