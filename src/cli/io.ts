import { stat } from 'node:fs/promises';
import { FileSource, ZipArchive, ZipError } from '../core/zip';
import { readUserFile } from '../core/userFile';

/**
 * Exit 2 with one clear line. Known by its name: the review commands are a bundle of their own, with their
 * own copy of this class, so `instanceof` in main.ts would not see theirs.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}

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

/** A file named on the command line (a certificate, a key), read as text; or one clear line saying what is wrong. */
export async function readUserFileOrExplain(path: string): Promise<string> {
  const read = await readUserFile(path);
  if ('text' in read) {
    return read.text;
  }
  throw new CliError('missing' in read ? `${path}: no such file` : `${path}: ${read.problem}`);
}

/** A workspace file that cannot be read (an inventory named by --inventory) is one clear line, not an internal error. */
export async function explainWorkspaceErrors<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    throw typeof (e as NodeJS.ErrnoException).code === 'string' ? new CliError((e as Error).message) : e;
  }
}

/** Opens a package file with `open`: a folder, a missing file or an unreadable ZIP is one clear line (exit 2). */
async function openOrExplain<T>(path: string, open: (path: string) => Promise<T>): Promise<T> {
  const { isDirectory } = await statOrExplain(path);
  if (isDirectory) {
    throw new CliError(`${path}: is a folder, not a ZIP package`);
  }
  try {
    return await open(path);
  } catch (e) {
    throw explainZipError(path, e);
  }
}

/** What went wrong reading a ZIP, as the one line the CLI prints. */
export function explainZipError(path: string, e: unknown): CliError {
  return e instanceof ZipError ? new CliError(`${path}: not a readable ZIP package: ${e.message}`) : new CliError(`${path}: cannot be opened (${(e as Error).message})`);
}

/** The package file for `ls`, which reads its central directory itself. */
export function openFileOrExplain(path: string): Promise<FileSource> {
  return openOrExplain(path, (p) => FileSource.open(p));
}

/** Opens a ZIP for ls/cat. */
export function openZipOrExplain(path: string): Promise<ZipArchive> {
  return openOrExplain(path, (p) => ZipArchive.open(p, { blockingSmallReads: true }));
}

export function write(text: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(new CliError(`cannot write the output (${(err as NodeJS.ErrnoException).code ?? err.message})`)) : resolve()));
  });
}
