import { basename } from 'node:path';
import { CHECKS, SCRIPT_RULES } from './rules';
import { readPackageBytes, type ReviewContext } from './context';
import { compareFindings, type Finding } from './finding';
import { applyLedger, type Ledger, type LedgerEntry } from './ledger';
import { Manifest, MANIFEST_PATH } from './manifest/model';
import { ZipPackage, type PackageSource } from './package/source';
import { FolderPackage } from './package/folder';
import type { ReviewSettings } from './settings';
import type { SignerSummary } from './signature/verify';
import { buildModels } from './models';
import { DigestStore, keepDigests, sha256 } from './digests';
import { ExpandedPackage } from './nested/expand';
import { inTurns } from './inTurns';
import type { Workspace } from './workspace';
import type { CompatMatrix } from './compat/matrix';
import type { DriftInputs } from './config/fixAll';
import { ZipArchive, ZipError, type FileSourceOptions, type ZipEntry } from './zip';
import { archiveSafetyFindings } from './archive/safety';
import { escapeControls } from './text';
import { groupRepeated } from './group';
import { finding } from './rule';
import { MISSING, INVALID_JSON } from './manifest/parseRules';
import { COMPRESSION_BOMB, CORRUPT } from './archive/safety';
import { checksumListPath } from './signature/checksumList';
import { JAR_SIGNATURE_FILE } from './signature/jar';
import { append } from './append';

export interface ReviewResult {
  package: string;
  /** Open findings (not accepted), sorted. */
  findings: Finding[];
  accepted: Finding[];
  stale: LedgerEntry[];
  manifest?: Manifest;
  signer?: SignerSummary;
  /** What config drift was judged with (absent when it was not checked). */
  drift?: DriftInputs;
  matrix?: CompatMatrix;
  /** The ledger the findings were judged with, for re-lints as the user types. */
  ledger?: Ledger;
  notes: string[];
  /** SHA-256 of the files the review compares (see digestNeeded), and of every file inside nested archives. */
  digests?: DigestStore;
  /** Files that could not be read whole and intact (zip/* says why): no digest is taken of them. */
  unreadable?: ReadonlySet<string>;
}

export function emptyWorkspace(): Workspace {
  return { configFiles: [], notes: [] };
}

/** What the reading passes fill in before the models are built. */
interface Reading {
  pkg: PackageSource;
  /** Filled by the pass over every file (or that of an earlier review of the same opened package). */
  digests: DigestStore;
  unreadable: Set<string>;
}

/** A file that could not be read whole: a lying size is a bomb, anything else corrupt. */
function unreadable(ctx: Reading, path: string, e: unknown, out: Finding[]): void {
  ctx.unreadable.add(path);
  const tooLarge = e instanceof ZipError && e.code === 'too-large';
  out.push(finding(tooLarge ? COMPRESSION_BOMB : CORRUPT, path, escapeControls((e as Error).message)));
}

/**
 * Whose SHA-256 the review compares: the files manifest.files lists; every file when the package carries a
 * checksum list (which may list any file) or a JAR signature at its root (whose check would read again every
 * file it lists). Hashing 100,000 small files that nothing compares was about a tenth of such a review. (A
 * comparison of releases hashes what it must compare itself: see diff/files.ts.)
 */
function digestNeeded(pkg: PackageSource, manifest: Manifest | undefined): (path: string) => boolean {
  const everyFile = checksumListPath(pkg) !== undefined || pkg.files().some((f) => f.type === 'file' && JAR_SIGNATURE_FILE.test(f.path));
  if (everyFile) {
    return () => true;
  }
  const listed = new Set(manifest?.files.map((f) => f.path));
  return (path) => listed.has(path);
}

/**
 * One pass over the package: every file read once and checked (read errors and lying sizes are findings). A
 * ZIP's own entries are read in file order, small ones with their neighbours in one read (see
 * ZipArchive.readAll), and hashed where their digest is `needed`; the files inside nested archives are read
 * from memory and hashed, or were hashed as they were read into it (tarballs, .debs).
 */
async function digestFiles(ctx: Reading, skip: Set<string>, needed: (path: string) => boolean, out: Finding[], signal?: AbortSignal): Promise<void> {
  const all = ctx.pkg.files().filter((f) => f.type === 'file' && !skip.has(f.path));
  const archive = ctx.pkg.archive;
  // The package's own ZIP entries in one ordered pass; files inside nested archives are read from memory.
  const files = archive ? all.filter((f) => f.entry === undefined) : all;
  if (archive) {
    // A ZIP's own file is at its entry's path; its digest is kept by the entry's index.
    const entries: ZipEntry[] = [];
    all.forEach((f) => {
      if (f.entry !== undefined) {
        entries.push(f.entry);
      }
    });
    await archive.readAll(
      entries,
      { maxBytes: Number.MAX_SAFE_INTEGER, wanted: (entry) => needed(entry.path!) },
      keepDigests(ctx.digests),
      (entry, error) => unreadable(ctx, entry.path!, error, out),
    );
  }
  // Several at once: the files of a folder are read through Node's pool, a round trip each (20,000 one by one: 9 s).
  // A member of a nested tarball was hashed when it was read into memory (its bytes may have been let go since).
  const hashed = await inTurns(files, 16, async (file) => {
    signal?.throwIfAborted();
    return file.digest ?? sha256(ctx.pkg.chunks(file.path)).catch((e: unknown) => e as Error);
  });
  signal?.throwIfAborted();
  files.forEach((file, i) => {
    const digest = hashed[i];
    if (typeof digest === 'string') {
      ctx.digests.set(file.path, digest);
    } else {
      unreadable(ctx, file.path, digest, out);
    }
  });
}

