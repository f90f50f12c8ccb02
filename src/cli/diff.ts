import { compareReleases } from '../core/diff/compare';
import { openPackage } from '../core/review';
import { ZipError } from '../core/zip';
import type { Parsed } from './args';
import { diffJson, diffMarkdown, diffText } from './format/diff';
import { formatSarif } from './format/sarif';
import { CliError, statOrExplain, write } from './io';
import { cliSettings, loadCliWorkspace } from './lint';
import { VERSION } from './version';

async function open(path: string): Promise<Awaited<ReturnType<typeof openPackage>>> {
  const { isDirectory } = await statOrExplain(path);
  try {
    return await openPackage(path, isDirectory, { blockingSmallReads: true });
  } catch (e) {
    throw new CliError(`${path}: ${e instanceof ZipError ? `not a readable ZIP (${e.message})` : `cannot be opened (${(e as Error).message})`}`);
  }
}

/** `diff OLD NEW`: what changed between two releases; exit 1 when NEW brings a new error finding. */
export async function runDiff(oldPath: string, newPath: string, values: Parsed['values']): Promise<number> {
  const workspace = await loadCliWorkspace(values);
  const settings = await cliSettings(values);
  const oldPkg = await open(oldPath);
  try {
    const newPkg = await open(newPath);
    try {
      const d = await compareReleases(oldPkg, newPkg, workspace, settings);
      const format = (values.format as string | undefined) ?? 'text';
      if (format === 'json') {
        await write(diffJson(d));
      } else if (format === 'markdown') {
        await write(diffMarkdown(d));
      } else if (format === 'sarif') {
        await write(formatSarif({ package: d.new, findings: d.findings, accepted: [] }, VERSION));
      } else {
        await write(diffText(d));
      }
      return d.summary.new.error > 0 ? 1 : 0;
    } finally {
      await newPkg.archive?.close();
    }
  } finally {
    await oldPkg.archive?.close();
  }
}
