import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { TextFile } from '../textFile';
import { compareText } from '../text';

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

/** Candidate config files of a workspace, read as text (bounded in count and size). */
export async function findConfigFiles(root: string, patterns: readonly string[] = DEFAULT_CONFIG_PATTERNS): Promise<TextFile[]> {
  const out: TextFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let dirents;
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of dirents) {
      if (out.length >= MAX_FILES) {
        return;
      }
      const full = join(dir, d.name);
      if (d.isDirectory()) {
        if (!SKIP.has(d.name) && d.name !== '.upgrade-inspector') {
          await walk(full);
        }
      } else if (d.isFile() && matchesConfigPattern(d.name, patterns)) {
        const st = await stat(full);
        if (st.size <= MAX_BYTES) {
          out.push({ path: relative(root, full).split(sep).join('/'), text: await readFile(full, 'utf8') });
        }
      }
    }
  };
  await walk(root);
  return out.sort((a, b) => compareText(a.path, b.path));
}
