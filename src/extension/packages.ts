import * as vscode from 'vscode';
import { ZipArchive, ZipError } from '../core/zip';
import { ZipPackage, type PackageSource } from '../core/package/source';
import { FolderPackage } from '../core/package/folder';
import { corruptArchiveResult, type ReviewResult } from '../core/review';
import { ReviewSession } from '../core/engine';
import { HANDOFF_STATE, MAX_NESTED_ZIP_BYTES, OPEN_PACKAGES_STATE, SCHEME } from './constants';
import { takeHandoff, type Handoff } from './handoff';
import { displayName, splitEntryUri } from './uris';
import type { ReviewLog } from './reviewLog';
import { loadReviewWorkspace, reviewSettings } from './settings';

export interface OpenPackage {
  uri: vscode.Uri;
  name: string;
  /** undefined when the file is not a readable ZIP (its review says why), or for a folder. */
  archive?: ZipArchive;
  /** An unpacked package: a folder of the workspace whose manifest.json follows the spec. */
  folder?: FolderPackage;
  review?: ReviewResult;
  /** The engine's session over the package: reviews, and re-lints of unsaved edits. */
  session?: ReviewSession;
  /** The package's files and tree, ZIP or folder alike (undefined when the file is not a readable ZIP). */
  source?: PackageSource;
  /** Bumped each time the archive is re-read, so views and the filesystem know it changed. */
  generation: number;
  /** Bumped at each review started: a review that finishes after a newer one started is dropped. */
  reviews: number;
  /** The user cancelled its last review: no findings are shown until it is reviewed again. */
  cancelled?: boolean;
}

/** Past this many files a review shows a progress notification (a few seconds or more). */
const LARGE_PACKAGE_FILES = 20_000;

