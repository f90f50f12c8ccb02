import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExamplePackage, type BuildOptions, type BuiltPackage } from '../../examples/build-package';
import { reviewPackage, type ReviewResult } from '../../src/core/review';
import { ZipPackage } from '../../src/core/package/source';
import { defaultSettings, type ReviewSettings } from '../../src/core/settings';
import { emptyWorkspace } from '../../src/core/review';
import { loadWorkspace, type Workspace } from '../../src/core/workspace';
import { ZipArchive } from '../../src/core/zip';
import { repoRoot } from './paths';

export const exampleWorkspace = join(repoRoot, 'examples', 'workspace');

let counter = 0;
/** Builds a variant of the example package into a fresh temporary folder. */
export function buildVariant(options: BuildOptions = {}): Promise<BuiltPackage> {
  return buildExamplePackage({ outDir: mkdtempSync(join(tmpdir(), 'ui-example-')), fileName: `pkg-${++counter}.zip`, ...options });
}

export const NOW = new Date('2026-11-23T12:00:00Z');

export async function review(zipPath: string, workspace?: Workspace, settings: Partial<ReviewSettings> = {}): Promise<ReviewResult> {
  const archive = await ZipArchive.open(zipPath);
  try {
    return await reviewPackage(new ZipPackage(archive, 'pkg.zip'), workspace ?? emptyWorkspace(), defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' }, ...settings }));
  } finally {
    await archive.close();
  }
}

export function exampleWs(): Promise<Workspace> {
  return loadWorkspace(exampleWorkspace);
}

/** "rule file:line" for every finding: the shape tests compare. */
export function keys(result: ReviewResult, which: 'findings' | 'accepted' = 'findings'): string[] {
  return result[which].map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`).sort();
}
