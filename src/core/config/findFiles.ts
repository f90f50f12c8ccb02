import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { decodeText, type TextFile } from '../textFile';
import { compareText } from '../text';
import { why } from '../userFile';
import { inTurns } from '../inTurns';

export const DEFAULT_CONFIG_PATTERNS = ['.conf', '.properties', '.ini', '.env', '.json', '.yaml', '.yml'];
const SKIP = new Set(['node_modules', '.git']);
const MAX_FILES = 5000;
const MAX_BYTES = 1024 * 1024;

/** Whether a file name matches a pattern: an ending (".conf"), a whole name (".env") or a `*` glob. */
export function matchesConfigPattern(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    if (p.includes('*')) {
      const re = new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
      return re.test(name);
    }
    return name === p || name.endsWith(p) || (p === '.env' && name.startsWith('.env.'));
  });
}

/** What a walk reads with: Node's thread pool (the editor's host), or blocking calls (a one-shot command). */
interface WalkIo {
  list(dir: string): Promise<Dirent[]>;
  /** The file's bytes, or undefined when it is not a regular file or is larger than MAX_BYTES. */
  read(path: string): Promise<Buffer | undefined>;
}

/** A regular file within the size limit (a link is followed: to a file, it is read; to a folder, not). */
const readable = (st: Stats): boolean => st.isFile() && st.size <= MAX_BYTES;
const POOLED: WalkIo = {
  list: (dir) => readdir(dir, { withFileTypes: true }),
  read: async (path) => (readable(await stat(path)) ? readFile(path) : undefined),
};
const BLOCKING: WalkIo = {
  list: async (dir) => readdirSync(dir, { withFileTypes: true }),
  read: async (path) => (readable(statSync(path)) ? readFileSync(path) : undefined),
};
/** Files of one folder read at once: each read through the pool is a round trip (3,100 one by one took 0.8 s). */
const AT_ONCE = 64;

export interface FoundConfigFiles {
  files: TextFile[];
  /** Candidate files that could not be read (relative path and why): their keys were not checked. */
  unreadable: string[];
  /** Folders that could not be listed (relative path, `.` for the root, and why): nothing in them was looked at. */
  unlistable: string[];
}

/**
 * Candidate config files of a workspace, read as text (bounded in count and size), in the order of the walk:
 * the first MAX_FILES of it are kept. A link to a file is read as the file (folders are walked only as
 * themselves: a link cannot make the walk loop). A file that cannot be read (a dangling link, no permission) or a
 * folder that cannot be listed is named, never a failed review.
 */
export async function findConfigFiles(root: string, patterns: readonly string[] = DEFAULT_CONFIG_PATTERNS, blocking = false): Promise<FoundConfigFiles> {
  const io = blocking ? BLOCKING : POOLED;
  const files: TextFile[] = [];
  const unreadable: string[] = [];
  const unlistable: string[] = [];
  const rel = (full: string): string => relative(root, full).split(sep).join('/');
  const walk = async (dir: string): Promise<void> => {
    let dirents;
    try {
      dirents = await io.list(dir);
    } catch (e) {
      unlistable.push(`${rel(dir) || '.'} (${why(e)})`);
      return;
    }
    // The folder's candidates are read together (as many as there is room for), then taken in the walk's order.
    const candidates = dirents.filter((d) => (d.isFile() || d.isSymbolicLink()) && matchesConfigPattern(d.name, patterns)).slice(0, MAX_FILES - files.length);
    const reads = await inTurns(candidates, AT_ONCE, (d) => io.read(join(dir, d.name)).catch((e: NodeJS.ErrnoException) => e));
    const readOf = new Map(candidates.map((d, i) => [d, reads[i]]));
    for (const d of dirents) {
      if (files.length >= MAX_FILES) {
        return;
      }
      const full = join(dir, d.name);
      if (d.isDirectory()) {
        if (!SKIP.has(d.name) && d.name !== '.upgrade-inspector') {
          await walk(full);
        }
      } else if (readOf.has(d)) {
        const bytes = readOf.get(d);
        if (bytes instanceof Error) {
          unreadable.push(`${rel(full)} (${why(bytes)})`);
        } else if (bytes !== undefined) {
          files.push({ path: rel(full), ...decodeText(bytes) });
        }
      }
    }
  };
  await walk(root);
  return { files: files.sort((a, b) => compareText(a.path, b.path)), unreadable, unlistable };
}
