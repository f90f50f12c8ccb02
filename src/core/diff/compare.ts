import { structuredPatch } from 'diff';
import type { Finding, Severity } from '../finding';
import { ReviewSession } from '../engine';
import type { PackageSource } from '../package/source';
import type { ReviewResult } from '../review';
import type { ReviewSettings } from '../settings';
import { DigestStore } from '../digests';
import type { TextFile } from '../textFile';
import type { Workspace } from '../workspace';
import { labelFindings, type DiffFinding, type StatementOf } from './baseline';
import { SHIPPED_CONFIG, vanishedKeys, type ProposedEntry } from './configKeys';
import { fileChanges, type FileChange, type ReviewedRelease } from './files';
import { manifestChanges, type ManifestChange } from './manifest';

/** What changed between two releases of a package, and which findings are new. */
export interface ReleaseDiff {
  old: string;
  new: string;
  files: FileChange[];
  manifest: ManifestChange[];
  findings: DiffFinding[];
  /** Findings of the new release that the old one had too and the team accepted there: carried over. */
  accepted: DiffFinding[];
  summary: { new: Record<Severity, number>; absent: number };
  /** Config keys the new release's shipped files dropped, as deprecation-matrix entries. */
  proposals: ProposedEntry[];
  notes: string[];
  oldReview: ReviewResult;
  newReview: ReviewResult;
}

/** Hunks are shown for text files up to this size. */
const MAX_DIFF_BYTES = 1024 * 1024;

/** A package file's text, or undefined when it is binary, too large or unreadable. */
async function textOf(pkg: PackageSource, path: string): Promise<string | undefined> {
  const f = pkg.file(path);
  if (!f || f.type !== 'file' || f.size > MAX_DIFF_BYTES) {
    return undefined;
  }
  try {
    const bytes = await pkg.read(path, MAX_DIFF_BYTES);
    return bytes.subarray(0, 8192).includes(0) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

/** How a review's findings name their statement: the text of their line, read once per file. */
async function statements(pkg: PackageSource, review: ReviewResult, workspace: Workspace): Promise<StatementOf> {
  const lines = new Map<string, string[] | undefined>();
  for (const f of [...review.findings, ...review.accepted]) {
    const key = `${f.origin}:${f.file}`;
    if (!lines.has(key)) {
      const text = f.origin === 'workspace' ? workspace.configFiles.find((c) => c.path === f.file)?.text : await textOf(pkg, f.file);
      lines.set(key, text?.split('\n'));
    }
  }
  // A file without text (a binary, the archive itself) has one statement: the rule and the file say it all.
  return (f: Finding) => lines.get(`${f.origin}:${f.file}`)?.[f.range.start.line]?.trim() ?? '';
}

async function shippedConfig(pkg: PackageSource, review: ReviewResult): Promise<TextFile[]> {
  const matrixPath = review.manifest?.deprecationsPath;
  const out: TextFile[] = [];
  for (const f of pkg.files().filter((x) => SHIPPED_CONFIG.test(x.path) && x.path !== matrixPath)) {
    const text = await textOf(pkg, f.path);
    if (text !== undefined) {
      out.push({ path: f.path, text });
    }
  }
  return out;
}

/**
 * Compares two releases: each is reviewed once, then files are compared (by size and CRC-32, then stored bytes
 * or SHA-256: see fileChanges), modified text files get line hunks, the manifests are compared value by value,
 * and every finding is labelled new, unchanged or absent.
 */
export async function compareReleases(oldBase: PackageSource, newBase: PackageSource, workspace: Workspace, settings: ReviewSettings): Promise<ReleaseDiff> {
  const oldSession = new ReviewSession(oldBase);
  const newSession = new ReviewSession(newBase);
  const oldReview = await oldSession.review(workspace, settings);
  const newReview = await newSession.review(workspace, settings);
  // With their nested archives opened: files inside them are compared as files.
  const oldPkg = oldSession.source;
  const newPkg = newSession.source;
  const reviewed = (pkg: PackageSource, review: ReviewResult): ReviewedRelease => ({ pkg, digests: review.digests ?? new DigestStore(), unreadable: review.unreadable ?? new Set() });
  const files = await fileChanges(reviewed(oldPkg, oldReview), reviewed(newPkg, newReview));
  for (const change of files.filter((c) => c.change === 'modified')) {
    const [before, after] = await Promise.all([textOf(oldPkg, change.path), textOf(newPkg, change.path)]);
    if (before !== undefined && after !== undefined) {
      change.hunks = structuredPatch(change.path, change.path, before, after, '', '', { context: 3 }).hunks;
    }
  }
  // The old release's accepted findings take part: one that still fires on the same statement stays accepted.
  const labelled = labelFindings([...oldReview.findings, ...oldReview.accepted], newReview.findings, await statements(oldPkg, oldReview, workspace), await statements(newPkg, newReview, workspace), { old: oldPkg.name, new: newPkg.name });
  const carried = labelled.filter((f) => f.was?.accepted).map((f) => ({ ...f, accepted: f.was!.accepted }));
  const findings = labelled.filter((f) => !f.was?.accepted && !(f.baseline === 'absent' && f.accepted));
  const fresh = findings.filter((f) => f.baseline === 'new');
  const count = (s: Severity): number => fresh.filter((f) => f.severity === s).length;
  const oldVersion = oldReview.manifest?.version ?? oldPkg.name;
  const newVersion = newReview.manifest?.version ?? newPkg.name;
  const proposals = vanishedKeys(await shippedConfig(oldPkg, oldReview), await shippedConfig(newPkg, newReview), String(newVersion), String(oldVersion), newReview.drift?.matrix);
  return {
    old: oldPkg.name,
    new: newPkg.name,
    files,
    manifest: manifestChanges(oldReview.manifest?.data, newReview.manifest?.data),
    findings,
    accepted: carried,
    summary: { new: { error: count('error'), warning: count('warning'), info: count('info') }, absent: findings.filter((f) => f.baseline === 'absent').length },
    proposals,
    notes: [...new Set([...oldReview.notes, ...newReview.notes])],
    oldReview,
    newReview,
  };
}
