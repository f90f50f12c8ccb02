import { closeSync, constants, openSync, statfsSync, writeSync } from 'node:fs';

/** Where unnamed files are made: /dev/shm, when it is a tmpfs (memory, as memfd_create's files are). Tests point it elsewhere. */
export const memoryFileHome = { dir: '/dev/shm' };
const TMPFS_MAGIC = 0x01021994;
/** Linux's O_TMPFILE (with O_DIRECTORY): a file with no name, gone with its last descriptor. Node has no constant for it. */
const O_TMPFILE = 0o20200000;

/**
 * The texts as files in memory that a child process can open by /dev/fd/N: unnamed files on a tmpfs, which no
 * other process can find and which vanish when the last descriptor closes, so nothing is written to disk (a
 * pipe would do as well, but Node passes its children sockets, which cannot be opened by /dev/fd). Undefined
 * where that cannot be done (not Linux, no tmpfs at /dev/shm, a full one): the caller uses pipes. The caller
 * closes the descriptors once the child has them.
 */
export function memoryFiles(texts: readonly string[]): number[] | undefined {
  if (process.platform !== 'linux') {
    return undefined;
  }
  const fds: number[] = [];
  try {
    if (statfsSync(memoryFileHome.dir).type !== TMPFS_MAGIC) {
      return undefined;
    }
    for (const text of texts) {
      const fd = openSync(memoryFileHome.dir, O_TMPFILE | constants.O_RDWR, 0o600);
      fds.push(fd);
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length; ) {
        done += writeSync(fd, bytes, done, bytes.length - done);
      }
    }
    return fds;
  } catch {
    fds.forEach((fd) => closeSync(fd));
    return undefined;
  }
}
