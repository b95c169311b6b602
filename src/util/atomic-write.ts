/**
 * Outputs are written as temp file + rename, all at the end of a build, so a
 * failed build never leaves a half-written or mixed dist/.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  bytes: Uint8Array | string;
}

export async function writeOutputsAtomically(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const staged: { tmp: string; final: string }[] = [];
  try {
    for (const file of files) {
      const final = path.join(outDir, file.name);
      const tmp = path.join(outDir, `.${file.name}.${process.pid}.tmp`);
      await writeFile(tmp, file.bytes);
      staged.push({ tmp, final });
    }
    for (const { tmp, final } of staged) await rename(tmp, final);
  } catch (err) {
    await Promise.all(staged.map(({ tmp }) => rm(tmp, { force: true })));
    throw err;
  }
  return staged.map((s) => s.final);
}