/** What the pass over every file found, kept on the opened package for a session's later reviews. */
interface EveryFileRead {
  findings: Finding[];
  unreadable: string[];
  digests: DigestStore;
}
const EVERY_FILE_READ = 'every file read';

/**
 * The pass over every file (digestFiles), or what it found the last time for this opened package (`derived`):
 * its bytes, its archives' limits and its manifest, which decide what the pass reads and hashes, are the same
 * for the session's later reviews (the editor's, at every change of the workspace: 1.2 s each for the 1 GB
 * package of the benchmark). A pass that is cancelled ends in an AbortError, so it is never kept; each review
 * gets its own findings.
 */
async function readEveryFile(ctx: Reading, skip: Set<string>, needed: (path: string) => boolean, out: Finding[], signal?: AbortSignal): Promise<void> {
  const kept = ctx.pkg.derived?.get(EVERY_FILE_READ) as EveryFileRead | undefined;
  if (kept) {
    append(out, kept.findings.map((f) => structuredClone(f)));
    kept.unreadable.forEach((path) => ctx.unreadable.add(path));
    ctx.digests = kept.digests;
    return;
  }
  const before = new Set(ctx.unreadable);
  const found: Finding[] = [];
  await digestFiles(ctx, skip, needed, found, signal);
  append(out, found);
  ctx.pkg.derived?.set(EVERY_FILE_READ, { findings: found.map((f) => structuredClone(f)), unreadable: [...ctx.unreadable].filter((path) => !before.has(path)), digests: ctx.digests });
}

/**
 * Reviews a package against a workspace: every finding, the accepted ones set apart. An aborted `signal` stops
 * it between one step and the next (the read, each check), rejecting with the signal's reason.
 */
export async function reviewPackage(pkg: PackageSource, workspace: Workspace, settings: ReviewSettings, signal?: AbortSignal): Promise<ReviewResult> {
  const findings: Finding[] = [];
  const reading: Reading = { pkg, digests: new DigestStore(pkg.archive), unreadable: new Set() };
  let manifest: Manifest | undefined;
  let skip = new Set<string>();
  if (pkg.archive) {
    const safety = await archiveSafetyFindings(pkg.archive, pkg.name, settings.limits);
    append(findings, safety.findings);
    skip = safety.skip;
    // No later pass reads them either: a script that is a compression bomb is not inflated to be parsed.
    skip.forEach((path) => reading.unreadable.add(path));
  }
  if (pkg instanceof ExpandedPackage) {
    append(findings, pkg.findings);
  }
  signal?.throwIfAborted();
  const manifestFile = pkg.file(MANIFEST_PATH);
  if (!manifestFile || manifestFile.type !== 'file') {
    findings.push(finding(MISSING, pkg.kind === 'zip' ? pkg.name : MANIFEST_PATH, 'the package has no manifest.json at its root, so nothing says what it installs or how'));
  } else if (manifestFile.size > settings.limits.maxTextBytes) {
    // Too large to read is a finding, never a silent all-clear.
    findings.push(finding(INVALID_JSON, MANIFEST_PATH, `manifest.json is ${manifestFile.size} bytes, past the ${settings.limits.maxTextBytes} bytes a text file may have: it was not read, so nothing it says was checked`));
  } else if (!skip.has(MANIFEST_PATH)) {
    const bytes = await readPackageBytes({ ...reading, settings }, MANIFEST_PATH);
    manifest = bytes && new Manifest(bytes);
  }
  // The manifest first: what it lists is what the one pass must hash.
  await readEveryFile(reading, skip, digestNeeded(pkg, manifest), findings, signal);
  signal?.throwIfAborted();
  const notes = [...workspace.notes, ...(pkg.notes ?? [])];
  const base = { ...reading, settings, manifest, workspace, notes };
  const ctx: ReviewContext = { ...base, models: await buildModels(base, signal), scriptRules: SCRIPT_RULES };
  for (const check of CHECKS) {
    signal?.throwIfAborted();
    append(findings, await check.run(ctx));
  }
  // The ledger and the grouping before the sort: 100,000 unlisted files are one finding by then (sorting them
  // all through the collator took 120–200 ms). A group is named by the files the checks found first.
  const { open, accepted, stale } = applyLedger(findings, workspace.ledger);
  return { package: pkg.name, findings: groupRepeated(open).sort(compareFindings), accepted: accepted.sort(compareFindings), stale, manifest, signer: ctx.models.signature?.signer, drift: ctx.models.drift, matrix: ctx.models.matrix, ledger: workspace.ledger, notes, digests: reading.digests, unreadable: reading.unreadable };
}

/** A package opened for review: a ZIP, or a folder holding an unpacked package. */
export async function openPackage(path: string, isFolder: boolean, options?: FileSourceOptions): Promise<PackageSource> {
  return isFolder ? FolderPackage.open(path, basename(path), { blocking: options?.blockingSmallReads }) : new ZipPackage(await ZipArchive.open(path, options), basename(path));
}

/** The finding for a file that opens but is not a readable ZIP. */
export function corruptArchiveResult(path: string, error: ZipError, workspace: Workspace): ReviewResult {
  const name = basename(path);
  return {
    package: name,
    findings: [finding(CORRUPT, name, error.message)],
    accepted: [],
    stale: [],
    notes: workspace.notes,
  };
}
