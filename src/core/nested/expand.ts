import type { Finding } from '../finding';
import { finding, type RuleMeta } from '../rule';
import { archiveSafetyFindings, COMPRESSION_BOMB, CORRUPT, PATH_TRAVERSAL, SYMLINK_ESCAPE, UNSAFE_NAME } from '../archive/safety';
import type { PackageFile } from '../package/file';
import { ZipPackage, type PackageSource } from '../package/source';
import { buildTree, findNode, type PackageNode } from '../package/tree';
import type { ReviewSettings } from '../settings';
import { escapeControls } from '../text';
import { METHOD_STORED, normaliseEntryName, resolveLinkTarget, ZipArchive } from '../zip';
import { readAr } from './ar';
import { decompress, ExpansionLimit, type Compression } from './decompress';
import { MemoryPackage, type MemoryFile } from './memoryPackage';
import { ReloadingSource } from './reloadingSource';
import { readTar, type TarMember } from './tar';
import { append } from '../append';
import { sha256Of } from '../digests';

export const NESTING_DEPTH: RuleMeta = { id: 'zip/nesting-depth', severity: 'warning', title: 'A nested archive lies deeper than the depth limit', scope: 'package' };

/** The separator between an archive's path and a path inside it: `payload/app.tar.gz!/etc/app.conf`. */
export const NEST = '!/';

type Format = { format: 'zip' } | { format: 'tar'; compression: Compression } | { format: 'deb' } | { format: 'rpm' };

const TAR_SUFFIXES: [RegExp, Compression][] = [
  [/\.tar$/i, 'none'],
  [/\.(tar\.gz|tgz)$/i, 'gzip'],
  [/\.(tar\.xz|txz)$/i, 'xz'],
  [/\.(tar\.bz2|tbz2?)$/i, 'bzip2'],
  [/\.(tar\.zst|tzst)$/i, 'zstd'],
];

/** Any name an archive may have: one test per file before the format is worked out. */
const ANY_ARCHIVE = /\.(zip|jar|war|ear|vsix|deb|rpm|tar|tgz|txz|tbz2?|tzst|gz|xz|bz2|zst)$/i;

/** What kind of archive a file is, by its name; undefined for anything else. */
export function nestedFormat(path: string): Format | undefined {
  if (!ANY_ARCHIVE.test(path)) {
    return undefined;
  }
  if (/\.(zip|jar|war|ear|vsix)$/i.test(path)) {
    return { format: 'zip' };
  }
  if (/\.deb$/i.test(path)) {
    return { format: 'deb' };
  }
  if (/\.rpm$/i.test(path)) {
    return { format: 'rpm' };
  }
  const tar = TAR_SUFFIXES.find(([re]) => re.test(path));
  return tar ? { format: 'tar', compression: tar[1] } : undefined;
}

/** How far the review got into one nested archive. */
export interface NestedStatus {
  path: string;
  status: 'opened' | 'too-deep' | 'not-readable' | 'not-reviewed';
  detail?: string;
}

const inside = (archive: string, member: string): string => `${archive}${NEST}${member}`;

