import { stat } from 'node:fs/promises';
import { FileSource, ZipArchive, ZipError } from '../core/zip';

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

/** A package file opened for reading: a folder or a missing file is one clear line (exit 2). */
export async function openFileOrExplain(path: string): Promise<FileSource> {
  const { isDirectory } = await statOrExplain(path);
  if (isDirectory) {
    throw new CliError(`${path}: is a folder, not a ZIP package`);
  }
  try {
    return await FileSource.open(path);
  } catch (e) {
    throw explainZipError(path, e);
  }
}

/** What went wrong reading a ZIP, as the one line the CLI prints. */
export function explainZipError(path: string, e: unknown): CliError {
  return e instanceof ZipError ? new CliError(`${path}: not a readable ZIP package: ${e.message}`) : new CliError(`${path}: cannot be opened (${(e as Error).message})`);
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
    throw explainZipError(path, e);
  }
}

export function write(text: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
