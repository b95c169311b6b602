/**
 * Outputs are written as temp file + rename, all at the end of a build, so a
 * failed build never leaves a half-written or mixed dist/. The output folder is
 * checked before the long steps, and the file system's refusals (disk full,
 * read-only, a file where a folder should be) become diagnostics.
 */
import { constants } from 'node:fs';
import { access, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, error, OctavoError } from '../diagnostics.js';
import { onInterrupt } from './temp.js';

export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  bytes: Uint8Array | string;
}

/** The diagnostic for a file-system error met writing into `outDir`, or undefined for one that is not the user's to fix. */
export function outputFault(err: unknown, outDir: string): Diagnostic | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = (err as NodeJS.ErrnoException | undefined)?.path ?? outDir;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return error('output/no-space', `no space left on the device to write ${where}.`, {
        hint: 'Free some space there, or choose another output folder with --out. Nothing was written.',
      });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return error(
        'output/not-writable',
        `the output folder ${outDir} cannot be written (${code === 'EROFS' ? 'read-only file system' : 'permission denied'}).`,
        { hint: 'Choose a folder you can write to with --out, or change its permissions.' },
      );
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return error('output/not-a-folder', `the output path ${outDir} is (or is inside) a file, not a folder.`, {
        hint: 'Choose another output folder with --out, or move that file away.',
      });
    default:
      return undefined;
  }
}

function rethrow(err: unknown, outDir: string): never {
  const d = outputFault(err, outDir);
  throw d ? new OctavoError(d) : err;
}

/**
 * Throws an `output/*` error unless `outDir` is a folder this process can write
 * into, or could be made. Makes nothing: it probes the nearest existing folder.
 */
export async function checkOutputFolder(outDir: string): Promise<void> {
  let existing = path.resolve(outDir);
  for (;;) {
    try {
      const info = await stat(existing);
      if (!info.isDirectory()) rethrow(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }), outDir);
      break;
    } catch (err) {
      if (err instanceof OctavoError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') rethrow(err, outDir);
      if (code !== 'ENOENT' || path.dirname(existing) === existing) rethrow(err, outDir);
      existing = path.dirname(existing);
    }
  }
  // access() checks permissions and a read-only mount; as root only the latter can fail, which is the point.
  await access(existing, constants.W_OK | constants.X_OK).catch((err) => rethrow(err, outDir));
}

export async function writeOutputsAtomically(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  const staged: { tmp: string; final: string }[] = [];
  // Staged files are removed on every way out: an error here, or a signal the CLI catches mid-write.
  let written = 0;
  // The first folder this run made (undefined when the output folder was there): everything in it is ours.
  let created: string | undefined;
  const removeStaged = async () => {
    await Promise.all(staged.slice(written).map(({ tmp }) => rm(tmp, { force: true })));
    // Nothing was renamed into place: a folder this run made goes too, so a failed build leaves no empty dist/.
    if (created && written === 0) await rm(created, { recursive: true, force: true });
  };
  const unregister = onInterrupt(removeStaged);
  try {
    created = await mkdir(outDir, { recursive: true });
    for (const file of files) {
      const final = path.join(outDir, file.name);
      const tmp = path.join(outDir, `.${file.name}.${process.pid}.tmp`);
      // Listed before writing: a write that fails half-way leaves a partial file to remove.
      staged.push({ tmp, final });
      await writeFile(tmp, file.bytes);
    }
    for (const { tmp, final } of staged) {
      await rename(tmp, final);
      written++;
    }
  } catch (err) {
    await removeStaged();
    rethrow(err, outDir);
  } finally {
    unregister();
  }
  return staged.map((s) => s.final);
}