/** Tar members as package files: hostile names, links out and device files reported, never kept. */
function tarFiles(members: readonly TarMember[], archive: string, prefix: string, out: Finding[]): MemoryFile[] {
  const files: MemoryFile[] = [];
  const byPath = new Map<string, MemoryFile>();
  for (const m of members) {
    const shown = inside(archive, escapeControls(prefix + m.name));
    const name = normaliseEntryName(m.name);
    if (name.path === undefined) {
      out.push(finding(PATH_TRAVERSAL, shown, `tar member name is unsafe (${escapeControls(name.unsafe ?? m.name)}); it is kept out of the package tree`));
      continue;
    }
    if (name.path === '') {
      continue; // the archive's own root, `./`
    }
    const path = prefix + name.path;
    if (m.type === 'device' || m.type === 'other') {
      out.push(finding(UNSAFE_NAME, inside(archive, path), `${inside(archive, path)} is a device file or a pipe: extracted as root it could give access to the host's devices; it is kept out of the package tree`));
      continue;
    }
    let file: MemoryFile;
    if (m.type === 'symlink' || m.type === 'link') {
      const target = m.type === 'link' ? normaliseEntryName(m.linkname ?? '').path : resolveLinkTarget(name.path, m.linkname ?? '');
      if (target === undefined) {
        out.push(finding(SYMLINK_ESCAPE, inside(archive, path), `${m.type === 'link' ? 'hard link' : 'symlink'} ${inside(archive, path)} → ${escapeControls(m.linkname ?? '')} points outside the archive`));
        continue;
      }
      const linked = m.type === 'link' ? byPath.get(prefix + target) : undefined;
      file = linked ? { ...linked, path } : { path, size: (m.linkname ?? '').length, mtime: m.mtime, mode: m.mode, type: 'symlink', linkname: m.linkname };
    } else {
      file = { path, size: m.type === 'directory' ? 0 : m.data.length, mtime: m.mtime, mode: m.mode, type: m.type === 'directory' ? 'directory' : 'file', data: m.data };
    }
    byPath.set(path, file);
    files.push(file);
  }
  return files;
}

const DEB_PART = /^(control|data)\.tar(\.(gz|xz|zst|bz2))?$/;
const DEB_COMPRESSION: Record<string, Compression> = { '': 'none', '.gz': 'gzip', '.xz': 'xz', '.zst': 'zstd', '.bz2': 'bzip2' };

/**
 * A package with the archives inside it opened, level by level up to the depth limit: their files listed at
 * `OUTER!/INNER` paths beside the package's own, read from memory (decompressed within the limits), so every
 * rule sees them as it sees the package's own files. What could not be opened is a finding or a note.
 */
export class ExpandedPackage implements PackageSource {
  /** Files inside opened archives; the package's own are its base's (not copied: a package rarely nests). */
  private readonly nestedFiles: PackageFile[] = [];
  private readonly nestedByPath = new Map<string, PackageFile>();
  private all?: PackageFile[];
  private treeCache?: PackageNode;
  /** The opened archives by their path: what reads inside them go to. */
  private readonly sources = new Map<string, PackageSource>();
  readonly findings: Finding[] = [];
  readonly notes: string[] = [];
  readonly nested: NestedStatus[] = [];
  /** Nested ZIPs read in place through the outer file (stored, not compressed), by path. */
  readonly inPlace = new Set<string>();
  /**
   * Kept for the session's later reviews: a session opens a ZIP's archives once, and a folder's again for every
   * review, so what is kept here never outlives the bytes it was made from.
   */
  readonly derived = new Map<string, unknown>();

  /** Bytes of nested archives' members held in memory, and the most that may be (maxHeldBytes). */
  private held = 0;
  private readonly maxHeld: number;

  private constructor(
    readonly base: PackageSource,
    settings: ReviewSettings,
  ) {
    this.maxHeld = settings.limits.maxHeldBytes;
  }

  files(): PackageFile[] {
    if (this.nestedFiles.length === 0) {
      return this.base.files();
    }
    this.all ??= [...this.base.files(), ...this.nestedFiles];
    return this.all;
  }
  file(path: string): PackageFile | undefined {
    return this.nestedByPath.get(path) ?? this.base.file(path);
  }
  tree(): PackageNode {
    this.treeCache ??= this.nestedFiles.length === 0 ? this.base.tree() : buildTree(this.files());
    return this.treeCache;
  }
  node(path: string): PackageNode | undefined {
    return findNode(this.tree(), path);
  }

  get kind(): PackageSource['kind'] {
    return this.base.kind;
  }
  get name(): string {
    return this.base.name;
  }
  get archive(): PackageSource['archive'] {
    return this.base.archive;
  }
  get overlay(): PackageSource['overlay'] {
    return this.base.overlay;
  }
  get scripts(): PackageSource['scripts'] {
    return this.base.scripts;
  }

