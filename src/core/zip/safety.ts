import { finding } from '../rules';
import type { Finding } from '../finding';
import type { ReviewSettings } from '../settings';
import type { ZipArchive } from './archive';
import { resolveLinkTarget } from './names';

const BOMB_MIN_BYTES = 1024 * 1024;

/** Archive-level hazards, computed from the central directory alone (symlink targets read, bounded). */
export async function archiveSafetyFindings(archive: ZipArchive, limits: ReviewSettings['limits']): Promise<Finding[]> {
  const out: Finding[] = [];
  const seen = new Map<string, string>();
  const seenFolded = new Map<string, string>();
  let total = 0;
  for (const entry of archive.entries) {
    const file = entry.path ?? entry.rawName;
    if (entry.unsafeName) {
      out.push(finding('zip/path-traversal', entry.rawName, `entry name is unsafe (${entry.unsafeName}); it is kept out of the package tree`));
      continue;
    }
    if (entry.path === undefined || entry.path === '') {
      continue;
    }
    const previous = seen.get(entry.path);
    const folded = entry.path.toLowerCase();
    if (previous !== undefined) {
      out.push(finding('zip/duplicate-entry', file, `"${entry.rawName}" appears again after "${previous}"; tools disagree on which one wins`));
    } else if (seenFolded.has(folded)) {
      out.push(finding('zip/duplicate-entry', file, `"${entry.rawName}" differs from "${seenFolded.get(folded)}" only by case; on a case-insensitive filesystem one overwrites the other`));
    }
    seen.set(entry.path, entry.rawName);
    if (!seenFolded.has(folded)) {
      seenFolded.set(folded, entry.rawName);
    }
    if (entry.encrypted) {
      out.push(finding('zip/encrypted-entry', file, `${file} is encrypted${entry.strongEncryption ? ' (strong encryption)' : ''} and cannot be reviewed`));
      continue;
    }
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      out.push(finding('zip/compression-bomb', file, `${file} declares ${entry.uncompressedSize} bytes, past the limit of ${limits.maxEntryBytes}; it is not inflated`));
    } else if (entry.uncompressedSize > BOMB_MIN_BYTES && ratio > limits.maxRatio) {
      out.push(finding('zip/compression-bomb', file, `${file} expands ${Math.round(ratio)}× (${entry.compressedSize} → ${entry.uncompressedSize} bytes), past the limit of ${limits.maxRatio}×; it is not inflated`));
    }
    if (entry.type === 'symlink') {
      await checkSymlink(archive, entry.path, entry, out);
    }
  }
  if (total > limits.maxTotalBytes) {
    out.push(finding('zip/compression-bomb', archive.entries[0]?.path ?? '', `the package expands to ${total} bytes in all, past the limit of ${limits.maxTotalBytes}`));
  }
  return out;
}

async function checkSymlink(
  archive: ZipArchive,
  path: string,
  entry: ZipArchive['entries'][number],
  out: Finding[],
): Promise<void> {
  try {
    const target = (await archive.readEntry(entry, { maxBytes: 4096 })).toString('utf8');
    if (resolveLinkTarget(path, target) === undefined) {
      out.push(finding('zip/symlink-escape', path, `symlink ${path} → ${target} points outside the package`));
    }
  } catch (e) {
    out.push(finding('zip/corrupt', path, (e as Error).message));
  }
}

/** Whether an entry was flagged as a bomb or encrypted, so later passes do not try to inflate it. */
export function skippedEntries(findings: readonly Finding[]): Set<string> {
  return new Set(
    findings
      .filter((f) => f.rule === 'zip/compression-bomb' || f.rule === 'zip/encrypted-entry' || f.rule === 'zip/path-traversal')
      .map((f) => f.file),
  );
}
