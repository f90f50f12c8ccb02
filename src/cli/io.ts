import { stat } from 'node:fs/promises';
import { ZipArchive, ZipError } from '../core/zip';

/** Exit 2 with one clear line. */
export class CliError extends Error {}

/** Checks that a path exists and can be opened; says what is wrong in one line otherwise. */
export async function statOrExplain(path: string): Promise<{ isDirectory: boolean }> {
  try {
    const st = await stat(path);
    return { isDirectory: st.isDirectory() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${path}: no such file` : code === 'EACCES' ? `${path}: permission denied` : `${path}: cannot be opened (${code ?? (e as Error).message})`);
  }
}

/** Opens a ZIP for ls/cat: anything that is not a readable ZIP is one clear line (exit 2). */
export async function openZipOrExplain(path: string): Promise<ZipArchive> {
  const { isDirectory } = await statOrExplain(path);
  if (isDirectory) {
    throw new CliError(`${path}: is a folder, not a ZIP package`);
  }
  try {
    return await ZipArchive.open(path);
  } catch (e) {
    if (e instanceof ZipError) {
      throw new CliError(`${path}: not a readable ZIP package: ${e.message}`);
    }
    throw new CliError(`${path}: cannot be opened (${(e as Error).message})`);
  }
}

export function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