  /** Opens the archives of `base`, recursively, within the settings' limits. */
  static async open(base: PackageSource, settings: ReviewSettings): Promise<ExpandedPackage> {
    const pkg = new ExpandedPackage(base, settings);
    append(pkg.notes, base.notes ?? []);
    await pkg.expand(base, '', 1, settings, { used: 0 });
    return pkg;
  }

  /** Where a path is read from: the innermost opened archive holding it, and the path inside it. */
  private route(path: string): { source: PackageSource; inner: string } {
    const parts = path.split(NEST);
    for (let k = parts.length - 1; k >= 1; k--) {
      const source = this.sources.get(parts.slice(0, k).join(NEST));
      if (source) {
        return { source, inner: parts.slice(k).join(NEST) };
      }
    }
    return { source: this.base, inner: path };
  }

  read(path: string, maxBytes: number): Promise<Buffer> {
    const { source, inner } = this.route(path);
    return source.read(inner, maxBytes);
  }
  chunks(path: string): AsyncIterable<Buffer> {
    const { source, inner } = this.route(path);
    return source.chunks(inner);
  }
  readLink(path: string): Promise<string> {
    const { source, inner } = this.route(path);
    return source.readLink(inner);
  }

  private async expand(source: PackageSource, prefix: string, depth: number, settings: ReviewSettings, budget: { used: number }): Promise<void> {
    for (const f of source.files()) {
      const kind = f.type === 'file' ? nestedFormat(f.path) : undefined;
      if (!kind) {
        continue;
      }
      const path = prefix + f.path;
      if (kind.format === 'rpm') {
        this.nested.push({ path, status: 'not-reviewed', detail: 'RPM' });
        this.notes.push(`${path} is an RPM package: its scriptlets and files were not reviewed (no RPM reader); review it with rpm -qp --scripts`);
        continue;
      }
      if (depth > settings.limits.maxDepth) {
        this.nested.push({ path, status: 'too-deep' });
        this.findings.push(finding(NESTING_DEPTH, path, `${path} is an archive ${depth} levels deep, past the limit of ${settings.limits.maxDepth} (upgradeInspector.limits.maxDepth): it was not opened, so nothing in it was reviewed`));
        continue;
      }
      const limit = Math.min(settings.limits.maxNestedBytes, settings.limits.maxEntryBytes, Math.max(0, settings.limits.maxTotalBytes - budget.used));
      try {
        // A stored ZIP is read in place (no memory): the in-memory limit is for what must be inflated.
        const storedZip = kind.format === 'zip' && f.entry?.method === METHOD_STORED && !f.entry.encrypted;
        if (f.size > limit && !storedZip) {
          throw new ExpansionLimit(limit);
        }
        const child = await this.openArchive(source, f.path, path, kind, limit, settings, budget);
        budget.used += child.files().reduce((n, x) => n + x.size, 0);
        this.sources.set(path, child);
        for (const inner of child.files()) {
          const file: PackageFile = { path: inside(path, inner.path), size: inner.size, mtime: inner.mtime, mode: inner.mode, type: inner.type, digest: inner.digest };
          this.nestedFiles.push(file);
          this.nestedByPath.set(file.path, file);
        }
        this.nested.push({ path, status: 'opened' });
        await this.expand(child, inside(path, ''), depth + 1, settings, budget);
      } catch (e) {
        const bomb = e instanceof ExpansionLimit || (e as { code?: string }).code === 'too-large';
        this.nested.push({ path, status: 'not-readable', detail: (e as Error).message });
        this.findings.push(bomb ? finding(COMPRESSION_BOMB, path, `${path} ${e instanceof ExpansionLimit ? e.message : `is larger than the ${limit} bytes a nested archive may have: it was not opened`}`) : finding(CORRUPT, path, `${path} cannot be read as ${kind.format === 'tar' ? 'a tarball' : kind.format === 'deb' ? 'a .deb' : 'a ZIP'}: ${escapeControls((e as Error).message)}`));
      }
    }
  }

