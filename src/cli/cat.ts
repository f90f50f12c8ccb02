import { ZipError } from '../core/zip';
import { defaultSettings } from '../core/settings';
import { CliError, openZipOrExplain } from './io';
import { escapeControls } from '../core/text';

/** `cat`: an entry's exact bytes on stdout, streamed; refusals are one line on stderr, exit 2. */
export async function runCat(path: string, inner: string): Promise<number> {
  const archive = await openZipOrExplain(path);
  try {
    // Every name `ls` prints is accepted: the path, or a name kept out of the tree as `ls` shows it (escaped).
    const entry = archive.getEntry(inner) ?? archive.entries.find((e) => e.path === undefined && (e.rawName === inner || escapeControls(e.rawName) === inner));
    if (!entry) {
      throw new CliError(`${escapeControls(inner)}: no such entry in ${path}`);
    }
    if (entry.type === 'directory') {
      throw new CliError(`${inner}: is a folder`);
    }
    // Go refuses an entry whose local header or data descriptor disagrees with the directory; so does cat.
    const problem = (await archive.entryProblems(entry))[0];
    if (problem !== undefined) {
      throw new CliError(`${path}: ${problem} (see lint: zip/header-mismatch)`);
    }
    const maxBytes = defaultSettings().limits.maxEntryBytes;
    try {
      for await (const chunk of archive.chunks(entry, { maxBytes, anyName: true })) {
        if (!process.stdout.write(chunk)) {
          await new Promise((resolve) => process.stdout.once('drain', resolve));
        }
      }
    } catch (e) {
      if (e instanceof ZipError) {
        throw new CliError(e.message);
      }
      throw e;
    }
  } finally {
    await archive.close();
  }
  return 0;
}