/** The open packages: opened, watched on disk, re-read when replaced, reviewed, remembered across reloads. */
export class PackageRegistry implements vscode.Disposable {
  private readonly packages = new Map<string, OpenPackage>();
  /** Packages the user closed in this window (until opened again): the filesystem does not reopen them. */
  private readonly closed = new Set<string>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly changed = new vscode.EventEmitter<OpenPackage | undefined>();
  private readonly reviewed = new vscode.EventEmitter<OpenPackage>();
  /** Fires when the package list or a package's content changes. */
  readonly onDidChange = this.changed.event;
  /** Fires when a package's review is ready. */
  readonly onDidReview = this.reviewed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: ReviewLog,
    /** Where the open packages wait across a reload into a new workspace (see handoff.ts). */
    private readonly global?: vscode.Memento,
  ) {}

  list(): OpenPackage[] {
    return [...this.packages.values()];
  }

  get(archive: vscode.Uri): OpenPackage | undefined {
    return this.packages.get(archive.toString());
  }

  /** The package an upgrade-zip URI belongs to, opening it on first use (activation by a URI). */
  async forEntry(uri: vscode.Uri): Promise<OpenPackage> {
    const { archive } = splitEntryUri(uri);
    return this.get(archive) ?? this.open(archive);
  }

  /**
   * The package of an upgrade-zip URI the filesystem is asked for: opened on first use (an editor restored after
   * a reload), but never one the user closed in this window. Close Package closes the package's editors, and
   * VS Code may still ask for one of its entries as the tabs go (the next tab is shown for a moment): that late
   * read must not reopen the package behind the user's back.
   */
  async forFileSystem(uri: vscode.Uri): Promise<OpenPackage> {
    const { archive } = splitEntryUri(uri);
    if (!this.get(archive) && this.closed.has(archive.toString())) {
      throw new Error(`${displayName(archive)} was closed`);
    }
    return this.forEntry(uri);
  }

  async open(uri: vscode.Uri): Promise<OpenPackage> {
    const key = uri.toString();
    this.closed.delete(key);
    const existing = this.packages.get(key);
    if (existing) {
      return existing;
    }
    const pkg: OpenPackage = { uri, name: displayName(uri), generation: 0, reviews: 0 };
    this.packages.set(key, pkg);
    await this.load(pkg);
    this.watch(pkg);
    await this.remember();
    this.changed.fire(undefined);
    void this.review(pkg);
    return pkg;
  }

  async close(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const pkg = this.packages.get(key);
    if (!pkg) {
      return;
    }
    this.packages.delete(key);
    this.closed.add(key);
    this.watchers.get(key)?.dispose();
    this.watchers.delete(key);
    await pkg.archive?.close();
    pkg.session?.dispose();
    pkg.folder?.scripts.dispose();
    await this.remember();
    this.changed.fire(undefined);
  }

  /** Reopens the packages of the last session that still exist, and those handed over by the window before. */
  async restore(): Promise<void> {
    const handedOver = takeHandoff(this.global?.get(HANDOFF_STATE), Date.now());
    await this.global?.update(HANDOFF_STATE, undefined);
    for (const s of new Set([...this.state.get<string[]>(OPEN_PACKAGES_STATE, []), ...handedOver])) {
      try {
        await this.open(vscode.Uri.parse(s, true));
      } catch {
        // gone since: forget it quietly
      }
    }
    await this.remember();
  }

  /** Leaves the open packages for the window that follows a reload into a new workspace. */
  async handOff(): Promise<void> {
    const handoff: Handoff = { packages: this.list().map((p) => p.uri.toString()), at: Date.now() };
    await this.global?.update(HANDOFF_STATE, handoff);
  }

  private async remember(): Promise<void> {
    await this.state.update(OPEN_PACKAGES_STATE, this.list().map((p) => p.uri.toString()));
  }

  /** (Re)reads the archive; the old index stays in use until the new one is complete. */
  private async load(pkg: OpenPackage): Promise<void> {
    if (pkg.uri.scheme === 'file' && (await vscode.workspace.fs.stat(pkg.uri)).type & vscode.FileType.Directory) {
      const old = pkg.folder;
      pkg.folder = await FolderPackage.open(pkg.uri.fsPath, pkg.name);
      // Unsaved editor texts still stand in for their files in the package read again.
      old?.overlay.forEach((text, path) => pkg.folder!.overlay.set(path, text));
      old?.scripts.dispose();
      pkg.source = pkg.folder;
      pkg.session = new ReviewSession(pkg.folder);
      pkg.generation++;
      return;
    }
    const old = pkg.archive;
    let next: ZipArchive | undefined;
    try {
      if (pkg.uri.scheme === 'file') {
        next = await ZipArchive.open(pkg.uri.fsPath);
      } else {
        const stat = await vscode.workspace.fs.stat(pkg.uri);
        if (stat.size > MAX_NESTED_ZIP_BYTES) {
          throw new ZipError('too-large', `a package inside a package is opened up to ${MAX_NESTED_ZIP_BYTES / 1024 / 1024} MiB; this one has ${stat.size} bytes`);
        }
        next = await ZipArchive.fromBuffer(await vscode.workspace.fs.readFile(pkg.uri));
      }
    } catch (e) {
      if (!(e instanceof ZipError)) {
        if (!old) {
          this.packages.delete(pkg.uri.toString());
        }
        throw e;
      }
      pkg.review = corruptArchiveResult(pkg.uri.path, e, { configFiles: [], notes: [] });
      // Said where the user looks: the Problems entry alone is easy to miss.
      this.log.line(`${pkg.name} is not a readable ZIP: ${e.message}`);
      void vscode.window.showWarningMessage(`Upgrade Inspector: ${pkg.name} is not a readable ZIP (${e.message}). Nothing in it was reviewed.`);
    }
    pkg.archive = next;
    pkg.source = next && new ZipPackage(next, pkg.name);
    pkg.session = pkg.source && new ReviewSession(pkg.source);
    pkg.generation++;
    await old?.close();
  }

  private watch(pkg: OpenPackage): void {
    if (pkg.uri.scheme === SCHEME) {
      return; // a nested package changes when its parent does
    }
    // A .zip replaced in place; a folder whose files change on disk (a new release unpacked over it).
    const pattern = pkg.folder ? new vscode.RelativePattern(pkg.uri, '**/*') : new vscode.RelativePattern(vscode.Uri.joinPath(pkg.uri, '..'), pkg.uri.path.split('/').pop()!);
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    // A file copied in place fires several events while it is written: reloads run one after another, and a
    // burst of events while one runs makes one more reload, not one per event.
    let queue = Promise.resolve();
    let pending = false;
    const reload = (): void => {
      if (!pending) {
        pending = true;
        queue = queue.then(() => {
          pending = false;
          return this.reload(pkg);
        });
      }
    };
    this.watchers.set(pkg.uri.toString(), vscode.Disposable.from(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload)));
  }

  private async reload(pkg: OpenPackage): Promise<void> {
    if (!this.packages.has(pkg.uri.toString())) {
      return;
    }
    try {
      await this.load(pkg);
    } catch {
      return; // the file vanished: keep what we had until it is back
    }
    this.changed.fire(pkg);
    await this.review(pkg);
  }

  /** Reviews one package (or all) with the current workspace and settings. */
  async review(pkg?: OpenPackage): Promise<void> {
    const targets = pkg ? [pkg] : this.list();
    const tickets = new Map(targets.map((p) => [p, ++p.reviews]));
    const [workspace, settings] = await Promise.all([loadReviewWorkspace(), reviewSettings()]);
    for (const p of targets) {
      const session = p.session;
      const started = performance.now();
      // A large package takes a while: say so where the user looks, not only as "reviewing…" in a tree, and
      // let the user stop it.
      const location = (p.source?.files().length ?? 0) > LARGE_PACKAGE_FILES ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
      const controller = new AbortController();
      let review: ReviewResult | undefined;
      try {
        review = session ? await vscode.window.withProgress({ location, title: `Upgrade Inspector: reviewing ${p.name}`, cancellable: true }, (_, token) => {
          token.onCancellationRequested(() => controller.abort());
          return session.review(workspace, settings, controller.signal);
        }) : undefined;
      } catch (e) {
        if (!controller.signal.aborted) {
          throw e;
        }
        this.cancelled(p, tickets.get(p)!);
        continue;
      }
      if (review) {
        this.log.reviewed(p.name, review, performance.now() - started);
      }
      // A newer review started meanwhile (the package was replaced, the workspace changed): it has the say.
      if (p.reviews !== tickets.get(p) || session !== p.session || !this.packages.has(p.uri.toString())) {
        continue;
      }
      if (review && session) {
        p.cancelled = false;
        p.review = review;
        // The reviewed package has its nested archives opened: the views and the filesystem show them.
        p.source = session.source;
      }
      this.reviewed.fire(p);
    }
  }

  /** A review the user cancelled: its package shows no findings, says so, and offers to review again. */
  private cancelled(p: OpenPackage, ticket: number): void {
    if (p.reviews !== ticket || !this.packages.has(p.uri.toString())) {
      return;
    }
    p.cancelled = true;
    p.review = undefined;
    this.log.line(`review of ${p.name} cancelled: its findings are not shown`);
    this.reviewed.fire(p);
    const again = 'Review Again';
    void vscode.window.showInformationMessage(`Upgrade Inspector: the review of ${p.name} was cancelled; its findings are not shown.`, again).then(async (pick) => {
      if (pick === again) {
        await this.review(p);
      }
    });
  }

  dispose(): void {
    this.watchers.forEach((w) => w.dispose());
    this.packages.forEach((p) => {
      void p.archive?.close();
      p.folder?.scripts.dispose();
    });
    this.changed.dispose();
    this.reviewed.dispose();
  }
}