  private async openArchive(source: PackageSource, inner: string, path: string, kind: Format, limit: number, settings: ReviewSettings, budget: { used: number }): Promise<PackageSource> {
    // A ZIP stored in a ZIP is read in place, by byte range; anything else is read (inflated) within the limit.
    const entry = kind.format === 'zip' ? source.file(inner)?.entry : undefined;
    const inPlace = entry && source.archive ? await source.archive.openStored(entry) : undefined;
    if (inPlace) {
      this.inPlace.add(path);
    }
    const bytes = inPlace ? Buffer.alloc(0) : await source.read(inner, limit);
    if (kind.format === 'zip') {
      const archive = inPlace ?? (await this.zipOver(bytes, () => source.read(inner, limit)));
      const safety = await archiveSafetyFindings(archive, path, { ...settings.limits, maxTotalBytes: Math.max(0, settings.limits.maxTotalBytes - budget.used) });
      append(this.findings, safety.findings.map((x) => (x.file === path ? x : { ...x, file: inside(path, x.file) })));
      return new ZipPackage(archive, path.split('/').pop()!);
    }
    const files = await members(bytes, kind, path, limit, this.findings);
    const reload = async (): Promise<ReadonlyMap<string, Buffer>> => {
      const again = await members(await source.read(inner, limit), kind, path, limit, []);
      return new Map(again.flatMap((f) => (f.type === 'file' && f.data ? [[f.path, f.data] as const] : [])));
    };
    return new MemoryPackage(path, this.hold(files), reload);
  }

  /**
   * A nested ZIP inflated into memory, held while what is held stays within maxHeldBytes; past it, read again
   * from its outer archive when a region of it is asked for (a package of 120 real JARs held their 118 MB).
   */
  private zipOver(bytes: Buffer, reload: () => Promise<Buffer>): Promise<ZipArchive> {
    return this.keeps(bytes.length) ? ZipArchive.fromBuffer(bytes) : ZipArchive.fromSource(new ReloadingSource(bytes.length, reload, bytes));
  }

  /** Whether bytes of this size are held (and counted), or let go: what is held stays within maxHeldBytes. */
  private keeps(size: number): boolean {
    if (size > ALWAYS_HELD && this.held + size > this.maxHeld) {
      return false;
    }
    this.held += size;
    return true;
  }

  /**
   * Hashes every member read into memory, and keeps its bytes while what is held stays within maxHeldBytes:
   * past it, a member larger than a script probe is let go (read again by decoding its archive again). The
   * review's pass over every file takes the hash; a package of sixty real .debs held 710 MB for nothing else.
   */
  private hold(files: MemoryFile[]): MemoryFile[] {
    for (const f of files) {
      if (f.type !== 'file' || !f.data) {
        continue;
      }
      f.digest = sha256Of(f.data);
      if (!this.keeps(f.data.length)) {
        f.data = undefined;
      }
    }
    return files;
  }
}

/** Members (and archives) up to this size are always held: what the review reads of a file for its text (a script, a config) is smaller. */
const ALWAYS_HELD = 256 * 1024;

/** The members of a tarball or a .deb, decompressed within `limit`; what they hide is added to `findings`. */
async function members(bytes: Buffer, kind: Format, path: string, limit: number, findings: Finding[]): Promise<MemoryFile[]> {
  if (kind.format === 'tar') {
    return tarFiles(await readTar(await decompress(bytes, kind.compression, limit)), path, '', findings);
  }
  const files: MemoryFile[] = [];
  for (const member of readAr(bytes)) {
    const part = DEB_PART.exec(member.name);
    if (part) {
      const tar = await decompress(member.data, DEB_COMPRESSION[part[2] ?? ''], limit);
      append(files, tarFiles(await readTar(tar), path, `${part[1]}/`, findings));
    }
  }
  return files;
}
