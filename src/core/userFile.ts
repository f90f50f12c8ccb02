import { readFile, stat } from 'node:fs/promises';

/** The most a file of the user's (an inventory, a ledger, a certificate or key file) may hold. */
export const MAX_USER_FILE_BYTES = 16 * 1024 * 1024;

/** Why a file could not be read, in a word or two: its error code (EACCES, ELOOP…) or the message. */
export const why = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/**
 * A file of the user's, read as text: its text, `missing` when nothing is at the path, or what is wrong with
 * it, said so that it follows the file's name ("is a folder"). Only a regular file of bounded size is read: a
 * link to /dev/zero or a fifo would otherwise be read until memory ran out, or forever.
 */
export async function readUserFile(path: string): Promise<{ text: string } | { missing: true } | { problem: string }> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      return { problem: 'is a folder' };
    }
    if (!st.isFile()) {
      return { problem: 'is not a regular file' };
    }
    if (st.size > MAX_USER_FILE_BYTES) {
      return { problem: `is ${st.size} bytes, more than the ${MAX_USER_FILE_BYTES} it may have` };
    }
    return { text: await readFile(path, 'utf8') };
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { missing: true } : { problem: `could not be read (${why(e)})` };
  }
}
